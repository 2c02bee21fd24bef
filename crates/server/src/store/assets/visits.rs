//! Hub visits, which decide what is new to a person.

use super::{Profile, Reader, admit};
use crate::clock::Timestamp;
use crate::store::Db;
use crate::store::StoreError;
use crate::store::conditions::{Conditions, SortKey};
use crate::store::sql::{self, Pool};

/// A hub visit that starts after this long away counts as a new visit.
const VISIT_GAP_SECS: i64 = 30 * 60;
/// The visit's last moment is written at most this often, so searching stays a read.
const VISIT_TOUCH_SECS: i64 = 60;
/// On a first visit, what was published in this many days is new.
const FIRST_VISIT_NEW_DAYS: i64 = 30;

/// Notes that the user is looking at the hub and returns the end of their previous visit:
/// what was published after it is new to them.
pub async fn visit(db: &Db, user_id: i64, now: Timestamp) -> Result<Timestamp, StoreError> {
    let seen: Option<(Option<Timestamp>, Timestamp)> = sql::query_as(
        "SELECT previous_visit_at, last_seen_at FROM content_visits WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_optional(db.pool())
    .await?;
    let first_visit = now - FIRST_VISIT_NEW_DAYS * 86_400;
    let previous = match seen {
        Some((previous, last)) if now - last < VISIT_GAP_SECS => {
            let previous = previous.unwrap_or(first_visit);
            if now - last < VISIT_TOUCH_SECS {
                return Ok(previous);
            }
            previous
        }
        Some((_, last)) => last,
        None => first_visit,
    };
    let mut tx = db.begin_write().await?;
    sql::query(
        "INSERT INTO content_visits (user_id, previous_visit_at, last_seen_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id) DO UPDATE SET previous_visit_at = $2, last_seen_at = $3",
    )
    .bind(user_id)
    .bind(previous)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(previous)
}

/// How many assets the partner may see were published since the user last looked at the hub
/// (on no visit yet, in the last 30 days), without counting this as a visit.
pub async fn new_to(
    db: &Pool,
    user_id: i64,
    profile: Profile,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let last_seen: Option<Timestamp> =
        sql::query_scalar("SELECT last_seen_at FROM content_visits WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(db)
            .await?;
    let since = last_seen.unwrap_or(now - FIRST_VISIT_NEW_DAYS * 86_400);
    let mut c = Conditions::default();
    c.add("a.published_at > ?", [SortKey::Number(since)]);
    admit(&mut c, "a", &Reader::Partner(profile), None);
    let sql = format!("SELECT COUNT(*) FROM assets a WHERE {}", c.clause());
    Ok(sql::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind_all(c.arguments())
        .fetch_one(db)
        .await?)
}
