//! Server-side sessions. Only the keyed hash of the cookie's token is stored.

use sqlx::{AnyPool, FromRow};

use crate::clock::Timestamp;

/// A live session joined with the user it belongs to.
#[derive(Debug, Clone, FromRow)]
pub struct SessionRow {
    pub token_hash: String,
    pub csrf_token: String,
    pub last_seen_at: Timestamp,
    pub user_id: i64,
    pub email: String,
    pub name: String,
    pub role: String,
    pub organization_id: Option<i64>,
    pub organization_name: Option<String>,
}

pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub user_id: i64,
    pub csrf_token: &'a str,
    pub expires_at: Timestamp,
}

pub async fn insert<'c, E>(
    db: E,
    session: &NewSession<'_>,
    now: Timestamp,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) \
         VALUES ($1, $2, $3, $4, $4, $5)",
    )
    .bind(session.token_hash)
    .bind(session.user_id)
    .bind(session.csrf_token)
    .bind(now)
    .bind(session.expires_at)
    .execute(db)
    .await?;
    Ok(())
}

/// The session if it has neither expired nor idled out, and its user is still active.
pub async fn live(
    db: &AnyPool,
    token_hash: &str,
    now: Timestamp,
    idle_since: Timestamp,
) -> Result<Option<SessionRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.token_hash, s.csrf_token, s.last_seen_at, u.id AS user_id, u.email, u.name, u.role, \
         u.organization_id, o.name AS organization_name \
         FROM sessions s JOIN users u ON u.id = s.user_id \
         LEFT JOIN organizations o ON o.id = u.organization_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 \
         AND u.deactivated_at IS NULL",
    )
    .bind(token_hash)
    .bind(now)
    .bind(idle_since)
    .fetch_optional(db)
    .await
}

pub async fn touch(db: &AnyPool, token_hash: &str, now: Timestamp) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(now)
        .bind(token_hash)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn delete(db: &AnyPool, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn delete_for_user<'c, E>(db: E, user_id: i64) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Drops sessions past either limit; run now and then so the table does not grow forever.
pub async fn purge_dead(
    db: &AnyPool,
    now: Timestamp,
    idle_since: Timestamp,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
        .bind(now)
        .bind(idle_since)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}
