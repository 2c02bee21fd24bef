//! Pins the JSON field sets of response types and of webhook messages: adding a field to what
//! the API or a webhook sends is a decision, and this test is where it is made. Every response
//! schema of the OpenAPI document is pinned as well, in the server's `tests/response_fields.txt`
//! (checked by `tests/openapi.rs`), which the server's HTTP tests hold to what it really sends.

use portico_api::account::{AccountSecurity, RecoveryCodes, SecuritySettings, TwoFactorSetup};
use portico_api::accounts::{Account, ImportSummary};
use portico_api::assets::{
    AssetCard, AssetDetail, AssetKind, AssetSearch, AssetState, AssetVersion, AssetView, Audience,
    Certification, FacetCount, Facets, FileInfo, ManagedAsset,
};
use portico_api::auth::{SecondFactorRequired, UserSummary};
use portico_api::health::Health;
use portico_api::invitations::{CreatedInvitation, Invitation, InvitationPreview};
use portico_api::notifications::Notification;
use portico_api::organizations::{Activation, Engagement, Motion, OrganizationSummary, Tier};
use portico_api::registrations::{
    ConflictFinding, ConflictLevel, CreatedRegistrationLink, Decision, DeclineReason, Extension,
    ExtensionStatus, LinkForm, ManagerRegistration, ManagerRegistrationDetail, MatchStrength,
    PartnerRegistration, PartnerRegistrationDetail, PartnerRole, Product, Protection,
    RegistrationKind, RegistrationLinkStatus, RegistrationStatus, TimelineEntry, Verdict,
};
use portico_api::users::UserAdminView;
use portico_api::{ErrorBody, ErrorDetail, Me, OrganizationRef, Page, Role};
use serde::Serialize;
use serde_json::Value;

/// Every key path in the JSON, e.g. `user.email`; array items are described by their first one.
fn fields(value: &impl Serialize) -> Vec<String> {
    fn walk(prefix: &str, value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, inner) in map {
                    let path = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    out.push(path.clone());
                    walk(&path, inner, out);
                }
            }
            Value::Array(items) => {
                if let Some(first) = items.first() {
                    walk(&format!("{prefix}[]"), first, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk("", &serde_json::to_value(value).unwrap(), &mut out);
    out.sort();
    out
}

fn org() -> Option<OrganizationRef> {
    Some(OrganizationRef {
        id: 1,
        name: "Northwind Partners".into(),
    })
}

fn invitation() -> Invitation {
    Invitation {
        id: 1,
        email: "a@b.co".into(),
        role: Role::PartnerUser,
        organization: org(),
        invited_by: "Morgan".into(),
        expires_at: "2026-01-01T00:00:00Z".into(),
    }
}

#[test]
fn me() {
    let me = Me {
        user: UserSummary {
            id: 1,
            email: "a@b.co".into(),
            name: "A".into(),
            role: Role::PartnerAdmin,
        },
        organization: org(),
        csrf_token: "t".into(),
        two_factor_setup_required: false,
    };
    assert_eq!(
        fields(&me),
        [
            "csrf_token",
            "organization",
            "organization.id",
            "organization.name",
            "two_factor_setup_required",
            "user",
            "user.email",
            "user.id",
            "user.name",
            "user.role"
        ]
    );
}

#[test]
fn account_security_fields() {
    assert_eq!(
        fields(&SecondFactorRequired {
            pending_token: "t".into(),
            expires_in_secs: 300,
        }),
        ["expires_in_secs", "pending_token"]
    );
    assert_eq!(
        fields(&AccountSecurity {
            two_factor_enabled: true,
            recovery_codes_left: 10,
            two_factor_setup_required: false,
            set_password_until: Some("2026-01-01T00:00:00Z".into()),
        }),
        [
            "recovery_codes_left",
            "set_password_until",
            "two_factor_enabled",
            "two_factor_setup_required"
        ]
    );
    assert_eq!(
        fields(&TwoFactorSetup {
            secret: "S".into(),
            otpauth_uri: "otpauth://totp/x".into(),
            qr_code: "data:image/svg+xml;base64,".into(),
        }),
        ["otpauth_uri", "qr_code", "secret"]
    );
    assert_eq!(
        fields(&RecoveryCodes {
            codes: vec!["abcde-23456".into()],
        }),
        ["codes"]
    );
    assert_eq!(
        fields(&SecuritySettings {
            vendor_two_factor_required: true,
        }),
        ["vendor_two_factor_required"]
    );
}

#[test]
fn error_body() {
    let body = ErrorBody {
        error: ErrorDetail {
            code: "c".into(),
            message: "m".into(),
            fields: [("email".to_owned(), "x".to_owned())].into(),
        },
    };
    assert_eq!(
        fields(&body),
        [
            "error",
            "error.code",
            "error.fields",
            "error.fields.email",
            "error.message"
        ]
    );
}

#[test]
fn invitations() {
    assert_eq!(
        fields(&CreatedInvitation {
            invitation: invitation(),
            link: "l".into()
        }),
        [
            "invitation",
            "invitation.email",
            "invitation.expires_at",
            "invitation.id",
            "invitation.invited_by",
            "invitation.organization",
            "invitation.organization.id",
            "invitation.organization.name",
            "invitation.role",
            "link"
        ]
    );
    let preview = InvitationPreview {
        email: "a@b.co".into(),
        role: Role::Manager,
        organization: None,
        expires_at: "x".into(),
    };
    assert_eq!(
        fields(&preview),
        ["email", "expires_at", "organization", "role"]
    );
    let page = Page {
        items: vec![invitation()],
        next_cursor: Some("1".into()),
    };
    assert!(fields(&page).starts_with(&["items".to_owned(), "items[].email".to_owned()]));
    assert!(fields(&page).ends_with(&["next_cursor".to_owned()]));
}

#[test]
fn users_and_organizations() {
    let user = UserAdminView {
        id: 1,
        email: "a@b.co".into(),
        name: "A".into(),
        role: Role::Admin,
        organization: None,
        active: true,
        created_at: "x".into(),
        last_sign_in_at: None,
    };
    assert_eq!(
        fields(&user),
        [
            "active",
            "created_at",
            "email",
            "id",
            "last_sign_in_at",
            "name",
            "organization",
            "role"
        ]
    );
    let summary = OrganizationSummary {
        id: 1,
        name: "N".into(),
        motion: Motion::Reseller,
        tier: Tier::Gold,
        user_count: 2,
        engagement: Engagement {
            score: 57,
            trend: -4,
            last_activity_at: Some("2026-05-01T09:00:00Z".into()),
            stalled: false,
            activation: Some(Activation {
                first_sign_in: true,
                first_download: false,
                first_registration: true,
            }),
        },
    };
    assert_eq!(
        fields(&summary),
        [
            "engagement",
            "engagement.activation",
            "engagement.activation.first_download",
            "engagement.activation.first_registration",
            "engagement.activation.first_sign_in",
            "engagement.last_activity_at",
            "engagement.score",
            "engagement.stalled",
            "engagement.trend",
            "id",
            "motion",
            "name",
            "tier",
            "user_count"
        ]
    );
    assert_eq!(
        fields(&Health {
            status: "ok".into()
        }),
        ["status"]
    );
}

#[test]
fn enums_use_snake_case_names() {
    assert_eq!(
        serde_json::to_value(Role::PartnerAdmin).unwrap(),
        "partner_admin"
    );
    assert_eq!(serde_json::to_value(Motion::Tech).unwrap(), "tech");
    assert_eq!(serde_json::to_value(Tier::Platinum).unwrap(), "platinum");
    for role in Role::ALL {
        assert_eq!(Role::parse(role.as_str()), Some(role));
    }
}

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
        matches: vec![manager],
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
            "matches",
            "registration",
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
    assert_eq!(fields(&LinkForm { products: vec![] }), ["products"]);
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

fn asset_view() -> AssetView {
    AssetView {
        card: AssetCard {
            id: 1,
            kind: AssetKind::Deck,
            state: AssetState::Published,
            title: "t".into(),
            summary: "s".into(),
            motions: vec![Motion::Reseller],
            industries: vec!["Retail".into()],
            use_cases: vec!["First meeting".into()],
            language: "en".into(),
            published_at: Some("x".into()),
            is_new: true,
            file: Some(FileInfo {
                name: "a.pdf".into(),
                content_type: "application/pdf".into(),
                size: 1,
            }),
            link: None,
        },
        body_html: "<p>b</p>".into(),
        updated_at: "x".into(),
    }
}

/// What every reader of an asset sees, partners included: no audience, no Markdown source,
/// no usage figures, nothing about other partners.
const ASSET_VIEW: [&str; 18] = [
    "body_html",
    "file",
    "file.content_type",
    "file.name",
    "file.size",
    "id",
    "industries",
    "is_new",
    "kind",
    "language",
    "link",
    "motions",
    "published_at",
    "state",
    "summary",
    "title",
    "updated_at",
    "use_cases",
];

#[test]
fn asset_fields() {
    let mut expected = ASSET_VIEW.to_vec();
    expected.sort();
    assert_eq!(fields(&asset_view()), expected);
    assert_eq!(
        fields(&AssetDetail::Partner(asset_view())),
        fields(&asset_view())
    );
    let managed = ManagedAsset {
        asset: asset_view(),
        body: "b".into(),
        audience: Audience {
            tiers: vec![Tier::Gold],
            motions: vec![Motion::Reseller],
            certification: Some(Certification::SolutionsArchitect),
        },
        versions: vec![AssetVersion {
            number: 1,
            file: FileInfo {
                name: "a.pdf".into(),
                content_type: "application/pdf".into(),
                size: 1,
            },
            sha256: "h".into(),
            uploaded_at: "x".into(),
            uploaded_by: "Morgan".into(),
        }],
        views: 1,
        downloads: 1,
        created_at: "x".into(),
    };
    let mut expected: Vec<String> = ASSET_VIEW
        .iter()
        .map(|f| format!("asset.{f}"))
        .chain(
            [
                "asset",
                "audience",
                "audience.certification",
                "audience.motions",
                "audience.tiers",
                "body",
                "created_at",
                "downloads",
                "versions",
                "versions[].file",
                "versions[].file.content_type",
                "versions[].file.name",
                "versions[].file.size",
                "versions[].number",
                "versions[].sha256",
                "versions[].uploaded_at",
                "versions[].uploaded_by",
                "views",
            ]
            .map(String::from),
        )
        .collect();
    expected.sort();
    assert_eq!(fields(&managed), expected);
}

#[test]
fn asset_search_fields() {
    let count = || {
        vec![FacetCount {
            value: "v".into(),
            count: 1,
        }]
    };
    let search = AssetSearch {
        items: vec![asset_view().card],
        next_cursor: None,
        total: 1,
        capped: false,
        facets: Facets {
            kind: count(),
            motion: count(),
            industry: count(),
            use_case: count(),
        },
    };
    let mut expected: Vec<String> = ASSET_VIEW
        .iter()
        .filter(|f| !matches!(**f, "body_html" | "updated_at"))
        .map(|f| format!("items[].{f}"))
        .chain(
            [
                "capped",
                "facets",
                "facets.industry",
                "facets.industry[].count",
                "facets.industry[].value",
                "facets.kind",
                "facets.kind[].count",
                "facets.kind[].value",
                "facets.motion",
                "facets.motion[].count",
                "facets.motion[].value",
                "facets.use_case",
                "facets.use_case[].count",
                "facets.use_case[].value",
                "items",
                "next_cursor",
                "total",
            ]
            .map(String::from),
        )
        .collect();
    expected.sort();
    assert_eq!(fields(&search), expected);
}

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
