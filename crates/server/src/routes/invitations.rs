//! Inviting people, and accepting an invitation.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{AppendHeaders, IntoResponse};
use portico_api::invitations::{
    AcceptInvitation, CreateInvitation, CreatedInvitation, Invitation, InvitationPreview,
};
use portico_api::page::PageQuery;
use portico_api::{ErrorBody, Me, Page, validate};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::invitations::{self, Inviter};
use crate::domain::membership::Membership;
use crate::domain::password;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath, ApiQuery, parse_cursor};
use crate::routes::session::{self, Caller};
use crate::state::AppState;
use crate::store::into_page;
use crate::store::invitations as store;
use crate::store::sessions::StartedBy;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create, list))
        .routes(routes!(preview))
        .routes(routes!(accept))
}

/// Invite a person by e-mail: the invitation is e-mailed to them, and the link is also in this
/// answer, once. A new invitation to the same address replaces any pending one.
#[utoipa::path(post, path = "/api/invitations", tag = "invitations", request_body = CreateInvitation,
    responses(
        (status = 201, body = CreatedInvitation),
        (status = 403, body = ErrorBody, description = "The caller may not invite this role"),
        (status = 409, body = ErrorBody, description = "The address already has an account"),
        (status = 422, body = ErrorBody),
    ))]
async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(request): ApiJson<CreateInvitation>,
) -> ApiResult<impl IntoResponse> {
    caller.require_vendor()?;
    request.validate().map_err(ApiError::Validation)?;
    if !caller.role().may_invite(request.role) {
        return Err(ApiError::Forbidden(
            "Only administrators can invite vendor staff.",
        ));
    }
    let email = validate::email(&request.email).map_err(|m| ApiError::field("email", m))?;
    let membership = Membership::new(request.role, request.organization_id)
        .map_err(|e| ApiError::field("organization_id", &e.to_string()))?;

    let inviter = Inviter {
        user_id: caller.user_id,
        name: &caller.name,
    };
    let (invitation, path) = invitations::invite(&state, &inviter, &email, membership).await?;
    let link = format!("{}{path}", state.public_url);
    Ok((
        StatusCode::CREATED,
        Json(CreatedInvitation { invitation, link }),
    ))
}

/// Pending invitations, oldest first.
#[utoipa::path(get, path = "/api/invitations", tag = "invitations", params(PageQuery),
    responses((status = 200, body = Page<Invitation>), (status = 403, body = ErrorBody)))]
async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<Json<Page<Invitation>>> {
    caller.require_vendor()?;
    let after = parse_cursor(query.cursor.as_deref())?;
    let rows = store::pending_page(state.db.pool(), state.now(), after, query.limit()).await?;
    Ok(Json(into_page(
        rows,
        query.limit(),
        |r| r.id,
        |r| r.into_view(),
    )?))
}

/// What an invitation link is for. Unknown, used and expired links all answer 404.
#[utoipa::path(get, path = "/api/invitations/{token}", tag = "invitations",
    params(("token" = String, Path, description = "The token from the invitation link")),
    responses((status = 200, body = InvitationPreview), (status = 404, body = ErrorBody)))]
async fn preview(
    State(state): State<AppState>,
    ApiPath(token): ApiPath<String>,
) -> ApiResult<Json<InvitationPreview>> {
    let hash = state.tokens.hash(invitations::TOKEN_PURPOSE, &token);
    let row = store::pending_by_token(state.db.pool(), &hash, state.now())
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(row.into_preview()?))
}

/// Set a name and password for the invited address; signs the new user in.
#[utoipa::path(post, path = "/api/invitations/{token}/accept", tag = "invitations",
    params(("token" = String, Path, description = "The token from the invitation link")),
    request_body = AcceptInvitation,
    responses((status = 200, body = Me), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn accept(
    State(state): State<AppState>,
    ApiPath(token): ApiPath<String>,
    ApiJson(request): ApiJson<AcceptInvitation>,
) -> ApiResult<impl IntoResponse> {
    request.validate().map_err(ApiError::Validation)?;
    let name = validate::person_name(&request.name).map_err(|m| ApiError::field("name", m))?;
    password::check_new(&request.password).map_err(|m| ApiError::field("password", m))?;
    let user = invitations::accept(&state, &token, &name, request.password).await?;
    let (me, cookie) = session::start(&state, &user, StartedBy::Invitation).await?;
    Ok((AppendHeaders([(header::SET_COOKIE, cookie)]), Json(me)))
}
