//! Guesses at something secret (a password, a second-factor code) and requests that send
//! e-mail: each attempt is taken from its budgets before the work, so no parallel burst gets
//! more tries than the budgets allow. A successful attempt gives its share back.

use std::net::IpAddr;

use portico_api::account::SignInCode;

use super::{Account, RECOVERY_CODE_PURPOSE, RECOVERY_CODE_USED, record};
use crate::app::unit_of_work;
use crate::app::{AppError, AppResult};
use crate::domain::password;
use crate::domain::throttle::{
    CODES_PER_ACCOUNT, PASSWORDS_PER_ACCOUNT_AND_ADDRESS, PASSWORDS_PER_ADDRESS, RetryAfter,
    Throttle,
};
use crate::domain::totp::Secret;
use crate::state::AppState;
use crate::store::throttles::{self, Reservation};
use crate::store::two_factor;
use crate::store::users::UserRow;

/// Takes one attempt from every budget, or answers 429 with the wait.
pub async fn take(state: &AppState, budgets: &[(&str, Throttle)]) -> AppResult<Reservation> {
    throttles::reserve(&state.db, budgets, state.now())
        .await?
        .map_err(|RetryAfter(retry_after_secs)| AppError::RateLimited { retry_after_secs })
}

/// Checks a password against the account with this e-mail address (or spends the same time
/// when there is none), counted per account and client address and per client address: an
/// attacker elsewhere spends only their own budget, never the account holder's.
pub async fn check_password(
    state: &AppState,
    client: IpAddr,
    email: &str,
    user: Option<&UserRow>,
    password: String,
) -> AppResult<bool> {
    let pair = format!("password:{email}|{client}");
    let address = format!("password-address:{client}");
    let reservation = take(
        state,
        &[
            (&pair, PASSWORDS_PER_ACCOUNT_AND_ADDRESS),
            (&address, PASSWORDS_PER_ADDRESS),
        ],
    )
    .await?;
    let stored_hash = user.map(|u| u.password_hash.clone());
    let right = tokio::task::spawn_blocking(move || match stored_hash {
        Some(hash) => password::verify(&password, &hash),
        None => {
            password::verify_against_nothing(&password);
            false
        }
    })
    .await
    .map_err(AppError::internal)?;
    if right {
        throttles::release(&state.db, reservation).await?;
        throttles::clear(&state.db, &pair).await?;
    }
    Ok(right)
}

/// The budget of second-factor codes, before the code is checked.
pub async fn take_code_attempt(state: &AppState, user_id: i64) -> AppResult<Reservation> {
    take(state, &[(&format!("code:{user_id}"), CODES_PER_ACCOUNT)]).await
}

/// Checks a second-factor code, counted per account; a right code is used up with the check
/// (an app code's time step, or the recovery code), so it cannot be used again.
pub async fn check_code(
    state: &AppState,
    account: &Account<'_>,
    code: &SignInCode,
) -> AppResult<bool> {
    let reservation = take_code_attempt(state, account.id).await?;
    let right = match code {
        SignInCode::App(code) => use_app_code(state, account.id, code).await?,
        SignInCode::Recovery(code) => use_recovery_code(state, account, code).await?,
    };
    if right {
        throttles::release(&state.db, reservation).await?;
    }
    Ok(right)
}

async fn use_app_code(state: &AppState, user_id: i64, code: &str) -> AppResult<bool> {
    let Some(row) = two_factor::get(state.db.pool(), user_id).await? else {
        return Ok(false);
    };
    if row.enabled_at.is_none() {
        return Ok(false);
    }
    let secret = open_secret(state, &row.secret_sealed)?;
    match secret.accepts(code, state.now(), row.last_step) {
        Some(step) => Ok(state
            .db
            .write(async |conn| two_factor::use_step(conn, user_id, step).await)
            .await?),
        None => Ok(false),
    }
}

async fn use_recovery_code(state: &AppState, account: &Account<'_>, code: &str) -> AppResult<bool> {
    let hash = state.tokens.hash(RECOVERY_CODE_PURPOSE, code);
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        if !two_factor::use_recovery_code(unit.tx(), account.id, &hash, now).await? {
            return Ok(false);
        }
        record(unit, account, &RECOVERY_CODE_USED);
        Ok(true)
    })
    .await
}

/// The user's TOTP secret; one sealed under another server key cannot be used.
pub fn open_secret(state: &AppState, sealed: &str) -> AppResult<Secret> {
    state
        .sealer
        .open(sealed)
        .and_then(|text| Secret::from_base32(&text))
        .ok_or_else(|| AppError::internal("a two-factor secret does not open with this key"))
}
