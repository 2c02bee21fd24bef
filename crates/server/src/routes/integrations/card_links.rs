//! Signed card links: managers make one for a deal's card, list what was made for a CRM, and
//! revoke one. Each link is recorded and its id signed into the URL, so the card refuses a
//! revoked link while the others keep working.

use axum::Json;
use axum::extract::State;
use portico_api::card_links::{CardLink, CardLinkRequest, IssuedCardLink, RevokeCardLink};
use portico_api::integrations::{CardSubject, CrmSystem};
use portico_api::page::PageQuery;
use portico_api::{ErrorBody, Page};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::card_links::{self, Issue};
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath, ApiQuery, parse_cursor};
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::card_links as store;
use crate::store::integrations;
use crate::store::sql::Pool;
use crate::store::{cards, into_page};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(issue, list))
        .routes(routes!(revoke))
}

/// A signed card URL for this CRM's iframe, valid for the given days (30 when absent, 90 at
/// most). The link is recorded, so it can be listed and revoked on its own.
#[utoipa::path(post, path = "/api/integrations/{system}/card-links", tag = "integrations",
    params(("system" = CrmSystem, Path)), request_body = CardLinkRequest,
    responses((status = 200, body = CardLink), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn issue(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(system): ApiPath<CrmSystem>,
    ApiJson(request): ApiJson<CardLinkRequest>,
) -> ApiResult<Json<CardLink>> {
    caller.require_vendor()?;
    request.validate().map_err(ApiError::Validation)?;
    let db = state.db.pool();
    let integration = integrations::get(db, system).await?.ok_or_else(|| {
        ApiError::Unprocessable(format!(
            "Set up the {} integration first: save its frame origins.",
            system.label()
        ))
    })?;
    let path = card_path(db, request.subject).await?;
    let card = Issue {
        system,
        integration: &integration,
        path: &path,
    };
    let issued = card_links::issue(&state, caller.user_id, card, &request).await?;
    Ok(Json(issued))
}

/// The path of the subject's card; a subject without one (unknown, or a lead) is not found.
async fn card_path(db: &Pool, subject: CardSubject) -> ApiResult<String> {
    let (path, card) = match subject {
        CardSubject::Opportunity(id) => (
            format!("/embed/deals/{id}"),
            cards::of_opportunity(db, id).await?,
        ),
        CardSubject::Registration(id) => (
            format!("/embed/registrations/{id}"),
            cards::of_registration(db, id).await?,
        ),
    };
    card.map(|_| path).ok_or(ApiError::NotFound)
}

/// The card links made for this CRM, newest first, revoked and expired ones included; the URLs
/// are not shown again. Vendor staff only.
#[utoipa::path(get, path = "/api/integrations/{system}/card-links", tag = "integrations",
    params(("system" = CrmSystem, Path), PageQuery),
    responses((status = 200, body = Page<IssuedCardLink>), (status = 403, body = ErrorBody)))]
async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(system): ApiPath<CrmSystem>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<Json<Page<IssuedCardLink>>> {
    caller.require_vendor()?;
    let before = parse_cursor(query.cursor.as_deref())?;
    let limit = query.limit();
    let rows = store::page(state.db.pool(), system, before, limit).await?;
    let now = state.now();
    Ok(Json(into_page(
        rows,
        limit,
        |r| r.id,
        |r| r.into_view(now),
    )?))
}

/// Revoke one card link: the card refuses it from now on, saying it was revoked. The rationale
/// is kept with the link and in the audit trail.
#[utoipa::path(post, path = "/api/integrations/{system}/card-links/{id}/revoke",
    tag = "integrations", params(("system" = CrmSystem, Path), ("id" = i64, Path)),
    request_body = RevokeCardLink,
    responses((status = 200, body = IssuedCardLink), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn revoke(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath((system, id)): ApiPath<(CrmSystem, i64)>,
    ApiJson(request): ApiJson<RevokeCardLink>,
) -> ApiResult<Json<IssuedCardLink>> {
    caller.require_vendor()?;
    let rationale = request.validate().map_err(ApiError::Validation)?;
    let row = card_links::revoke(&state, caller.user_id, system, id, rationale).await?;
    Ok(Json(row.into_view(state.now())?))
}
