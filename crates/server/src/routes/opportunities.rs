//! One opportunity: its detail for either side, the manager's edits and stage moves, shared
//! notes, and deals managers create without a registration (the changes are
//! `app::opportunities`).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_api::ErrorBody;
use portico_api::pipeline::{
    ManagerOpportunityDetail, NewOpportunity, NoteRequest, OpportunityDetail, OpportunityPatch,
    PartnerOpportunityDetail, SharedNote,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::opportunities::{self, Author};
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath};
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::Scope;
use crate::store::opportunities as store;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create))
        .routes(routes!(detail, edit))
        .routes(routes!(add_note))
}

/// One opportunity with its shared notes: partners get the safe fields of their own
/// organization's deals (another organization's id is 404), vendor staff get everything.
#[utoipa::path(get, path = "/api/opportunities/{id}", tag = "pipeline",
    params(("id" = i64, Path)),
    responses((status = 200, body = OpportunityDetail), (status = 404, body = ErrorBody)))]
async fn detail(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<OpportunityDetail>> {
    let db = state.db.pool();
    let now = state.now();
    Ok(Json(match caller.scope() {
        Scope::Organization(organization_id) => {
            let row = store::safe_by_id(db, id, organization_id)
                .await?
                .ok_or(ApiError::NotFound)?;
            OpportunityDetail::Partner(PartnerOpportunityDetail {
                opportunity: row.into_partner_view(now),
                notes: store::notes(db, id).await?,
            })
        }
        Scope::Vendor => OpportunityDetail::Manager(manager_detail(&state, id).await?),
    }))
}

/// Edit a deal and move its stage. Moving on needs the attribution and every exit criterion
/// of the current stage (`criteria_met` in the same request counts); a missing one answers
/// 422 with `fields.stage` naming it. Managers only.
#[utoipa::path(patch, path = "/api/opportunities/{id}", tag = "pipeline",
    params(("id" = i64, Path)), request_body = OpportunityPatch,
    responses((status = 200, body = ManagerOpportunityDetail), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn edit(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(patch): ApiJson<OpportunityPatch>,
) -> ApiResult<Json<ManagerOpportunityDetail>> {
    caller.require_vendor()?;
    opportunities::edit(&state, caller.user_id, id, &patch).await?;
    Ok(Json(manager_detail(&state, id).await?))
}

async fn manager_detail(state: &AppState, id: i64) -> ApiResult<ManagerOpportunityDetail> {
    let row = store::by_id(state.db.pool(), id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(ManagerOpportunityDetail {
        opportunity: row.into_manager_view(state.now())?,
        notes: store::notes(state.db.pool(), id).await?,
    })
}

/// Post a note both sides read: partners on their own organization's deals, vendor staff on
/// any.
#[utoipa::path(post, path = "/api/opportunities/{id}/notes", tag = "pipeline",
    params(("id" = i64, Path)), request_body = NoteRequest,
    responses((status = 201, body = SharedNote), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn add_note(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<NoteRequest>,
) -> ApiResult<(StatusCode, Json<SharedNote>)> {
    let body = request.validate().map_err(ApiError::Validation)?;
    let author = Author {
        user_id: caller.user_id,
        name: &caller.name,
        scope: caller.scope(),
    };
    let view = opportunities::add_note(&state, &author, id, &body).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Add a deal for a partner without a registration, e.g. one it influenced. It starts in its
/// motion's first stage. Managers only.
#[utoipa::path(post, path = "/api/opportunities", tag = "pipeline", request_body = NewOpportunity,
    responses((status = 201, body = ManagerOpportunityDetail), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(request): ApiJson<NewOpportunity>,
) -> ApiResult<(StatusCode, Json<ManagerOpportunityDetail>)> {
    caller.require_vendor()?;
    let valid = request.validate().map_err(ApiError::Validation)?;
    let id = opportunities::create(&state, caller.user_id, &valid).await?;
    Ok((StatusCode::CREATED, Json(manager_detail(&state, id).await?)))
}
