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

use crate::app::account_security::attempts;
use crate::app::invitations::{self, Inviter};
use crate::domain::membership::Membership;
use crate::domain::password;
use crate::domain::throttle::INVITATIONS_PER_ORGANIZATION;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath, ApiQuery, parse_cursor};
use crate::routes::session::{self, Caller};
use crate::state::AppState;
use crate::store::invitations as store;
use crate::store::sessions::StartedBy;
use crate::store::{Scope, into_page};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create, list))
        .routes(routes!(revoke))
        .routes(routes!(preview))
        .routes(routes!(accept))
}

/// Vendor staff manage every invitation, a partner admin their own organization's.
fn invitations_scope(caller: &Caller) -> ApiResult<Scope> {
    match caller.membership {
        Membership::Vendor { .. } => Ok(Scope::Vendor),
        Membership::Partner {
            organization_id,
            admin: true,
        } => Ok(Scope::Organization(organization_id)),
        Membership::Partner { admin: false, .. } => Err(ApiError::Forbidden(
            "Only your organization's partner admins can invite people.",
        )),
    }
}

/// Invite a person by e-mail: the invitation is e-mailed to them, and the link is also in this
/// answer, once. A new invitation to the same address replaces any pending one; a partner
/// admin invites to their own organization only, a limited number an hour, and cannot replace
/// an invitation to anywhere else.
#[utoipa::path(post, path = "/api/invitations", tag = "invitations", request_body = CreateInvitation,
    responses(
        (status = 201, body = CreatedInvitation),
        (status = 403, body = ErrorBody, description = "The caller may not invite this role, or to this organization"),
        (status = 409, body = ErrorBody, description = "The address already has an account (or, for a partner admin, an invitation from elsewhere)"),
        (status = 422, body = ErrorBody),
        (status = 429, body = ErrorBody, description = "The organization sent too many invitations; see Retry-After"),
    ))]
async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(request): ApiJson<CreateInvitation>,
) -> ApiResult<impl IntoResponse> {
    let scope = invitations_scope(&caller)?;
    if !caller.role().may_invite(request.role) {
        return Err(ApiError::Forbidden(
            "Only administrators can invite vendor staff.",
        ));
    }
    request.validate().map_err(ApiError::Validation)?;
    if let Scope::Organization(own) = scope {
        if request.organization_id != Some(own) {
            return Err(ApiError::Forbidden(
                "You can invite people to your own organization only.",
            ));
        }
        let budget = format!("invitations:{own}");
        attempts::take(&state, &[(&budget, INVITATIONS_PER_ORGANIZATION)]).await?;
    }
    let email = validate::email(&request.email).map_err(|m| ApiError::field("email", m))?;
    let membership = Membership::new(request.role, request.organization_id)
        .map_err(|e| ApiError::field("organization_id", &e.to_string()))?;

    let inviter = Inviter {
        user_id: caller.user_id,
        name: &caller.name,
        scope,
    };
    let (invitation, path) = invitations::invite(&state, &inviter, &email, membership).await?;
    let link = format!("{}{path}", state.public_url);
    Ok((
        StatusCode::CREATED,
        Json(CreatedInvitation { invitation, link }),
    ))
}

/// Pending invitations, oldest first: all of them for vendor staff, their organization's for
/// a partner admin.
#[utoipa::path(get, path = "/api/invitations", tag = "invitations", params(PageQuery),
    responses((status = 200, body = Page<Invitation>), (status = 403, body = ErrorBody)))]
async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<Json<Page<Invitation>>> {
    let scope = invitations_scope(&caller)?;
    let after = parse_cursor(query.cursor.as_deref())?;
    let rows =
        store::pending_page(state.db.pool(), scope, state.now(), after, query.limit()).await?;
    Ok(Json(into_page(
        rows,
        query.limit(),
        |r| r.id,
        |r| r.into_view(),
    )?))
}

/// Revoke a pending invitation: its link stops working. Another organization's invitation is
/// not found for a partner admin.
#[utoipa::path(delete, path = "/api/invitations/pending/{id}", tag = "invitations",
    params(("id" = i64, Path, description = "The invitation")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn revoke(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    let scope = invitations_scope(&caller)?;
    invitations::revoke(&state, caller.user_id, scope, id).await?;
    Ok(StatusCode::NO_CONTENT)
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
