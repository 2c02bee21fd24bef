//! Programmatic tiers: managers define the ladder and its rules, run the evaluation, approve
//! promotions and override; a partner reads its own tier and the way to the next.

use axum::Json;
use axum::extract::State;
use portico_api::ErrorBody;
use portico_api::date::Date;
use portico_api::tiers::{
    MyTier, OrganizationTier, SetTierOverride, TierChange, TierEvaluation, TierProgram,
    TierProgramView, TierStanding,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::tiers;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath};
use crate::routes::session::Caller;
use crate::state::AppState;

const DAY: i64 = 24 * 60 * 60;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(program, save_program))
        .routes(routes!(evaluate))
        .routes(routes!(standings))
        .routes(routes!(my_tier))
        .routes(routes!(organization_tier))
        .routes(routes!(approve))
        .routes(routes!(set_override))
}

/// The tier program: the four tiers with names, benefits, protection days and rules, the
/// trailing window, the grace period, the promotion policy and exchange rates. Until managers
/// save one, the starter ladder (not in force).
#[utoipa::path(get, path = "/api/program/tiers", tag = "tiers",
    responses((status = 200, body = TierProgramView), (status = 403, body = ErrorBody)))]
async fn program(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<TierProgramView>> {
    caller.require_vendor()?;
    let (program, in_force) = tiers::program(&state).await?;
    Ok(Json(TierProgramView { program, in_force }))
}

/// Save the whole tier program; it is in force from now on.
#[utoipa::path(put, path = "/api/program/tiers", tag = "tiers", request_body = TierProgram,
    responses((status = 200, body = TierProgramView), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn save_program(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(program): ApiJson<TierProgram>,
) -> ApiResult<Json<TierProgramView>> {
    caller.require_vendor()?;
    program.validate().map_err(ApiError::Validation)?;
    tiers::save_program(&state, caller.user_id, &program).await?;
    Ok(Json(TierProgramView {
        program,
        in_force: true,
    }))
}

/// Place every organization now (the nightly run does the same): answers the changes made.
/// Running it again at once changes nothing.
#[utoipa::path(post, path = "/api/program/tiers/evaluate", tag = "tiers",
    responses((status = 200, body = TierEvaluation), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "No tier program is in force yet")))]
async fn evaluate(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<TierEvaluation>> {
    caller.require_vendor()?;
    Ok(Json(tiers::evaluate(&state, Some(caller.user_id)).await?))
}

/// Every organization on the ladder: assigned and reached tier, a proposed promotion, grace,
/// override, and how close it is to the next tier.
#[utoipa::path(get, path = "/api/program/tiers/standings", tag = "tiers",
    responses((status = 200, body = Vec<TierStanding>), (status = 403, body = ErrorBody)))]
async fn standings(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Vec<TierStanding>>> {
    caller.require_vendor()?;
    Ok(Json(tiers::standings(&state).await?))
}

/// The caller's organization: its tier and benefits, and its progress on each rule of the next.
/// 404 while the program has no tiers in force.
#[utoipa::path(get, path = "/api/program/my-tier", tag = "tiers",
    responses((status = 200, body = MyTier), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
async fn my_tier(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<MyTier>> {
    let organization = caller.partner_organization()?;
    Ok(Json(tiers::my_tier(&state, organization).await?))
}

/// An organization's assigned and computed tier, grace period, override and history.
#[utoipa::path(get, path = "/api/organizations/{id}/tier", tag = "tiers",
    params(("id" = i64, Path, description = "The organization")),
    responses((status = 200, body = OrganizationTier), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
async fn organization_tier(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<OrganizationTier>> {
    caller.require_vendor()?;
    Ok(Json(tiers::organization_tier(&state, id).await?))
}

/// Approve the promotion the evaluation proposed (when promotions need approval).
#[utoipa::path(post, path = "/api/organizations/{id}/tier/approve", tag = "tiers",
    params(("id" = i64, Path, description = "The organization")),
    responses((status = 200, body = TierChange), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "No promotion waits for approval")))]
async fn approve(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<TierChange>> {
    caller.require_vendor()?;
    Ok(Json(tiers::approve(&state, caller.user_id, id).await?))
}

/// Set the organization's tier until a day, with the reason; the evaluation leaves it alone
/// until then and applies the rules again after.
#[utoipa::path(put, path = "/api/organizations/{id}/tier/override", tag = "tiers",
    params(("id" = i64, Path, description = "The organization")),
    request_body = SetTierOverride,
    responses((status = 200, body = TierChange), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn set_override(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<SetTierOverride>,
) -> ApiResult<Json<TierChange>> {
    caller.require_vendor()?;
    let today = Date::from_unix(state.now());
    request.validate(today).map_err(ApiError::Validation)?;
    let last_day = Date::parse(&request.until).ok_or(ApiError::internal("validated day"))?;
    let until = last_day.unix_start() + DAY;
    let rationale = request.rationale.trim();
    let change = tiers::set_override(&state, caller.user_id, id, request.tier, until, rationale);
    Ok(Json(change.await?))
}
