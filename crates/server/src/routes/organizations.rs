//! Partner organizations, for vendor staff.

use axum::Json;
use axum::extract::State;
use portico_api::organizations::OrganizationSummary;
use portico_api::page::PageQuery;
use portico_api::{ErrorBody, Page};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::domain::engagement;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiQuery, parse_cursor};
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::{self, into_page, organizations};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

/// Partner organizations with their motion, tier, number of users and engagement: the score,
/// its trend over 30 days, the last activity, whether the partner stalled, and a new partner's
/// first steps.
#[utoipa::path(get, path = "/api/organizations", tag = "organizations", params(PageQuery),
    responses((status = 200, body = Page<OrganizationSummary>), (status = 403, body = ErrorBody)))]
async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<Json<Page<OrganizationSummary>>> {
    caller.require_vendor()?;
    let after = parse_cursor(query.cursor.as_deref())?;
    let now = state.now();
    let rows = organizations::page(state.db.pool(), after, query.limit()).await?;
    let ids: Vec<i64> = rows
        .iter()
        .take(query.limit() as usize)
        .map(|r| r.id)
        .collect();
    let activity = store::engagement::activity(state.db.pool(), &ids, now).await?;
    Ok(Json(into_page(
        rows,
        query.limit(),
        |r| r.id,
        |r| {
            let activity = activity.get(&r.id).ok_or_else(|| {
                ApiError::internal(format!("no activity read for organization {}", r.id))
            })?;
            Ok::<_, ApiError>(r.into_summary(engagement::assess(activity, now)))
        },
    )?))
}
