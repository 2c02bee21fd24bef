//! Announcements: the managers' desk and the partners' feed.

use super::ApiError;
use super::request::{Call, list_url};
use portico_api::Page;
use portico_api::announcements::{
    AnnouncementInput, AnnouncementVersion, FeedAnnouncement, ManagerAnnouncement, Reminded,
    Unacknowledged, Unread,
};

/// `GET /api/announcements`
pub async fn announcements(cursor: Option<&str>) -> Result<Page<ManagerAnnouncement>, ApiError> {
    let url = list_url("/api/announcements", cursor, 25);
    Call::get(&url).read().await
}

/// `POST /api/announcements`
pub async fn create_announcement(
    csrf: &str,
    body: &AnnouncementInput,
) -> Result<ManagerAnnouncement, ApiError> {
    let call = Call::write("POST", "/api/announcements", csrf).json(body);
    call.read().await
}

/// `GET /api/announcements/{id}`
pub async fn announcement(id: i64) -> Result<ManagerAnnouncement, ApiError> {
    let url = format!("/api/announcements/{id}");
    Call::get(&url).read().await
}

/// `PUT /api/announcements/{id}`
pub async fn edit_announcement(
    csrf: &str,
    id: i64,
    body: &AnnouncementInput,
) -> Result<ManagerAnnouncement, ApiError> {
    let url = format!("/api/announcements/{id}");
    Call::write("PUT", &url, csrf).json(body).read().await
}

/// `GET /api/announcements/{id}/versions`
pub async fn announcement_versions(id: i64) -> Result<Vec<AnnouncementVersion>, ApiError> {
    let url = format!("/api/announcements/{id}/versions");
    Call::get(&url).read().await
}

/// `GET /api/announcements/{id}/unacknowledged`
pub async fn unacknowledged(
    id: i64,
    cursor: Option<&str>,
) -> Result<Page<Unacknowledged>, ApiError> {
    let url = list_url(
        &format!("/api/announcements/{id}/unacknowledged"),
        cursor,
        25,
    );
    Call::get(&url).read().await
}

/// `POST /api/announcements/{id}/reminders`
pub async fn remind(csrf: &str, id: i64) -> Result<Reminded, ApiError> {
    let url = format!("/api/announcements/{id}/reminders");
    Call::write("POST", &url, csrf).read().await
}

/// `GET /api/feed`
pub async fn feed(cursor: Option<&str>) -> Result<Page<FeedAnnouncement>, ApiError> {
    let url = list_url("/api/feed", cursor, 25);
    Call::get(&url).read().await
}

/// `GET /api/feed/unread`
pub async fn unread() -> Result<Unread, ApiError> {
    Call::get("/api/feed/unread").read().await
}

/// `POST /api/feed/{id}/read`
pub async fn mark_read(csrf: &str, id: i64) -> Result<FeedAnnouncement, ApiError> {
    let url = format!("/api/feed/{id}/read");
    Call::write("POST", &url, csrf).read().await
}

/// `POST /api/feed/{id}/acknowledgment`
pub async fn acknowledge(csrf: &str, id: i64) -> Result<FeedAnnouncement, ApiError> {
    let url = format!("/api/feed/{id}/acknowledgment");
    Call::write("POST", &url, csrf).read().await
}
