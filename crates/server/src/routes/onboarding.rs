//! Onboarding: managers keep each motion's plan and tick its manual steps; a partner follows
//! its own progress, managers every new partner's.

use axum::Json;
use axum::extract::State;
use portico_api::ErrorBody;
use portico_api::onboarding::{
    OnboardingOverview, OnboardingPlan, OnboardingPlanView, OnboardingProgress, ProgressQuery,
};
use portico_api::organizations::Motion;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::onboarding;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath, ApiQuery};
use crate::routes::session::Caller;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(plan, save_plan))
        .routes(routes!(progress))
        .routes(routes!(tick))
}

/// The motion's plan: saved by managers, or the starter plan that applies until they do.
#[utoipa::path(get, path = "/api/onboarding/plans/{motion}", tag = "onboarding",
    params(("motion" = Motion, Path)),
    responses((status = 200, body = OnboardingPlanView), (status = 403, body = ErrorBody)))]
async fn plan(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(motion): ApiPath<Motion>,
) -> ApiResult<Json<OnboardingPlanView>> {
    caller.require_vendor()?;
    Ok(Json(onboarding::plan(&state, motion).await?))
}

/// Save the motion's whole plan; every organization's progress follows it from now on (what
/// they did already counts).
#[utoipa::path(put, path = "/api/onboarding/plans/{motion}", tag = "onboarding",
    params(("motion" = Motion, Path)), request_body = OnboardingPlan,
    responses((status = 200, body = OnboardingPlanView), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn save_plan(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(motion): ApiPath<Motion>,
    ApiJson(plan): ApiJson<OnboardingPlan>,
) -> ApiResult<Json<OnboardingPlanView>> {
    caller.require_vendor()?;
    plan.validate().map_err(ApiError::Validation)?;
    Ok(Json(
        onboarding::save_plan(&state, caller.user_id, motion, &plan).await?,
    ))
}

/// Progress through the plan: a partner's own; for managers every partner that joined in the
/// last 120 days, newest first, or the one `organization` names.
#[utoipa::path(get, path = "/api/onboarding/progress", tag = "onboarding",
    params(ProgressQuery),
    responses((status = 200, body = OnboardingOverview), (status = 404, body = ErrorBody)))]
async fn progress(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<ProgressQuery>,
) -> ApiResult<Json<OnboardingOverview>> {
    let one = match (caller.membership.organization_id(), query.organization) {
        (Some(own), Some(asked)) if asked != own => return Err(ApiError::NotFound),
        (Some(own), _) => own,
        (None, Some(asked)) => asked,
        (None, None) => return Ok(Json(onboarding::overview(&state).await?)),
    };
    Ok(Json(OnboardingOverview {
        partners: vec![onboarding::progress(&state, one).await?],
    }))
}

/// Tick a manual step of the organization's plan as done (a kickoff call held, say).
#[utoipa::path(post, path = "/api/onboarding/progress/{organization_id}/steps/{key}", tag = "onboarding",
    params(("organization_id" = i64, Path), ("key" = String, Path)),
    responses((status = 200, body = OnboardingProgress), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody, description = "No such organization or manual step")))]
async fn tick(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath((organization_id, key)): ApiPath<(i64, String)>,
) -> ApiResult<Json<OnboardingProgress>> {
    caller.require_vendor()?;
    Ok(Json(
        onboarding::tick(&state, caller.user_id, organization_id, &key).await?,
    ))
}
