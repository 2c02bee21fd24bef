//! Two-factor sign-in: each user's sealed TOTP secret, the last time step a code was accepted
//! for, and the keyed hashes of their recovery codes.

use sqlx::FromRow;

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Conn, Exec, Pool};

#[derive(Debug, Clone, FromRow)]
pub struct TwoFactorRow {
    pub secret_sealed: String,
    pub enabled_at: Option<Timestamp>,
    pub last_step: Option<i64>,
}

pub async fn get<'c, E>(db: E, user_id: i64) -> Result<Option<TwoFactorRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as(
        "SELECT secret_sealed, enabled_at, last_step FROM two_factor WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_optional(db)
    .await?)
}

/// Keeps a new secret waiting for its first code, replacing one that never got it. False when
/// two-factor sign-in is already on: an enabled secret is never overwritten.
pub async fn begin(
    tx: &mut Conn,
    user_id: i64,
    secret_sealed: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let done = sql::query(
        "INSERT INTO two_factor (user_id, secret_sealed, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id) DO UPDATE SET secret_sealed = excluded.secret_sealed, \
         created_at = excluded.created_at, last_step = NULL \
         WHERE two_factor.enabled_at IS NULL",
    )
    .bind(user_id)
    .bind(secret_sealed)
    .bind(now)
    .execute(tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Turns two-factor sign-in on, the confirming code's step counting as used. False when it
/// was already on (two confirmations raced).
pub async fn enable(
    tx: &mut Conn,
    user_id: i64,
    step: i64,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let done = sql::query(
        "UPDATE two_factor SET enabled_at = $2, last_step = $3 \
         WHERE user_id = $1 AND enabled_at IS NULL",
    )
    .bind(user_id)
    .bind(now)
    .bind(step)
    .execute(tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes a time step as used unless it, or a later one, already was. One statement, so two
/// requests with the same code cannot both pass.
pub async fn use_step(conn: &mut Conn, user_id: i64, step: i64) -> Result<bool, StoreError> {
    let done = sql::query(
        "UPDATE two_factor SET last_step = $2 WHERE user_id = $1 AND enabled_at IS NOT NULL \
         AND (last_step IS NULL OR last_step < $2)",
    )
    .bind(user_id)
    .bind(step)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Turns two-factor sign-in off: the secret and the recovery codes go.
pub async fn remove(tx: &mut Conn, user_id: i64) -> Result<(), StoreError> {
    sql::query("DELETE FROM recovery_codes WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sql::query("DELETE FROM two_factor WHERE user_id = $1")
        .bind(user_id)
        .execute(tx)
        .await?;
    Ok(())
}

pub async fn add_recovery_codes(
    tx: &mut Conn,
    user_id: i64,
    code_hashes: &[String],
) -> Result<(), StoreError> {
    sql::query("DELETE FROM recovery_codes WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    for hash in code_hashes {
        sql::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)")
            .bind(user_id)
            .bind(hash)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// Uses a recovery code: true once, if it is the user's and unused.
pub async fn use_recovery_code(
    tx: &mut Conn,
    user_id: i64,
    code_hash: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let done = sql::query(
        "UPDATE recovery_codes SET used_at = $3 \
         WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL",
    )
    .bind(user_id)
    .bind(code_hash)
    .bind(now)
    .execute(tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn recovery_codes_left(db: &Pool, user_id: i64) -> Result<i64, StoreError> {
    Ok(sql::query_scalar(
        "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL",
    )
    .bind(user_id)
    .fetch_one(db)
    .await?)
}
