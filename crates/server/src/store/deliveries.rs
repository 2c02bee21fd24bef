//! Deliveries of outbox messages: one per e-mail address or Slack channel, written with the
//! message (see `outbox`), claimed by the delivery job, and kept as the record of what was sent.

use portico_api::integrations::DeliveryState;
use portico_api::notifications::{Category, Channel, MessageDelivery};
use sqlx::FromRow;

use crate::clock::rfc3339_ms;
use crate::store::StoreError;
use crate::store::sql::{self, Builder, Conn, Pool};

/// A delivery taken by a worker, with what it needs to send it.
#[derive(Debug, Clone, FromRow)]
pub struct Claimed {
    pub id: i64,
    pub channel: String,
    pub user_id: Option<i64>,
    pub email: Option<String>,
    pub attempts: i64,
    pub created_at_ms: i64,
    pub category: String,
    pub subject: String,
    pub body: String,
    pub link_sealed: Option<String>,
    /// The Slack channel's URL, sealed; absent when the channel was disconnected meanwhile.
    pub slack_url_sealed: Option<String>,
}

/// How many deliveries to one target may be on their way at once.
#[derive(Debug, Clone, Copy)]
pub struct TargetLimits {
    /// Posts to one organization's Slack channel.
    pub slack_channel: i64,
    /// E-mails, which all go through one SMTP server.
    pub email: i64,
}

/// Takes up to `limit` due deliveries until `hold_until_ms`, no more per target than `limits`
/// allow with those already on their way. A delivery held by a worker that died is taken over
/// once its hold ends. PostgreSQL checks the outer conditions again on a row another worker
/// changed meanwhile, so they repeat all that makes a row claimable: two workers never take
/// one row, nor one that another just delivered.
pub async fn claim(
    tx: &mut Conn,
    now_ms: i64,
    hold_until_ms: i64,
    limit: i64,
    limits: TargetLimits,
) -> Result<Vec<Claimed>, StoreError> {
    let ids: Vec<(i64,)> = sql::query_as(
        "UPDATE outbox_deliveries SET claimed_until_ms = $1 WHERE id IN ( \
           SELECT id FROM ( \
             SELECT d.id, d.channel, d.next_attempt_at_ms, COALESCE(h.held, 0) + ROW_NUMBER() \
               OVER (PARTITION BY d.channel, d.organization_id \
               ORDER BY d.next_attempt_at_ms, d.id) AS place \
             FROM outbox_deliveries d \
             LEFT JOIN (SELECT channel, organization_id, COUNT(*) AS held \
               FROM outbox_deliveries WHERE state = 'pending' AND claimed_until_ms >= $2 \
               GROUP BY channel, organization_id) h \
               ON h.channel = d.channel \
               AND COALESCE(h.organization_id, 0) = COALESCE(d.organization_id, 0) \
             WHERE d.state = 'pending' AND d.next_attempt_at_ms <= $2 \
             AND (d.claimed_until_ms IS NULL OR d.claimed_until_ms < $2) \
           ) ranked WHERE place <= CASE WHEN channel = 'email' THEN $5 ELSE $4 END \
           ORDER BY next_attempt_at_ms, id LIMIT $3) \
         AND state = 'pending' AND next_attempt_at_ms <= $2 \
         AND (claimed_until_ms IS NULL OR claimed_until_ms < $2) RETURNING id",
    )
    .bind(hold_until_ms)
    .bind(now_ms)
    .bind(limit)
    .bind(limits.slack_channel)
    .bind(limits.email)
    .fetch_all(&mut *tx)
    .await?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Builder::new(
        "SELECT d.id, d.channel, d.user_id, d.email, d.attempts, d.created_at_ms, o.category, \
         o.subject, o.body, o.link_sealed, s.url_sealed AS slack_url_sealed \
         FROM outbox_deliveries d JOIN outbox o ON o.id = d.message_id \
         LEFT JOIN slack_channels s ON s.organization_id = d.organization_id \
         WHERE d.id IN (",
    );
    sql.push_binds(ids.iter().map(|(id,)| *id))
        .push(") ORDER BY d.id");
    Ok(sql.query_as().fetch_all(&mut *tx).await?)
}

/// How one attempt went.
pub enum Outcome {
    Delivered,
    /// Failed; try again at `retry_at_ms`, or give up when `None`.
    Failed {
        error: String,
        retry_at_ms: Option<i64>,
    },
}

pub async fn record(
    tx: &mut Conn,
    id: i64,
    outcome: &Outcome,
    now_ms: i64,
) -> Result<(), StoreError> {
    let query = match outcome {
        Outcome::Delivered => sql::query(
            "UPDATE outbox_deliveries SET state = 'delivered', attempts = attempts + 1, \
             next_attempt_at_ms = NULL, claimed_until_ms = NULL, last_attempt_at_ms = $2, \
             delivered_at_ms = $2, last_error = NULL WHERE id = $1",
        )
        .bind(id)
        .bind(now_ms),
        Outcome::Failed { error, retry_at_ms } => sql::query(
            "UPDATE outbox_deliveries SET attempts = attempts + 1, claimed_until_ms = NULL, \
             last_attempt_at_ms = $2, last_error = $3, next_attempt_at_ms = $4, \
             state = CASE WHEN $4 IS NULL THEN 'dead' ELSE 'pending' END, \
             dead_at_ms = CASE WHEN $4 IS NULL THEN $2 ELSE NULL END WHERE id = $1",
        )
        .bind(id)
        .bind(now_ms)
        .bind(error.as_str())
        .bind(*retry_at_ms),
    };
    query.execute(tx).await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct DeliveryRow {
    pub id: i64,
    pub channel: Channel,
    pub category: Category,
    pub recipient: Option<String>,
    pub subject: String,
    pub state: DeliveryState,
    pub attempts: i64,
    pub created_at_ms: i64,
    pub next_attempt_at_ms: Option<i64>,
    pub delivered_at_ms: Option<i64>,
    pub last_error: Option<String>,
}

impl DeliveryRow {
    pub fn into_view(self) -> MessageDelivery {
        let DeliveryRow {
            id,
            channel,
            category,
            recipient,
            subject,
            state,
            attempts,
            created_at_ms,
            next_attempt_at_ms,
            delivered_at_ms,
            last_error,
        } = self;
        MessageDelivery {
            id,
            channel,
            category,
            recipient: recipient.unwrap_or_default(),
            subject,
            state,
            attempts: u32::try_from(attempts).unwrap_or_default(),
            created_at: rfc3339_ms(created_at_ms),
            next_attempt_at: next_attempt_at_ms.map(rfc3339_ms),
            delivered_at: delivered_at_ms.map(rfc3339_ms),
            last_error,
        }
    }
}

/// Deliveries newest first, optionally in one state.
pub async fn page(
    db: &Pool,
    state: Option<DeliveryState>,
    before_id: i64,
    limit: u32,
) -> Result<Vec<DeliveryRow>, StoreError> {
    let state_condition = if state.is_some() {
        "AND d.state = $3"
    } else {
        "AND $3 = ''"
    };
    Ok(sql::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT d.id, d.channel, o.category, COALESCE(d.email, g.name) AS recipient, o.subject, \
         d.state, d.attempts, d.created_at_ms, d.next_attempt_at_ms, d.delivered_at_ms, \
         d.last_error FROM outbox_deliveries d JOIN outbox o ON o.id = d.message_id \
         LEFT JOIN organizations g ON g.id = d.organization_id \
         WHERE d.id < $1 {state_condition} ORDER BY d.id DESC LIMIT $2"
    )))
    .bind(if before_id > 0 { before_id } else { i64::MAX })
    .bind(i64::from(limit) + 1)
    .bind(state.map_or("", DeliveryState::as_str))
    .fetch_all(db)
    .await?)
}

/// Sends a dead or delivered delivery again from now, or with `None` every dead one; answers
/// how many were queued.
pub async fn replay(tx: &mut Conn, only: Option<i64>, now_ms: i64) -> Result<u64, StoreError> {
    let (which, states) = match only {
        Some(_) => ("id = $2", "('dead', 'delivered')"),
        None => ("$2 = 0", "('dead')"),
    };
    let done = sql::query(sqlx::AssertSqlSafe(format!(
        "UPDATE outbox_deliveries SET state = 'pending', next_attempt_at_ms = $1, \
         claimed_until_ms = NULL, delivered_at_ms = NULL, dead_at_ms = NULL, \
         created_at_ms = $1 WHERE {which} AND state IN {states}"
    )))
    .bind(now_ms)
    .bind(only.unwrap_or(0))
    .execute(tx)
    .await?;
    Ok(done.rows_affected())
}
