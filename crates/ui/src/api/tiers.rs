//! Programmatic tiers.

use super::ApiError;
use super::request::Call;
use portico_api::tiers::MyTier;

/// `GET /api/program/my-tier`: not found while the program has no tiers in force.
pub async fn my_tier() -> Result<MyTier, ApiError> {
    Call::get("/api/program/my-tier").read().await
}
