//! The signed-in person's password and where their account's security stands; the changes and
//! the record each leaves are `app::account_security`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_api::ErrorBody;
use portico_api::account::{AccountSecurity, ChangePassword, SetPassword};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::account_security::{self, Account, PASSWORD_CHANGED, PASSWORD_SET};
use crate::clock::rfc3339;
use crate::domain::password;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ClientAddr};
use crate::routes::session::{AnyCaller, Caller};
use crate::state::AppState;
use crate::store::sessions::StartedBy;
use crate::store::two_factor;
use crate::store::users;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(security))
        .routes(routes!(change_password))
        .routes(routes!(set_password))
}

/// How long after a sign-in link its session may set a password without the current one: a
/// cookie stolen later cannot be used to take the account over.
pub const SET_PASSWORD_WINDOW_SECS: i64 = 15 * 60;

/// Two-factor sign-in, recovery codes left, and whether this session may set a password.
#[utoipa::path(get, path = "/api/account/security", tag = "account",
    responses((status = 200, body = AccountSecurity), (status = 401, body = ErrorBody)))]
async fn security(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
) -> ApiResult<Json<AccountSecurity>> {
    let enabled = two_factor::get(state.db.pool(), caller.user_id)
        .await?
        .is_some_and(|row| row.enabled_at.is_some());
    let left = if enabled {
        two_factor::recovery_codes_left(state.db.pool(), caller.user_id).await?
    } else {
        0
    };
    Ok(Json(AccountSecurity {
        two_factor_enabled: enabled,
        recovery_codes_left: u32::try_from(left).map_err(ApiError::internal)?,
        two_factor_setup_required: caller.two_factor_setup_required,
        set_password_until: set_password_until(&state, &caller).map(rfc3339),
    }))
}

/// When this session's chance to set a password without the current one ends, if it has one.
fn set_password_until(state: &AppState, caller: &Caller) -> Option<i64> {
    let until = caller.started_at + SET_PASSWORD_WINDOW_SECS;
    (caller.started_by == StartedBy::SignInLink && state.now() < until).then_some(until)
}

/// Change the password, proving the current one; ends every other session.
#[utoipa::path(post, path = "/api/account/password", tag = "account",
    request_body = ChangePassword,
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses((status = 204, description = "Changed; other sessions ended"),
        (status = 401, body = ErrorBody), (status = 422, body = ErrorBody),
        (status = 429, body = ErrorBody, description = "Too many wrong passwords; see Retry-After")))]
async fn change_password(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    caller: Caller,
    ApiJson(request): ApiJson<ChangePassword>,
) -> ApiResult<StatusCode> {
    request.validate().map_err(ApiError::Validation)?;
    password::check_new(&request.new_password).map_err(|m| ApiError::field("new_password", m))?;
    let user = users::by_id(state.db.pool(), caller.user_id)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    let current = request.current_password;
    if !account_security::attempts::check_password(
        &state,
        client,
        &user.email,
        Some(&user),
        current,
    )
    .await?
    {
        return Err(ApiError::field(
            "current_password",
            "That is not your current password.",
        ));
    }
    let account = Account::from(&caller);
    let new = request.new_password;
    account_security::replace_password(
        &state,
        &account,
        caller.session_key(),
        new,
        &PASSWORD_CHANGED,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Set a new password without the current one: only within 15 minutes of signing in with a
/// sign-in link (after its second factor, when two-factor sign-in is on). Ends every other
/// session.
#[utoipa::path(post, path = "/api/account/password/set", tag = "account",
    request_body = SetPassword,
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses((status = 204, description = "Set; other sessions ended"),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody, description = "This session did not start with a recent sign-in link"),
        (status = 422, body = ErrorBody)))]
async fn set_password(
    State(state): State<AppState>,
    // Vendor staff who must still set up two-factor sign-in may: setting it up asks for the
    // password, which someone back from a forgotten one does not have.
    AnyCaller(caller): AnyCaller,
    ApiJson(request): ApiJson<SetPassword>,
) -> ApiResult<StatusCode> {
    if set_password_until(&state, &caller).is_none() {
        return Err(ApiError::Forbidden(
            "To set a password without the current one, sign in with a sign-in link and set it \
             within 15 minutes.",
        ));
    }
    request.validate().map_err(ApiError::Validation)?;
    password::check_new(&request.new_password).map_err(|m| ApiError::field("new_password", m))?;
    let account = Account::from(&caller);
    let new = request.new_password;
    account_security::replace_password(&state, &account, caller.session_key(), new, &PASSWORD_SET)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
