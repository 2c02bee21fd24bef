//! Announcements in bulk for capacity runs: published to every partner organization over the
//! last 90 days, a third of them to be acknowledged, with half the partner users having read
//! each and most of those having acknowledged, so the feed and its unread count read real rows.

use super::volume::DAY;
use crate::clock::Timestamp;
use crate::store::Db;
use crate::store::StoreError;
use crate::store::sql;

pub async fn load(db: &Db, count: usize, now: Timestamp) -> Result<(), StoreError> {
    let Some(author) = author(db).await? else {
        return Ok(());
    };
    let mut tx = db.begin_write().await?;
    for n in 0..count as i64 {
        let published = now - 90 * DAY + n * 90 * DAY / (count as i64).max(1);
        let (id,): (i64,) = sql::query_as(
            "INSERT INTO announcements (title, body, audience, requires_ack, publish_at, \
             published_at, version, created_by, created_at, updated_at) \
             VALUES ($1, $2, '{\"kind\":\"all\"}', $3, $4, $4, 1, $5, $4, $4) RETURNING id",
        )
        .bind(format!("Program update {}", n + 1))
        .bind("What changes, **when**, and what partners need to do.")
        .bind(n % 3 == 0)
        .bind(published)
        .bind(author)
        .fetch_one(&mut *tx)
        .await?;
        sql::query(
            "INSERT INTO announcement_organizations (announcement_id, organization_id) \
             SELECT $1, id FROM organizations",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sql::query(
            "INSERT INTO announcement_receipts (announcement_id, user_id, organization_id, \
             read_at, acknowledged_at) \
             SELECT $1, u.id, u.organization_id, $2, \
               CASE WHEN $3 = TRUE AND u.id % 4 <> 0 THEN $2 ELSE NULL END \
             FROM users u WHERE u.organization_id IS NOT NULL AND (u.id + $1) % 2 = 0",
        )
        .bind(id)
        .bind(published + DAY)
        .bind(n % 3 == 0)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

async fn author(db: &Db) -> Result<Option<i64>, StoreError> {
    Ok(
        sql::query_scalar("SELECT MIN(id) FROM users WHERE organization_id IS NULL")
            .fetch_one(db.pool())
            .await?,
    )
}
