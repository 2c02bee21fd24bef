//! Partner organizations, for vendor staff.

use axum::Json;
use axum::extract::State;
use portico_api::organizations::OrganizationSummary;
use portico_api::page::PageQuery;
use portico_api::{ErrorBody, Page};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiResult;
use crate::routes::extract::ApiQuery;
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::{into_page, organizations, parse_cursor};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

/// Partner organizations with their motion, tier and number of users.
#[utoipa::path(get, path = "/api/organizations", tag = "organizations", params(PageQuery),
    responses((status = 200, body = Page<OrganizationSummary>), (status = 403, body = ErrorBody)))]
async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<Json<Page<OrganizationSummary>>> {
    caller.require_vendor()?;
    let after = parse_cursor(query.cursor.as_deref())?;
    let rows = organizations::page(state.db.pool(), after, query.limit()).await?;
    Ok(Json(into_page(
        rows,
        query.limit(),
        |r| r.id,
        |r| r.into_summary(),
    )?))
}
