//! Partner organizations, for vendor staff.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_api::organizations::{OrganizationQuery, OrganizationSummary, UpdateOrganization};
use portico_api::{ErrorBody, Page, places};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::partners;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath, ApiQuery, parse_cursor};
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::{into_page, organizations};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(update))
}

/// Set where the organization is based (its people's registration forms start with that
/// country's currency); `null` clears it.
#[utoipa::path(patch, path = "/api/organizations/{id}", tag = "organizations",
    params(("id" = i64, Path, description = "The organization")),
    request_body = UpdateOrganization,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn update(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<UpdateOrganization>,
) -> ApiResult<StatusCode> {
    caller.require_vendor()?;
    let country = match request
        .country
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        Some(code) => Some(places::country(code).map_err(|m| ApiError::field("country", m))?),
        None => None,
    };
    partners::set_country(&state, caller.user_id, id, country).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Partner organizations with their motion, tier, number of users and engagement: the score,
/// its trend over 30 days, the last activity, whether the partner stalled, and a new partner's
/// first steps. `status` narrows the list to stalled or activating partners.
#[utoipa::path(get, path = "/api/organizations", tag = "organizations", params(OrganizationQuery),
    responses((status = 200, body = Page<OrganizationSummary>), (status = 403, body = ErrorBody)))]
async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<OrganizationQuery>,
) -> ApiResult<Json<Page<OrganizationSummary>>> {
    caller.require_vendor()?;
    let page = query.page();
    let after = parse_cursor(page.cursor.as_deref())?;
    let assessed = match query.status {
        None => {
            let rows = organizations::page(state.db.pool(), after, page.limit()).await?;
            partners::assess(&state, rows).await?
        }
        // Engagement is computed, not stored: every organization is assessed, then filtered.
        Some(status) => partners::assess_all(&state)
            .await?
            .into_iter()
            .filter(|(row, engagement)| row.id > after && status.holds(engagement))
            .take(page.limit() as usize + 1)
            .collect(),
    };
    Ok(Json(into_page(
        assessed,
        page.limit(),
        |(row, _)| row.id,
        |(row, engagement)| Ok::<_, ApiError>(row.into_summary(engagement)),
    )?))
}
