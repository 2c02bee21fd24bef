//! The vendor's account book, for managers: list, add, edit, and import from CSV.

use axum::Json;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode, header};
use portico_api::accounts::{
    ALTERNATIVE_NAMES_MAX, Account, AccountInput, AccountQuery, ImportQuery, ImportSummary,
    ValidAccount,
};
use portico_api::page::PageQuery;
use portico_api::{ErrorBody, Page};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::domain::account_import::{self, Duplicates, ImportAccount};
use crate::domain::alternative_names::{self, AlternativeName};
use crate::domain::company;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath, ApiQuery, parse_cursor, refuse_nul};
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::account_names;
use crate::store::accounts::{self as store, NewAccount};
use crate::store::audit::{self, AuditEntry};
use crate::store::{into_page, organizations};

/// An account book of 20,000 rows fits.
const IMPORT_BODY_LIMIT: usize = 4 * 1024 * 1024;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(replace))
        .merge(
            OpenApiRouter::new()
                .routes(routes!(import))
                .layer(DefaultBodyLimit::max(IMPORT_BODY_LIMIT)),
        )
}

/// Accounts in the order they were added; `q` filters by part of the name or domain.
#[utoipa::path(get, path = "/api/accounts", tag = "accounts", params(AccountQuery),
    responses((status = 200, body = Page<Account>), (status = 403, body = ErrorBody)))]
async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<AccountQuery>,
) -> ApiResult<Json<Page<Account>>> {
    caller.require_vendor()?;
    let page = PageQuery {
        cursor: query.cursor,
        limit: query.limit,
    };
    let after = parse_cursor(page.cursor.as_deref())?;
    let pattern = query
        .q
        .map(|q| q.trim().to_lowercase())
        .filter(|q| !q.is_empty())
        .map(|q| format!("%{}%", q.replace(['%', '_'], "")));
    let rows = store::page(state.db.pool(), pattern.as_deref(), after, page.limit()).await?;
    let mut conn = state.db.pool().acquire().await?;
    let accounts = store::views(&mut conn, rows).await?;
    Ok(Json(into_page(
        accounts,
        page.limit(),
        |a| a.id,
        Ok::<_, ApiError>,
    )?))
}

/// Add one account.
#[utoipa::path(post, path = "/api/accounts", tag = "accounts", request_body = AccountInput,
    responses((status = 201, body = Account), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(input): ApiJson<AccountInput>,
) -> ApiResult<(StatusCode, Json<Account>)> {
    caller.require_vendor()?;
    let valid = input.validate().map_err(ApiError::Validation)?;
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    check_incumbent(&mut tx, input.incumbent_organization_id).await?;
    let keys = Keys::of(&valid);
    let id = store::insert(
        &mut tx,
        &keys.row(&valid, input.incumbent_organization_id),
        now,
    )
    .await?;
    let account = reread(&mut tx, id).await?;
    audit::record(
        &mut *tx,
        &entry(&caller, "account.created", id, None, &account),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(account)))
}

/// Replace an account's fields.
#[utoipa::path(put, path = "/api/accounts/{id}", tag = "accounts", params(("id" = i64, Path)),
    request_body = AccountInput,
    responses((status = 200, body = Account), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn replace(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<AccountInput>,
) -> ApiResult<Json<Account>> {
    caller.require_vendor()?;
    let valid = input.validate().map_err(ApiError::Validation)?;
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let before = view(&mut tx, id).await?.ok_or(ApiError::NotFound)?;
    check_incumbent(&mut tx, input.incumbent_organization_id).await?;
    let keys = Keys::of(&valid);
    store::update(
        &mut tx,
        id,
        &keys.row(&valid, input.incumbent_organization_id),
        now,
    )
    .await?;
    let account = reread(&mut tx, id).await?;
    audit::record(
        &mut *tx,
        &entry(&caller, "account.updated", id, Some(&before), &account),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Json(account))
}

/// Import accounts from CSV (`Content-Type: text/csv`) with the columns name, domain, owner
/// and optionally incumbent_partner (an organization's exact name). A row whose domain (or,
/// without a domain, whose name) is already in the book updates that account. Rows naming an
/// account an earlier row names are refused, unless `merge_duplicates=true` imports them as
/// one account, the later rows' names as its alternative names. Any bad row rejects the whole
/// file with 422 and one message per row in `error.fields`.
#[utoipa::path(post, path = "/api/accounts/import", tag = "accounts", params(ImportQuery),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = ImportSummary), (status = 403, body = ErrorBody),
        (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn import(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<ImportQuery>,
    headers: HeaderMap,
    body: String,
) -> ApiResult<Json<ImportSummary>> {
    caller.require_vendor()?;
    let is_csv = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/csv") || v.starts_with("text/plain"));
    if !is_csv {
        return Err(ApiError::UnsupportedMediaType(
            "Send the file as text/csv.".into(),
        ));
    }
    refuse_nul(&body)?;
    let duplicates = if query.merge_duplicates == Some(true) {
        Duplicates::Merge
    } else {
        Duplicates::Refuse
    };
    let accounts = account_import::parse(&body, duplicates).map_err(ApiError::Validation)?;
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let incumbents = resolve_incumbents(&mut tx, &accounts).await?;
    let (mut created, mut updated, mut merged) = (Vec::new(), Vec::new(), 0);
    for (account, incumbent) in accounts.iter().zip(incumbents) {
        let ImportAccount { first: row, .. } = account;
        let existing = store::id_by_key(&mut *tx, row.domain_key.as_deref(), &row.name_key).await?;
        let names = imported_names(&mut tx, existing, account).await?;
        let new = NewAccount {
            account: &row.account,
            name_key: &row.name_key,
            domain_key: row.domain_key.as_deref(),
            alternative_names: &names,
            incumbent_organization_id: incumbent,
        };
        match existing {
            Some(id) => {
                store::update(&mut tx, id, &new, now).await?;
                updated.push(id);
            }
            None => created.push(store::insert(&mut tx, &new, now).await?),
        }
        merged += account.merged;
    }
    let summary = serde_json::json!({ "created": created, "updated": updated, "merged": merged });
    let record = AuditEntry {
        actor_user_id: Some(caller.user_id),
        action: "accounts.imported",
        subject_type: "account",
        subject_id: None,
        organization_id: None,
        before: None,
        after: Some(summary),
        rationale: None,
    };
    audit::record(&mut *tx, &record, now).await?;
    tx.commit().await?;
    Ok(Json(ImportSummary {
        created: created.len() as u32,
        updated: updated.len() as u32,
        merged: merged as u32,
    }))
}

/// An imported account's alternative names: those it has in the book, then the file's. An
/// import adds names and never removes one; editing the account does.
async fn imported_names(
    tx: &mut sqlx::AnyConnection,
    existing: Option<i64>,
    account: &ImportAccount,
) -> ApiResult<Vec<AlternativeName>> {
    let kept = match existing {
        // Locked first: an import running beside this one adds its names after these.
        Some(id) if store::lock(&mut *tx, id).await? => account_names::of(&mut *tx, &[id])
            .await?
            .remove(&id)
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let names = kept
        .iter()
        .chain(&account.alternative_names)
        .map(|n| n.name.as_str());
    let names = alternative_names::distinct(&account.first.name_key, names);
    if names.len() > ALTERNATIVE_NAMES_MAX {
        return Err(ApiError::Validation(account_import::RowErrors::from([(
            format!("row {}", account.first.row),
            format!(
                "The account this row updates would have more than {ALTERNATIVE_NAMES_MAX} \
                 alternative names; edit it to remove some first."
            ),
        )])));
    }
    Ok(names)
}

/// Each account's incumbent organization id; unknown names fail the import with their rows.
async fn resolve_incumbents(
    tx: &mut sqlx::AnyConnection,
    accounts: &[ImportAccount],
) -> ApiResult<Vec<Option<i64>>> {
    let mut ids = Vec::with_capacity(accounts.len());
    let mut errors = account_import::RowErrors::new();
    for ImportAccount { first: row, .. } in accounts {
        let Some(name) = &row.incumbent_partner else {
            ids.push(None);
            continue;
        };
        match organizations::id_by_name(&mut *tx, name).await? {
            Some(id) => ids.push(Some(id)),
            None => {
                errors.insert(
                    format!("row {}", row.row),
                    format!("incumbent_partner: No partner organization is named {name:?}."),
                );
            }
        }
    }
    if errors.is_empty() {
        Ok(ids)
    } else {
        Err(ApiError::Validation(errors))
    }
}

async fn check_incumbent(tx: &mut sqlx::AnyConnection, id: Option<i64>) -> ApiResult<()> {
    match id {
        Some(id) if !organizations::exists(&mut *tx, id).await? => Err(ApiError::field(
            "incumbent_organization_id",
            "That organization does not exist.",
        )),
        _ => Ok(()),
    }
}

/// An account's matching keys.
struct Keys {
    name: String,
    domain: Option<String>,
    alternative_names: Vec<AlternativeName>,
}

impl Keys {
    fn of(account: &ValidAccount) -> Keys {
        let name = company::name_key(&account.name);
        let alternative_names = alternative_names::distinct(
            &name,
            account.alternative_names.iter().map(String::as_str),
        );
        Keys {
            name,
            domain: account
                .domain
                .as_deref()
                .and_then(company::registrable_domain),
            alternative_names,
        }
    }

    fn row<'a>(&'a self, account: &'a ValidAccount, incumbent: Option<i64>) -> NewAccount<'a> {
        NewAccount {
            account,
            name_key: &self.name,
            domain_key: self.domain.as_deref(),
            alternative_names: &self.alternative_names,
            incumbent_organization_id: incumbent,
        }
    }
}

/// The account in the managers' shape, if there is one.
async fn view(tx: &mut sqlx::AnyConnection, id: i64) -> ApiResult<Option<Account>> {
    let Some(row) = store::by_id(&mut *tx, id).await? else {
        return Ok(None);
    };
    Ok(store::views(tx, vec![row]).await?.pop())
}

async fn reread(tx: &mut sqlx::AnyConnection, id: i64) -> ApiResult<Account> {
    view(tx, id)
        .await?
        .ok_or_else(|| ApiError::internal("account vanished inside its transaction"))
}

fn entry(
    caller: &Caller,
    action: &'static str,
    id: i64,
    before: Option<&Account>,
    after: &Account,
) -> AuditEntry {
    AuditEntry {
        actor_user_id: Some(caller.user_id),
        action,
        subject_type: "account",
        subject_id: Some(id),
        organization_id: None,
        before: before.and_then(audit::state),
        after: audit::state(after),
        rationale: None,
    }
}
