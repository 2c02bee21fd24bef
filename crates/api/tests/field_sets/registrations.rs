//! Registrations as each side reads them, and registration links and notifications.

use super::*;

fn partner_registration() -> PartnerRegistration {
    PartnerRegistration {
        id: 1,
        number: "R-1001".into(),
        kind: RegistrationKind::Deal,
        status: RegistrationStatus::Approved,
        conflict: ConflictLevel::Review,
        conflict_message: "m".into(),
        company_name: "Acme".into(),
        company_domain: "acme.com".into(),
        country: "DE".into(),
        contact_name: "Jane".into(),
        contact_email: "jane@acme.com".into(),
        contact_title: Some("CIO".into()),
        motion: Motion::Reseller,
        products: vec![Product {
            id: 1,
            name: "P".into(),
        }],
        estimated_value: Some(1),
        currency: Some("EUR".into()),
        expected_close: Some("2027-01-01".into()),
        description: "d".into(),
        partner_role: PartnerRole::Sourced,
        submitted_by: "Alice".into(),
        submitted_at: "x".into(),
        decision: Some(Decision {
            decision: Verdict::Decline,
            reason: Some(DeclineReason::Other),
            rationale: Some("r".into()),
            decided_at: "x".into(),
        }),
        open_question: Some("q".into()),
        protection: Some(Protection {
            ends_at: "x".into(),
            days_left: 3,
            extension_opens_at: "x".into(),
        }),
        extension: Some(Extension {
            status: ExtensionStatus::Requested,
            justification: "j".into(),
            requested_at: "x".into(),
            rationale: None,
        }),
    }
}

/// Everything a partner can read about its registration, and nothing about anyone else: no
/// organization, no conflict findings, no matching keys, no approval clock.
#[test]
fn partner_registration_fields() {
    assert_eq!(
        fields(&PartnerRegistrationDetail {
            registration: partner_registration(),
            timeline: vec![TimelineEntry {
                at: "x".into(),
                what: "Submitted".into(),
                who: Some("Alice".into()),
                rationale: None,
            }],
        }),
        [
            "registration",
            "registration.company_domain",
            "registration.company_name",
            "registration.conflict",
            "registration.conflict_message",
            "registration.contact_email",
            "registration.contact_name",
            "registration.contact_title",
            "registration.country",
            "registration.currency",
            "registration.decision",
            "registration.decision.decided_at",
            "registration.decision.decision",
            "registration.decision.rationale",
            "registration.decision.reason",
            "registration.description",
            "registration.estimated_value",
            "registration.expected_close",
            "registration.extension",
            "registration.extension.justification",
            "registration.extension.rationale",
            "registration.extension.requested_at",
            "registration.extension.status",
            "registration.id",
            "registration.kind",
            "registration.motion",
            "registration.number",
            "registration.open_question",
            "registration.partner_role",
            "registration.products",
            "registration.products[].id",
            "registration.products[].name",
            "registration.protection",
            "registration.protection.days_left",
            "registration.protection.ends_at",
            "registration.protection.extension_opens_at",
            "registration.status",
            "registration.submitted_at",
            "registration.submitted_by",
            "timeline",
            "timeline[].at",
            "timeline[].rationale",
            "timeline[].what",
            "timeline[].who"
        ]
    );
}

#[test]
fn manager_registration_fields() {
    let manager = ManagerRegistration {
        registration: partner_registration(),
        organization: org().unwrap(),
        decide_by: "x".into(),
        sla_breached: false,
        waiting_hours: Some(3),
        competing_claims: vec![2],
    };
    let detail = ManagerRegistrationDetail {
        registration: manager.clone(),
        findings: vec![ConflictFinding {
            level: ConflictLevel::Review,
            strength: MatchStrength::Strong,
            score: 80,
            reason: "r".into(),
            registration_id: Some(2),
            account_id: None,
        }],
        matches: vec![manager.clone()],
        later_claims: vec![manager],
        accounts: vec![Account {
            id: 1,
            name: "A".into(),
            domain: None,
            alternative_names: vec!["B".into()],
            owner: "o".into(),
            incumbent: org(),
            updated_at: "x".into(),
        }],
        suggestion: Some("s".into()),
        timeline: vec![],
    };
    let top: Vec<String> = fields(&detail)
        .into_iter()
        .filter(|f| !f.contains(".registration.") && !f.starts_with("matches[]."))
        .collect();
    assert_eq!(
        top,
        [
            "accounts",
            "accounts[].alternative_names",
            "accounts[].domain",
            "accounts[].id",
            "accounts[].incumbent",
            "accounts[].incumbent.id",
            "accounts[].incumbent.name",
            "accounts[].name",
            "accounts[].owner",
            "accounts[].updated_at",
            "findings",
            "findings[].account_id",
            "findings[].level",
            "findings[].reason",
            "findings[].registration_id",
            "findings[].score",
            "findings[].strength",
            "later_claims",
            "later_claims[].competing_claims",
            "later_claims[].decide_by",
            "later_claims[].organization",
            "later_claims[].organization.id",
            "later_claims[].organization.name",
            "later_claims[].registration",
            "later_claims[].sla_breached",
            "later_claims[].waiting_hours",
            "matches",
            "registration",
            "registration.competing_claims",
            "registration.decide_by",
            "registration.organization",
            "registration.organization.id",
            "registration.organization.name",
            "registration.registration",
            "registration.sla_breached",
            "registration.waiting_hours",
            "suggestion",
            "timeline"
        ]
    );
}

#[test]
fn link_and_notification_fields() {
    assert_eq!(
        fields(&LinkForm {
            organization: "Northwind".into(),
            currency: Some("EUR".into()),
            products: vec![],
            requirements: Default::default(),
        }),
        [
            "currency",
            "organization",
            "products",
            "requirements",
            "requirements.missing"
        ]
    );
    assert_eq!(
        fields(&RegistrationLinkStatus {
            active: true,
            created_at: None
        }),
        ["active", "created_at"]
    );
    assert_eq!(
        fields(&CreatedRegistrationLink {
            link: "l".into(),
            created_at: "x".into()
        }),
        ["created_at", "link"]
    );
    let notification = Notification {
        id: 1,
        category: "c".into(),
        subject: "s".into(),
        body: "b".into(),
        registration_id: None,
        created_at: "x".into(),
    };
    assert_eq!(
        fields(&notification),
        [
            "body",
            "category",
            "created_at",
            "id",
            "registration_id",
            "subject"
        ]
    );
    assert_eq!(
        fields(&ImportSummary {
            created: 1,
            updated: 0,
            merged: 2
        }),
        ["created", "merged", "updated"]
    );
}
