//! Sign-in links: asked for by e-mail address, sent by e-mail, used once. A link is one factor:
//! with two-factor sign-in on, it leads to the code step like a password does.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use portico_api::auth::{
    MagicLinkRequest, MagicLinkSent, RedeemSignInLink, SecondFactorRequired, safe_next,
};
use portico_api::{ErrorBody, Me};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::account_security::attempts;
use crate::app::sign_in_links;
use crate::domain::throttle::{LINKS_PER_ACCOUNT, LINKS_PER_ADDRESS};
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ClientAddr};
use crate::routes::session::after_first_factor;
use crate::state::AppState;
use crate::store::sessions::StartedBy;
use crate::store::users;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(request_link))
        .routes(routes!(redeem_link))
}

const LINK_SENT: &str = "If an account uses that address, a sign-in link is on its way. \
     It works once, for 15 minutes.";

/// E-mail a one-time sign-in link. The answer is the same whether or not an account uses the
/// address; requests are limited per address and per client, each counted before any e-mail.
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
    let (per_account, per_address) = (format!("link:{email}"), format!("link-address:{client}"));
    attempts::take(
        &state,
        &[
            (&per_account, LINKS_PER_ACCOUNT),
            (&per_address, LINKS_PER_ADDRESS),
        ],
    )
    .await?;

    let user = users::by_email(state.db.pool(), &email)
        .await?
        .filter(|u| u.deactivated_at.is_none());
    if let Some(user) = user {
        sign_in_links::send(&state, &user, request.next.as_deref().and_then(safe_next)).await?;
    }
    let sent = MagicLinkSent {
        message: LINK_SENT.into(),
    };
    Ok((StatusCode::ACCEPTED, Json(sent)))
}

/// Sign in with the token of a sign-in link; it cannot be used again. With two-factor sign-in
/// on, answers 202 and the code step follows.
#[utoipa::path(post, path = "/api/auth/magic-link/redeem", tag = "auth",
    request_body = RedeemSignInLink,
    responses(
        (status = 200, body = Me, description = "Signed in; the session cookie is set"),
        (status = 202, body = SecondFactorRequired, description = "A code is needed next"),
        (status = 404, body = ErrorBody, description = "Unknown, used or expired link"),
    ))]
async fn redeem_link(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<RedeemSignInLink>,
) -> ApiResult<Response> {
    let user_id = sign_in_links::redeem(&state, &request.token).await?;
    let user = match user_id {
        Some(id) => users::by_id(state.db.pool(), id).await?,
        None => None,
    };
    let user = user
        .filter(|u| u.deactivated_at.is_none())
        .ok_or(ApiError::NotFound)?;
    after_first_factor(&state, &user, StartedBy::SignInLink).await
}
