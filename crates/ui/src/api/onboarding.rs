//! Onboarding plans and progress.

use super::ApiError;
use super::request::Call;
use portico_api::onboarding::{
    OnboardingOverview, OnboardingPlan, OnboardingPlanView, OnboardingProgress,
};
use portico_api::organizations::Motion;

/// `GET /api/onboarding/plans/{motion}`
pub async fn onboarding_plan(motion: Motion) -> Result<OnboardingPlanView, ApiError> {
    let url = format!("/api/onboarding/plans/{}", motion.as_str());
    Call::get(&url).read().await
}

/// `PUT /api/onboarding/plans/{motion}`
pub async fn save_onboarding_plan(
    csrf: &str,
    motion: Motion,
    plan: &OnboardingPlan,
) -> Result<OnboardingPlanView, ApiError> {
    let url = format!("/api/onboarding/plans/{}", motion.as_str());
    Call::write("PUT", &url, csrf).json(plan).read().await
}

/// `GET /api/onboarding/progress`: the caller's own, or for managers every new partner's.
pub async fn onboarding_progress() -> Result<OnboardingOverview, ApiError> {
    Call::get("/api/onboarding/progress").read().await
}

/// `POST /api/onboarding/progress/{organization}/steps/{key}`: a manual step is done.
pub async fn tick_onboarding_step(
    csrf: &str,
    organization_id: i64,
    key: &str,
) -> Result<OnboardingProgress, ApiError> {
    let url = format!("/api/onboarding/progress/{organization_id}/steps/{key}");
    Call::write("POST", &url, csrf).read().await
}
