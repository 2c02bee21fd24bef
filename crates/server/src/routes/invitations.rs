//! Inviting people, and accepting an invitation.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{AppendHeaders, IntoResponse};
use portico_api::invitations::{
    AcceptInvitation, CreateInvitation, CreatedInvitation, Invitation, InvitationPreview,
};
use portico_api::notifications::Category;
use portico_api::page::PageQuery;
use portico_api::{ErrorBody, FieldErrors, Me, Page, validate};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::domain::membership::Membership;
use crate::domain::{password, token};
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath, ApiQuery, parse_cursor};
use crate::routes::session::{self, Caller};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::invitations::{self as store, NewInvitation};
use crate::store::outbox::{self, Message, Recipients};
use crate::store::sessions::StartedBy;
use crate::store::users::{self, NewUser};
use crate::store::{into_page, organizations};

/// An invitation link works for a week.
const VALID_SECS: i64 = 7 * 24 * 60 * 60;
const TOKEN_PURPOSE: &str = "invitation";

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

    let token = token::generate();
    let now = state.now();
    let mut tx = state.db.pool().begin().await?;
    if let Some(organization_id) = membership.organization_id()
        && !organizations::exists(&mut *tx, organization_id).await?
    {
        return Err(ApiError::field(
            "organization_id",
            "That organization does not exist.",
        ));
    }
    if users::email_taken(&mut *tx, &email).await? {
        return Err(already_a_user());
    }
    let replaced = store::revoke_pending_for(&mut *tx, &email, now).await?;
    let new = NewInvitation {
        token_hash: &state.tokens.hash(TOKEN_PURPOSE, &token),
        email: &email,
        membership,
        invited_by: caller.user_id,
        expires_at: now + VALID_SECS,
    };
    let id = store::insert(&mut *tx, &new, now).await?;
    let invitation = store::by_id(&mut *tx, id)
        .await?
        .ok_or_else(|| ApiError::internal("invitation vanished inside its transaction"))?
        .into_view()?;
    audit::record(
        &mut *tx,
        &AuditEntry {
            actor_user_id: Some(caller.user_id),
            action: "invitation.created",
            subject_type: "invitation",
            subject_id: Some(id),
            organization_id: membership.organization_id(),
            before: audit::state(&serde_json::json!({ "replaced_invitation_ids": replaced })),
            after: audit::state(&invitation),
            rationale: None,
        },
        now,
    )
    .await?;
    let path = format!("/invite/{token}");
    send_invitation(&state, &mut tx, &caller, &invitation, &path).await?;
    tx.commit().await?;
    let link = format!("{}{path}", state.public_url);
    Ok((
        StatusCode::CREATED,
        Json(CreatedInvitation { invitation, link }),
    ))
}

/// The invitation e-mail, written with the invitation.
async fn send_invitation(
    state: &AppState,
    tx: &mut sqlx::AnyConnection,
    caller: &Caller,
    invitation: &Invitation,
    path: &str,
) -> ApiResult<()> {
    let team = invitation
        .organization
        .as_ref()
        .map_or("the vendor's partner team", |o| o.name.as_str());
    let body = format!(
        "{} invited you to join {team} on the partner portal as {}. Choose your name and \
         password to start.",
        caller.name,
        invitation.role.label().to_lowercase()
    );
    let message = Message {
        category: Category::Invitation,
        to: Recipients::Address {
            email: invitation.email.clone(),
            user_id: None,
        },
        registration_id: None,
        subject: format!("You are invited to {team} on Portico").clone(),
        body: body.clone(),
        link: Some(path.to_owned()),
    };
    outbox::enqueue(tx, &state.sealer, &message, state.now_ms()).await?;
    Ok(())
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
    let hash = state.tokens.hash(TOKEN_PURPOSE, &token);
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
    let hash = state.tokens.hash(TOKEN_PURPOSE, &token);
    let now = state.now();
    let invitation = store::pending_by_token(state.db.pool(), &hash, now)
        .await?
        .ok_or(ApiError::NotFound)?;
    let password = request.password;
    let password_hash = tokio::task::spawn_blocking(move || password::hash(&password))
        .await
        .map_err(ApiError::internal)?;

    let mut tx = state.db.pool().begin().await?;
    if !store::mark_accepted(&mut *tx, invitation.id, now).await? {
        return Err(ApiError::NotFound);
    }
    let membership = invitation.membership()?;
    let new = NewUser {
        email: &invitation.email,
        name: &name,
        membership,
        password_hash: &password_hash,
    };
    let user_id = match users::insert(&mut *tx, &new, now).await {
        Err(e) if e.is_duplicate() => return Err(already_a_user()),
        other => other?,
    };
    let user = users::by_id(&mut *tx, user_id)
        .await?
        .ok_or_else(|| ApiError::internal("user vanished inside its transaction"))?;
    audit::record(
        &mut *tx,
        &AuditEntry {
            actor_user_id: Some(user_id),
            action: "user.joined",
            subject_type: "user",
            subject_id: Some(user_id),
            organization_id: membership.organization_id(),
            before: None,
            after: audit::state(&user.clone().into_admin_view()?),
            rationale: Some(format!("accepted invitation {}", invitation.id).clone()),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    let (me, cookie) = session::start(&state, &user, StartedBy::Invitation).await?;
    Ok((AppendHeaders([(header::SET_COOKIE, cookie)]), Json(me)))
}

fn already_a_user() -> ApiError {
    ApiError::Conflict(
        "This e-mail address already has an account.".into(),
        FieldErrors::from([("email".to_owned(), "Already has an account.".to_owned())]),
    )
}
