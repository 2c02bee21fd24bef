//! Sign-ins that passed their first factor and wait for the second: a token (only its keyed
//! hash is kept) good for a few minutes and for one session.

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sessions::StartedBy;
use crate::store::sql::{self, Conn, Pool};

pub async fn insert(
    conn: &mut Conn,
    token_hash: &str,
    user_id: i64,
    started_by: StartedBy,
    expires_at: Timestamp,
) -> Result<(), StoreError> {
    sql::query(
        "INSERT INTO pending_sign_ins (token_hash, user_id, started_by, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(started_by.as_str())
    .bind(expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The user a live pending sign-in is for.
pub async fn user_of(
    db: &Pool,
    token_hash: &str,
    now: Timestamp,
) -> Result<Option<i64>, StoreError> {
    Ok(sql::query_scalar(
        "SELECT user_id FROM pending_sign_ins WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db)
    .await?)
}

/// Ends the pending sign-in and answers how it started, once: a second call finds nothing.
pub async fn finish(
    conn: &mut Conn,
    token_hash: &str,
    now: Timestamp,
) -> Result<Option<StartedBy>, StoreError> {
    let started_by: Option<String> = sql::query_scalar(
        "DELETE FROM pending_sign_ins WHERE token_hash = $1 AND expires_at > $2 \
         RETURNING started_by",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(conn)
    .await?;
    Ok(started_by.as_deref().and_then(StartedBy::parse))
}

pub async fn forget_before(conn: &mut Conn, before: Timestamp) -> Result<u64, StoreError> {
    let done = sql::query("DELETE FROM pending_sign_ins WHERE expires_at <= $1")
        .bind(before)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}
