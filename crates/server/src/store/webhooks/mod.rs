//! The webhook outbox: endpoints, events written in the transaction of the change behind them,
//! and one delivery per subscribed endpoint, claimed by workers and retried until delivered or
//! dead-lettered.

use portico_api::integrations::WebhookEventType;
use portico_api::webhook_events::{WebhookData, WebhookMessage};

use crate::clock::rfc3339_ms;
use crate::store::StoreError;
use crate::store::sql::{self, Conn};

mod endpoints;
mod events;
mod history;
mod queue;
pub use endpoints::{
    EndpointRow, endpoint, endpoints, insert_endpoint, set_endpoint_secret, update_endpoint,
};
pub use events::{publish_asset, publish_registration, publish_stage_change};
pub use history::{DeliveryRow, deliveries, delivery, health, replay};
pub use queue::{Attempt, Claimed, claim, record};

/// Something that happened, for every endpoint subscribed to its type.
struct Event {
    event_type: WebhookEventType,
    /// What it is about, e.g. `registration:42`; an endpoint receives one subject's events in
    /// the order they were published.
    subject: String,
    data: WebhookData,
}

/// Whether any enabled endpoint takes this type of event; when none does, nothing is written.
async fn subscribed(tx: &mut Conn, event_type: WebhookEventType) -> Result<bool, StoreError> {
    let (count,): (i64,) = sql::query_as(
        "SELECT COUNT(*) FROM webhook_endpoints WHERE enabled = TRUE AND event_types LIKE $1",
    )
    .bind(subscription_pattern(event_type))
    .fetch_one(tx)
    .await?;
    Ok(count > 0)
}

fn subscription_pattern(event_type: WebhookEventType) -> String {
    format!("%,{},%", event_type.as_str())
}

/// Writes the event and its deliveries inside the caller's transaction, so they exist exactly
/// when the change does.
async fn publish(tx: &mut Conn, event: &Event, now_ms: i64) -> Result<(), StoreError> {
    let payload = WebhookMessage {
        data: event.data.clone(),
        timestamp: rfc3339_ms(now_ms),
        event_type: event.event_type,
    };
    let payload = serde_json::to_string(&payload).expect("a webhook message serializes");
    let message_id = format!("msg_{}", crate::domain::token::generate());
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO webhook_events (message_id, event_type, subject, payload, created_at_ms) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(&message_id)
    .bind(event.event_type.as_str())
    .bind(&event.subject)
    .bind(payload)
    .bind(now_ms)
    .fetch_one(&mut *tx)
    .await?;
    sql::query(
        "INSERT INTO webhook_deliveries (endpoint_id, event_id, subject, state, attempts, \
         created_at_ms, next_attempt_at_ms) \
         SELECT id, $1, $2, 'pending', 0, $3, $3 FROM webhook_endpoints \
         WHERE enabled = TRUE AND event_types LIKE $4",
    )
    .bind(id)
    .bind(&event.subject)
    .bind(now_ms)
    .bind(subscription_pattern(event.event_type))
    .execute(&mut *tx)
    .await?;
    Ok(())
}
