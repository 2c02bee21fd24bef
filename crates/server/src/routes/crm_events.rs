//! What a CRM tells Portico about linked deals: stage, owner, amount, close, and new links.
//! Signed per Standard Webhooks with the integration secret; `app::crm_events` applies them.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use portico_api::ErrorBody;
use portico_api::integrations::{CrmEventBatch, CrmEventResults, CrmSystem};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::crm_events;
use crate::domain::signatures::{WebhookHeaders, check_webhook};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::integrations;

/// Events one request may carry.
pub const BATCH_MAX: usize = 500;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(receive))
}

/// Deal events from a CRM, oldest first. Sign the body per Standard Webhooks (`webhook-id`,
/// `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>`) with
/// the integration secret. Each event answers applied, duplicate, superseded, unknown_deal or
/// invalid; only the last two change nothing and may be sent again.
#[utoipa::path(post, path = "/api/integrations/crm/events", tag = "integrations",
    request_body = CrmEventBatch,
    responses((status = 200, body = CrmEventResults), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn receive(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Json<CrmEventResults>> {
    let system = signer(&state, &headers, &body).await?;
    let batch: CrmEventBatch = serde_json::from_slice(&body)
        .map_err(|e| ApiError::BadRequest(format!("The body is not a batch of CRM events: {e}")))?;
    if batch.events.len() > BATCH_MAX {
        return Err(ApiError::Unprocessable(format!(
            "Send at most {BATCH_MAX} events per request."
        )));
    }
    let results = crm_events::receive(&state, system, &batch.events).await?;
    Ok(Json(CrmEventResults { results }))
}

/// The CRM whose integration secret signed the request.
async fn signer(state: &AppState, headers: &HeaderMap, body: &[u8]) -> ApiResult<CrmSystem> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    };
    let signed = WebhookHeaders {
        id: header("webhook-id"),
        timestamp: header("webhook-timestamp"),
        signature: header("webhook-signature"),
    };
    let now = state.now();
    integrations::all(state.db.pool())
        .await?
        .iter()
        .find(|row| {
            state
                .sealer
                .open(&row.secret_sealed)
                .is_some_and(|secret| check_webhook(&secret, &signed, body, now))
        })
        .map(|row| row.system)
        .ok_or(ApiError::BadSignature)
}
