//! Announcements, their versions, the organizations each reached, and people's receipts.

use portico_api::announcements::{
    AnnouncementVersion, Audience, FeedAnnouncement, ManagerAnnouncement, ReceiptCounts,
    Unacknowledged,
};
use sqlx::{AnyConnection, AnyPool, FromRow};

use crate::clock::{Timestamp, rfc3339};
use crate::domain::markdown::to_safe_html;
use crate::store::StoreError;
use crate::store::users::organization_ref;

pub struct Draft<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub audience: &'a Audience,
    pub requires_ack: bool,
    pub publish_at: Timestamp,
}

fn audience_json(audience: &Audience) -> String {
    serde_json::to_string(audience).expect("an audience serializes")
}

pub async fn insert(
    tx: &mut AnyConnection,
    draft: &Draft<'_>,
    author: i64,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO announcements (title, body, audience, requires_ack, publish_at, version, \
         created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $7) \
         RETURNING id",
    )
    .bind(draft.title)
    .bind(draft.body)
    .bind(audience_json(draft.audience))
    .bind(i64::from(draft.requires_ack))
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
    tx: &mut AnyConnection,
    id: i64,
    draft: &Draft<'_>,
    editor: i64,
    now: Timestamp,
) -> Result<(), StoreError> {
    sqlx::query(
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
    .bind(i64::from(draft.requires_ack))
    .bind(draft.publish_at)
    .execute(&mut *tx)
    .await?;
    insert_version(tx, id, editor, now).await
}

async fn insert_version(
    tx: &mut AnyConnection,
    id: i64,
    editor: i64,
    now: Timestamp,
) -> Result<(), StoreError> {
    sqlx::query(
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
    pub audience: String,
    pub requires_ack: i64,
    pub publish_at: Timestamp,
    pub published_at: Option<Timestamp>,
    pub version: i64,
    pub updated_at: Timestamp,
    pub delivered: i64,
    pub read_count: i64,
    pub acknowledged: i64,
}

impl AnnouncementRow {
    pub fn audience(&self) -> Result<Audience, StoreError> {
        serde_json::from_str(&self.audience).map_err(StoreError::unreadable)
    }

    pub fn into_view(self) -> Result<ManagerAnnouncement, StoreError> {
        let audience = self.audience()?;
        let AnnouncementRow {
            id,
            title,
            body,
            audience: _,
            requires_ack,
            publish_at,
            published_at,
            version,
            updated_at,
            delivered,
            read_count,
            acknowledged,
        } = self;
        Ok(ManagerAnnouncement {
            id,
            title,
            body_html: to_safe_html(&body),
            body,
            audience,
            requires_ack: requires_ack == 1,
            publish_at: rfc3339(publish_at),
            published_at: published_at.map(rfc3339),
            version,
            updated_at: rfc3339(updated_at),
            counts: ReceiptCounts {
                delivered,
                read: read_count,
                acknowledged,
            },
        })
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
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT_FOR_MANAGERS} WHERE a.id = $1"
    )))
    .bind(id)
    .fetch_optional(db)
    .await?)
}

/// Newest first.
pub async fn page(
    db: &AnyPool,
    before_id: i64,
    limit: u32,
) -> Result<Vec<AnnouncementRow>, StoreError> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
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
pub async fn versions(db: &AnyPool, id: i64) -> Result<Vec<VersionRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT v.version, v.title, v.body, u.name AS edited_by, v.edited_at \
         FROM announcement_versions v JOIN users u ON u.id = v.edited_by \
         WHERE v.announcement_id = $1 ORDER BY v.version DESC",
    )
    .bind(id)
    .fetch_all(db)
    .await?)
}

/// The organizations an audience covers, as a condition on `organizations o`. Built only from
/// the audience's enum names and numbers, never from text a person typed.
fn audience_condition(audience: &Audience) -> String {
    fn list<T>(items: &[T], show: impl Fn(&T) -> String) -> String {
        items.iter().map(show).collect::<Vec<_>>().join(", ")
    }
    match audience {
        Audience::All => "1 = 1".into(),
        Audience::Segments { tiers, motions } => {
            let mut parts = vec!["1 = 1".to_owned()];
            if !tiers.is_empty() {
                parts.push(format!(
                    "o.tier IN ({})",
                    list(tiers, |t| format!("'{}'", t.as_str()))
                ));
            }
            if !motions.is_empty() {
                parts.push(format!(
                    "o.motion IN ({})",
                    list(motions, |m| format!("'{}'", m.as_str()))
                ));
            }
            parts.join(" AND ")
        }
        Audience::Organizations { ids } => format!("o.id IN ({})", list(ids, i64::to_string)),
    }
}

/// An announcement whose time has come, claimed for publishing.
pub struct Due {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub requires_ack: bool,
}

/// Claims every announcement whose time has come and fixes the organizations it reaches. The
/// claiming `UPDATE` makes each one publish once, even with several instances.
pub async fn claim_due(tx: &mut AnyConnection, now: Timestamp) -> Result<Vec<Due>, StoreError> {
    let due: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "UPDATE announcements SET published_at = $1 \
         WHERE published_at IS NULL AND publish_at <= $1 \
         RETURNING id, title, body, audience, requires_ack",
    )
    .bind(now)
    .fetch_all(&mut *tx)
    .await?;
    let mut claimed = Vec::with_capacity(due.len());
    for (id, title, body, audience, requires_ack) in due {
        let audience: Audience =
            serde_json::from_str(&audience).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO announcement_organizations (announcement_id, organization_id) \
             SELECT $1, o.id FROM organizations o WHERE {}",
            audience_condition(&audience)
        )))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        claimed.push(Due {
            id,
            title,
            body,
            requires_ack: requires_ack == 1,
        });
    }
    Ok(claimed)
}

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
    db: &AnyPool,
    id: i64,
    after_user_id: i64,
    limit: u32,
) -> Result<Vec<UnacknowledgedRow>, StoreError> {
    Ok(sqlx::query_as(
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
    pub requires_ack: i64,
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
            requires_ack: requires_ack == 1,
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
    db: &AnyPool,
    organization_id: i64,
    user_id: i64,
    skip: i64,
    limit: u32,
) -> Result<Vec<FeedRow>, StoreError> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
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
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    Ok(
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT_FEED} AND a.id = $3")))
            .bind(organization_id)
            .bind(user_id)
            .bind(id)
            .fetch_optional(db)
            .await?,
    )
}

/// (unread, waiting for the user's acknowledgment).
pub async fn unread(
    db: &AnyPool,
    organization_id: i64,
    user_id: i64,
) -> Result<(i64, i64), StoreError> {
    let (unread, to_acknowledge): (Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT SUM(CASE WHEN r.read_at IS NULL THEN 1 ELSE 0 END), \
         SUM(CASE WHEN a.requires_ack = 1 AND r.acknowledged_at IS NULL THEN 1 ELSE 0 END) \
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
    tx: &mut AnyConnection,
    id: i64,
    user_id: i64,
    organization_id: i64,
    now: Timestamp,
) -> Result<(), StoreError> {
    sqlx::query(
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
    tx: &mut AnyConnection,
    id: i64,
    user_id: i64,
    organization_id: i64,
    now: Timestamp,
) -> Result<bool, StoreError> {
    mark_read(&mut *tx, id, user_id, organization_id, now).await?;
    let done = sqlx::query(
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
