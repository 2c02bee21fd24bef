//! The home pages' counts.

use super::ApiError;
use super::request::Call;
use portico_api::dashboard::{ManagerDashboard, PartnerDashboard};

/// `GET /api/dashboard` as a partner.
pub async fn partner_dashboard() -> Result<PartnerDashboard, ApiError> {
    Call::get("/api/dashboard").read().await
}

/// `GET /api/dashboard` as vendor staff.
pub async fn manager_dashboard() -> Result<ManagerDashboard, ApiError> {
    Call::get("/api/dashboard").read().await
}
