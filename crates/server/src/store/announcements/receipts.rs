//! What reached people: their feed, reads and acknowledgments, and who has not acknowledged.

use portico_api::announcements::{FeedAnnouncement, Unacknowledged};
use sqlx::FromRow;

use crate::clock::{Timestamp, rfc3339};
use crate::domain::markdown::to_safe_html;
use crate::store::StoreError;
use crate::store::sql::{self, Conn, Exec, Pool};
use crate::store::users::organization_ref;

#[derive(Debug, Clone, FromRow)]
pub struct UnacknowledgedRow {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub organization_id: i64,
    pub organization_name: String,
    pub read_at: Option<Timestamp>,
}

impl UnacknowledgedRow {
    pub fn into_view(self) -> Result<Unacknowledged, StoreError> {
        let UnacknowledgedRow {
            user_id,
            name,
            email,
            organization_id,
            organization_name,
            read_at,
        } = self;
        Ok(Unacknowledged {
            user_id,
            name,
            email,
            organization: organization_ref(Some(organization_id), Some(organization_name))
                .ok_or_else(|| StoreError::unreadable("a partner user without organization"))?,
            read_at: read_at.map(rfc3339),
        })
    }
}

/// The people the announcement reached who have not acknowledged it, by user id.
pub async fn unacknowledged(
    db: &Pool,
    id: i64,
    after_user_id: i64,
    limit: u32,
) -> Result<Vec<UnacknowledgedRow>, StoreError> {
    Ok(sql::query_as(
        "SELECT u.id AS user_id, u.name, u.email, o.id AS organization_id, \
         o.name AS organization_name, r.read_at FROM announcement_organizations ao \
         JOIN organizations o ON o.id = ao.organization_id \
         JOIN users u ON u.organization_id = ao.organization_id AND u.deactivated_at IS NULL \
         LEFT JOIN announcement_receipts r ON r.announcement_id = ao.announcement_id \
           AND r.user_id = u.id \
         WHERE ao.announcement_id = $1 AND r.acknowledged_at IS NULL AND u.id > $2 \
         ORDER BY u.id LIMIT $3",
    )
    .bind(id)
    .bind(after_user_id)
    .bind(i64::from(limit) + 1)
    .fetch_all(db)
    .await?)
}

#[derive(Debug, Clone, FromRow)]
pub struct FeedRow {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub requires_ack: bool,
    pub published_at: Timestamp,
    pub version: i64,
    pub updated_at: Timestamp,
    pub read_at: Option<Timestamp>,
    pub acknowledged_at: Option<Timestamp>,
}

impl FeedRow {
    pub fn into_view(self) -> FeedAnnouncement {
        let FeedRow {
            id,
            title,
            body,
            requires_ack,
            published_at,
            version,
            updated_at,
            read_at,
            acknowledged_at,
        } = self;
        FeedAnnouncement {
            id,
            title,
            body_html: to_safe_html(&body),
            requires_ack,
            published_at: rfc3339(published_at),
            edited_at: (version > 1 && updated_at > published_at).then(|| rfc3339(updated_at)),
            read_at: read_at.map(rfc3339),
            acknowledged_at: acknowledged_at.map(rfc3339),
        }
    }
}

const SELECT_FEED: &str = "SELECT a.id, a.title, a.body, a.requires_ack, a.published_at, \
     a.version, a.updated_at, r.read_at, r.acknowledged_at FROM announcement_organizations ao \
     JOIN announcements a ON a.id = ao.announcement_id \
     LEFT JOIN announcement_receipts r ON r.announcement_id = a.id AND r.user_id = $2 \
     WHERE ao.organization_id = $1";

/// The announcements that reached the organization, newest published first; `skip` of them
/// were on earlier pages.
pub async fn feed(
    db: &Pool,
    organization_id: i64,
    user_id: i64,
    skip: i64,
    limit: u32,
) -> Result<Vec<FeedRow>, StoreError> {
    Ok(sql::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT_FEED} ORDER BY a.published_at DESC, a.id DESC LIMIT $3 OFFSET $4"
    )))
    .bind(organization_id)
    .bind(user_id)
    .bind(i64::from(limit) + 1)
    .bind(skip)
    .fetch_all(db)
    .await?)
}

pub async fn feed_item<'c, E>(
    db: E,
    organization_id: i64,
    user_id: i64,
    id: i64,
) -> Result<Option<FeedRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(
        sql::query_as(sqlx::AssertSqlSafe(format!("{SELECT_FEED} AND a.id = $3")))
            .bind(organization_id)
            .bind(user_id)
            .bind(id)
            .fetch_optional(db)
            .await?,
    )
}

/// (unread, waiting for the user's acknowledgment).
pub async fn unread(
    db: &Pool,
    organization_id: i64,
    user_id: i64,
) -> Result<(i64, i64), StoreError> {
    let (unread, to_acknowledge): (Option<i64>, Option<i64>) = sql::query_as(
        "SELECT SUM(CASE WHEN r.read_at IS NULL THEN 1 ELSE 0 END), \
         SUM(CASE WHEN a.requires_ack = TRUE AND r.acknowledged_at IS NULL THEN 1 ELSE 0 END) \
         FROM announcement_organizations ao JOIN announcements a ON a.id = ao.announcement_id \
         LEFT JOIN announcement_receipts r ON r.announcement_id = a.id AND r.user_id = $2 \
         WHERE ao.organization_id = $1",
    )
    .bind(organization_id)
    .bind(user_id)
    .fetch_one(db)
    .await?;
    Ok((unread.unwrap_or(0), to_acknowledge.unwrap_or(0)))
}

/// Records the first read; later reads change nothing.
pub async fn mark_read(
    tx: &mut Conn,
    id: i64,
    user_id: i64,
    organization_id: i64,
    now: Timestamp,
) -> Result<(), StoreError> {
    sql::query(
        "INSERT INTO announcement_receipts (announcement_id, user_id, organization_id, read_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (announcement_id, user_id) DO NOTHING",
    )
    .bind(id)
    .bind(user_id)
    .bind(organization_id)
    .bind(now)
    .execute(tx)
    .await?;
    Ok(())
}

/// Records the acknowledgment (and the read, if not yet); answers whether it is new.
pub async fn acknowledge(
    tx: &mut Conn,
    id: i64,
    user_id: i64,
    organization_id: i64,
    now: Timestamp,
) -> Result<bool, StoreError> {
    mark_read(&mut *tx, id, user_id, organization_id, now).await?;
    let done = sql::query(
        "UPDATE announcement_receipts SET acknowledged_at = $3 \
         WHERE announcement_id = $1 AND user_id = $2 AND acknowledged_at IS NULL",
    )
    .bind(id)
    .bind(user_id)
    .bind(now)
    .execute(tx)
    .await?;
    Ok(done.rows_affected() > 0)
}
