//! The demo's incentives: plans per motion with a year-end bonus and a 30-day hold, every won
//! deal of the demo earning under them, earnings in every state (some approved, Northwind's
//! last ones upcoming, one questioned), bank details for Globex and Northwind, and a batch that
//! paid Globex.

use portico_api::date::Date;
use portico_api::incentives::{Bonus, IncentivePlans, Plan, Spiff, Structure};
use portico_api::ledger::EntryKind;
use portico_api::organizations::Motion;

use crate::app::AppResult;
use crate::app::incentives::{accrual, payouts};
use crate::app::unit_of_work::{self, UnitOfWork};
use crate::clock::Timestamp;
use crate::domain::sealed::Sealer;
use crate::store::incentives::{self as store, PayeeRow};
use crate::store::{Db, StoreError, organizations, sql};

const DAY: i64 = 24 * 60 * 60;

/// (organization, account holder, IBAN, BIC)
const PAYEES: [(&str, &str, &str, &str); 2] = [
    (
        "Globex Consulting",
        "Globex Consulting Ltd",
        "GB29NWBK60161331926819",
        "NWBKGB2L",
    ),
    (
        "Northwind Partners",
        "Northwind Partners GmbH",
        "DE89370400440532013000",
        "COBADEFFXXX",
    ),
];

pub async fn seed(db: &Db, sealer: &Sealer, manager: i64, now: Timestamp) -> AppResult<()> {
    unit_of_work::run_seeding(db, sealer, now, async |unit| {
        store::save_plans(unit.tx(), &plans(now), manager, now).await?;
        let won: Vec<i64> = sql::query_scalar(
            "SELECT id FROM opportunities WHERE stage = 'won' AND amount IS NOT NULL ORDER BY id",
        )
        .fetch_all(unit.tx())
        .await
        .map_err(StoreError::from)?;
        for id in won {
            accrual::accrue(unit, id).await?;
        }
        for (name, holder, iban, bic) in PAYEES {
            payee(unit, sealer, (name, holder, iban, bic), manager).await?;
        }
        approve(unit, "Stark Integrations", manager).await?;
        refund(unit, "Umbrella Cloud Marketplace").await?;
        pay_globex(unit, manager).await?;
        question(unit).await
    })
    .await
}

fn plans(now: Timestamp) -> IncentivePlans {
    let share = |name: &str, motions: Vec<Motion>, sourced_bp, influenced_bp| Plan {
        name: name.into(),
        tiers: vec![],
        motions,
        structure: Structure::RevenueShare {
            sourced_bp,
            influenced_bp,
            recurring_months: None,
        },
        spiffs: vec![Spiff {
            name: "Year-end push".into(),
            product_id: None,
            motion: None,
            from: Date::from_unix(now - 90 * DAY).to_string(),
            to: Date::from_unix(now + 30 * DAY).to_string(),
            bonus: Bonus::Percent { bp: 200 },
        }],
    };
    IncentivePlans {
        plans: vec![
            share(
                "Resale margin",
                vec![Motion::Reseller, Motion::Marketplace],
                1_200,
                400,
            ),
            share("Referral fee", vec![Motion::Referral], 1_000, 500),
            Plan {
                name: "Services and tech partners".into(),
                tiers: vec![],
                motions: vec![],
                structure: Structure::Installments {
                    sourced_total: 300_000,
                    influenced_total: 100_000,
                    currency: "EUR".into(),
                    months: 3,
                },
                spiffs: vec![],
            },
        ],
        hold_days: Some(30),
    }
}

async fn payee(
    unit: &mut UnitOfWork,
    sealer: &Sealer,
    (name, holder, iban, bic): (&str, &str, &str, &str),
    manager: i64,
) -> AppResult<()> {
    let Some(id) = organizations::id_by_name(unit.tx(), name).await? else {
        return Ok(());
    };
    let row = PayeeRow {
        organization_id: id,
        account_holder: holder.into(),
        account_sealed: sealer.seal(iban),
        bic: Some(bic.into()),
        updated_at: unit.now(),
    };
    store::save_payee(unit.tx(), &row, manager).await?;
    Ok(())
}

/// The organization's accrued earnings are approved.
async fn approve(unit: &mut UnitOfWork, name: &str, manager: i64) -> AppResult<()> {
    if let Some(id) = organizations::id_by_name(unit.tx(), name).await? {
        let now = unit.now();
        let today = Date::from_unix(now).to_string();
        store::approve(unit.tx(), (&[], Some(id)), manager, &today, now).await?;
    }
    Ok(())
}

/// The organization's first won deal was refunded: its earnings are reversed, the deal stays
/// won.
async fn refund(unit: &mut UnitOfWork, name: &str) -> AppResult<()> {
    let deal: Option<i64> = sql::query_scalar(
        "SELECT p.id FROM opportunities p JOIN organizations o ON o.id = p.organization_id \
         WHERE o.name = $1 AND p.stage = 'won' ORDER BY p.id LIMIT 1",
    )
    .bind(name)
    .fetch_optional(unit.tx())
    .await
    .map_err(StoreError::from)?;
    if let Some(id) = deal {
        accrual::reverse(unit, id, "Refunded by the customer within 14 days.", None).await?;
    }
    Ok(())
}

/// Globex's earnings and a co-marketing fund are approved and paid in a batch.
async fn pay_globex(unit: &mut UnitOfWork, manager: i64) -> AppResult<()> {
    let Some(globex) = organizations::id_by_name(unit.tx(), "Globex Consulting").await? else {
        return Ok(());
    };
    let now = unit.now();
    let today = Date::from_unix(now).to_string();
    let fund = (globex, "EUR", 150_000);
    let why = (manager, "Co-marketing fund for the Q3 webinar series.");
    store::insert_entry(unit.tx(), EntryKind::Adjustment, fund, why, &today, now).await?;
    approve(unit, "Globex Consulting", manager).await?;
    let batch = payouts::draft(unit, manager, 1).await?;
    payouts::confirm_in(unit, manager, batch).await?;
    let paid = (
        portico_api::payouts::BatchState::Confirmed,
        portico_api::payouts::BatchState::Paid,
    );
    store::set_state(unit.tx(), batch, paid, manager, now).await?;
    Ok(())
}

/// Alice questions Northwind's latest earning.
async fn question(unit: &mut UnitOfWork) -> AppResult<()> {
    let row: Option<(i64, i64, i64)> = sql::query_as(
        "SELECT e.id, e.organization_id, u.id FROM ledger_entries e \
         JOIN organizations o ON o.id = e.organization_id \
         JOIN users u ON u.organization_id = o.id AND u.email = 'alice@northwind.example' \
         WHERE e.kind = 'earning' ORDER BY e.id DESC LIMIT 1",
    )
    .fetch_optional(unit.tx())
    .await
    .map_err(StoreError::from)?;
    if let Some((earning, organization, alice)) = row {
        let now = unit.now();
        let comment = "The customer signed for three years: the share should count all three.";
        store::raise(unit.tx(), (earning, organization), (alice, comment), now).await?;
    }
    Ok(())
}
