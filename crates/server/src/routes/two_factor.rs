//! Turning two-factor sign-in with an authenticator app on and off. Setting up makes a secret
//! that counts only once a code from it is confirmed with the password; the confirmation
//! answers the recovery codes, once. The secret is kept sealed and never shown again.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_api::ErrorBody;
use portico_api::account::{
    ConfirmTwoFactor, DisableTwoFactor, RecoveryCodes, SignInCode, TwoFactorSetup, totp_code,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::account_security::{self, Account, RECOVERY_CODE_PURPOSE, attempts};
use crate::domain::totp::{self, Secret};
use crate::domain::{qr_code, recovery_codes};
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ClientAddr};
use crate::routes::session::{AnyCaller, Caller};
use crate::state::AppState;
use crate::store::throttles;
use crate::store::{portal_settings, two_factor, users};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(setup))
        .routes(routes!(confirm))
        .routes(routes!(disable))
}

/// The name authenticator apps list the account under.
const ISSUER: &str = "Portico";

fn already_on() -> ApiError {
    ApiError::Conflict(
        "Two-factor sign-in is already on. Turn it off first to move it to another app.".into(),
        Default::default(),
    )
}

/// Start setting up: a new secret, as text and as a QR code, which counts once confirmed.
/// Starting again replaces a secret that was never confirmed.
#[utoipa::path(post, path = "/api/account/two-factor/setup", tag = "account",
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses((status = 200, body = TwoFactorSetup), (status = 401, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "Two-factor sign-in is already on")))]
async fn setup(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
) -> ApiResult<Json<TwoFactorSetup>> {
    let secret = Secret::generate();
    let sealed = state.sealer.seal(&secret.to_base32());
    if !account_security::start_two_factor(&state, &Account::from(&caller), &sealed).await? {
        return Err(already_on());
    }
    let otpauth_uri = totp::otpauth_uri(ISSUER, &caller.email, &secret);
    let qr_code = qr_code::svg_data_uri(&otpauth_uri)
        .ok_or_else(|| ApiError::internal("the setup link does not fit in a QR code"))?;
    Ok(Json(TwoFactorSetup {
        secret: secret.to_base32(),
        otpauth_uri,
        qr_code,
    }))
}

/// Turn two-factor sign-in on with a code from the app and the password; answers the recovery
/// codes, shown this once.
#[utoipa::path(post, path = "/api/account/two-factor/confirm", tag = "account",
    request_body = ConfirmTwoFactor,
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses((status = 200, body = RecoveryCodes), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody, description = "Setup was not started"),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
        (status = 429, body = ErrorBody)))]
async fn confirm(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    AnyCaller(caller): AnyCaller,
    ApiJson(request): ApiJson<ConfirmTwoFactor>,
) -> ApiResult<Json<RecoveryCodes>> {
    request.validate().map_err(ApiError::Validation)?;
    let code = totp_code(&request.code).map_err(|m| ApiError::field("code", m))?;
    let pending = two_factor::get(state.db.pool(), caller.user_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if pending.enabled_at.is_some() {
        return Err(already_on());
    }
    let user = users::by_id(state.db.pool(), caller.user_id)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    if !attempts::check_password(&state, client, &user.email, Some(&user), request.password).await?
    {
        return Err(ApiError::field("password", "That is not your password."));
    }
    let reservation = attempts::take_code_attempt(&state, caller.user_id).await?;
    let secret = attempts::open_secret(&state, &pending.secret_sealed)?;
    let step = secret.accepts(&code, state.now(), None).ok_or_else(|| {
        ApiError::field(
            "code",
            "That code is not right. Enter the code the app shows now; if it keeps failing, \
             check that your phone's clock is set automatically.",
        )
    })?;
    throttles::release(&state.db, reservation).await?;

    let codes = recovery_codes::generate();
    let hashes: Vec<String> = codes
        .iter()
        .map(|c| {
            state
                .tokens
                .hash(RECOVERY_CODE_PURPOSE, &c.replace('-', ""))
        })
        .collect();
    let account = Account::from(&caller);
    if !account_security::enable_two_factor(&state, &account, step, &hashes).await? {
        return Err(already_on());
    }
    Ok(Json(RecoveryCodes { codes }))
}

/// Turn two-factor sign-in off, with the password or a current code from the app. Vendor staff
/// cannot while the portal requires it of them.
#[utoipa::path(post, path = "/api/account/two-factor/disable", tag = "account",
    request_body = DisableTwoFactor,
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses((status = 204, description = "Turned off"), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody, description = "Required for vendor staff"),
        (status = 409, body = ErrorBody, description = "It is not on"),
        (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
async fn disable(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    caller: Caller,
    ApiJson(request): ApiJson<DisableTwoFactor>,
) -> ApiResult<StatusCode> {
    request.validate().map_err(ApiError::Validation)?;
    if caller.role().is_vendor()
        && portal_settings::vendor_two_factor_required(state.db.pool()).await?
    {
        return Err(ApiError::Forbidden(
            "Your portal requires two-factor sign-in for managers and administrators, so it \
             stays on.",
        ));
    }
    let enabled = two_factor::get(state.db.pool(), caller.user_id)
        .await?
        .is_some_and(|row| row.enabled_at.is_some());
    if !enabled {
        return Err(ApiError::Conflict(
            "Two-factor sign-in is not on.".into(),
            Default::default(),
        ));
    }
    let account = Account::from(&caller);
    match request.password.filter(|p| !p.is_empty()) {
        Some(password) => {
            let user = users::by_id(state.db.pool(), caller.user_id)
                .await?
                .ok_or(ApiError::Unauthenticated)?;
            if !attempts::check_password(&state, client, &user.email, Some(&user), password).await?
            {
                return Err(ApiError::field("password", "That is not your password."));
            }
        }
        None => {
            let code = totp_code(request.code.as_deref().unwrap_or_default())
                .map_err(|m| ApiError::field("code", m))?;
            if !attempts::check_code(&state, &account, &SignInCode::App(code)).await? {
                return Err(ApiError::field("code", "That code is not right."));
            }
        }
    }
    account_security::disable_two_factor(&state, &account).await?;
    Ok(StatusCode::NO_CONTENT)
}
