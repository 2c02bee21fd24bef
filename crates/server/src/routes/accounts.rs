//! The vendor's account book, for managers: list, add, edit, and import from CSV (the changes
//! are `app::accounts`).

use axum::Json;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use portico_api::accounts::{Account, AccountInput, AccountQuery, ImportQuery, ImportSummary};
use portico_api::page::PageQuery;
use portico_api::{ErrorBody, Page};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::accounts::{self as app_accounts};
use crate::domain::account_import::{self, Duplicates};
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath, ApiQuery, csv_body, parse_cursor};
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::accounts as store;
use crate::store::into_page;

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
    let mut conn = state.db.acquire().await?;
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
    let incumbent = input.incumbent_organization_id;
    let account = app_accounts::create(&state, caller.user_id, &valid, incumbent).await?;
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
    let incumbent = input.incumbent_organization_id;
    let account = app_accounts::replace(&state, caller.user_id, id, &valid, incumbent).await?;
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
    csv_body(&headers, &body)?;
    let duplicates = if query.merge_duplicates == Some(true) {
        Duplicates::Merge
    } else {
        Duplicates::Refuse
    };
    let accounts = account_import::parse(&body, duplicates).map_err(ApiError::Validation)?;
    Ok(Json(
        app_accounts::import(&state, caller.user_id, &accounts).await?,
    ))
}
