//! The signed-in user's own security (password, two-factor sign-in) and the portal-wide security settings.

use super::ApiError;
use super::request::Call;
use portico_api::account::{
    AccountSecurity, ChangePassword, ConfirmTwoFactor, DisableTwoFactor, RecoveryCodes,
    SecuritySettings, SetPassword, TwoFactorSetup,
};

/// `GET /api/account/security`
pub async fn account_security() -> Result<AccountSecurity, ApiError> {
    Call::get("/api/account/security").read().await
}

/// `POST /api/account/password`
pub async fn change_password(csrf: &str, body: &ChangePassword) -> Result<(), ApiError> {
    let call = Call::write("POST", "/api/account/password", csrf).json(body);
    call.done().await
}

/// `POST /api/account/password/set`
pub async fn set_password(csrf: &str, body: &SetPassword) -> Result<(), ApiError> {
    let call = Call::write("POST", "/api/account/password/set", csrf).json(body);
    call.done().await
}

/// `POST /api/account/two-factor/setup`
pub async fn start_two_factor(csrf: &str) -> Result<TwoFactorSetup, ApiError> {
    let call = Call::write("POST", "/api/account/two-factor/setup", csrf);
    call.read().await
}

/// `POST /api/account/two-factor/confirm`
pub async fn confirm_two_factor(
    csrf: &str,
    body: &ConfirmTwoFactor,
) -> Result<RecoveryCodes, ApiError> {
    let call = Call::write("POST", "/api/account/two-factor/confirm", csrf).json(body);
    call.read().await
}

/// `POST /api/account/two-factor/disable`
pub async fn disable_two_factor(csrf: &str, body: &DisableTwoFactor) -> Result<(), ApiError> {
    let call = Call::write("POST", "/api/account/two-factor/disable", csrf).json(body);
    call.done().await
}

/// `GET /api/settings/security`
pub async fn security_settings() -> Result<SecuritySettings, ApiError> {
    Call::get("/api/settings/security").read().await
}

/// `PUT /api/settings/security`
pub async fn save_security_settings(
    csrf: &str,
    body: &SecuritySettings,
) -> Result<SecuritySettings, ApiError> {
    let call = Call::write("PUT", "/api/settings/security", csrf).json(body);
    call.read().await
}
