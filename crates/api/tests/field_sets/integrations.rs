//! CRM card links and webhook messages, whose bytes keep their maps' order.

use super::*;

#[test]
fn card_link_fields() {
    use portico_api::card_links::{CardLink, IssuedCardLink, Revocation};
    use portico_api::integrations::{CardSubject, CrmSystem};

    let made = CardLink {
        id: 1,
        url: "u".into(),
        expires_at: "x".into(),
    };
    assert_eq!(fields(&made), ["expires_at", "id", "url"]);
    let issued = IssuedCardLink {
        id: 1,
        system: CrmSystem::Hubspot,
        subject: CardSubject::Opportunity(7),
        subject_name: Some("Initech".into()),
        issued_by: "Morgan".into(),
        issued_at: "x".into(),
        expires_at: "y".into(),
        expired: false,
        revoked: Some(Revocation {
            at: "z".into(),
            by: "Morgan".into(),
            rationale: None,
        }),
    };
    assert_eq!(
        fields(&issued),
        [
            "expired",
            "expires_at",
            "id",
            "issued_at",
            "issued_by",
            "revoked",
            "revoked.at",
            "revoked.by",
            "revoked.rationale",
            "subject",
            "subject.opportunity",
            "subject_name",
            "system"
        ]
    );
}

fn registration_message() -> portico_api::webhook_events::WebhookMessage {
    use portico_api::integrations::WebhookEventType;
    use portico_api::webhook_events::{RegistrationEvent, WebhookData, WebhookMessage};

    WebhookMessage {
        data: WebhookData::Registration(RegistrationEvent {
            company_domain: "initech.example".into(),
            company_name: "Initech".into(),
            decided_at: None,
            kind: "deal".into(),
            motion: "reseller".into(),
            opportunity_id: None,
            organization: OrganizationRef {
                id: 3,
                name: "Northwind Partners".into(),
            },
            partner_role: "sourced".into(),
            protection_ends_at: None,
            registration_id: 42,
            status: "pending".into(),
            submitted_at: "2026-01-01T00:00:00Z".into(),
        }),
        timestamp: "2026-01-01T00:00:00.000Z".into(),
        event_type: WebhookEventType::RegistrationSubmitted,
    }
}

fn stage_changed_data() -> portico_api::webhook_events::WebhookData {
    use portico_api::webhook_events::{CrmDealRef, StageChangedEvent, WebhookData};

    WebhookData::StageChanged(StageChangedEvent {
        crm_deals: vec![CrmDealRef {
            crm_deal_id: "hs-1".into(),
            system: "hubspot".into(),
        }],
        customer_name: "Initech".into(),
        from_stage: "Qualification".into(),
        motion: "reseller".into(),
        opportunity_id: 7,
        organization: OrganizationRef {
            id: 3,
            name: "Northwind Partners".into(),
        },
        registration_id: Some(42),
        to_stage: "Configure & Quote".into(),
    })
}

fn asset_published_data() -> portico_api::webhook_events::WebhookData {
    use portico_api::webhook_events::{AssetPublishedEvent, WebhookData};

    WebhookData::AssetPublished(AssetPublishedEvent {
        asset_id: 9,
        kind: "deck".into(),
        summary: "s".into(),
        title: "t".into(),
    })
}

/// Webhook receivers outside the portal read these bodies: a field added here reaches every
/// subscribed endpoint.
#[test]
fn webhook_message_fields() {
    assert_eq!(
        fields(&registration_message()),
        [
            "data",
            "data.company_domain",
            "data.company_name",
            "data.decided_at",
            "data.kind",
            "data.motion",
            "data.opportunity_id",
            "data.organization",
            "data.organization.id",
            "data.organization.name",
            "data.partner_role",
            "data.protection_ends_at",
            "data.registration_id",
            "data.status",
            "data.submitted_at",
            "timestamp",
            "type",
        ]
    );
    assert_eq!(
        fields(&stage_changed_data()),
        [
            "crm_deals",
            "crm_deals[].crm_deal_id",
            "crm_deals[].system",
            "customer_name",
            "from_stage",
            "motion",
            "opportunity_id",
            "organization",
            "organization.id",
            "organization.name",
            "registration_id",
            "to_stage",
        ]
    );
    assert_eq!(
        fields(&asset_published_data()),
        ["asset_id", "kind", "summary", "title"]
    );
}

/// The messages were built as JSON maps before they had types; endpoints that stored or
/// compared bodies must see the same bytes, so each type serializes exactly as its map did.
#[test]
fn webhook_messages_keep_the_bytes_of_their_maps() {
    let registration = serde_json::json!({
        "type": "registration.submitted",
        "timestamp": "2026-01-01T00:00:00.000Z",
        "data": {
            "registration_id": 42,
            "organization": { "id": 3, "name": "Northwind Partners" },
            "kind": "deal",
            "company_name": "Initech",
            "company_domain": "initech.example",
            "motion": "reseller",
            "status": "pending",
            "partner_role": "sourced",
            "submitted_at": "2026-01-01T00:00:00Z",
            "decided_at": null,
            "protection_ends_at": null,
            "opportunity_id": null,
        },
    });
    let stage_changed = serde_json::json!({
        "opportunity_id": 7,
        "registration_id": 42,
        "organization": { "id": 3, "name": "Northwind Partners" },
        "customer_name": "Initech",
        "motion": "reseller",
        "from_stage": "Qualification",
        "to_stage": "Configure & Quote",
        "crm_deals": [{ "system": "hubspot", "crm_deal_id": "hs-1" }],
    });
    let asset_published = serde_json::json!({
        "asset_id": 9, "title": "t", "kind": "deck", "summary": "s",
    });
    let typed = [
        serde_json::to_string(&registration_message()),
        serde_json::to_string(&stage_changed_data()),
        serde_json::to_string(&asset_published_data()),
    ]
    .map(Result::unwrap);
    let maps = [registration, stage_changed, asset_published].map(|m| m.to_string());
    assert_eq!(typed, maps);
}
