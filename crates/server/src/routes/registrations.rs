//! Deal and lead registrations: submission with the conflict check, the lists, the manager's
//! decision, withdrawal and protection extensions.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use portico_api::date::Date;
use portico_api::registrations::{
    ConflictFinding, ConflictLevel, DecisionRequest, ExtensionRequest, ExtensionStatus,
    InfoRequest, InfoResponse, ManagerRegistration, ManagerRegistrationDetail, PartnerRegistration,
    PartnerRegistrationDetail, RegistrationDetail, RegistrationPage, RegistrationQuery,
    RegistrationRequest, RegistrationStatus, TimelineEntry, ValidRegistration, Verdict, number,
};
use portico_api::{ErrorBody, FieldErrors, Page, Role};
use sha2::{Digest, Sha256};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::clock::{Timestamp, rfc3339};
use crate::domain::company;
use crate::domain::conflict::{self, AccountClaim, Claim, CustomerKey, MatchKind, Subject};
use crate::domain::program::{ProgramRules, SUBMISSIONS};
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath, ApiQuery};
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::accounts::{self, AccountRow};
use crate::store::audit::{self, AuditEntry, TrailRow};
use crate::store::outbox::{self, Message};
use crate::store::registrations::{
    self as store, ClaimRow, DecisionUpdate, ListFilter, Matched, NewRegistration, RegistrationRow,
    Scope,
};
use crate::store::{into_page, is_unique_violation, parse_cursor, products};

const IDEMPOTENCY_HEADER: &str = "idempotency-key";
const SUBJECT: &str = "registration";

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(submit, list))
        .routes(routes!(detail))
        .routes(routes!(decide))
        .routes(routes!(withdraw))
        .routes(routes!(request_extension))
        .routes(routes!(decide_extension))
        .routes(routes!(ask))
        .routes(routes!(answer))
}

/// Register a deal or a lead for the caller's organization. The answer says only whether the
/// customer needs review, never what it matched. A retry with the same `Idempotency-Key`
/// header answers with the registration the first request made.
#[utoipa::path(post, path = "/api/registrations", tag = "registrations",
    request_body = RegistrationRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Up to 100 characters, one per form")),
    responses(
        (status = 201, body = PartnerRegistration),
        (status = 403, body = ErrorBody, description = "Vendor staff cannot register"),
        (status = 422, body = ErrorBody),
        (status = 429, body = ErrorBody, description = "Too many submissions from this organization"),
    ))]
async fn submit(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(request): ApiJson<RegistrationRequest>,
) -> ApiResult<Response> {
    let organization_id = caller.partner_organization()?;
    let valid = request
        .validate(Date::from_unix(state.now()))
        .map_err(ApiError::Validation)?;
    let filing = Filing {
        organization_id,
        submitted_by: Some(caller.user_id),
        submitter_name: &caller.name,
        submitter_email: &caller.email,
        submitted_from: None,
        idempotency_key: idempotency_key(&headers)?,
        request_hash: &request_hash(&request)?,
        registration: &valid,
    };
    let id = file_once(&state, &filing).await?;
    created(&state, id, organization_id).await
}

/// A validated registration and who files it for which organization.
pub struct Filing<'a> {
    pub organization_id: i64,
    /// The signed-in submitter; `None` through the organization's registration link.
    pub submitted_by: Option<i64>,
    pub submitter_name: &'a str,
    pub submitter_email: &'a str,
    /// The client address, for submissions through a registration link.
    pub submitted_from: Option<&'a str>,
    pub idempotency_key: Option<&'a str>,
    /// Tells a retry (same request) from a reused key (another request).
    pub request_hash: &'a str,
    pub registration: &'a ValidRegistration,
}

pub fn request_hash(request: &RegistrationRequest) -> ApiResult<String> {
    let bytes = serde_json::to_vec(request).map_err(ApiError::internal)?;
    Ok(hex::encode(Sha256::digest(bytes)))
}

/// Files the registration unless a request with the same idempotency key already did;
/// returns the registration's id either way.
pub async fn file_once(state: &AppState, filing: &Filing<'_>) -> ApiResult<i64> {
    let mut tx = state.db.begin_write().await?;
    store::take_filing_turn(&mut tx, state.db.engine()).await?;
    if let Some(key) = filing.idempotency_key
        && let Some(id) =
            earlier_submission(&mut tx, filing.organization_id, key, filing.request_hash).await?
    {
        return Ok(id);
    }
    match file(&mut tx, &state.rules, filing, state.now()).await? {
        Some(id) => {
            tx.commit().await?;
            Ok(id)
        }
        // Two requests with one key raced and the other committed first.
        None => {
            drop(tx);
            duplicate_of(state, filing.organization_id, filing.idempotency_key).await
        }
    }
}

/// Checks the submission budget and the products, runs the conflict check, and writes the
/// registration with its findings and audit records. `None` when the idempotency key turned
/// out to be taken meanwhile.
pub async fn file(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    rules: &ProgramRules,
    filing: &Filing<'_>,
    now: Timestamp,
) -> ApiResult<Option<i64>> {
    let valid = filing.registration;
    let recent = store::submitted_since(
        &mut **tx,
        filing.organization_id,
        SUBMISSIONS.window_start(now),
    )
    .await?;
    if let Some(retry_after_secs) = SUBMISSIONS.retry_after(&recent, now) {
        return Err(ApiError::RateLimited { retry_after_secs });
    }
    if !products::all_active(&mut **tx, &valid.products).await? {
        return Err(ApiError::field(
            "products",
            "Choose products from the list.",
        ));
    }
    let name_key = company::name_key(&valid.company_name);
    let domain_key = company::registrable_domain(&valid.company_domain);
    let claims = store::live_claims(&mut **tx, now).await?;
    let accounts = accounts::all(&mut **tx).await?;
    let customer = CustomerKey {
        name_key: &name_key,
        domain_key: domain_key.as_deref(),
    };
    let matches = collisions(customer, &claims, &accounts);
    let new = NewRegistration {
        organization_id: filing.organization_id,
        submitted_by: filing.submitted_by,
        submitter_name: filing.submitter_name,
        submitter_email: filing.submitter_email,
        submitted_from: filing.submitted_from,
        idempotency_key: filing.idempotency_key,
        request_hash: filing.request_hash,
        registration: valid,
        name_key: &name_key,
        domain_key: domain_key.as_deref(),
        conflict: if matches.is_empty() {
            ConflictLevel::None
        } else {
            ConflictLevel::Review
        },
        decide_by: rules.decide_by(now),
    };
    let id = match store::insert(&mut **tx, &new, now).await {
        Err(e) if filing.idempotency_key.is_some() && is_unique_violation(&e) => return Ok(None),
        other => other?,
    };
    for product_id in &valid.products {
        store::insert_product(&mut **tx, id, *product_id).await?;
    }
    record_findings(tx, id, &matches, filing, now).await?;
    Ok(Some(id))
}

/// The `Idempotency-Key` header, when sent.
pub fn idempotency_key(headers: &HeaderMap) -> ApiResult<Option<&str>> {
    let Some(value) = headers.get(IDEMPOTENCY_HEADER) else {
        return Ok(None);
    };
    value
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 100)
        .map(Some)
        .ok_or_else(|| {
            ApiError::BadRequest(
                "The Idempotency-Key header must be 1 to 100 visible characters.".into(),
            )
        })
}

/// The registration an earlier request with this key made; the same key on a different
/// request is refused rather than silently answered with the old registration.
async fn earlier_submission(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    organization_id: i64,
    key: &str,
    request_hash: &str,
) -> ApiResult<Option<i64>> {
    match store::by_idempotency_key(&mut **tx, organization_id, key).await? {
        Some((id, hash)) if hash == request_hash => Ok(Some(id)),
        Some(_) => Err(ApiError::Unprocessable(
            "This Idempotency-Key was already used for a different registration.".into(),
        )),
        None => Ok(None),
    }
}

async fn duplicate_of(state: &AppState, organization_id: i64, key: Option<&str>) -> ApiResult<i64> {
    let key = key.ok_or_else(|| ApiError::internal("duplicate without a key"))?;
    store::by_idempotency_key(state.db.pool(), organization_id, key)
        .await?
        .map(|(id, _)| id)
        .ok_or_else(|| ApiError::internal("the racing registration vanished"))
}

pub async fn created(state: &AppState, id: i64, organization_id: i64) -> ApiResult<Response> {
    let row = store::by_id(state.db.pool(), id, Scope::Organization(organization_id))
        .await?
        .ok_or_else(|| ApiError::internal("registration vanished after commit"))?;
    let view = partner_views(state, vec![row]).await?.remove(0);
    Ok((StatusCode::CREATED, Json(view)).into_response())
}

/// An existing claim on the customer: a live registration or an account of the book.
enum Collision<'a> {
    Registration(MatchKind, &'a ClaimRow),
    Account(MatchKind, &'a AccountRow),
}

fn collisions<'a>(
    customer: CustomerKey<'_>,
    claims: &'a [ClaimRow],
    accounts: &'a [AccountRow],
) -> Vec<Collision<'a>> {
    let compare = |name_key: &str, domain_key: Option<&str>| {
        conflict::compare(
            customer,
            CustomerKey {
                name_key,
                domain_key,
            },
        )
    };
    let registrations = claims.iter().filter_map(|c| {
        compare(&c.name_key, c.domain_key.as_deref()).map(|kind| Collision::Registration(kind, c))
    });
    let accounts = accounts.iter().filter_map(|a| {
        compare(&a.name_key, a.domain_key.as_deref()).map(|kind| Collision::Account(kind, a))
    });
    registrations.chain(accounts).collect()
}

fn account_claim(row: &AccountRow) -> AccountClaim<'_> {
    AccountClaim {
        name: &row.name,
        owner: &row.owner,
        incumbent: row
            .incumbent_organization_id
            .zip(row.incumbent_name.as_deref()),
    }
}

/// Stores the findings and writes the submission's audit records: the partner-visible
/// submission, and the manager-only conflict check with its reasons.
async fn record_findings(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    matches: &[Collision<'_>],
    filing: &Filing<'_>,
    now: Timestamp,
) -> ApiResult<()> {
    let mut reasons = Vec::new();
    for collision in matches {
        let (matched, kind, reason) = match collision {
            Collision::Registration(kind, claim) => (
                Matched::Registration(claim.id),
                kind,
                conflict::reason(*kind, &claim_of(claim)?),
            ),
            Collision::Account(kind, account) => (
                Matched::Account(account.id),
                kind,
                conflict::account_reason(*kind, &account_claim(account)),
            ),
        };
        store::insert_finding(&mut **tx, id, matched, kind.as_str()).await?;
        reasons.push(reason);
    }
    let findings = if reasons.is_empty() {
        "no conflict found".to_owned()
    } else {
        reasons.join("; ")
    };
    for (action, rationale) in [
        ("registration.submitted", None),
        ("registration.conflict_checked", Some(findings.as_str())),
    ] {
        let entry = AuditEntry {
            actor_user_id: filing.submitted_by,
            action,
            subject_type: SUBJECT,
            subject_id: Some(id),
            organization_id: Some(filing.organization_id),
            before: None,
            after: None,
            rationale,
        };
        audit::record(&mut **tx, &entry, now).await?;
    }
    Ok(())
}

fn claim_of(row: &ClaimRow) -> ApiResult<Claim<'_>> {
    Ok(Claim {
        registration_id: row.id,
        organization_name: &row.organization_name,
        status: RegistrationStatus::parse(&row.status)
            .ok_or_else(|| ApiError::internal(format!("unknown status {:?}", row.status)))?,
        submitted_at: row.submitted_at,
        decided_at: row.decided_at,
    })
}

/// Partners see their organization's registrations, newest first; managers see all, can
/// filter by organization, and `queue=true` gives the undecided oldest first.
#[utoipa::path(get, path = "/api/registrations", tag = "registrations", params(RegistrationQuery),
    responses((status = 200, body = RegistrationPage)))]
async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<RegistrationQuery>,
) -> ApiResult<Json<RegistrationPage>> {
    let page = query.page();
    let filter = ListFilter {
        scope: caller.scope(),
        organization_id: query.organization_id,
        status: query.status,
        queue: query.queue.unwrap_or(false),
        after: parse_cursor(page.cursor.as_deref())?,
        limit: page.limit(),
    };
    let rows = store::page(state.db.pool(), filter).await?;
    let paged = into_page(rows, page.limit(), |r| r.id, Ok)?;
    let next_cursor = paged.next_cursor;
    Ok(Json(match caller.scope() {
        Scope::Organization(_) => RegistrationPage::Partner(Page {
            items: partner_views(&state, paged.items).await?,
            next_cursor,
        }),
        Scope::Vendor => RegistrationPage::Manager(Page {
            items: manager_views(&state, paged.items).await?,
            next_cursor,
        }),
    }))
}

/// Rows with their products, in the partner's shape.
async fn partner_views(
    state: &AppState,
    rows: Vec<RegistrationRow>,
) -> ApiResult<Vec<PartnerRegistration>> {
    let now = state.now();
    let mut products = products_by_registration(state, &rows).await?;
    rows.into_iter()
        .map(|row| {
            let own = products.remove(&row.id).unwrap_or_default();
            row.into_partner_view(own, now)
        })
        .collect()
}

async fn manager_views(
    state: &AppState,
    rows: Vec<RegistrationRow>,
) -> ApiResult<Vec<ManagerRegistration>> {
    let now = state.now();
    let mut products = products_by_registration(state, &rows).await?;
    rows.into_iter()
        .map(|row| {
            let own = products.remove(&row.id).unwrap_or_default();
            row.into_manager_view(own, now)
        })
        .collect()
}

async fn products_by_registration(
    state: &AppState,
    rows: &[RegistrationRow],
) -> ApiResult<std::collections::HashMap<i64, Vec<portico_api::registrations::Product>>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut by_id = std::collections::HashMap::<i64, Vec<_>>::new();
    for (registration_id, product) in store::products_of(state.db.pool(), &ids).await? {
        by_id.entry(registration_id).or_default().push(product);
    }
    Ok(by_id)
}

/// One registration with its timeline; managers also get the conflict findings, the matching
/// registrations and the suggested resolution. Another organization's id is 404.
#[utoipa::path(get, path = "/api/registrations/{id}", tag = "registrations",
    params(("id" = i64, Path)),
    responses((status = 200, body = RegistrationDetail), (status = 404, body = ErrorBody)))]
async fn detail(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<RegistrationDetail>> {
    let row = store::by_id(state.db.pool(), id, caller.scope())
        .await?
        .ok_or(ApiError::NotFound)?;
    let trail = audit::trail(state.db.pool(), SUBJECT, id).await?;
    Ok(Json(match caller.scope() {
        Scope::Organization(_) => RegistrationDetail::Partner(PartnerRegistrationDetail {
            registration: partner_views(&state, vec![row]).await?.remove(0),
            timeline: trail.into_iter().filter_map(partner_entry).collect(),
        }),
        Scope::Vendor => RegistrationDetail::Manager(manager_detail(&state, row, trail).await?),
    }))
}

async fn manager_detail(
    state: &AppState,
    row: RegistrationRow,
    trail: Vec<TrailRow>,
) -> ApiResult<ManagerRegistrationDetail> {
    let subject = Subject {
        registration_id: row.id,
        organization_id: row.organization_id,
        submitted_at: row.submitted_at,
    };
    let mut findings = Vec::new();
    let (mut matched, mut matched_accounts) = (Vec::new(), Vec::new());
    for (target, kind) in store::findings_of(state.db.pool(), row.id).await? {
        let kind = MatchKind::parse(&kind)
            .ok_or_else(|| ApiError::internal(format!("unknown match kind {kind:?}")))?;
        let finding = |reason, registration_id, account_id| ConflictFinding {
            level: ConflictLevel::Review,
            reason,
            registration_id,
            account_id,
        };
        match target {
            Matched::Registration(other_id) => {
                let Some(other) = store::by_id(state.db.pool(), other_id, Scope::Vendor).await?
                else {
                    continue;
                };
                findings.push(finding(
                    conflict::reason(kind, &claim_of_row(&other)?),
                    Some(other_id),
                    None,
                ));
                matched.push(other);
            }
            Matched::Account(account_id) => {
                let Some(account) = accounts::by_id(state.db.pool(), account_id).await? else {
                    continue;
                };
                findings.push(finding(
                    conflict::account_reason(kind, &account_claim(&account)),
                    None,
                    Some(account_id),
                ));
                matched_accounts.push(account);
            }
        }
    }
    let claims = matched
        .iter()
        .map(claim_of_row)
        .collect::<ApiResult<Vec<_>>>()?;
    let account_claims: Vec<_> = matched_accounts.iter().map(account_claim).collect();
    let suggestion = conflict::suggest(subject, &claims, &account_claims);
    Ok(ManagerRegistrationDetail {
        registration: manager_views(state, vec![row]).await?.remove(0),
        findings,
        matches: manager_views(state, matched).await?,
        accounts: matched_accounts
            .into_iter()
            .map(AccountRow::into_view)
            .collect(),
        suggestion,
        timeline: trail.into_iter().filter_map(manager_entry).collect(),
    })
}

fn claim_of_row(row: &RegistrationRow) -> ApiResult<Claim<'_>> {
    Ok(Claim {
        registration_id: row.id,
        organization_name: &row.organization_name,
        status: row.status()?,
        submitted_at: row.submitted_at,
        decided_at: row.decided_at,
    })
}

/// How an audit action reads on the timeline, and whether the partner sees it.
fn describe(action: &str) -> Option<(&'static str, bool)> {
    Some(match action {
        "registration.submitted" => ("Submitted", true),
        "registration.conflict_checked" => ("Conflict check", false),
        "registration.approved" => ("Approved", true),
        "registration.declined" => ("Declined", true),
        "registration.withdrawn" => ("Withdrawn", true),
        "registration.info_requested" => ("More information requested", true),
        "registration.info_answered" => ("Partner answered", true),
        "registration.extension_requested" => ("Extension of protection requested", true),
        "registration.extension_approved" => ("Extension approved", true),
        "registration.extension_declined" => ("Extension declined", true),
        "registration.reminded" => ("Protection ends within 7 days", true),
        "registration.expired" => ("Protection ended", true),
        "registration.sla_breached" => ("Not decided within the approval SLA", false),
        _ => return None,
    })
}

fn partner_entry(row: TrailRow) -> Option<TimelineEntry> {
    let (what, partner_visible) = describe(&row.action)?;
    if !partner_visible {
        return None;
    }
    let vendor = row
        .actor_role
        .as_deref()
        .and_then(Role::parse)
        .is_some_and(Role::is_vendor);
    Some(TimelineEntry {
        at: rfc3339(row.at),
        what: what.to_owned(),
        who: if vendor {
            Some("Partner manager".to_owned())
        } else {
            row.actor_name
        },
        rationale: row.rationale,
    })
}

fn manager_entry(row: TrailRow) -> Option<TimelineEntry> {
    let (what, _) = describe(&row.action)?;
    Some(TimelineEntry {
        at: rfc3339(row.at),
        what: what.to_owned(),
        who: row.actor_name,
        rationale: row.rationale,
    })
}

/// Approve (starting the protection window) or decline (rationale required) an undecided
/// registration. Managers only.
#[utoipa::path(post, path = "/api/registrations/{id}/decision", tag = "registrations",
    params(("id" = i64, Path)), request_body = DecisionRequest,
    responses((status = 200, body = ManagerRegistration), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody, description = "Already decided or withdrawn"),
        (status = 422, body = ErrorBody)))]
async fn decide(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<DecisionRequest>,
) -> ApiResult<Json<ManagerRegistration>> {
    caller.require_vendor()?;
    let rationale = request.validate().map_err(ApiError::Validation)?;
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let row = store::by_id(&mut *tx, id, Scope::Vendor)
        .await?
        .ok_or(ApiError::NotFound)?;
    let (status, reason, ends, action) = match request.decision {
        Verdict::Approve => (
            RegistrationStatus::Approved,
            None,
            Some(state.rules.protection_ends(row.motion()?, now)),
            "registration.approved",
        ),
        Verdict::Decline => (
            RegistrationStatus::Declined,
            Some(
                request
                    .reason
                    .unwrap_or(portico_api::registrations::DeclineReason::Other),
            ),
            None,
            "registration.declined",
        ),
    };
    let update = DecisionUpdate {
        id,
        status,
        decided_by: caller.user_id,
        reason,
        rationale: rationale.as_deref(),
        protection_ends_at: ends,
    };
    if !store::decide(&mut *tx, &update, now).await? {
        return Err(not_now(format!(
            "{} is {} and can no longer be decided.",
            number(id),
            row.status()?.label().to_lowercase()
        )));
    }
    let what = status.label().to_lowercase();
    record_and_tell(
        &mut tx,
        &caller,
        &row,
        action,
        &what,
        rationale.as_deref(),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Json(reread_for_manager(&state, id).await?))
}

fn not_now(message: String) -> ApiError {
    ApiError::Conflict(message, FieldErrors::new())
}

fn event<'a>(
    caller: &Caller,
    row: &RegistrationRow,
    action: &'a str,
    rationale: Option<&'a str>,
) -> AuditEntry<'a> {
    AuditEntry {
        actor_user_id: Some(caller.user_id),
        action,
        subject_type: SUBJECT,
        subject_id: Some(row.id),
        organization_id: Some(row.organization_id),
        before: audit::state(&serde_json::json!({ "status": row.status })),
        after: None,
        rationale,
    }
}

/// The audit record of a manager's action, and the message that tells the partner about it.
async fn record_and_tell(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    caller: &Caller,
    row: &RegistrationRow,
    action: &str,
    what: &str,
    text: Option<&str>,
    now: Timestamp,
) -> ApiResult<()> {
    audit::record(&mut **tx, &event(caller, row, action, text), now).await?;
    let subject = format!("{} {what}: {}", number(row.id), row.company_name);
    let message = Message {
        category: "registration_decision",
        organization_id: Some(row.organization_id),
        registration_id: Some(row.id),
        subject: &subject,
        body: text.unwrap_or_default(),
    };
    outbox::enqueue(&mut **tx, &message, now).await?;
    Ok(())
}

async fn reread_for_manager(state: &AppState, id: i64) -> ApiResult<ManagerRegistration> {
    let row = store::by_id(state.db.pool(), id, Scope::Vendor)
        .await?
        .ok_or_else(|| ApiError::internal("registration vanished after commit"))?;
    Ok(manager_views(state, vec![row]).await?.remove(0))
}

async fn reread_for_partner(
    state: &AppState,
    id: i64,
    organization_id: i64,
) -> ApiResult<PartnerRegistration> {
    let row = store::by_id(state.db.pool(), id, Scope::Organization(organization_id))
        .await?
        .ok_or_else(|| ApiError::internal("registration vanished after commit"))?;
    Ok(partner_views(state, vec![row]).await?.remove(0))
}

/// The partner takes a registration back: undecided, or approved (ending its protection).
#[utoipa::path(post, path = "/api/registrations/{id}/withdraw", tag = "registrations",
    params(("id" = i64, Path)),
    responses((status = 200, body = PartnerRegistration), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
async fn withdraw(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<PartnerRegistration>> {
    let organization_id = caller.partner_organization()?;
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let row = store::by_id(&mut *tx, id, Scope::Organization(organization_id))
        .await?
        .ok_or(ApiError::NotFound)?;
    if !store::withdraw(&mut *tx, id, organization_id, now).await? {
        return Err(not_now(format!(
            "{} is {} and cannot be withdrawn.",
            number(id),
            row.status()?.label().to_lowercase()
        )));
    }
    audit::record(
        &mut *tx,
        &event(&caller, &row, "registration.withdrawn", None),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Json(reread_for_partner(&state, id, organization_id).await?))
}

/// Ask once, with a justification, for the protection of an approved registration to last longer.
#[utoipa::path(post, path = "/api/registrations/{id}/extension", tag = "registrations",
    params(("id" = i64, Path)), request_body = ExtensionRequest,
    responses((status = 200, body = PartnerRegistration), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "Not approved, or already asked once"),
        (status = 422, body = ErrorBody)))]
async fn request_extension(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<ExtensionRequest>,
) -> ApiResult<Json<PartnerRegistration>> {
    let organization_id = caller.partner_organization()?;
    let justification = request.validate().map_err(ApiError::Validation)?;
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let row = store::by_id(&mut *tx, id, Scope::Organization(organization_id))
        .await?
        .ok_or(ApiError::NotFound)?;
    if !store::request_extension(&mut *tx, id, organization_id, &justification, now).await? {
        return Err(not_now(if row.extension_status.is_some() {
            "An extension can be asked for once per registration, and this one already was."
                .to_owned()
        } else {
            format!(
                "Only approved registrations can be extended; {} is not.",
                number(id)
            )
        }));
    }
    let entry = event(
        &caller,
        &row,
        "registration.extension_requested",
        Some(&justification),
    );
    audit::record(&mut *tx, &entry, now).await?;
    tx.commit().await?;
    Ok(Json(reread_for_partner(&state, id, organization_id).await?))
}

/// Approve (adding the configured extension days) or decline a pending extension request.
#[utoipa::path(post, path = "/api/registrations/{id}/extension/decision", tag = "registrations",
    params(("id" = i64, Path)), request_body = DecisionRequest,
    responses((status = 200, body = ManagerRegistration), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn decide_extension(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<DecisionRequest>,
) -> ApiResult<Json<ManagerRegistration>> {
    caller.require_vendor()?;
    let rationale = request.validate().map_err(ApiError::Validation)?;
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let row = store::by_id(&mut *tx, id, Scope::Vendor)
        .await?
        .ok_or(ApiError::NotFound)?;
    let (Some(ends), Some("requested")) = (row.protection_ends_at, row.extension_status.as_deref())
    else {
        return Err(not_now(format!(
            "{} has no pending extension request.",
            number(id)
        )));
    };
    let (status, new_end, action) = match request.decision {
        Verdict::Approve => (
            ExtensionStatus::Approved,
            state.rules.extended(ends),
            "registration.extension_approved",
        ),
        Verdict::Decline => (
            ExtensionStatus::Declined,
            ends,
            "registration.extension_declined",
        ),
    };
    if !store::decide_extension(&mut *tx, id, status, rationale.as_deref(), new_end, now).await? {
        return Err(not_now(format!(
            "{} has no pending extension request.",
            number(id)
        )));
    }
    let what = status.label().to_lowercase();
    record_and_tell(
        &mut tx,
        &caller,
        &row,
        action,
        &what,
        rationale.as_deref(),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Json(reread_for_manager(&state, id).await?))
}

/// Ask the partner for more information; the registration waits for the answer. Managers only.
#[utoipa::path(post, path = "/api/registrations/{id}/info-request", tag = "registrations",
    params(("id" = i64, Path)), request_body = InfoRequest,
    responses((status = 200, body = ManagerRegistration), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn ask(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<InfoRequest>,
) -> ApiResult<Json<ManagerRegistration>> {
    caller.require_vendor()?;
    let question = request.validate().map_err(ApiError::Validation)?;
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let row = store::by_id(&mut *tx, id, Scope::Vendor)
        .await?
        .ok_or(ApiError::NotFound)?;
    if !store::ask(&mut *tx, id, &question, now).await? {
        return Err(not_now(format!(
            "{} is {}; questions can be asked only while it waits for a decision.",
            number(id),
            row.status()?.label().to_lowercase()
        )));
    }
    let action = "registration.info_requested";
    let what = "question from a partner manager";
    record_and_tell(&mut tx, &caller, &row, action, what, Some(&question), now).await?;
    tx.commit().await?;
    Ok(Json(reread_for_manager(&state, id).await?))
}

/// Answer the partner manager's question; the registration goes back to the queue.
#[utoipa::path(post, path = "/api/registrations/{id}/info-response", tag = "registrations",
    params(("id" = i64, Path)), request_body = InfoResponse,
    responses((status = 200, body = PartnerRegistration), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn answer(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<InfoResponse>,
) -> ApiResult<Json<PartnerRegistration>> {
    let organization_id = caller.partner_organization()?;
    let answer = request.validate().map_err(ApiError::Validation)?;
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let row = store::by_id(&mut *tx, id, Scope::Organization(organization_id))
        .await?
        .ok_or(ApiError::NotFound)?;
    if !store::answered(&mut *tx, id, organization_id, now).await? {
        return Err(not_now(format!("{} has no open question.", number(id))));
    }
    audit::record(
        &mut *tx,
        &event(&caller, &row, "registration.info_answered", Some(&answer)),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Json(reread_for_partner(&state, id, organization_id).await?))
}
