//! Outbound webhook endpoints and their deliveries.

use super::ApiError;
use super::request::{Call, deliveries_url};
use portico_api::Page;
use portico_api::integrations::{
    CreatedEndpoint, Delivery, DeliveryState, EndpointInput, Replayed, WebhookEndpoint,
    WebhookSecret,
};

/// `GET /api/webhooks/endpoints`
pub async fn webhook_endpoints() -> Result<Vec<WebhookEndpoint>, ApiError> {
    Call::get("/api/webhooks/endpoints").read().await
}

/// `POST /api/webhooks/endpoints`
pub async fn create_webhook_endpoint(
    csrf: &str,
    body: &EndpointInput,
) -> Result<CreatedEndpoint, ApiError> {
    let call = Call::write("POST", "/api/webhooks/endpoints", csrf).json(body);
    call.read().await
}

/// `GET /api/webhooks/endpoints/{id}`
pub async fn webhook_endpoint(id: i64) -> Result<WebhookEndpoint, ApiError> {
    let url = format!("/api/webhooks/endpoints/{id}");
    Call::get(&url).read().await
}

/// `PUT /api/webhooks/endpoints/{id}`
pub async fn update_webhook_endpoint(
    csrf: &str,
    id: i64,
    body: &EndpointInput,
) -> Result<WebhookEndpoint, ApiError> {
    let url = format!("/api/webhooks/endpoints/{id}");
    Call::write("PUT", &url, csrf).json(body).read().await
}

/// `POST /api/webhooks/endpoints/{id}/secret`: a new signing secret; the old one stops working.
pub async fn rotate_webhook_secret(csrf: &str, id: i64) -> Result<WebhookSecret, ApiError> {
    let url = format!("/api/webhooks/endpoints/{id}/secret");
    Call::write("POST", &url, csrf).read().await
}

/// `GET /api/webhooks/endpoints/{id}/deliveries`, newest first, of one state when `state` is
/// given.
pub async fn webhook_deliveries(
    id: i64,
    state: Option<DeliveryState>,
    cursor: Option<&str>,
) -> Result<Page<Delivery>, ApiError> {
    let url = deliveries_url(
        &format!("/api/webhooks/endpoints/{id}/deliveries"),
        state,
        cursor,
    );
    Call::get(&url).read().await
}

/// `POST /api/webhooks/deliveries/{id}/replay`
pub async fn replay_delivery(csrf: &str, id: i64) -> Result<Delivery, ApiError> {
    let url = format!("/api/webhooks/deliveries/{id}/replay");
    Call::write("POST", &url, csrf).read().await
}

/// `POST /api/webhooks/endpoints/{id}/replay`: every dead delivery of the endpoint.
pub async fn replay_dead_deliveries(csrf: &str, id: i64) -> Result<Replayed, ApiError> {
    let url = format!("/api/webhooks/endpoints/{id}/replay");
    Call::write("POST", &url, csrf).read().await
}
