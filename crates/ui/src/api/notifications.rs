//! Notifications, each user's channels per category, unsubscribe links and Slack channels.

use super::request::{Call, list_url};
use super::{ApiError, PAGE_SIZE};
use crate::url::encode;
use portico_api::Page;
use portico_api::notifications::{
    Category, Notification, Preferences, SetPreferences, SlackChannel, SlackChannelInput,
    Unsubscribed,
};

/// `GET /api/notifications`, newest first.
pub async fn notifications(cursor: Option<&str>) -> Result<Page<Notification>, ApiError> {
    let url = list_url("/api/notifications", cursor, PAGE_SIZE);
    Call::get(&url).read().await
}

/// `GET /api/me/notifications`: the signed-in user's channels per category.
pub async fn notification_preferences() -> Result<Preferences, ApiError> {
    Call::get("/api/me/notifications").read().await
}

/// `PUT /api/me/notifications`
pub async fn save_notification_preferences(
    csrf: &str,
    body: &SetPreferences,
) -> Result<Preferences, ApiError> {
    let call = Call::write("PUT", "/api/me/notifications", csrf).json(body);
    call.read().await
}

/// `POST /api/unsubscribe`: turns one category's e-mail off. Needs no session, as the link's
/// signature is the proof; someone signed in still sends the CSRF token.
pub async fn unsubscribe(
    csrf: &str,
    user: i64,
    category: Category,
    sig: &str,
) -> Result<Unsubscribed, ApiError> {
    let url = format!(
        "/api/unsubscribe?user={user}&category={}&sig={}",
        category.as_str(),
        encode(sig, false)
    );
    Call::write("POST", &url, csrf).own_401().read().await
}

/// `GET /api/organizations/{id}/slack`: `None` when no channel is connected.
pub async fn slack_channel(organization_id: i64) -> Result<Option<SlackChannel>, ApiError> {
    let url = format!("/api/organizations/{organization_id}/slack");
    Call::get(&url).read().await
}

/// `PUT /api/organizations/{id}/slack`: connects the channel, or replaces it.
pub async fn connect_slack(
    csrf: &str,
    organization_id: i64,
    body: &SlackChannelInput,
) -> Result<SlackChannel, ApiError> {
    let url = format!("/api/organizations/{organization_id}/slack");
    Call::write("PUT", &url, csrf).json(body).read().await
}

/// `DELETE /api/organizations/{id}/slack`
pub async fn disconnect_slack(csrf: &str, organization_id: i64) -> Result<(), ApiError> {
    let url = format!("/api/organizations/{organization_id}/slack");
    Call::write("DELETE", &url, csrf).done().await
}
