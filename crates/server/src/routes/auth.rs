//! Sign-in, sign-out and `GET /api/me`.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{AppendHeaders, IntoResponse};
use portico_api::{ErrorBody, LoginRequest, Me};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::domain::password;
use crate::domain::throttle::{PER_ACCOUNT, PER_ADDRESS, Throttle};
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ClientAddr};
use crate::routes::session::{self, Caller};
use crate::state::AppState;
use crate::store::{login_failures, users};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
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
