//! One-time sign-in links sent by e-mail; only a keyed hash of each token is kept.

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Conn};

pub async fn insert(
    tx: &mut Conn,
    token_hash: &str,
    user_id: i64,
    now: Timestamp,
    expires_at: Timestamp,
) -> Result<(), StoreError> {
    sql::query(
        "INSERT INTO sign_in_links (token_hash, user_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(now)
    .bind(expires_at)
    .execute(tx)
    .await?;
    Ok(())
}

/// Uses the link: answers its user once, if it is unused and unexpired. One statement, so two
/// redemptions at once cannot both succeed.
pub async fn redeem(
    tx: &mut Conn,
    token_hash: &str,
    now: Timestamp,
) -> Result<Option<i64>, StoreError> {
    Ok(sql::query_scalar(
        "UPDATE sign_in_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL \
         AND expires_at > $2 RETURNING user_id",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(tx)
    .await?)
}

/// Forgets links that can no longer be used.
pub async fn forget_before(conn: &mut Conn, before: Timestamp) -> Result<u64, StoreError> {
    let done = sql::query("DELETE FROM sign_in_links WHERE expires_at < $1")
        .bind(before)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}
