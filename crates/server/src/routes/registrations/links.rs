//! Registration without a portal login: each partner organization has a secret link
//! (`/r/<token>`) whose form files registrations for it. Partner admins rotate the link; the
//! link's endpoints show nothing but the form and answer any unknown token with 404.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use portico_api::date::Date;
use portico_api::registrations::{
    CreatedRegistrationLink, LinkForm, LinkRegistrationRequest, PartnerRegistration,
    RegistrationLinkStatus,
};
use portico_api::{ErrorBody, Role, places};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{created, idempotency_key};
use crate::app::certifications::gating;
use crate::app::registrations::{Filing, file_once, links, request_hash};
use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath, ClientAddr};
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::{organizations, products, registration_links as store};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(status, rotate))
        .routes(routes!(form))
        .routes(routes!(submit))
}

fn require_partner_admin(caller: &Caller) -> ApiResult<i64> {
    if caller.role() != Role::PartnerAdmin {
        return Err(ApiError::Forbidden(
            "Only your organization's partner admins manage its registration link.",
        ));
    }
    caller.partner_organization()
}

/// Whether the caller's organization has a registration link. Partner admins only.
#[utoipa::path(get, path = "/api/registration-link", tag = "registrations",
    responses((status = 200, body = RegistrationLinkStatus), (status = 403, body = ErrorBody)))]
async fn status(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<RegistrationLinkStatus>> {
    let organization_id = require_partner_admin(&caller)?;
    let created_at = store::created_at(state.db.pool(), organization_id).await?;
    Ok(Json(RegistrationLinkStatus {
        active: created_at.is_some(),
        created_at: created_at.map(rfc3339),
    }))
}

/// Make a new registration link; any previous link stops working. The link is in this answer
/// only. Partner admins only.
#[utoipa::path(post, path = "/api/registration-link", tag = "registrations",
    responses((status = 201, body = CreatedRegistrationLink), (status = 403, body = ErrorBody)))]
async fn rotate(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<(StatusCode, Json<CreatedRegistrationLink>)> {
    let organization_id = require_partner_admin(&caller)?;
    let (token, now) = links::rotate(&state, caller.user_id, organization_id).await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedRegistrationLink {
            link: format!("{}/r/{token}", state.public_url),
            created_at: rfc3339(now),
        }),
    ))
}

async fn organization_of(state: &AppState, token: &str) -> ApiResult<i64> {
    links::organization_of(state, token)
        .await?
        .ok_or(ApiError::NotFound)
}

/// The form behind a registration link: the organization it files for, the products to
/// choose from and the certifications its filings lack. 404 for any other token.
#[utoipa::path(get, path = "/api/public/registration-links/{token}", tag = "registrations",
    params(("token" = String, Path)),
    responses((status = 200, body = LinkForm), (status = 404, body = ErrorBody)))]
async fn form(
    State(state): State<AppState>,
    ApiPath(token): ApiPath<String>,
) -> ApiResult<Json<LinkForm>> {
    let organization_id = organization_of(&state, &token).await?;
    let (organization, country) = organizations::name_and_country(state.db.pool(), organization_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let products = products::active(state.db.pool()).await?;
    let requirements = gating::requirements(&state, organization_id).await?;
    Ok(Json(LinkForm {
        organization,
        currency: country
            .as_deref()
            .and_then(places::currency_of)
            .map(str::to_owned),
        products: products.into_iter().map(|p| p.into_view()).collect(),
        requirements,
    }))
}

/// Register through the link, for the organization it belongs to. Limited per client address
/// and per organization; the answer tells only the submission's own outcome.
#[utoipa::path(post, path = "/api/public/registration-links/{token}/registrations", tag = "registrations",
    params(("token" = String, Path),
        ("Idempotency-Key" = Option<String>, Header, description = "Up to 100 characters, one per form")),
    request_body = LinkRegistrationRequest,
    responses((status = 201, body = PartnerRegistration), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
async fn submit(
    State(state): State<AppState>,
    ClientAddr(address): ClientAddr,
    ApiPath(token): ApiPath<String>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<LinkRegistrationRequest>,
) -> ApiResult<Response> {
    let organization_id = organization_of(&state, &token).await?;
    let now = state.now();
    let address = address.to_string();
    let valid = request
        .validate(Date::from_unix(now))
        .map_err(ApiError::Validation)?;
    let filing = Filing {
        organization_id,
        submitted_by: None,
        submitter_name: &valid.submitter_name,
        submitter_email: &valid.submitter_email,
        submitted_from: Some(&address),
        idempotency_key: idempotency_key(&headers)?,
        request_hash: &request_hash(&request.registration)?,
        registration: &valid.registration,
    };
    let id = file_once(&state, &filing).await?;
    created(&state, id, organization_id).await
}
