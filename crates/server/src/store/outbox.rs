//! The notification outbox: messages written in the same transaction as the event behind them,
//! delivered later (and shown in the portal meanwhile).

use crate::clock::Timestamp;

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
