//! Deal registrations: submitting, listing, deciding, and the public registration link.

use super::request::{Call, list_url};
use super::{ApiError, PAGE_SIZE};
use crate::url::encode;
use portico_api::Page;
use portico_api::registrations::{
    ConflictLevel, CreatedRegistrationLink, DecisionRequest, ExtensionRequest, ExtensionStatus,
    InfoRequest, InfoResponse, LinkForm, LinkRegistrationRequest, ManagerRegistration,
    ManagerRegistrationDetail, PartnerRegistration, PartnerRegistrationDetail,
    RegistrationLinkStatus, RegistrationQuery, RegistrationRequest, RegistrationStatus,
    ResolutionRequest,
};

/// `POST /api/registrations`; `key` identifies the form, so a resend registers once.
pub async fn submit_registration(
    csrf: &str,
    key: &str,
    body: &RegistrationRequest,
) -> Result<PartnerRegistration, ApiError> {
    let call = Call::write("POST", "/api/registrations", csrf)
        .json(body)
        .idempotent(key);
    call.read().await
}

/// `GET /api/registrations` as a partner (the organization's own, newest first) or a manager
/// (`queue`: the undecided, oldest first), with the query's filters.
pub async fn registrations<T: serde::de::DeserializeOwned>(
    query: &RegistrationQuery,
    cursor: Option<&str>,
) -> Result<Page<T>, ApiError> {
    let mut url = list_url("/api/registrations", cursor, PAGE_SIZE);
    let flag = |on: Option<bool>| on.filter(|on| *on).map(|_| "true");
    let filters = [
        ("queue", flag(query.queue)),
        ("late", flag(query.late)),
        ("status", query.status.map(RegistrationStatus::as_str)),
        ("conflict", query.conflict.map(ConflictLevel::as_str)),
        ("extension", query.extension.map(ExtensionStatus::as_str)),
    ];
    for (name, value) in filters {
        if let Some(value) = value {
            url.push_str(&format!("&{name}={value}"));
        }
    }
    if let Some(id) = query.organization_id {
        url.push_str(&format!("&organization_id={id}"));
    }
    Call::get(&url).read().await
}

/// `POST /api/registrations/{winner}/resolution`: approve `winner`, decline the claims named.
pub async fn resolve_conflict(
    csrf: &str,
    winner: i64,
    body: &ResolutionRequest,
) -> Result<ManagerRegistration, ApiError> {
    let url = format!("/api/registrations/{winner}/resolution");
    Call::write("POST", &url, csrf).json(body).read().await
}

/// The approval queue's oldest registration other than `current`, if any is waiting.
pub async fn next_to_decide(current: i64) -> Result<Option<i64>, ApiError> {
    let queue = RegistrationQuery {
        queue: Some(true),
        ..RegistrationQuery::default()
    };
    let page: Page<ManagerRegistration> = registrations(&queue, None).await?;
    Ok(page
        .items
        .into_iter()
        .map(|m| m.registration.id)
        .find(|id| *id != current))
}

/// `GET /api/registrations/{id}` as a partner.
pub async fn my_registration(id: i64) -> Result<PartnerRegistrationDetail, ApiError> {
    Call::get(&format!("/api/registrations/{id}")).read().await
}

/// `GET /api/registrations/{id}` as a manager.
pub async fn registration_for_manager(id: i64) -> Result<ManagerRegistrationDetail, ApiError> {
    Call::get(&format!("/api/registrations/{id}")).read().await
}

/// `POST /api/registrations/{id}/decision`, or its extension's decision when `extension`.
pub async fn decide_registration(
    csrf: &str,
    id: i64,
    extension: bool,
    body: &DecisionRequest,
) -> Result<ManagerRegistration, ApiError> {
    let path = if extension {
        "extension/decision"
    } else {
        "decision"
    };
    let url = format!("/api/registrations/{id}/{path}");
    Call::write("POST", &url, csrf).json(body).read().await
}

/// `POST /api/registrations/{id}/withdraw`
pub async fn withdraw_registration(csrf: &str, id: i64) -> Result<PartnerRegistration, ApiError> {
    let url = format!("/api/registrations/{id}/withdraw");
    Call::write("POST", &url, csrf).read().await
}

/// `POST /api/registrations/{id}/extension`
pub async fn request_extension(
    csrf: &str,
    id: i64,
    body: &ExtensionRequest,
) -> Result<PartnerRegistration, ApiError> {
    let url = format!("/api/registrations/{id}/extension");
    Call::write("POST", &url, csrf).json(body).read().await
}

/// `POST /api/registrations/{id}/info-request`
pub async fn ask_partner(
    csrf: &str,
    id: i64,
    body: &InfoRequest,
) -> Result<ManagerRegistration, ApiError> {
    let url = format!("/api/registrations/{id}/info-request");
    Call::write("POST", &url, csrf).json(body).read().await
}

/// `POST /api/registrations/{id}/info-response`
pub async fn answer_question(
    csrf: &str,
    id: i64,
    body: &InfoResponse,
) -> Result<PartnerRegistration, ApiError> {
    let url = format!("/api/registrations/{id}/info-response");
    Call::write("POST", &url, csrf).json(body).read().await
}

/// `GET /api/registration-link`
pub async fn registration_link() -> Result<RegistrationLinkStatus, ApiError> {
    Call::get("/api/registration-link").read().await
}

/// `POST /api/registration-link`: a new link; the old one stops working.
pub async fn rotate_registration_link(csrf: &str) -> Result<CreatedRegistrationLink, ApiError> {
    Call::write("POST", "/api/registration-link", csrf)
        .read()
        .await
}

/// `GET /api/public/registration-links/{token}`
pub async fn link_form(token: &str) -> Result<LinkForm, ApiError> {
    let url = format!("/api/public/registration-links/{}", encode(token, false));
    Call::get(&url).own_401().read().await
}

/// `POST /api/public/registration-links/{token}/registrations`
pub async fn submit_via_link(
    csrf: &str,
    token: &str,
    key: &str,
    body: &LinkRegistrationRequest,
) -> Result<PartnerRegistration, ApiError> {
    let url = format!(
        "/api/public/registration-links/{}/registrations",
        encode(token, false)
    );
    let call = Call::write("POST", &url, csrf).json(body).idempotent(key);
    call.own_401().read().await
}
