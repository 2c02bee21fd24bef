//! Deals as each side reads them.

use super::*;

fn partner_opportunity() -> portico_api::pipeline::PartnerOpportunity {
    portico_api::pipeline::PartnerOpportunity {
        id: 7,
        customer_name: "Contoso".into(),
        motion: Motion::Reseller,
        stage: "qualification".into(),
        stage_entered_at: "x".into(),
        owner_name: Some("Riley".into()),
        next_step: Some("Call".into()),
        next_step_due: Some("2026-12-01".into()),
        registration_status: Some(RegistrationStatus::Approved),
        protection_status: portico_api::pipeline::ProtectionStatus::Active,
        protection_ends: Some("x".into()),
        updated_at: "x".into(),
    }
}

const PARTNER_OPPORTUNITY: [&str; 12] = [
    "customer_name",
    "id",
    "motion",
    "next_step",
    "next_step_due",
    "owner_name",
    "protection_ends",
    "protection_status",
    "registration_status",
    "stage",
    "stage_entered_at",
    "updated_at",
];

/// A partner's pipeline row and detail: the safe fields and the shared notes, nothing about
/// pricing, discounts, attribution, internal notes or other partners.
#[test]
fn partner_opportunity_fields() {
    use portico_api::pipeline::{NoteSide, PartnerOpportunityDetail, PipelinePage, SharedNote};
    let page = PipelinePage::Partner(Page {
        items: vec![partner_opportunity()],
        next_cursor: None,
    });
    let row_fields: Vec<String> = PARTNER_OPPORTUNITY
        .iter()
        .map(|f| format!("items[].{f}"))
        .chain(["items".into(), "next_cursor".into()])
        .collect();
    let mut expected = row_fields;
    expected.sort();
    assert_eq!(fields(&page), expected);
    let detail = PartnerOpportunityDetail {
        opportunity: partner_opportunity(),
        notes: vec![SharedNote {
            id: 1,
            side: NoteSide::Vendor,
            author_name: "Morgan".into(),
            body: "Hi".into(),
            created_at: "x".into(),
        }],
    };
    let mut expected: Vec<String> = PARTNER_OPPORTUNITY
        .iter()
        .map(|f| f.to_string())
        .chain(
            [
                "notes",
                "notes[].author_name",
                "notes[].body",
                "notes[].created_at",
                "notes[].id",
                "notes[].side",
            ]
            .map(String::from),
        )
        .collect();
    expected.sort();
    assert_eq!(fields(&detail), expected);
}

#[test]
fn manager_opportunity_fields() {
    use portico_api::pipeline::{ExitCriterion, ManagerOpportunity};
    let manager = ManagerOpportunity {
        opportunity: partner_opportunity(),
        organization: org().unwrap(),
        registration_id: Some(3),
        amount: Some(10),
        currency: Some("USD".into()),
        discount_band: Some("5-10%".into()),
        price_protection: true,
        partner_role: Some(PartnerRole::Sourced),
        attribution_percent: Some(100),
        internal_notes: "n".into(),
        loss_reason: None,
        conflict: Some(ConflictLevel::None),
        exit_criteria: vec![ExitCriterion {
            label: "l".into(),
            met: true,
        }],
        last_activity_at: "x".into(),
        created_at: "x".into(),
    };
    let mut expected: Vec<String> = PARTNER_OPPORTUNITY
        .iter()
        .map(|f| format!("opportunity.{f}"))
        .chain(
            [
                "amount",
                "attribution_percent",
                "conflict",
                "created_at",
                "currency",
                "discount_band",
                "exit_criteria",
                "exit_criteria[].label",
                "exit_criteria[].met",
                "internal_notes",
                "last_activity_at",
                "loss_reason",
                "opportunity",
                "organization",
                "organization.id",
                "organization.name",
                "partner_role",
                "price_protection",
                "registration_id",
            ]
            .map(String::from),
        )
        .collect();
    expected.sort();
    assert_eq!(fields(&manager), expected);
}
