//! User management for administrators.

use axum::Json;
use axum::extract::State;
use portico_api::page::PageQuery;
use portico_api::users::{UpdateUser, UserAdminView};
use portico_api::{ErrorBody, Page};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::users;
use crate::error::ApiResult;
use crate::routes::extract::{ApiJson, ApiPath, ApiQuery, parse_cursor};
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::into_page;
use crate::store::users as store;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(update))
}

/// Every user, in the order they joined.
#[utoipa::path(get, path = "/api/users", tag = "users", params(PageQuery),
    responses((status = 200, body = Page<UserAdminView>), (status = 403, body = ErrorBody)))]
async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<Json<Page<UserAdminView>>> {
    caller.require_admin()?;
    let after = parse_cursor(query.cursor.as_deref())?;
    let rows = store::page(state.db.pool(), after, query.limit()).await?;
    Ok(Json(into_page(
        rows,
        query.limit(),
        |r| r.id,
        |r| r.into_admin_view(),
    )?))
}

/// Change a user's role within their side, or deactivate (ending their sessions at once) or
/// reactivate them.
#[utoipa::path(patch, path = "/api/users/{id}", tag = "users", request_body = UpdateUser,
    params(("id" = i64, Path, description = "User id")),
    responses((status = 200, body = UserAdminView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<UpdateUser>,
) -> ApiResult<Json<UserAdminView>> {
    caller.require_admin()?;
    Ok(Json(
        users::update(&state, caller.user_id, id, &request).await?,
    ))
}
