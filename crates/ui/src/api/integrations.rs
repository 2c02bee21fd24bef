//! CRM integrations (HubSpot, Salesforce) and the card links they embed.

use super::request::{Call, list_url};
use super::{ApiError, PAGE_SIZE};
use portico_api::Page;
use portico_api::card_links::{CardLink, CardLinkRequest, IssuedCardLink, RevokeCardLink};
use portico_api::integrations::{CrmSystem, Integration, IntegrationSecret, IntegrationSettings};

/// `GET /api/integrations`: HubSpot and Salesforce.
pub async fn integrations() -> Result<Vec<Integration>, ApiError> {
    Call::get("/api/integrations").read().await
}

/// `PUT /api/integrations/{system}`
pub async fn save_integration(
    csrf: &str,
    system: CrmSystem,
    body: &IntegrationSettings,
) -> Result<Integration, ApiError> {
    let url = format!("/api/integrations/{}", system.as_str());
    Call::write("PUT", &url, csrf).json(body).read().await
}

/// `POST /api/integrations/{system}/secret`: a new integration secret; the old one stops
/// working.
pub async fn rotate_integration_secret(
    csrf: &str,
    system: CrmSystem,
) -> Result<IntegrationSecret, ApiError> {
    let url = format!("/api/integrations/{}/secret", system.as_str());
    Call::write("POST", &url, csrf).read().await
}

/// `POST /api/integrations/{system}/card-links`
pub async fn create_card_link(
    csrf: &str,
    system: CrmSystem,
    body: &CardLinkRequest,
) -> Result<CardLink, ApiError> {
    let url = format!("/api/integrations/{}/card-links", system.as_str());
    Call::write("POST", &url, csrf).json(body).read().await
}

/// `GET /api/integrations/{system}/card-links`, newest first.
pub async fn card_links(
    system: CrmSystem,
    cursor: Option<&str>,
) -> Result<Page<IssuedCardLink>, ApiError> {
    let path = format!("/api/integrations/{}/card-links", system.as_str());
    Call::get(&list_url(&path, cursor, PAGE_SIZE)).read().await
}

/// `POST /api/integrations/{system}/card-links/{id}/revoke`
pub async fn revoke_card_link(
    csrf: &str,
    system: CrmSystem,
    id: i64,
    body: &RevokeCardLink,
) -> Result<IssuedCardLink, ApiError> {
    let url = format!(
        "/api/integrations/{}/card-links/{id}/revoke",
        system.as_str()
    );
    Call::write("POST", &url, csrf).json(body).read().await
}
