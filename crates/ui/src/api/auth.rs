//! Signing in and out: password, second factor, sign-in links, and who is signed in.

use super::ApiError;
use super::request::{Answer, Call, json};
use portico_api::auth::{
    MagicLinkRequest, MagicLinkSent, RedeemSignInLink, SecondFactorRequest, SecondFactorRequired,
};
use portico_api::{LoginRequest, Me};

/// Where a right password or sign-in link led.
pub enum SignIn {
    Done(Me),
    /// Two-factor sign-in is on: a code comes next.
    SecondFactor(SecondFactorRequired),
}

fn sign_in(answer: Answer) -> Result<SignIn, ApiError> {
    if answer.status == 202 {
        json(answer).map(SignIn::SecondFactor)
    } else {
        json(answer).map(SignIn::Done)
    }
}

/// `POST /api/auth/login`
pub async fn login(csrf: &str, body: &LoginRequest) -> Result<SignIn, ApiError> {
    let call = Call::write("POST", "/api/auth/login", csrf).json(body);
    sign_in(call.own_401().answer().await?)
}

/// `POST /api/auth/second-factor`
pub async fn second_factor(csrf: &str, body: &SecondFactorRequest) -> Result<Me, ApiError> {
    let call = Call::write("POST", "/api/auth/second-factor", csrf).json(body);
    call.own_401().read().await
}

/// `POST /api/auth/logout`
pub async fn logout(csrf: &str) -> Result<(), ApiError> {
    Call::write("POST", "/api/auth/logout", csrf)
        .own_401()
        .done()
        .await
}

/// `GET /api/me`; a 401 here just means nobody is signed in.
pub async fn me() -> Result<Me, ApiError> {
    Call::get("/api/me").own_401().read().await
}

/// `POST /api/auth/magic-link`
pub async fn request_sign_in_link(
    csrf: &str,
    body: &MagicLinkRequest,
) -> Result<MagicLinkSent, ApiError> {
    let call = Call::write("POST", "/api/auth/magic-link", csrf).json(body);
    call.own_401().read().await
}

/// `POST /api/auth/magic-link/redeem`
pub async fn redeem_sign_in_link(csrf: &str, token: &str) -> Result<SignIn, ApiError> {
    let body = RedeemSignInLink {
        token: token.to_owned(),
    };
    let call = Call::write("POST", "/api/auth/magic-link/redeem", csrf).json(&body);
    sign_in(call.own_401().answer().await?)
}
