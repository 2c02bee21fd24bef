//! Sign-in, sign-out and `GET /api/me`.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{AppendHeaders, IntoResponse};
use portico_api::auth::{MagicLinkRequest, MagicLinkSent, RedeemSignInLink, safe_next};
use portico_api::notifications::Category;
use portico_api::{ErrorBody, LoginRequest, Me};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::domain::throttle::{
    LINKS_PER_ACCOUNT, LINKS_PER_ADDRESS, PER_ACCOUNT, PER_ADDRESS, Throttle,
};
use crate::domain::{password, token};
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ClientAddr};
use crate::routes::session::{self, Caller};
use crate::state::AppState;
use crate::store::outbox::{self, Message, Recipients};
use crate::store::users::UserRow;
use crate::store::{login_failures, sign_in_links, users};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
        .routes(routes!(request_link))
        .routes(routes!(redeem_link))
}

/// A sign-in link works once, for a quarter of an hour.
const LINK_VALID_SECS: i64 = 15 * 60;
const LINK_PURPOSE: &str = "sign-in-link";
const LINK_SENT: &str = "If an account uses that address, a sign-in link is on its way. \
     It works once, for 15 minutes.";

/// E-mail a one-time sign-in link. The answer is the same whether or not an account uses the
/// address; requests are limited per address and per client.
#[utoipa::path(post, path = "/api/auth/magic-link", tag = "auth", request_body = MagicLinkRequest,
    responses(
        (status = 202, body = MagicLinkSent),
        (status = 422, body = ErrorBody),
        (status = 429, body = ErrorBody, description = "Too many links asked for; see Retry-After"),
    ))]
async fn request_link(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    ApiJson(request): ApiJson<MagicLinkRequest>,
) -> ApiResult<impl IntoResponse> {
    request.validate().map_err(ApiError::Validation)?;
    let email = request.email.trim().to_lowercase();
    let scopes = [format!("link:{email}"), format!("link-address:{client}")];
    refuse_if_throttled(&state, &scopes[0], LINKS_PER_ACCOUNT).await?;
    refuse_if_throttled(&state, &scopes[1], LINKS_PER_ADDRESS).await?;
    let now = state.now();
    login_failures::record(state.db.pool(), &[&scopes[0], &scopes[1]], now).await?;

    let user = users::by_email(state.db.pool(), &email)
        .await?
        .filter(|u| u.deactivated_at.is_none());
    if let Some(user) = user {
        send_link(&state, &user, request.next.as_deref().and_then(safe_next)).await?;
    }
    let sent = MagicLinkSent {
        message: LINK_SENT.into(),
    };
    Ok((StatusCode::ACCEPTED, Json(sent)))
}

async fn send_link(state: &AppState, user: &UserRow, next: Option<&str>) -> ApiResult<()> {
    let token = token::generate();
    let now = state.now();
    let link = match next {
        Some(next) => format!("/sign-in/{token}?next={}", url_encode(next)),
        None => format!("/sign-in/{token}"),
    };
    let message = Message {
        category: Category::SignInLink,
        to: Recipients::Address {
            email: &user.email,
            user_id: Some(user.id),
        },
        registration_id: None,
        subject: "Your sign-in link for Portico",
        body: "Use the link below to sign in to the partner portal.",
        link: Some(&link),
    };
    let hash = state.tokens.hash(LINK_PURPOSE, &token);
    let mut tx = state.db.begin_write().await?;
    sign_in_links::insert(&mut tx, &hash, user.id, now, now + LINK_VALID_SECS).await?;
    outbox::enqueue(&mut tx, &state.sealer, &message, state.now_ms()).await?;
    tx.commit().await?;
    Ok(())
}

fn url_encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Sign in with the token of a sign-in link; it cannot be used again.
#[utoipa::path(post, path = "/api/auth/magic-link/redeem", tag = "auth",
    request_body = RedeemSignInLink,
    responses(
        (status = 200, body = Me, description = "Signed in; the session cookie is set"),
        (status = 404, body = ErrorBody, description = "Unknown, used or expired link"),
    ))]
async fn redeem_link(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<RedeemSignInLink>,
) -> ApiResult<impl IntoResponse> {
    let hash = state.tokens.hash(LINK_PURPOSE, &request.token);
    let mut tx = state.db.begin_write().await?;
    let user_id = sign_in_links::redeem(&mut tx, &hash, state.now()).await?;
    tx.commit().await?;
    let user = match user_id {
        Some(id) => users::by_id(state.db.pool(), id).await?,
        None => None,
    };
    let user = user
        .filter(|u| u.deactivated_at.is_none())
        .ok_or(ApiError::NotFound)?;
    let (me, cookie) = session::start(&state, &user).await?;
    Ok((AppendHeaders([(header::SET_COOKIE, cookie)]), Json(me)))
}

/// Sign in with e-mail and password; sets the session cookie.
#[utoipa::path(post, path = "/api/auth/login", tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, body = Me, description = "Signed in; the session cookie is set"),
        (status = 401, body = ErrorBody, description = "Wrong e-mail or password (one message for both)"),
        (status = 422, body = ErrorBody),
        (status = 429, body = ErrorBody, description = "Too many failures; see Retry-After"),
    ))]
async fn login(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    ApiJson(request): ApiJson<LoginRequest>,
) -> ApiResult<impl IntoResponse> {
    request.validate().map_err(ApiError::Validation)?;
    let email = request.email.trim().to_lowercase();
    let scopes = [format!("account:{email}"), format!("address:{client}")];
    refuse_if_throttled(&state, &scopes[0], PER_ACCOUNT).await?;
    refuse_if_throttled(&state, &scopes[1], PER_ADDRESS).await?;

    let user = users::by_email(state.db.pool(), &email)
        .await?
        .filter(|u| u.deactivated_at.is_none());
    let stored_hash = user.as_ref().map(|u| u.password_hash.clone());
    let password = request.password;
    let verified = tokio::task::spawn_blocking(move || match stored_hash {
        Some(hash) => password::verify(&password, &hash),
        None => {
            password::verify_against_nothing(&password);
            false
        }
    })
    .await
    .map_err(ApiError::internal)?;

    let now = state.now();
    let (true, Some(user)) = (verified, user) else {
        let scopes = [scopes[0].as_str(), scopes[1].as_str()];
        login_failures::record(state.db.pool(), &scopes, now).await?;
        return Err(ApiError::InvalidCredentials);
    };
    login_failures::clear(state.db.pool(), &scopes[0]).await?;
    let (me, cookie) = session::start(&state, &user).await?;
    Ok((AppendHeaders([(header::SET_COOKIE, cookie)]), Json(me)))
}

async fn refuse_if_throttled(state: &AppState, scope: &str, throttle: Throttle) -> ApiResult<()> {
    let now = state.now();
    let failures =
        login_failures::since(state.db.pool(), scope, throttle.window_start(now)).await?;
    match throttle.retry_after(&failures, now) {
        Some(retry_after_secs) => Err(ApiError::RateLimited { retry_after_secs }),
        None => Ok(()),
    }
}

/// End the current session on the server and clear the cookie.
#[utoipa::path(post, path = "/api/auth/logout", tag = "auth",
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses((status = 204, description = "Signed out"), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn logout(State(state): State<AppState>, caller: Caller) -> ApiResult<impl IntoResponse> {
    let cookie = session::end(&state, &caller).await?;
    Ok((
        StatusCode::NO_CONTENT,
        AppendHeaders([(header::SET_COOKIE, cookie)]),
    ))
}

/// Who is signed in, their organization, and the CSRF token for state-changing requests.
#[utoipa::path(get, path = "/api/me", tag = "auth",
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)))]
async fn me(caller: Caller) -> Json<Me> {
    Json(caller.me())
}
