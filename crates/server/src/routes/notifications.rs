//! What the portal has told the caller's side: a partner organization's messages, or vendor
//! staff's.

use axum::Json;
use axum::extract::State;
use portico_api::notifications::Notification;
use portico_api::page::PageQuery;
use portico_api::{ErrorBody, Page};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiResult;
use crate::routes::extract::{ApiQuery, parse_cursor};
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::{outbox, page_of};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

/// Messages for the caller's organization (or, for vendor staff, the program's), newest first.
#[utoipa::path(get, path = "/api/notifications", tag = "notifications", params(PageQuery),
    responses((status = 200, body = Page<Notification>), (status = 401, body = ErrorBody)))]
async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<Json<Page<Notification>>> {
    let before = parse_cursor(query.cursor.as_deref())?;
    let organization_id = caller.membership.organization_id();
    let rows = outbox::page(state.db.pool(), organization_id, before, query.limit()).await?;
    Ok(Json(page_of(
        rows,
        query.limit(),
        |r| r.id,
        |r| r.into_view(),
    )))
}
