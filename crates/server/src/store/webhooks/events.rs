//! The typed events: each subject read as it is in the transaction, and published.

use portico_api::OrganizationRef;
use portico_api::integrations::WebhookEventType;
use portico_api::webhook_events::{
    AssetPublishedEvent, CrmDealRef, RegistrationEvent, StageChangedEvent, WebhookData,
};
use sqlx::FromRow;

use super::{Event, publish, subscribed};
use crate::clock::{Timestamp, rfc3339};
use crate::store::StoreError;
use crate::store::sql::{self, Conn};

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
    tx: &mut Conn,
    id: i64,
    event_type: WebhookEventType,
    now_ms: i64,
) -> Result<(), StoreError> {
    if !subscribed(tx, event_type).await? {
        return Ok(());
    }
    let row: RegistrationEventRow = sql::query_as(
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
    tx: &mut Conn,
    id: i64,
    from_stage: &str,
    now_ms: i64,
) -> Result<(), StoreError> {
    if !subscribed(tx, WebhookEventType::OpportunityStageChanged).await? {
        return Ok(());
    }
    let row: OpportunityEventRow = sql::query_as(
        "SELECT o.id, o.registration_id, o.organization_id, g.name AS organization_name, \
         o.customer_name, o.motion, o.stage FROM opportunities o \
         JOIN organizations g ON g.id = o.organization_id WHERE o.id = $1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    let links: Vec<(String, String)> = sql::query_as(
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
pub async fn publish_asset(tx: &mut Conn, id: i64, now_ms: i64) -> Result<(), StoreError> {
    if !subscribed(tx, WebhookEventType::AssetPublished).await? {
        return Ok(());
    }
    let (title, kind, summary): (String, String, String) =
        sql::query_as("SELECT title, kind, summary FROM assets WHERE id = $1")
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
