//! CRM deals linked to Portico deals, and the CRM events already received.

use portico_api::integrations::{CrmEventOutcome, CrmSystem};
use sqlx::FromRow;

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Conn, Exec, Pool};

#[derive(Debug, Clone, FromRow)]
pub struct LinkRow {
    pub opportunity_id: i64,
    pub linked_as_of: i64,
    pub stage_as_of: Option<i64>,
    pub owner_as_of: Option<i64>,
    pub amount_as_of: Option<i64>,
}

/// A field CRM events change, with the column keeping the time of its last change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Stage,
    Owner,
    Amount,
}

impl Field {
    fn column(self) -> &'static str {
        match self {
            Field::Stage => "stage_as_of",
            Field::Owner => "owner_as_of",
            Field::Amount => "amount_as_of",
        }
    }
}

impl LinkRow {
    pub fn as_of(&self, field: Field) -> Option<i64> {
        match field {
            Field::Stage => self.stage_as_of,
            Field::Owner => self.owner_as_of,
            Field::Amount => self.amount_as_of,
        }
    }
}

pub async fn link<'c, E>(
    db: E,
    system: CrmSystem,
    crm_deal_id: &str,
) -> Result<Option<LinkRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as(
        "SELECT opportunity_id, linked_as_of, stage_as_of, owner_as_of, amount_as_of \
         FROM crm_deal_links WHERE system = $1 AND crm_deal_id = $2",
    )
    .bind(system.as_str())
    .bind(crm_deal_id)
    .fetch_optional(db)
    .await?)
}

/// Links the CRM deal to the opportunity, replacing any other link either had in this CRM.
pub async fn save_link(
    tx: &mut Conn,
    system: CrmSystem,
    crm_deal_id: &str,
    opportunity_id: i64,
    as_of: i64,
    now: Timestamp,
) -> Result<(), StoreError> {
    sql::query(
        "DELETE FROM crm_deal_links WHERE system = $1 AND (crm_deal_id = $2 OR opportunity_id = $3)",
    )
    .bind(system.as_str())
    .bind(crm_deal_id)
    .bind(opportunity_id)
    .execute(&mut *tx)
    .await?;
    sql::query(
        "INSERT INTO crm_deal_links (system, crm_deal_id, opportunity_id, linked_as_of, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(system.as_str())
    .bind(crm_deal_id)
    .bind(opportunity_id)
    .bind(as_of)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

pub async fn mark_applied(
    tx: &mut Conn,
    system: CrmSystem,
    crm_deal_id: &str,
    field: Field,
    as_of: i64,
) -> Result<(), StoreError> {
    sql::query(sqlx::AssertSqlSafe(format!(
        "UPDATE crm_deal_links SET {} = $3 WHERE system = $1 AND crm_deal_id = $2",
        field.column()
    )))
    .bind(system.as_str())
    .bind(crm_deal_id)
    .bind(as_of)
    .execute(tx)
    .await?;
    Ok(())
}

/// The CRM deal id of a Portico deal, for the card's HubSpot and Salesforce lookups.
pub async fn opportunity_of(
    db: &Pool,
    system: CrmSystem,
    crm_deal_id: &str,
) -> Result<Option<i64>, StoreError> {
    Ok(link(db, system, crm_deal_id)
        .await?
        .map(|l| l.opportunity_id))
}

/// Takes the event id for this transaction; `false` when it was received before. Concurrent
/// requests with one id wait on the key, so only one of them applies it.
pub async fn claim_event(
    tx: &mut Conn,
    system: CrmSystem,
    event_id: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let done = sql::query(
        "INSERT INTO crm_events (system, event_id, received_at, outcome) \
         VALUES ($1, $2, $3, 'received') ON CONFLICT (system, event_id) DO NOTHING",
    )
    .bind(system.as_str())
    .bind(event_id)
    .bind(now)
    .execute(tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Keeps what became of a claimed event; an event that changed nothing because it was unknown
/// or invalid is forgotten, so the CRM can send it again once it is right.
pub async fn settle_event(
    tx: &mut Conn,
    system: CrmSystem,
    event_id: &str,
    outcome: CrmEventOutcome,
) -> Result<(), StoreError> {
    let sql = match outcome {
        CrmEventOutcome::UnknownDeal | CrmEventOutcome::Invalid => {
            "DELETE FROM crm_events WHERE system = $1 AND event_id = $2 AND $3 <> ''"
        }
        _ => "UPDATE crm_events SET outcome = $3 WHERE system = $1 AND event_id = $2",
    };
    sql::query(sql)
        .bind(system.as_str())
        .bind(event_id)
        .bind(outcome.as_str())
        .execute(tx)
        .await?;
    Ok(())
}
