//! User management for administrators.

use axum::Json;
use axum::extract::State;
use portico_api::page::PageQuery;
use portico_api::users::{UpdateUser, UserAdminView};
use portico_api::{ErrorBody, Page, Role};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath, ApiQuery, parse_cursor};
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::{into_page, sessions, users};

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
    let rows = users::page(state.db.pool(), after, query.limit()).await?;
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
    if id == caller.user_id
        && (request.active == Some(false) || request.role.is_some_and(|r| r != Role::Admin))
    {
        return Err(ApiError::Unprocessable(
            "You cannot deactivate yourself or give up your own administrator role: ask another administrator.".into(),
        ));
    }
    let now = state.now();
    let mut tx = state.db.pool().begin().await?;
    let before = users::by_id(&mut *tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if let Some(role) = request.role {
        let membership = before
            .membership()?
            .with_role(role)
            .map_err(|e| ApiError::field("role", &e.to_string()))?;
        users::set_role(&mut *tx, id, membership.role()).await?;
    }
    match request.active {
        Some(false) if before.deactivated_at.is_none() => {
            users::set_deactivated_at(&mut *tx, id, Some(now)).await?;
            sessions::delete_for_user(&mut *tx, id).await?;
        }
        Some(true) => users::set_deactivated_at(&mut *tx, id, None).await?,
        _ => {}
    }
    let after = users::by_id(&mut *tx, id)
        .await?
        .ok_or_else(|| ApiError::internal("user vanished inside its transaction"))?
        .into_admin_view()?;
    let organization_id = before.organization_id;
    let before = before.into_admin_view()?;
    if before != after {
        audit::record(
            &mut *tx,
            &AuditEntry {
                actor_user_id: Some(caller.user_id),
                action: "user.updated",
                subject_type: "user",
                subject_id: Some(id),
                organization_id,
                before: audit::state(&before),
                after: audit::state(&after),
                rationale: None,
            },
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Json(after))
}
