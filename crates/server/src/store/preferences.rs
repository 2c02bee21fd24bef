//! Which channels each person turned off per category, and partner organizations' Slack
//! channels.

use sqlx::FromRow;

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Conn, Pool};

/// The user's opt-outs as (category, channel) pairs.
pub async fn opt_outs(db: &Pool, user_id: i64) -> Result<Vec<(String, String)>, StoreError> {
    Ok(
        sql::query_as("SELECT category, channel FROM notification_opt_outs WHERE user_id = $1")
            .bind(user_id)
            .fetch_all(db)
            .await?,
    )
}

/// Turns one channel of one category off or on for the user.
pub async fn set(
    tx: &mut Conn,
    user_id: i64,
    category: &str,
    channel: &str,
    on: bool,
    now: Timestamp,
) -> Result<(), StoreError> {
    sql::query(
        "DELETE FROM notification_opt_outs WHERE user_id = $1 AND category = $2 AND channel = $3",
    )
    .bind(user_id)
    .bind(category)
    .bind(channel)
    .execute(&mut *tx)
    .await?;
    if !on {
        sql::query(
            "INSERT INTO notification_opt_outs (user_id, category, channel, created_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(user_id)
        .bind(category)
        .bind(channel)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct SlackRow {
    pub url_hint: String,
    pub updated_at: Timestamp,
}

pub async fn slack(db: &Pool, organization_id: i64) -> Result<Option<SlackRow>, StoreError> {
    Ok(
        sql::query_as("SELECT url_hint, updated_at FROM slack_channels WHERE organization_id = $1")
            .bind(organization_id)
            .fetch_optional(db)
            .await?,
    )
}

pub struct NewSlack<'a> {
    pub organization_id: i64,
    pub url_sealed: &'a str,
    pub url_hint: &'a str,
    pub updated_by: i64,
}

pub async fn connect_slack(
    tx: &mut Conn,
    new: &NewSlack<'_>,
    now: Timestamp,
) -> Result<(), StoreError> {
    disconnect_slack(&mut *tx, new.organization_id).await?;
    sql::query(
        "INSERT INTO slack_channels (organization_id, url_sealed, url_hint, updated_by, \
         updated_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(new.organization_id)
    .bind(new.url_sealed)
    .bind(new.url_hint)
    .bind(new.updated_by)
    .bind(now)
    .execute(tx)
    .await?;
    Ok(())
}

/// Answers whether there was a channel to disconnect.
pub async fn disconnect_slack(tx: &mut Conn, organization_id: i64) -> Result<bool, StoreError> {
    let done = sql::query("DELETE FROM slack_channels WHERE organization_id = $1")
        .bind(organization_id)
        .execute(tx)
        .await?;
    Ok(done.rows_affected() > 0)
}
