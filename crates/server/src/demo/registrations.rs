//! Demo products, accounts and registrations: one of every state, and a conflict to review.

use portico_api::accounts::ValidAccount;
use portico_api::date::Date;
use portico_api::organizations::Motion;
use portico_api::registrations::{
    DealTerms, DeclineReason, PartnerRole, RegistrationKind, RegistrationStatus, ValidRegistration,
};

use crate::app::AppResult;
use crate::app::registrations::{Filing, Lookup, file};
use crate::app::unit_of_work::{self, UnitOfWork};
use crate::clock::Timestamp;
use crate::domain::company;
use crate::domain::program::ProgramRules;
use crate::domain::sealed::Sealer;
use crate::store::StoreError;
use crate::store::accounts::{self, NewAccount};
use crate::store::audit::AuditEntry;
use crate::store::opportunities::{self, FromRegistration};
use crate::store::registrations::{self as store, DecisionUpdate};
use crate::store::sql;
use crate::store::{Db, organizations, products, users};

const DAY: i64 = 24 * 60 * 60;

pub const PRODUCTS: [&str; 4] = [
    "Acme Analytics",
    "Acme Cloud Platform",
    "Acme Connect",
    "Premium Support",
];

/// (name, domain, owner, incumbent partner)
const ACCOUNTS: [(&str, &str, &str, Option<&str>); 3] = [
    (
        "Woodgrove Bank",
        "woodgrovebank.com",
        "Dana Direct (enterprise sales)",
        None,
    ),
    (
        "Coho Winery",
        "cohowinery.com",
        "Lee Direct (mid-market)",
        Some("Globex Consulting"),
    ),
    (
        "Lucerne Publishing",
        "lucernepublishing.com",
        "Dana Direct (enterprise sales)",
        None,
    ),
];

/// What happens to a demo registration after it is filed.
#[derive(Clone, Copy)]
enum Outcome {
    Waits,
    Asked(&'static str),
    Approved(&'static str),
    Declined(DeclineReason, &'static str),
    Withdrawn,
}

/// (submitter e-mail, customer, domain, kind, days ago, outcome)
const REGISTRATIONS: [(&str, &str, &str, RegistrationKind, i64, Outcome); 9] = [
    (
        "alice@northwind.example",
        "Contoso Ltd",
        "contoso.com",
        RegistrationKind::Deal,
        40,
        Outcome::Approved("Clear net-new opportunity."),
    ),
    (
        "alice@northwind.example",
        "Fabrikam",
        "fabrikam.com",
        RegistrationKind::Deal,
        86,
        Outcome::Approved("Approved; protection ends soon."),
    ),
    (
        "alice@northwind.example",
        "Tailspin Toys",
        "tailspintoys.com",
        RegistrationKind::Lead,
        3,
        Outcome::Waits,
    ),
    (
        "alice@northwind.example",
        "Wide World Importers",
        "wideworldimporters.com",
        RegistrationKind::Deal,
        20,
        Outcome::Withdrawn,
    ),
    (
        "bob@globex-consulting.example",
        "Contoso",
        "https://www.contoso.com",
        RegistrationKind::Deal,
        1,
        Outcome::Waits,
    ),
    (
        "bob@globex-consulting.example",
        "Litware Inc.",
        "litware.com",
        RegistrationKind::Deal,
        12,
        Outcome::Declined(
            DeclineReason::NotQualified,
            "No budget this year; register again when the project is funded.",
        ),
    ),
    (
        "bob@globex-consulting.example",
        "Adventure Works",
        "adventure-works.com",
        RegistrationKind::Deal,
        5,
        Outcome::Asked("Which business unit is buying, and who signs?"),
    ),
    (
        "ivy@initech.example",
        "Proseware",
        "proseware.com",
        RegistrationKind::Lead,
        120,
        Outcome::Approved("Referral accepted."),
    ),
    (
        "tony@stark-integrations.example",
        "Woodgrove Bank",
        "woodgrovebank.com",
        RegistrationKind::Deal,
        0,
        Outcome::Waits,
    ),
];

pub async fn seed(db: &Db, sealer: &Sealer, now: Timestamp) -> AppResult<()> {
    let rules = ProgramRules::default();
    let mut tx = db.begin_write().await?;
    for name in PRODUCTS {
        products::insert(&mut *tx, name, now).await?;
    }
    for (name, domain, owner, incumbent) in ACCOUNTS {
        let incumbent = match incumbent {
            Some(org) => organizations::id_by_name(&mut *tx, org).await?,
            None => None,
        };
        let account = ValidAccount {
            name: name.to_owned(),
            domain: Some(domain.to_owned()),
            alternative_names: Vec::new(),
            owner: owner.to_owned(),
        };
        let domain_key = company::registrable_domain(domain);
        let new = NewAccount {
            account: &account,
            name_key: &company::name_key(name),
            domain_key: domain_key.as_deref(),
            alternative_names: &[],
            incumbent_organization_id: incumbent,
        };
        accounts::insert(&mut tx, &new, now).await?;
    }
    tx.commit().await?;
    let product = products::active(db.pool()).await?.first().map(|p| p.id);
    let manager = users::by_email(db.pool(), "manager@acme.example")
        .await?
        .map(|u| u.id)
        .unwrap_or_default();
    for (email, company, domain, kind, days_ago, outcome) in REGISTRATIONS {
        let Some(user) = users::by_email(db.pool(), email).await? else {
            continue;
        };
        let at = now - days_ago * DAY;
        let registration = demo_registration(company, domain, kind, at, product);
        let filing = Filing {
            organization_id: user.organization_id.unwrap_or_default(),
            submitted_by: Some(user.id),
            submitter_name: &user.name,
            submitter_email: &user.email,
            submitted_from: None,
            idempotency_key: None,
            request_hash: "demo",
            registration: &registration,
        };
        let id = unit_of_work::run_seeding(db, sealer, at, async |unit| {
            let lookup = Lookup::read(unit.tx(), &registration, at).await?;
            file(unit, &rules, &filing, lookup).await
        })
        .await?;
        let submitter = (&user.id, &registration);
        unit_of_work::run_seeding(db, sealer, at + DAY, async |unit| {
            settle(unit, &rules, id, manager, outcome, submitter).await
        })
        .await?;
    }
    Ok(())
}

fn demo_registration(
    company: &str,
    domain: &str,
    kind: RegistrationKind,
    at: Timestamp,
    product: Option<i64>,
) -> ValidRegistration {
    let deal = (kind == RegistrationKind::Deal).then(|| DealTerms {
        estimated_value: 48_000 + company.len() as i64 * 7_500,
        currency: "USD",
        expected_close: Date::from_unix(at).add_months(4),
    });
    ValidRegistration {
        kind,
        company_name: company.to_owned(),
        company_domain: portico_api::validate::company_domain(domain).unwrap_or_default(),
        country: "US",
        contact_name: "Jordan Buyer".to_owned(),
        contact_email: format!("jordan@{}", domain.trim_start_matches("https://www.")),
        contact_title: Some("VP Operations".to_owned()),
        motion: Motion::Reseller,
        products: product.into_iter().collect(),
        deal,
        description: format!(
            "{company} wants to replace spreadsheets with a shared partner pipeline."
        ),
        partner_role: PartnerRole::Sourced,
    }
}

/// Moves a filed registration to its demo outcome, with the audit record a real action writes.
async fn settle(
    unit: &mut UnitOfWork,
    rules: &ProgramRules,
    id: i64,
    manager: i64,
    outcome: Outcome,
    (submitter, registration): (&i64, &ValidRegistration),
) -> AppResult<()> {
    let at = unit.now();
    let tx = unit.tx();
    let organization_id =
        sql::query_scalar("SELECT organization_id FROM registrations WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await
            .map_err(StoreError::from)?;
    let decision = |status, reason, rationale, ends| DecisionUpdate {
        id,
        status,
        decided_by: manager,
        reason,
        rationale: Some(rationale),
        protection_ends_at: ends,
    };
    let (actor, action, rationale) = match outcome {
        Outcome::Waits => return Ok(()),
        Outcome::Asked(question) => {
            store::ask(&mut *tx, id, question, at).await?;
            (manager, "registration.info_requested", Some(question))
        }
        Outcome::Approved(text) => {
            let ends = rules.protection_ends(registration.motion, None, at);
            store::decide(
                &mut *tx,
                &decision(RegistrationStatus::Approved, None, text, Some(ends)),
                at,
            )
            .await?;
            if let Some(deal) = &registration.deal {
                let entry = FromRegistration {
                    registration_id: id,
                    organization_id,
                    customer_name: &registration.company_name,
                    motion: registration.motion,
                    amount: Some((deal.estimated_value, deal.currency)),
                    partner_role: registration.partner_role,
                };
                opportunities::open_from_registration(&mut *tx, &entry, at).await?;
            }
            (manager, "registration.approved", Some(text))
        }
        Outcome::Declined(reason, text) => {
            store::decide(
                &mut *tx,
                &decision(RegistrationStatus::Declined, Some(reason), text, None),
                at,
            )
            .await?;
            (manager, "registration.declined", Some(text))
        }
        Outcome::Withdrawn => {
            store::withdraw(&mut *tx, id, organization_id, at).await?;
            (*submitter, "registration.withdrawn", None)
        }
    };
    let entry = AuditEntry {
        organization_id: Some(organization_id),
        rationale: rationale.map(str::to_owned),
        ..AuditEntry::new(Some(actor), action, "registration", Some(id))
    };
    unit.record(entry);
    Ok(())
}
