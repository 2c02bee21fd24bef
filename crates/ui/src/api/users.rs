//! User administration.

use super::request::{Call, list_url};
use super::{ApiError, PAGE_SIZE};
use portico_api::Page;
use portico_api::users::{UpdateUser, UserAdminView};

/// `GET /api/users`
pub async fn users(cursor: Option<&str>) -> Result<Page<UserAdminView>, ApiError> {
    let url = list_url("/api/users", cursor, PAGE_SIZE);
    Call::get(&url).read().await
}

/// `PATCH /api/users/{id}`
pub async fn update_user(
    csrf: &str,
    id: i64,
    body: &UpdateUser,
) -> Result<UserAdminView, ApiError> {
    let url = format!("/api/users/{id}");
    let call = Call::write("PATCH", &url, csrf).json(body);
    call.read().await
}
