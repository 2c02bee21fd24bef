//! What was delivered: an endpoint's deliveries, replays, and its health over the last day.

use portico_api::integrations::{Delivery, DeliveryState, EndpointHealth, WebhookEventType};
use sqlx::FromRow;

use super::endpoints::EndpointRow;
use crate::clock::rfc3339_ms;
use crate::domain::backoff::RETRY_WINDOW_MS;
use crate::store::StoreError;
use crate::store::sql::{self, Conn, Exec, Pool};

#[derive(Debug, Clone, FromRow)]
pub struct DeliveryRow {
    pub id: i64,
    pub endpoint_id: i64,
    pub message_id: String,
    pub event_type: WebhookEventType,
    pub subject: String,
    pub state: DeliveryState,
    pub attempts: i64,
    pub created_at_ms: i64,
    pub next_attempt_at_ms: Option<i64>,
    pub delivered_at_ms: Option<i64>,
    pub latency_ms: Option<i64>,
    pub last_status: Option<i64>,
    pub last_error: Option<String>,
}

impl DeliveryRow {
    pub fn into_view(self) -> Delivery {
        let DeliveryRow {
            id,
            endpoint_id: _,
            message_id,
            event_type,
            subject,
            state,
            attempts,
            created_at_ms,
            next_attempt_at_ms,
            delivered_at_ms,
            latency_ms,
            last_status,
            last_error,
        } = self;
        Delivery {
            id,
            message_id,
            event_type,
            subject,
            state,
            attempts: u32::try_from(attempts).unwrap_or_default(),
            created_at: rfc3339_ms(created_at_ms),
            next_attempt_at: next_attempt_at_ms.map(rfc3339_ms),
            delivered_at: delivered_at_ms.map(rfc3339_ms),
            latency_ms: latency_ms.and_then(|l| u64::try_from(l).ok()),
            last_status: last_status.and_then(|s| u16::try_from(s).ok()),
            last_error,
        }
    }
}

const DELIVERY_SELECT: &str = "SELECT d.id, d.endpoint_id, e.message_id, e.event_type, d.subject, \
     d.state, d.attempts, d.created_at_ms, d.next_attempt_at_ms, d.delivered_at_ms, \
     d.latency_ms, d.last_status, d.last_error \
     FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id";

/// One endpoint's deliveries, newest first, optionally in one state.
pub async fn deliveries(
    db: &Pool,
    endpoint_id: i64,
    state: Option<DeliveryState>,
    before_id: i64,
    limit: u32,
) -> Result<Vec<DeliveryRow>, StoreError> {
    let state_condition = if state.is_some() {
        "AND d.state = $4"
    } else {
        "AND $4 = ''"
    };
    Ok(sql::query_as(sqlx::AssertSqlSafe(format!(
        "{DELIVERY_SELECT} WHERE d.endpoint_id = $1 AND d.id < $2 {state_condition} \
         ORDER BY d.id DESC LIMIT $3"
    )))
    .bind(endpoint_id)
    .bind(if before_id > 0 { before_id } else { i64::MAX })
    .bind(i64::from(limit) + 1)
    .bind(state.map_or("", DeliveryState::as_str))
    .fetch_all(db)
    .await?)
}

pub async fn delivery<'c, E>(db: E, id: i64) -> Result<Option<DeliveryRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as(sqlx::AssertSqlSafe(format!(
        "{DELIVERY_SELECT} WHERE d.id = $1"
    )))
    .bind(id)
    .fetch_optional(db)
    .await?)
}

/// Sends dead or delivered deliveries again from now; `only` limits it to one delivery.
/// Answers how many were queued.
pub async fn replay(
    tx: &mut Conn,
    endpoint_id: i64,
    only: Option<i64>,
    now_ms: i64,
) -> Result<u64, StoreError> {
    let (which, states) = match only {
        Some(_) => ("id = $3", "('dead', 'delivered')"),
        None => ("$3 = 0", "('dead')"),
    };
    let done = sql::query(sqlx::AssertSqlSafe(format!(
        "UPDATE webhook_deliveries SET state = 'pending', next_attempt_at_ms = $2, \
         claimed_until_ms = NULL, delivered_at_ms = NULL, latency_ms = NULL, dead_at_ms = NULL \
         WHERE endpoint_id = $1 AND {which} AND state IN {states}"
    )))
    .bind(endpoint_id)
    .bind(now_ms)
    .bind(only.unwrap_or(0))
    .execute(tx)
    .await?;
    Ok(done.rows_affected())
}

#[derive(Debug, FromRow)]
struct Tally {
    delivered: Option<i64>,
    pending: Option<i64>,
    dead: Option<i64>,
    within: Option<i64>,
    decided: Option<i64>,
}

/// The endpoint's last 24 hours (counts, latency percentiles, the share within target) and
/// its dead letter.
pub async fn health(
    db: &Pool,
    endpoint: &EndpointRow,
    now_ms: i64,
) -> Result<EndpointHealth, StoreError> {
    let since = now_ms - RETRY_WINDOW_MS;
    let target_ms = endpoint.sla_seconds * 1000;
    let tally: Tally = sql::query_as(
        "SELECT SUM(CASE WHEN state = 'delivered' THEN 1 ELSE 0 END) AS delivered, \
         SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END) AS pending, \
         SUM(CASE WHEN state = 'dead' THEN 1 ELSE 0 END) AS dead, \
         SUM(CASE WHEN state = 'delivered' AND latency_ms <= $3 THEN 1 ELSE 0 END) AS within, \
         SUM(CASE WHEN state <> 'pending' OR created_at_ms < $4 - $3 THEN 1 ELSE 0 END) \
           AS decided \
         FROM webhook_deliveries WHERE endpoint_id = $1 AND created_at_ms >= $2",
    )
    .bind(endpoint.id)
    .bind(since)
    .bind(target_ms)
    .bind(now_ms)
    .fetch_one(db)
    .await?;
    let delivered = tally.delivered.unwrap_or(0);
    let within_target_percent = match tally.decided.unwrap_or(0) {
        0 => None,
        decided => Some(tally.within.unwrap_or(0) as f64 * 100.0 / decided as f64),
    };
    let last: Option<(String, Option<String>)> = sql::query_as(
        "SELECT state, last_error FROM webhook_deliveries WHERE endpoint_id = $1 \
         AND last_attempt_at_ms IS NOT NULL ORDER BY last_attempt_at_ms DESC, id DESC LIMIT 1",
    )
    .bind(endpoint.id)
    .fetch_optional(db)
    .await?;
    // The dead letter holds what was never replayed, however old; the window is for the flag.
    let (dead_letter,): (i64,) = sql::query_as(
        "SELECT COUNT(*) FROM webhook_deliveries WHERE endpoint_id = $1 AND state = 'dead'",
    )
    .bind(endpoint.id)
    .fetch_one(db)
    .await?;
    let dead_lately = tally.dead.unwrap_or(0);
    let last_error = last
        .and_then(|(state, error)| (state != "delivered").then_some(error))
        .flatten();
    Ok(EndpointHealth {
        delivered: delivered as u64,
        pending: tally.pending.unwrap_or(0) as u64,
        dead: dead_letter as u64,
        p50_ms: latency_percentile(db, endpoint.id, since, delivered, 50).await?,
        p95_ms: latency_percentile(db, endpoint.id, since, delivered, 95).await?,
        within_target_percent,
        breaching: within_target_percent.is_some_and(|p| p < endpoint.sla_percent as f64),
        failing: last_error.is_some() || dead_lately > 0,
        last_error,
    })
}

/// The nearest-rank percentile of the latencies of `count` deliveries, read by the database.
async fn latency_percentile(
    db: &Pool,
    endpoint_id: i64,
    since: i64,
    count: i64,
    percent: i64,
) -> Result<Option<u64>, StoreError> {
    if count == 0 {
        return Ok(None);
    }
    let rank = ((count * percent + 99) / 100).max(1) - 1;
    let latency: Option<(i64,)> = sql::query_as(
        "SELECT latency_ms FROM webhook_deliveries WHERE endpoint_id = $1 \
         AND state = 'delivered' AND created_at_ms >= $2 ORDER BY latency_ms LIMIT 1 OFFSET $3",
    )
    .bind(endpoint_id)
    .bind(since)
    .bind(rank)
    .fetch_optional(db)
    .await?;
    Ok(latency.and_then(|(l,)| u64::try_from(l).ok()))
}
