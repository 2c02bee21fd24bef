//! Server-side sessions. Only the keyed hash of the cookie's token is stored.

use portico_api::Role;
use sqlx::FromRow;

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::portal_settings::VENDOR_TWO_FACTOR;
use crate::store::sql::{self, Conn, Exec, Pool};

/// How a session's user proved who they are (a second factor, if any, came after it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartedBy {
    Password,
    SignInLink,
    Invitation,
}

impl StartedBy {
    pub fn as_str(self) -> &'static str {
        match self {
            StartedBy::Password => "password",
            StartedBy::SignInLink => "sign_in_link",
            StartedBy::Invitation => "invitation",
        }
    }

    pub fn parse(text: &str) -> Option<StartedBy> {
        [
            StartedBy::Password,
            StartedBy::SignInLink,
            StartedBy::Invitation,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

portico_api::text_column!(StartedBy);

/// A live session joined with the user it belongs to and what two-factor sign-in asks of them.
#[derive(Debug, Clone, FromRow)]
pub struct SessionRow {
    pub token_hash: String,
    pub csrf_token: String,
    pub created_at: Timestamp,
    pub started_by: StartedBy,
    pub last_seen_at: Timestamp,
    pub user_id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub organization_id: Option<i64>,
    pub organization_name: Option<String>,
    pub organization_country: Option<String>,
    /// 1 when the user has two-factor sign-in on.
    pub two_factor_on: i64,
    /// 1 when the portal requires it of vendor staff.
    pub vendor_two_factor_required: i64,
}

pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub user_id: i64,
    pub csrf_token: &'a str,
    pub started_by: StartedBy,
    pub expires_at: Timestamp,
}

pub async fn insert<'c, E>(
    db: E,
    session: &NewSession<'_>,
    now: Timestamp,
) -> Result<(), StoreError>
where
    E: Into<Exec<'c>>,
{
    sql::query(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, started_by, created_at, \
         last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $5, $5, $6)",
    )
    .bind(session.token_hash)
    .bind(session.user_id)
    .bind(session.csrf_token)
    .bind(session.started_by.as_str())
    .bind(now)
    .bind(session.expires_at)
    .execute(db)
    .await?;
    Ok(())
}

/// The session if it has neither expired nor idled out, and its user is still active.
pub async fn live(
    db: &Pool,
    token_hash: &str,
    now: Timestamp,
    idle_since: Timestamp,
) -> Result<Option<SessionRow>, StoreError> {
    Ok(sql::query_as(
        "SELECT s.token_hash, s.csrf_token, s.created_at, s.started_by, s.last_seen_at, \
         u.id AS user_id, u.email, u.name, u.role, u.organization_id, \
         o.name AS organization_name, o.country AS organization_country, \
         (SELECT COUNT(*) FROM two_factor t WHERE t.user_id = u.id \
          AND t.enabled_at IS NOT NULL) AS two_factor_on, \
         (SELECT COUNT(*) FROM portal_settings p WHERE p.name = $4 AND p.value = 'true') \
          AS vendor_two_factor_required \
         FROM sessions s JOIN users u ON u.id = s.user_id \
         LEFT JOIN organizations o ON o.id = u.organization_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 \
         AND u.deactivated_at IS NULL",
    )
    .bind(token_hash)
    .bind(now)
    .bind(idle_since)
    .bind(VENDOR_TWO_FACTOR)
    .fetch_optional(db)
    .await?)
}

pub async fn touch(conn: &mut Conn, token_hash: &str, now: Timestamp) -> Result<(), StoreError> {
    sql::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(now)
        .bind(token_hash)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete(conn: &mut Conn, token_hash: &str) -> Result<(), StoreError> {
    sql::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete_for_user<'c, E>(db: E, user_id: i64) -> Result<(), StoreError>
where
    E: Into<Exec<'c>>,
{
    sql::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Ends every session of the user but the one given, e.g. after a password change.
pub async fn delete_others<'c, E>(
    db: E,
    user_id: i64,
    keep_token_hash: &str,
) -> Result<(), StoreError>
where
    E: Into<Exec<'c>>,
{
    sql::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user_id)
        .bind(keep_token_hash)
        .execute(db)
        .await?;
    Ok(())
}

/// Drops sessions past either limit; run now and then so the table does not grow forever.
pub async fn purge_dead(
    conn: &mut Conn,
    now: Timestamp,
    idle_since: Timestamp,
) -> Result<u64, StoreError> {
    let done = sql::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
        .bind(now)
        .bind(idle_since)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}
