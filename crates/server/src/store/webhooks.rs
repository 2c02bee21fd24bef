//! The webhook outbox: endpoints, events written in the transaction of the change behind them,
//! and one delivery per subscribed endpoint, claimed by workers and retried until delivered or
//! dead-lettered.

use portico_api::OrganizationRef;
use portico_api::integrations::{
    Delivery, DeliveryState, EndpointHealth, EndpointInput, WebhookEndpoint, WebhookEventType,
};
use portico_api::webhook_events::{
    AssetPublishedEvent, CrmDealRef, RegistrationEvent, StageChangedEvent, WebhookData,
    WebhookMessage,
};
use sqlx::{AnyConnection, AnyPool, FromRow};

use crate::clock::{Timestamp, rfc3339, rfc3339_ms};
use crate::domain::backoff::RETRY_WINDOW_MS;
use crate::store::StoreError;

/// Something that happened, for every endpoint subscribed to its type.
struct Event {
    event_type: WebhookEventType,
    /// What it is about, e.g. `registration:42`; an endpoint receives one subject's events in
    /// the order they were published.
    subject: String,
    data: WebhookData,
}

/// Whether any enabled endpoint takes this type of event; when none does, nothing is written.
async fn subscribed(
    tx: &mut AnyConnection,
    event_type: WebhookEventType,
) -> Result<bool, StoreError> {
    let (count,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM webhook_endpoints WHERE enabled = 1 AND event_types LIKE $1",
    )
    .bind(subscription_pattern(event_type))
    .fetch_one(tx)
    .await?;
    Ok(count > 0)
}

fn subscription_pattern(event_type: WebhookEventType) -> String {
    format!("%,{},%", event_type.as_str())
}

/// Writes the event and its deliveries inside the caller's transaction, so they exist exactly
/// when the change does.
async fn publish(tx: &mut AnyConnection, event: &Event, now_ms: i64) -> Result<(), StoreError> {
    let payload = WebhookMessage {
        data: event.data.clone(),
        timestamp: rfc3339_ms(now_ms),
        event_type: event.event_type,
    };
    let payload = serde_json::to_string(&payload).expect("a webhook message serializes");
    let message_id = format!("msg_{}", crate::domain::token::generate());
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO webhook_events (message_id, event_type, subject, payload, created_at_ms) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(&message_id)
    .bind(event.event_type.as_str())
    .bind(&event.subject)
    .bind(payload)
    .bind(now_ms)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO webhook_deliveries (endpoint_id, event_id, subject, state, attempts, \
         created_at_ms, next_attempt_at_ms) \
         SELECT id, $1, $2, 'pending', 0, $3, $3 FROM webhook_endpoints \
         WHERE enabled = 1 AND event_types LIKE $4",
    )
    .bind(id)
    .bind(&event.subject)
    .bind(now_ms)
    .bind(subscription_pattern(event.event_type))
    .execute(&mut *tx)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct EndpointRow {
    pub id: i64,
    pub url: String,
    pub description: String,
    pub event_types: String,
    pub enabled: i64,
    pub secret_sealed: String,
    pub sla_seconds: i64,
    pub sla_percent: i64,
    pub created_at: Timestamp,
}

impl EndpointRow {
    pub fn into_view(self, health: EndpointHealth) -> WebhookEndpoint {
        let EndpointRow {
            id,
            url,
            description,
            event_types,
            enabled,
            secret_sealed: _,
            sla_seconds,
            sla_percent,
            created_at,
        } = self;
        WebhookEndpoint {
            id,
            url,
            description,
            event_types: event_types
                .split(',')
                .filter_map(WebhookEventType::parse)
                .collect(),
            enabled: enabled != 0,
            sla_seconds: u32::try_from(sla_seconds).unwrap_or_default(),
            sla_percent: u8::try_from(sla_percent).unwrap_or_default(),
            created_at: rfc3339(created_at),
            health,
        }
    }
}

const ENDPOINT_COLUMNS: &str = "id, url, description, event_types, enabled, secret_sealed, \
                                sla_seconds, sla_percent, created_at";

fn event_types_column(input: &EndpointInput) -> String {
    let names: Vec<&str> = input.event_types.iter().map(|t| t.as_str()).collect();
    format!(",{},", names.join(","))
}

pub async fn insert_endpoint(
    tx: &mut AnyConnection,
    input: &EndpointInput,
    secret_sealed: &str,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO webhook_endpoints (url, description, event_types, enabled, secret_sealed, \
         sla_seconds, sla_percent, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
    )
    .bind(&input.url)
    .bind(&input.description)
    .bind(event_types_column(input))
    .bind(i64::from(input.enabled))
    .bind(secret_sealed)
    .bind(i64::from(input.sla_seconds))
    .bind(i64::from(input.sla_percent))
    .bind(now)
    .fetch_one(tx)
    .await?;
    Ok(id)
}

pub async fn update_endpoint(
    tx: &mut AnyConnection,
    id: i64,
    input: &EndpointInput,
    now: Timestamp,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE webhook_endpoints SET url = $2, description = $3, event_types = $4, \
         enabled = $5, sla_seconds = $6, sla_percent = $7, updated_at = $8 WHERE id = $1",
    )
    .bind(id)
    .bind(&input.url)
    .bind(&input.description)
    .bind(event_types_column(input))
    .bind(i64::from(input.enabled))
    .bind(i64::from(input.sla_seconds))
    .bind(i64::from(input.sla_percent))
    .bind(now)
    .execute(tx)
    .await?;
    Ok(())
}

pub async fn set_endpoint_secret(
    tx: &mut AnyConnection,
    id: i64,
    sealed: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE webhook_endpoints SET secret_sealed = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(sealed)
        .bind(now)
        .execute(tx)
        .await?;
    Ok(())
}

pub async fn endpoint<'c, E>(db: E, id: i64) -> Result<Option<EndpointRow>, StoreError>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(db)
    .await?)
}

pub async fn endpoints(db: &AnyPool) -> Result<Vec<EndpointRow>, StoreError> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints ORDER BY id"
    )))
    .fetch_all(db)
    .await?)
}

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
    tx: &mut AnyConnection,
    now_ms: i64,
    hold_until_ms: i64,
    limit: i64,
    per_endpoint: i64,
) -> Result<Vec<Claimed>, StoreError> {
    // `place` counts an endpoint's deliveries already on their way (`held`) and those this
    // claim takes, so no endpoint gets more than `per_endpoint` at once.
    let ids: Vec<(i64,)> = sqlx::query_as(
        "UPDATE webhook_deliveries SET claimed_until_ms = $1 WHERE id IN ( \
           SELECT id FROM ( \
             SELECT d.id, d.next_attempt_at_ms, COALESCE(h.held, 0) + ROW_NUMBER() OVER ( \
               PARTITION BY d.endpoint_id ORDER BY d.next_attempt_at_ms, d.id) AS place \
             FROM webhook_deliveries d \
             JOIN webhook_endpoints p ON p.id = d.endpoint_id AND p.enabled = 1 \
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
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
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
    tx: &mut AnyConnection,
    id: i64,
    attempt: &Attempt,
    now_ms: i64,
) -> Result<(), StoreError> {
    let query = match attempt {
        Attempt::Delivered { status } => sqlx::query(
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
        } => sqlx::query(
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

#[derive(Debug, Clone, FromRow)]
pub struct DeliveryRow {
    pub id: i64,
    pub endpoint_id: i64,
    pub message_id: String,
    pub event_type: String,
    pub subject: String,
    pub state: String,
    pub attempts: i64,
    pub created_at_ms: i64,
    pub next_attempt_at_ms: Option<i64>,
    pub delivered_at_ms: Option<i64>,
    pub latency_ms: Option<i64>,
    pub last_status: Option<i64>,
    pub last_error: Option<String>,
}

impl DeliveryRow {
    pub fn into_view(self) -> Result<Delivery, StoreError> {
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
        Ok(Delivery {
            id,
            message_id,
            event_type: WebhookEventType::parse(&event_type).ok_or_else(|| {
                StoreError::Unreadable(format!("unknown event type {event_type}"))
            })?,
            subject,
            state: DeliveryState::parse(&state)
                .ok_or_else(|| StoreError::Unreadable(format!("unknown delivery state {state}")))?,
            attempts: u32::try_from(attempts).unwrap_or_default(),
            created_at: rfc3339_ms(created_at_ms),
            next_attempt_at: next_attempt_at_ms.map(rfc3339_ms),
            delivered_at: delivered_at_ms.map(rfc3339_ms),
            latency_ms: latency_ms.and_then(|l| u64::try_from(l).ok()),
            last_status: last_status.and_then(|s| u16::try_from(s).ok()),
            last_error,
        })
    }
}

const DELIVERY_SELECT: &str = "SELECT d.id, d.endpoint_id, e.message_id, e.event_type, d.subject, \
     d.state, d.attempts, d.created_at_ms, d.next_attempt_at_ms, d.delivered_at_ms, \
     d.latency_ms, d.last_status, d.last_error \
     FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id";

/// One endpoint's deliveries, newest first, optionally in one state.
pub async fn deliveries(
    db: &AnyPool,
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
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
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
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{DELIVERY_SELECT} WHERE d.id = $1"
    )))
    .bind(id)
    .fetch_optional(db)
    .await?)
}

/// Sends dead or delivered deliveries again from now; `only` limits it to one delivery.
/// Answers how many were queued.
pub async fn replay(
    tx: &mut AnyConnection,
    endpoint_id: i64,
    only: Option<i64>,
    now_ms: i64,
) -> Result<u64, StoreError> {
    let (which, states) = match only {
        Some(_) => ("id = $3", "('dead', 'delivered')"),
        None => ("$3 = 0", "('dead')"),
    };
    let done = sqlx::query(sqlx::AssertSqlSafe(format!(
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
    db: &AnyPool,
    endpoint: &EndpointRow,
    now_ms: i64,
) -> Result<EndpointHealth, StoreError> {
    let since = now_ms - RETRY_WINDOW_MS;
    let target_ms = endpoint.sla_seconds * 1000;
    let tally: Tally = sqlx::query_as(
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
    let last: Option<(String, Option<String>)> = sqlx::query_as(
        "SELECT state, last_error FROM webhook_deliveries WHERE endpoint_id = $1 \
         AND last_attempt_at_ms IS NOT NULL ORDER BY last_attempt_at_ms DESC, id DESC LIMIT 1",
    )
    .bind(endpoint.id)
    .fetch_optional(db)
    .await?;
    // The dead letter holds what was never replayed, however old; the window is for the flag.
    let (dead_letter,): (i64,) = sqlx::query_as(
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
    db: &AnyPool,
    endpoint_id: i64,
    since: i64,
    count: i64,
    percent: i64,
) -> Result<Option<u64>, StoreError> {
    if count == 0 {
        return Ok(None);
    }
    let rank = ((count * percent + 99) / 100).max(1) - 1;
    let latency: Option<(i64,)> = sqlx::query_as(
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

#[derive(Debug, FromRow)]
struct RegistrationEventRow {
    id: i64,
    organization_id: i64,
    organization_name: String,
    kind: String,
    company_name: String,
    company_domain: String,
    motion: String,
    status: String,
    partner_role: String,
    submitted_at: Timestamp,
    decided_at: Option<Timestamp>,
    protection_ends_at: Option<Timestamp>,
    opportunity_id: Option<i64>,
}

/// Publishes a registration event with the registration as it is in `tx`.
pub async fn publish_registration(
    tx: &mut AnyConnection,
    id: i64,
    event_type: WebhookEventType,
    now_ms: i64,
) -> Result<(), StoreError> {
    if !subscribed(tx, event_type).await? {
        return Ok(());
    }
    let row: RegistrationEventRow = sqlx::query_as(
        "SELECT r.id, r.organization_id, g.name AS organization_name, r.kind, r.company_name, \
         r.company_domain, r.motion, r.status, r.partner_role, r.submitted_at, r.decided_at, \
         r.protection_ends_at, o.id AS opportunity_id FROM registrations r \
         JOIN organizations g ON g.id = r.organization_id \
         LEFT JOIN opportunities o ON o.registration_id = r.id WHERE r.id = $1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    let RegistrationEventRow {
        id,
        organization_id,
        organization_name,
        kind,
        company_name,
        company_domain,
        motion,
        status,
        partner_role,
        submitted_at,
        decided_at,
        protection_ends_at,
        opportunity_id,
    } = row;
    let event = Event {
        event_type,
        subject: format!("registration:{id}"),
        data: WebhookData::Registration(RegistrationEvent {
            registration_id: id,
            organization: OrganizationRef {
                id: organization_id,
                name: organization_name,
            },
            kind,
            company_name,
            company_domain,
            motion,
            status,
            partner_role,
            submitted_at: rfc3339(submitted_at),
            decided_at: decided_at.map(rfc3339),
            protection_ends_at: protection_ends_at.map(rfc3339),
            opportunity_id,
        }),
    };
    publish(tx, &event, now_ms).await
}

#[derive(Debug, FromRow)]
struct OpportunityEventRow {
    id: i64,
    registration_id: Option<i64>,
    organization_id: i64,
    organization_name: String,
    customer_name: String,
    motion: String,
    stage: String,
}

/// Publishes `opportunity.stage_changed` for a deal that moved from `from_stage`.
pub async fn publish_stage_change(
    tx: &mut AnyConnection,
    id: i64,
    from_stage: &str,
    now_ms: i64,
) -> Result<(), StoreError> {
    if !subscribed(tx, WebhookEventType::OpportunityStageChanged).await? {
        return Ok(());
    }
    let row: OpportunityEventRow = sqlx::query_as(
        "SELECT o.id, o.registration_id, o.organization_id, g.name AS organization_name, \
         o.customer_name, o.motion, o.stage FROM opportunities o \
         JOIN organizations g ON g.id = o.organization_id WHERE o.id = $1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    let links: Vec<(String, String)> = sqlx::query_as(
        "SELECT system, crm_deal_id FROM crm_deal_links WHERE opportunity_id = $1 ORDER BY system",
    )
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    let OpportunityEventRow {
        id,
        registration_id,
        organization_id,
        organization_name,
        customer_name,
        motion,
        stage,
    } = row;
    let crm_deals: Vec<_> = links
        .into_iter()
        .map(|(system, crm_deal_id)| CrmDealRef {
            system,
            crm_deal_id,
        })
        .collect();
    let event = Event {
        event_type: WebhookEventType::OpportunityStageChanged,
        subject: format!("opportunity:{id}"),
        data: WebhookData::StageChanged(StageChangedEvent {
            opportunity_id: id,
            registration_id,
            organization: OrganizationRef {
                id: organization_id,
                name: organization_name,
            },
            customer_name,
            motion,
            from_stage: from_stage.to_owned(),
            to_stage: stage,
            crm_deals,
        }),
    };
    publish(tx, &event, now_ms).await
}

/// Publishes `asset.published` for an asset that was just published.
pub async fn publish_asset(tx: &mut AnyConnection, id: i64, now_ms: i64) -> Result<(), StoreError> {
    if !subscribed(tx, WebhookEventType::AssetPublished).await? {
        return Ok(());
    }
    let (title, kind, summary): (String, String, String) =
        sqlx::query_as("SELECT title, kind, summary FROM assets WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    let event = Event {
        event_type: WebhookEventType::AssetPublished,
        subject: format!("asset:{id}"),
        data: WebhookData::AssetPublished(AssetPublishedEvent {
            asset_id: id,
            title,
            kind,
            summary,
        }),
    };
    publish(tx, &event, now_ms).await
}
