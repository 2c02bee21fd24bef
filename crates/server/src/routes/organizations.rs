//! Partner organizations, for vendor staff.

use axum::Json;
use axum::extract::State;
use portico_api::organizations::{OrganizationQuery, OrganizationSummary};
use portico_api::{ErrorBody, Page};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::partners;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiQuery, parse_cursor};
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::{into_page, organizations};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
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
