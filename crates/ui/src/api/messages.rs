//! E-mail and Slack deliveries, and the development mailbox.

use super::ApiError;
use super::request::{Call, deliveries_url};
use crate::url::encode;
use portico_api::Page;
use portico_api::integrations::{DeliveryState, Replayed};
use portico_api::notifications::{MailboxEntry, MailboxMessage, MessageDelivery};

/// `GET /api/messages/deliveries`: e-mail and Slack deliveries, newest first, of one state when
/// `state` is given.
pub async fn message_deliveries(
    state: Option<DeliveryState>,
    cursor: Option<&str>,
) -> Result<Page<MessageDelivery>, ApiError> {
    let url = deliveries_url("/api/messages/deliveries", state, cursor);
    Call::get(&url).read().await
}

/// `POST /api/messages/deliveries/{id}/replay`
pub async fn replay_message(csrf: &str, id: i64) -> Result<Replayed, ApiError> {
    let url = format!("/api/messages/deliveries/{id}/replay");
    Call::write("POST", &url, csrf).read().await
}

/// `POST /api/messages/deliveries/replay`: every dead message delivery.
pub async fn replay_dead_messages(csrf: &str) -> Result<Replayed, ApiError> {
    let call = Call::write("POST", "/api/messages/deliveries/replay", csrf);
    call.read().await
}

/// `GET /api/messages/mailbox`: the e-mail written to the mailbox, newest first; empty when an
/// SMTP server sends the e-mail.
pub async fn mailbox() -> Result<Vec<MailboxEntry>, ApiError> {
    Call::get("/api/messages/mailbox").read().await
}

/// `GET /api/messages/mailbox/{name}`
pub async fn mailbox_message(name: &str) -> Result<MailboxMessage, ApiError> {
    let url = format!("/api/messages/mailbox/{}", encode(name, false));
    Call::get(&url).read().await
}
