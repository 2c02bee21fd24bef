//! Programmatic tiers.

use super::ApiError;
use super::request::Call;
use portico_api::tiers::{
    MyTier, OrganizationTier, SetTierOverride, TierChange, TierEvaluation, TierProgram,
    TierProgramView, TierStanding,
};

/// `GET /api/program/my-tier`: not found while the program has no tiers in force.
pub async fn my_tier() -> Result<MyTier, ApiError> {
    Call::get("/api/program/my-tier").read().await
}

/// `GET /api/program/tiers`: the program, or the starter ladder before one is saved.
pub async fn tier_program() -> Result<TierProgramView, ApiError> {
    Call::get("/api/program/tiers").read().await
}

/// `PUT /api/program/tiers`
pub async fn save_tier_program(
    csrf: &str,
    program: &TierProgram,
) -> Result<TierProgramView, ApiError> {
    Call::write("PUT", "/api/program/tiers", csrf)
        .json(program)
        .read()
        .await
}

/// `POST /api/program/tiers/evaluate`
pub async fn evaluate_tiers(csrf: &str) -> Result<TierEvaluation, ApiError> {
    Call::write("POST", "/api/program/tiers/evaluate", csrf)
        .read()
        .await
}

/// `GET /api/program/tiers/standings`
pub async fn tier_standings() -> Result<Vec<TierStanding>, ApiError> {
    Call::get("/api/program/tiers/standings").read().await
}

/// `POST /api/organizations/{id}/tier/approve`
pub async fn approve_tier(csrf: &str, organization_id: i64) -> Result<TierChange, ApiError> {
    let url = format!("/api/organizations/{organization_id}/tier/approve");
    Call::write("POST", &url, csrf).read().await
}

/// `PUT /api/organizations/{id}/tier/override`
pub async fn override_tier(
    csrf: &str,
    organization_id: i64,
    body: &SetTierOverride,
) -> Result<TierChange, ApiError> {
    let url = format!("/api/organizations/{organization_id}/tier/override");
    Call::write("PUT", &url, csrf).json(body).read().await
}

/// `GET /api/organizations/{id}/tier`: assigned and reached tier, grace, override, history.
pub async fn organization_tier(organization_id: i64) -> Result<OrganizationTier, ApiError> {
    Call::get(&format!("/api/organizations/{organization_id}/tier"))
        .read()
        .await
}
