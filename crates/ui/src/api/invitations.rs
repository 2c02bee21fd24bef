//! Invitations: sending, listing, previewing and accepting them.

use super::request::{Call, list_url};
use super::{ApiError, PAGE_SIZE};
use crate::url::encode;
use portico_api::invitations::{
    AcceptInvitation, CreateInvitation, CreatedInvitation, Invitation, InvitationPreview,
};
use portico_api::{Me, Page};

/// `POST /api/invitations`
pub async fn create_invitation(
    csrf: &str,
    body: &CreateInvitation,
) -> Result<CreatedInvitation, ApiError> {
    let call = Call::write("POST", "/api/invitations", csrf).json(body);
    call.read().await
}

/// `GET /api/invitations`: pending invitations.
pub async fn invitations(cursor: Option<&str>) -> Result<Page<Invitation>, ApiError> {
    let url = list_url("/api/invitations", cursor, PAGE_SIZE);
    Call::get(&url).read().await
}

/// `GET /api/invitations/{token}`
pub async fn invitation_preview(token: &str) -> Result<InvitationPreview, ApiError> {
    let url = format!("/api/invitations/{}", encode(token, false));
    Call::get(&url).own_401().read().await
}

/// `POST /api/invitations/{token}/accept`: creates the account and signs it in.
pub async fn accept_invitation(
    csrf: &str,
    token: &str,
    body: &AcceptInvitation,
) -> Result<Me, ApiError> {
    let url = format!("/api/invitations/{}/accept", encode(token, false));
    let call = Call::write("POST", &url, csrf).json(body);
    call.own_401().read().await
}

/// `DELETE /api/invitations/pending/{id}`: the link stops working.
pub async fn revoke_invitation(csrf: &str, id: i64) -> Result<(), ApiError> {
    let url = format!("/api/invitations/pending/{id}");
    Call::write("DELETE", &url, csrf).done().await
}
