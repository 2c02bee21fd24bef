//! The signed-in person's password and where their account's security stands; and the record
//! every change to it leaves: an audit entry and an e-mail to the person, so a change they did
//! not make does not go unnoticed.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_api::ErrorBody;
use portico_api::account::{AccountSecurity, ChangePassword, SetPassword};
use portico_api::notifications::Category;
use sqlx::AnyConnection;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::clock::rfc3339;
use crate::domain::password;
use crate::error::{ApiError, ApiResult};
use crate::routes::attempts;
use crate::routes::extract::{ApiJson, ClientAddr};
use crate::routes::session::{self, AnyCaller, Caller};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::outbox::{self, Message, Recipients};
use crate::store::sessions::StartedBy;
use crate::store::two_factor;
use crate::store::users::{self, UserRow};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(security))
        .routes(routes!(change_password))
        .routes(routes!(set_password))
}

/// How long after a sign-in link its session may set a password without the current one: a
/// cookie stolen later cannot be used to take the account over.
pub const SET_PASSWORD_WINDOW_SECS: i64 = 15 * 60;

/// Whose account changed.
pub struct Account<'a> {
    pub id: i64,
    pub email: &'a str,
    pub organization_id: Option<i64>,
}

impl<'a> From<&'a Caller> for Account<'a> {
    fn from(caller: &'a Caller) -> Self {
        Account {
            id: caller.user_id,
            email: &caller.email,
            organization_id: caller.membership.organization_id(),
        }
    }
}

impl<'a> From<&'a UserRow> for Account<'a> {
    fn from(user: &'a UserRow) -> Self {
        Account {
            id: user.id,
            email: &user.email,
            organization_id: user.organization_id,
        }
    }
}

/// A change to an account's security: its audit action and the e-mail that tells the person.
pub struct Change {
    pub action: &'static str,
    pub subject: &'static str,
    pub body: &'static str,
}

pub const PASSWORD_CHANGED: Change = Change {
    action: "user.password_changed",
    subject: "Your Portico password was changed",
    body: "The password of your Portico account was just changed, and your other sessions \
           were signed out.",
};
pub const PASSWORD_SET: Change = Change {
    action: "user.password_set",
    subject: "A new Portico password was set",
    body: "A new password was just set for your Portico account after signing in with a \
           sign-in link, and your other sessions were signed out.",
};
pub const TWO_FACTOR_ENABLED: Change = Change {
    action: "two_factor.enabled",
    subject: "Two-factor sign-in is on for your Portico account",
    body: "Signing in to your Portico account now also asks for a code from your \
           authenticator app, or one of your recovery codes.",
};
pub const TWO_FACTOR_DISABLED: Change = Change {
    action: "two_factor.disabled",
    subject: "Two-factor sign-in is off for your Portico account",
    body: "Signing in to your Portico account no longer asks for a code from an \
           authenticator app.",
};
pub const RECOVERY_CODE_USED: Change = Change {
    action: "two_factor.recovery_code_used",
    subject: "A recovery code was used to sign in to Portico",
    body: "One of your recovery codes was just used to sign in to your Portico account; it \
           cannot be used again. If your authenticator app is lost, turn two-factor sign-in \
           off and on again to get a new app set up and new recovery codes.",
};

/// Audits the change and e-mails the person about it, in the caller's transaction.
pub async fn record(
    tx: &mut AnyConnection,
    state: &AppState,
    account: &Account<'_>,
    change: &Change,
) -> ApiResult<()> {
    let entry = AuditEntry {
        actor_user_id: Some(account.id),
        action: change.action,
        subject_type: "user",
        subject_id: Some(account.id),
        organization_id: account.organization_id,
        before: None,
        after: None,
        rationale: None,
    };
    audit::record(&mut *tx, &entry, state.now()).await?;
    let message = Message {
        category: Category::AccountSecurity,
        to: Recipients::Address {
            email: account.email.to_owned(),
            user_id: Some(account.id),
        },
        registration_id: None,
        subject: change.subject.to_owned(),
        body: change.body.to_owned(),
        link: Some("/settings/security".to_owned()),
    };
    outbox::enqueue(tx, &state.sealer, &message, state.now_ms()).await?;
    Ok(())
}

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
    if !attempts::check_password(&state, client, &user.email, Some(&user), current).await? {
        return Err(ApiError::field(
            "current_password",
            "That is not your current password.",
        ));
    }
    replace_password(&state, &caller, request.new_password, &PASSWORD_CHANGED).await?;
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
    replace_password(&state, &caller, request.new_password, &PASSWORD_SET).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn replace_password(
    state: &AppState,
    caller: &Caller,
    new_password: String,
    change: &Change,
) -> ApiResult<()> {
    let hash = tokio::task::spawn_blocking(move || password::hash(&new_password))
        .await
        .map_err(ApiError::internal)?;
    let mut tx = state.db.begin_write().await?;
    users::set_password_hash(&mut *tx, caller.user_id, &hash).await?;
    session::end_others(&mut tx, caller).await?;
    record(&mut tx, state, &Account::from(caller), change).await?;
    tx.commit().await?;
    Ok(())
}
