//! Webhook endpoints: their settings and sealed signing secrets.

use portico_api::integrations::{EndpointHealth, EndpointInput, WebhookEndpoint, WebhookEventType};
use sqlx::FromRow;

use crate::clock::{Timestamp, rfc3339};
use crate::store::StoreError;
use crate::store::sql::{self, Conn, Exec, Pool};

#[derive(Debug, Clone, FromRow)]
pub struct EndpointRow {
    pub id: i64,
    pub url: String,
    pub description: String,
    pub event_types: String,
    pub enabled: bool,
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
            enabled,
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
    tx: &mut Conn,
    input: &EndpointInput,
    secret_sealed: &str,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO webhook_endpoints (url, description, event_types, enabled, secret_sealed, \
         sla_seconds, sla_percent, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
    )
    .bind(&input.url)
    .bind(&input.description)
    .bind(event_types_column(input))
    .bind(input.enabled)
    .bind(secret_sealed)
    .bind(i64::from(input.sla_seconds))
    .bind(i64::from(input.sla_percent))
    .bind(now)
    .fetch_one(tx)
    .await?;
    Ok(id)
}

pub async fn update_endpoint(
    tx: &mut Conn,
    id: i64,
    input: &EndpointInput,
    now: Timestamp,
) -> Result<(), StoreError> {
    sql::query(
        "UPDATE webhook_endpoints SET url = $2, description = $3, event_types = $4, \
         enabled = $5, sla_seconds = $6, sla_percent = $7, updated_at = $8 WHERE id = $1",
    )
    .bind(id)
    .bind(&input.url)
    .bind(&input.description)
    .bind(event_types_column(input))
    .bind(input.enabled)
    .bind(i64::from(input.sla_seconds))
    .bind(i64::from(input.sla_percent))
    .bind(now)
    .execute(tx)
    .await?;
    Ok(())
}

pub async fn set_endpoint_secret(
    tx: &mut Conn,
    id: i64,
    sealed: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    sql::query("UPDATE webhook_endpoints SET secret_sealed = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(sealed)
        .bind(now)
        .execute(tx)
        .await?;
    Ok(())
}

pub async fn endpoint<'c, E>(db: E, id: i64) -> Result<Option<EndpointRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(db)
    .await?)
}

pub async fn endpoints(db: &Pool) -> Result<Vec<EndpointRow>, StoreError> {
    Ok(sql::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints ORDER BY id"
    )))
    .fetch_all(db)
    .await?)
}
