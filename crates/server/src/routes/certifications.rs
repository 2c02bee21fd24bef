//! Certifications: managers define them, record what people earned (one by one or from a
//! learning system's CSV); partner admins see their people's; partners learn what their
//! filings need before they fill a form in.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use portico_api::ErrorBody;
use portico_api::certifications::{
    CertificationDefinition, CertificationImport, CertificationInput, CertificationList,
    FilingRequirements, OrganizationPeople, PersonCertifications, RecordCertification,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::certifications::{self as app, gating, holdings, import};
use crate::domain::certifications::parse_completions;
use crate::domain::membership::Membership;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath, csv_body};
use crate::routes::session::Caller;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(update))
        .routes(routes!(import_completions))
        .routes(routes!(person, record))
        .routes(routes!(people))
        .routes(routes!(requirements))
}

/// Every certification with its validity, renewal, what requires it and how many people hold
/// it today.
#[utoipa::path(get, path = "/api/certifications", tag = "certifications",
    responses((status = 200, body = CertificationList), (status = 403, body = ErrorBody)))]
async fn list(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<CertificationList>> {
    caller.require_vendor()?;
    Ok(Json(app::list(&state).await?))
}

/// Define a certification; its code (for asset audiences) is made from its name.
#[utoipa::path(post, path = "/api/certifications", tag = "certifications",
    request_body = CertificationInput,
    responses((status = 201, body = CertificationDefinition), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(input): ApiJson<CertificationInput>,
) -> ApiResult<(StatusCode, Json<CertificationDefinition>)> {
    caller.require_vendor()?;
    input.validate().map_err(ApiError::Validation)?;
    let created = app::create(&state, caller.user_id, &input).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Change a certification; earnings already recorded keep the validity they were given.
#[utoipa::path(put, path = "/api/certifications/{id}", tag = "certifications",
    params(("id" = i64, Path)), request_body = CertificationInput,
    responses((status = 200, body = CertificationDefinition), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn update(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<CertificationInput>,
) -> ApiResult<Json<CertificationDefinition>> {
    caller.require_vendor()?;
    input.validate().map_err(ApiError::Validation)?;
    Ok(Json(app::update(&state, caller.user_id, id, &input).await?))
}

/// Record completions from a learning system's CSV (`Content-Type: text/csv`) with the columns
/// email, certification (a name or code) and completed_at. Any bad row rejects the whole file
/// with 422 and one message per row in `error.fields`; a completion recorded before is
/// counted, not repeated.
#[utoipa::path(post, path = "/api/certifications/import", tag = "certifications",
    request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = CertificationImport), (status = 403, body = ErrorBody),
        (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn import_completions(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    body: String,
) -> ApiResult<Json<CertificationImport>> {
    caller.require_vendor()?;
    csv_body(&headers, &body)?;
    let today = portico_api::date::Date::from_unix(state.now());
    let (completions, unreadable) =
        parse_completions(&body, today).map_err(ApiError::Validation)?;
    let imported = import::import(&state, caller.user_id, &completions, unreadable).await?;
    Ok(Json(imported))
}

/// A partner person's certifications: vendor staff see anyone's, a partner admin their
/// organization's people, a partner user their own.
#[utoipa::path(get, path = "/api/people/{id}/certifications", tag = "certifications",
    params(("id" = i64, Path)),
    responses((status = 200, body = PersonCertifications), (status = 404, body = ErrorBody)))]
async fn person(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<PersonCertifications>> {
    let scope = match caller.membership {
        Membership::Vendor { .. } => None,
        Membership::Partner {
            organization_id,
            admin: true,
        } => Some(organization_id),
        Membership::Partner { admin: false, .. } if id != caller.user_id => {
            return Err(ApiError::NotFound);
        }
        Membership::Partner {
            organization_id, ..
        } => Some(organization_id),
    };
    Ok(Json(holdings::person(&state, id, scope).await?))
}

/// Record that a partner person earned a certification on a day.
#[utoipa::path(post, path = "/api/people/{id}/certifications", tag = "certifications",
    params(("id" = i64, Path)), request_body = RecordCertification,
    responses((status = 201, body = PersonCertifications), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn record(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<RecordCertification>,
) -> ApiResult<(StatusCode, Json<PersonCertifications>)> {
    caller.require_vendor()?;
    let person = holdings::record(&state, caller.user_id, id, &request).await?;
    Ok((StatusCode::CREATED, Json(person)))
}

/// A partner organization's people and their certifications with expiries: vendor staff for
/// any organization, a partner admin for their own.
#[utoipa::path(get, path = "/api/organizations/{id}/people", tag = "certifications",
    params(("id" = i64, Path)),
    responses((status = 200, body = OrganizationPeople), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
async fn people(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<OrganizationPeople>> {
    match caller.membership {
        Membership::Vendor { .. } => {}
        Membership::Partner {
            organization_id, ..
        } if organization_id != id => return Err(ApiError::NotFound),
        Membership::Partner { admin: false, .. } => {
            return Err(ApiError::Forbidden(
                "Only your organization's admins see its people.",
            ));
        }
        Membership::Partner { .. } => {}
    }
    Ok(Json(holdings::people(&state, id).await?))
}

/// The certifications the caller's organization lacks for filings: those its motion needs for
/// every filing, and those products need (a filing naming one of them is refused).
#[utoipa::path(get, path = "/api/registrations/requirements", tag = "certifications",
    responses((status = 200, body = FilingRequirements), (status = 403, body = ErrorBody)))]
async fn requirements(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<FilingRequirements>> {
    let organization_id = caller.partner_organization()?;
    Ok(Json(gating::requirements(&state, organization_id).await?))
}
