//! Announcements, their versions, the organizations each reached, and people's receipts.

use portico_api::announcements::{
    AnnouncementVersion, Audience, ManagerAnnouncement, ReceiptCounts,
};
use sqlx::FromRow;
use sqlx::types::Json;

use crate::clock::{Timestamp, rfc3339};
use crate::domain::markdown::to_safe_html;
use crate::store::StoreError;
use crate::store::sql::{self, Conn, Exec, Pool};

mod publishing;
mod receipts;
pub use publishing::{Due, claim_due};
pub use receipts::{
    FeedRow, UnacknowledgedRow, acknowledge, feed, feed_item, mark_read, unacknowledged, unread,
};

pub struct Draft<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub audience: &'a Audience,
    pub requires_ack: bool,
    pub publish_at: Timestamp,
}

fn audience_json(audience: &Audience) -> serde_json::Value {
    serde_json::to_value(audience).expect("an audience serializes")
}

pub async fn insert(
    tx: &mut Conn,
    draft: &Draft<'_>,
    author: i64,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO announcements (title, body, audience, requires_ack, publish_at, version, \
         created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $7) \
         RETURNING id",
    )
    .bind(draft.title)
    .bind(draft.body)
    .bind(audience_json(draft.audience))
    .bind(draft.requires_ack)
    .bind(draft.publish_at)
    .bind(author)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    insert_version(tx, id, author, now).await?;
    Ok(id)
}

/// Saves an edit as the next version. Once published, only the title and body change.
pub async fn update(
    tx: &mut Conn,
    id: i64,
    draft: &Draft<'_>,
    editor: i64,
    now: Timestamp,
) -> Result<(), StoreError> {
    sql::query(
        "UPDATE announcements SET title = $2, body = $3, version = version + 1, updated_at = $4, \
         audience = CASE WHEN published_at IS NULL THEN $5 ELSE audience END, \
         requires_ack = CASE WHEN published_at IS NULL THEN $6 ELSE requires_ack END, \
         publish_at = CASE WHEN published_at IS NULL THEN $7 ELSE publish_at END \
         WHERE id = $1",
    )
    .bind(id)
    .bind(draft.title)
    .bind(draft.body)
    .bind(now)
    .bind(audience_json(draft.audience))
    .bind(draft.requires_ack)
    .bind(draft.publish_at)
    .execute(&mut *tx)
    .await?;
    insert_version(tx, id, editor, now).await
}

async fn insert_version(
    tx: &mut Conn,
    id: i64,
    editor: i64,
    now: Timestamp,
) -> Result<(), StoreError> {
    sql::query(
        "INSERT INTO announcement_versions (announcement_id, version, title, body, edited_by, \
         edited_at) SELECT id, version, title, body, $2, $3 FROM announcements WHERE id = $1",
    )
    .bind(id)
    .bind(editor)
    .bind(now)
    .execute(tx)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct AnnouncementRow {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub audience: Json<Audience>,
    pub requires_ack: bool,
    pub publish_at: Timestamp,
    pub published_at: Option<Timestamp>,
    pub version: i64,
    pub updated_at: Timestamp,
    pub delivered: i64,
    pub read_count: i64,
    pub acknowledged: i64,
}

impl AnnouncementRow {
    pub fn into_view(self) -> ManagerAnnouncement {
        let AnnouncementRow {
            id,
            title,
            body,
            audience: Json(audience),
            requires_ack,
            publish_at,
            published_at,
            version,
            updated_at,
            delivered,
            read_count,
            acknowledged,
        } = self;
        ManagerAnnouncement {
            id,
            title,
            body_html: to_safe_html(&body),
            body,
            audience,
            requires_ack,
            publish_at: rfc3339(publish_at),
            published_at: published_at.map(rfc3339),
            version,
            updated_at: rfc3339(updated_at),
            counts: ReceiptCounts {
                delivered,
                read: read_count,
                acknowledged,
            },
        }
    }
}

const SELECT_FOR_MANAGERS: &str = "SELECT a.id, a.title, a.body, a.audience, a.requires_ack, \
     a.publish_at, a.published_at, a.version, a.updated_at, \
     (SELECT COUNT(*) FROM users u JOIN announcement_organizations ao \
        ON ao.organization_id = u.organization_id \
        WHERE ao.announcement_id = a.id AND u.deactivated_at IS NULL) AS delivered, \
     (SELECT COUNT(*) FROM announcement_receipts r WHERE r.announcement_id = a.id) AS read_count, \
     (SELECT COUNT(*) FROM announcement_receipts r WHERE r.announcement_id = a.id \
        AND r.acknowledged_at IS NOT NULL) AS acknowledged \
     FROM announcements a";

pub async fn by_id<'c, E>(db: E, id: i64) -> Result<Option<AnnouncementRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT_FOR_MANAGERS} WHERE a.id = $1"
    )))
    .bind(id)
    .fetch_optional(db)
    .await?)
}

/// Newest first.
pub async fn page(
    db: &Pool,
    before_id: i64,
    limit: u32,
) -> Result<Vec<AnnouncementRow>, StoreError> {
    Ok(sql::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT_FOR_MANAGERS} WHERE a.id < $1 ORDER BY a.id DESC LIMIT $2"
    )))
    .bind(if before_id > 0 { before_id } else { i64::MAX })
    .bind(i64::from(limit) + 1)
    .fetch_all(db)
    .await?)
}

#[derive(Debug, Clone, FromRow)]
pub struct VersionRow {
    pub version: i64,
    pub title: String,
    pub body: String,
    pub edited_by: String,
    pub edited_at: Timestamp,
}

impl VersionRow {
    pub fn into_view(self) -> AnnouncementVersion {
        let VersionRow {
            version,
            title,
            body,
            edited_by,
            edited_at,
        } = self;
        AnnouncementVersion {
            version,
            title,
            body,
            edited_by,
            edited_at: rfc3339(edited_at),
        }
    }
}

/// Every version, newest first.
pub async fn versions(db: &Pool, id: i64) -> Result<Vec<VersionRow>, StoreError> {
    Ok(sql::query_as(
        "SELECT v.version, v.title, v.body, u.name AS edited_by, v.edited_at \
         FROM announcement_versions v JOIN users u ON u.id = v.edited_by \
         WHERE v.announcement_id = $1 ORDER BY v.version DESC",
    )
    .bind(id)
    .fetch_all(db)
    .await?)
}
