//! The notification outbox: messages written in the same transaction as the event behind them,
//! delivered later (and shown in the portal meanwhile).

use portico_api::notifications::Notification;
use sqlx::{AnyPool, FromRow};

use crate::clock::{Timestamp, rfc3339};

pub struct Message<'a> {
    pub category: &'a str,
    pub organization_id: Option<i64>,
    pub registration_id: Option<i64>,
    pub subject: &'a str,
    pub body: &'a str,
}

pub async fn enqueue<'c, E>(db: E, message: &Message<'_>, now: Timestamp) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO outbox (created_at, category, organization_id, registration_id, subject, body) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(now)
    .bind(message.category)
    .bind(message.organization_id)
    .bind(message.registration_id)
    .bind(message.subject)
    .bind(message.body)
    .execute(db)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct MessageRow {
    pub id: i64,
    pub category: String,
    pub subject: String,
    pub body: String,
    pub registration_id: Option<i64>,
    pub created_at: Timestamp,
}

impl MessageRow {
    pub fn into_view(self) -> Notification {
        let MessageRow {
            id,
            category,
            subject,
            body,
            registration_id,
            created_at,
        } = self;
        Notification {
            id,
            category,
            subject,
            body,
            registration_id,
            created_at: rfc3339(created_at),
        }
    }
}

/// Messages for one organization, or for vendor staff when `None`, newest first.
pub async fn page(
    db: &AnyPool,
    organization_id: Option<i64>,
    before_id: i64,
    limit: u32,
) -> Result<Vec<MessageRow>, sqlx::Error> {
    let query = match organization_id {
        Some(id) => sqlx::query_as(
            "SELECT id, category, subject, body, registration_id, created_at FROM outbox \
             WHERE organization_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
        )
        .bind(id),
        None => sqlx::query_as(
            "SELECT id, category, subject, body, registration_id, created_at FROM outbox \
             WHERE organization_id IS NULL AND id < $1 ORDER BY id DESC LIMIT $2",
        ),
    };
    query
        .bind(if before_id > 0 { before_id } else { i64::MAX })
        .bind(i64::from(limit) + 1)
        .fetch_all(db)
        .await
}
