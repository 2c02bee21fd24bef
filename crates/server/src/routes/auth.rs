//! Sign-in with a password, the second step when two-factor sign-in is on, sign-out and
//! `GET /api/me`.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{AppendHeaders, IntoResponse, Response};
use portico_api::account::SignInCode;
use portico_api::auth::{SecondFactorRequest, SecondFactorRequired};
use portico_api::{ErrorBody, LoginRequest, Me};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::account_security::Account;
use crate::app::account_security::attempts;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ClientAddr};
use crate::routes::session::{self, AnyCaller, PENDING_PURPOSE, after_first_factor, signed_in};
use crate::state::AppState;
use crate::store::sessions::StartedBy;
use crate::store::{pending_sign_ins, users};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(second_factor))
        .routes(routes!(logout))
        .routes(routes!(me))
}

/// Sign in with e-mail and password; sets the session cookie, or with two-factor sign-in on,
/// answers 202 with the token for `POST /api/auth/second-factor`.
#[utoipa::path(post, path = "/api/auth/login", tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, body = Me, description = "Signed in; the session cookie is set"),
        (status = 202, body = SecondFactorRequired, description = "Right password; a code is needed next"),
        (status = 401, body = ErrorBody, description = "Wrong e-mail or password (one message for both)"),
        (status = 422, body = ErrorBody),
        (status = 429, body = ErrorBody, description = "Too many failures; see Retry-After"),
    ))]
async fn login(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    ApiJson(request): ApiJson<LoginRequest>,
) -> ApiResult<Response> {
    request.validate().map_err(ApiError::Validation)?;
    let email = request.email.trim().to_lowercase();
    let user = users::by_email(state.db.pool(), &email)
        .await?
        .filter(|u| u.deactivated_at.is_none());
    let right =
        attempts::check_password(&state, client, &email, user.as_ref(), request.password).await?;
    match user.filter(|_| right) {
        Some(user) => after_first_factor(&state, &user, StartedBy::Password).await,
        None => Err(ApiError::InvalidCredentials),
    }
}

/// The second step of signing in: the code from the authenticator app, or a recovery code,
/// with the token the first step answered. Wrong codes are limited per account.
#[utoipa::path(post, path = "/api/auth/second-factor", tag = "auth",
    request_body = SecondFactorRequest,
    responses(
        (status = 200, body = Me, description = "Signed in; the session cookie is set"),
        (status = 404, body = ErrorBody, description = "Unknown, used or expired sign-in: start again"),
        (status = 422, body = ErrorBody, description = "Wrong code (field `code`)"),
        (status = 429, body = ErrorBody, description = "Too many wrong codes; see Retry-After"),
    ))]
async fn second_factor(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<SecondFactorRequest>,
) -> ApiResult<Response> {
    request.validate().map_err(ApiError::Validation)?;
    let code = SignInCode::parse(&request.code).map_err(|m| ApiError::field("code", m))?;
    let hash = state.tokens.hash(PENDING_PURPOSE, &request.pending_token);
    let user_id = pending_sign_ins::user_of(state.db.pool(), &hash, state.now())
        .await?
        .ok_or(ApiError::NotFound)?;
    let user = users::by_id(state.db.pool(), user_id)
        .await?
        .filter(|u| u.deactivated_at.is_none())
        .ok_or(ApiError::NotFound)?;
    if !attempts::check_code(&state, &Account::from(&user), &code).await? {
        return Err(ApiError::field(
            "code",
            "That code is not right. Enter the code your app shows now, or a recovery code.",
        ));
    }
    let now = state.now();
    let started_by = state
        .db
        .write(async |conn| pending_sign_ins::finish(conn, &hash, now).await)
        .await?
        .ok_or(ApiError::NotFound)?;
    signed_in(&state, &user, started_by).await
}

/// End the current session on the server and clear the cookie.
#[utoipa::path(post, path = "/api/auth/logout", tag = "auth",
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses((status = 204, description = "Signed out"), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn logout(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
) -> ApiResult<impl IntoResponse> {
    let cookie = session::end(&state, &caller).await?;
    Ok((
        StatusCode::NO_CONTENT,
        AppendHeaders([(header::SET_COOKIE, cookie)]),
    ))
}

/// Who is signed in, their organization, and the CSRF token for state-changing requests.
#[utoipa::path(get, path = "/api/me", tag = "auth",
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)))]
async fn me(AnyCaller(caller): AnyCaller) -> Json<Me> {
    Json(caller.me())
}
