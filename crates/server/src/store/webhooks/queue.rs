//! The delivery queue: claiming due deliveries and recording each attempt.

use sqlx::FromRow;

use crate::store::StoreError;
use crate::store::sql::{self, Conn};

/// A delivery a worker holds, with what it needs to send it.
#[derive(Debug, Clone, FromRow)]
pub struct Claimed {
    pub id: i64,
    pub attempts: i64,
    pub created_at_ms: i64,
    pub message_id: String,
    pub payload: String,
    pub url: String,
    pub secret_sealed: String,
}

/// Takes up to `limit` due deliveries until `hold_until_ms`: for each endpoint and subject only
/// the oldest pending one, so a subject's events arrive in order, and no more per endpoint than
/// `per_endpoint` with those already on their way. A delivery held by a worker that died is
/// taken over once its hold ends. PostgreSQL checks the outer conditions again on a row another
/// worker changed meanwhile, so they repeat all that makes a row claimable: two workers never
/// take one row, nor one that another just delivered.
pub async fn claim(
    tx: &mut Conn,
    now_ms: i64,
    hold_until_ms: i64,
    limit: i64,
    per_endpoint: i64,
) -> Result<Vec<Claimed>, StoreError> {
    // `place` counts an endpoint's deliveries already on their way (`held`) and those this
    // claim takes, so no endpoint gets more than `per_endpoint` at once.
    let ids: Vec<(i64,)> = sql::query_as(
        "UPDATE webhook_deliveries SET claimed_until_ms = $1 WHERE id IN ( \
           SELECT id FROM ( \
             SELECT d.id, d.next_attempt_at_ms, COALESCE(h.held, 0) + ROW_NUMBER() OVER ( \
               PARTITION BY d.endpoint_id ORDER BY d.next_attempt_at_ms, d.id) AS place \
             FROM webhook_deliveries d \
             JOIN webhook_endpoints p ON p.id = d.endpoint_id AND p.enabled = TRUE \
             LEFT JOIN (SELECT endpoint_id, COUNT(*) AS held FROM webhook_deliveries \
               WHERE state = 'pending' AND claimed_until_ms >= $2 GROUP BY endpoint_id) h \
               ON h.endpoint_id = d.endpoint_id \
             WHERE d.state = 'pending' AND d.next_attempt_at_ms <= $2 \
             AND (d.claimed_until_ms IS NULL OR d.claimed_until_ms < $2) \
             AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.state = 'pending' \
               AND e.endpoint_id = d.endpoint_id AND e.subject = d.subject AND e.id < d.id) \
           ) ranked WHERE place <= $4 ORDER BY next_attempt_at_ms, id LIMIT $3) \
         AND state = 'pending' AND next_attempt_at_ms <= $2 \
         AND (claimed_until_ms IS NULL OR claimed_until_ms < $2) RETURNING id",
    )
    .bind(hold_until_ms)
    .bind(now_ms)
    .bind(limit)
    .bind(per_endpoint)
    .fetch_all(&mut *tx)
    .await?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids
        .iter()
        .map(|(id,)| id.to_string())
        .collect::<Vec<_>>()
        .join(",");
    Ok(sql::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT d.id, d.attempts, d.created_at_ms, e.message_id, e.payload, p.url, \
         p.secret_sealed FROM webhook_deliveries d \
         JOIN webhook_events e ON e.id = d.event_id \
         JOIN webhook_endpoints p ON p.id = d.endpoint_id \
         WHERE d.id IN ({list}) ORDER BY d.id"
    )))
    .fetch_all(&mut *tx)
    .await?)
}

/// How one attempt went.
pub enum Attempt {
    Delivered {
        status: u16,
    },
    /// Failed; try again at `retry_at_ms`, or give up when `None`.
    Failed {
        status: Option<u16>,
        error: String,
        retry_at_ms: Option<i64>,
    },
}

pub async fn record(
    tx: &mut Conn,
    id: i64,
    attempt: &Attempt,
    now_ms: i64,
) -> Result<(), StoreError> {
    let query = match attempt {
        Attempt::Delivered { status } => sql::query(
            "UPDATE webhook_deliveries SET state = 'delivered', attempts = attempts + 1, \
             next_attempt_at_ms = NULL, claimed_until_ms = NULL, last_attempt_at_ms = $2, \
             delivered_at_ms = $2, latency_ms = $2 - created_at_ms, last_status = $3, \
             last_error = NULL WHERE id = $1",
        )
        .bind(id)
        .bind(now_ms)
        .bind(i64::from(*status)),
        Attempt::Failed {
            status,
            error,
            retry_at_ms,
        } => sql::query(
            "UPDATE webhook_deliveries SET attempts = attempts + 1, claimed_until_ms = NULL, \
             last_attempt_at_ms = $2, last_status = $3, last_error = $4, \
             next_attempt_at_ms = $5, \
             state = CASE WHEN $5 IS NULL THEN 'dead' ELSE 'pending' END, \
             dead_at_ms = CASE WHEN $5 IS NULL THEN $2 ELSE NULL END WHERE id = $1",
        )
        .bind(id)
        .bind(now_ms)
        .bind(status.map(i64::from))
        .bind(error.as_str())
        .bind(*retry_at_ms),
    };
    query.execute(tx).await?;
    Ok(())
}
