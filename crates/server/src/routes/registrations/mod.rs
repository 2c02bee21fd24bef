//! Deal and lead registrations: submission with the conflict check, the lists, the manager's
//! decision, withdrawal and protection extensions.

pub mod links;
mod views;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use portico_api::date::Date;
use portico_api::registrations::{
    DecisionRequest, ExtensionRequest, InfoRequest, InfoResponse, ManagerRegistration,
    PartnerRegistration, PartnerRegistrationDetail, RegistrationDetail, RegistrationPage,
    RegistrationQuery, RegistrationRequest, ResolutionRequest,
};
use portico_api::{ErrorBody, Page};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use views::{manager_detail, manager_views, partner_entry, partner_views};

use crate::app::registrations::decisions::{self, Decision};
use crate::app::registrations::resolution;
use crate::app::registrations::{Filing, file_once, request_hash};
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath, ApiQuery, parse_cursor};
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::audit;
use crate::store::registrations::{self as store, ListFilter};
use crate::store::{Scope, into_page};

const IDEMPOTENCY_HEADER: &str = "idempotency-key";
const SUBJECT: &str = "registration";

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(submit, list))
        .routes(routes!(detail))
        .routes(routes!(decide))
        .routes(routes!(resolve))
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

/// The `Idempotency-Key` header, when sent.
fn idempotency_key(headers: &HeaderMap) -> ApiResult<Option<&str>> {
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

async fn created(state: &AppState, id: i64, organization_id: i64) -> ApiResult<Response> {
    let row = store::by_id(state.db.pool(), id, Scope::Organization(organization_id))
        .await?
        .ok_or_else(|| ApiError::internal("registration vanished after commit"))?;
    let view = partner_views(state, vec![row]).await?.remove(0);
    Ok((StatusCode::CREATED, Json(view)).into_response())
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
        organization_id: query.organization_id,
        status: query.status,
        queue: query.queue.unwrap_or(false),
        late_at: query.late.unwrap_or(false).then(|| state.now()),
        conflict: query.conflict,
        extension: query.extension,
        after: parse_cursor(page.cursor.as_deref())?,
        ..ListFilter::all(caller.scope(), page.limit())
    };
    let rows = store::page(state.db.pool(), filter).await?;
    let paged = into_page(rows, page.limit(), |r| r.id, Ok::<_, ApiError>)?;
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
        Scope::Organization(_) => {
            RegistrationDetail::Partner(Box::new(PartnerRegistrationDetail {
                registration: partner_views(&state, vec![row]).await?.remove(0),
                timeline: trail.into_iter().filter_map(partner_entry).collect(),
            }))
        }
        Scope::Vendor => {
            RegistrationDetail::Manager(Box::new(manager_detail(&state, row, trail).await?))
        }
    }))
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
    let decision = Decision {
        verdict: request.decision,
        reason: request.reason,
        rationale,
    };
    decisions::decide(&state, caller.user_id, id, decision).await?;
    Ok(Json(reread_for_manager(&state, id).await?))
}

/// Approve this registration and decline the competing claims named (reason: already
/// registered), in one step: all of it happens or none. Managers only.
#[utoipa::path(post, path = "/api/registrations/{id}/resolution", tag = "registrations",
    params(("id" = i64, Path)), request_body = ResolutionRequest,
    responses((status = 200, body = ManagerRegistration), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody, description = "One of them is already decided or withdrawn"),
        (status = 422, body = ErrorBody, description = "A named registration does not compete with this one")))]
async fn resolve(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<ResolutionRequest>,
) -> ApiResult<Json<ManagerRegistration>> {
    caller.require_vendor()?;
    let rationale = request.validate().map_err(ApiError::Validation)?;
    resolution::resolve(&state, caller.user_id, id, &request.decline, rationale).await?;
    Ok(Json(reread_for_manager(&state, id).await?))
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
    decisions::withdraw(&state, caller.user_id, organization_id, id).await?;
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
    decisions::request_extension(&state, caller.user_id, organization_id, id, justification)
        .await?;
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
    decisions::decide_extension(&state, caller.user_id, id, request.decision, rationale).await?;
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
    decisions::ask(&state, caller.user_id, id, question).await?;
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
    decisions::answer(&state, caller.user_id, organization_id, id, answer).await?;
    Ok(Json(reread_for_partner(&state, id, organization_id).await?))
}
