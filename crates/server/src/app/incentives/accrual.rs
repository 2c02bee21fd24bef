//! What a won deal earns and a deal leaving "won" gives back. A deal's move to won (by a
//! manager or a CRM's `deal.closed`) earns each credited partner what the plans in force give
//! its role and share, as pending earnings naming the plan version; a move away from won
//! reverses every earning of the deal not reversed yet (never deleting one).

use portico_api::date::Date;
use portico_api::pipeline::WON;

use super::attribution::credits_or_default;
use crate::app::unit_of_work::{self, UnitOfWork};
use crate::app::{AppError, AppResult};
use crate::domain::commissions::{self, Credit, Deal};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::incentives::{self as store, NewEarning};
use crate::store::{opportunities, registrations};

/// Earns or gives back as the deal's stage moved from `from` (its stage now is the row's).
pub async fn on_stage_change(
    unit: &mut UnitOfWork,
    opportunity_id: i64,
    from: &str,
    to: &str,
) -> AppResult<()> {
    match (from == WON, to == WON) {
        (false, true) => accrue(unit, opportunity_id).await,
        (true, false) => {
            reverse(unit, opportunity_id, "The deal is no longer won.", None).await?;
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Earns what the won deal gives each credited partner; nothing before plans are saved, and
/// nothing twice for one win.
pub async fn accrue(unit: &mut UnitOfWork, opportunity_id: i64) -> AppResult<()> {
    let Some((version, plans)) = store::plans(unit.tx()).await? else {
        return Ok(());
    };
    let deal = opportunities::by_id(unit.tx(), opportunity_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (Some(value), Some(currency), Some(won_at)) =
        (deal.amount, deal.currency.clone(), deal.closed_at)
    else {
        return Ok(());
    };
    let products = match deal.registration_id {
        Some(id) => registrations::product_ids(unit.tx(), id).await?,
        None => Vec::new(),
    };
    let facts = Deal {
        value,
        currency: &currency,
        closed_on: Date::from_unix(won_at),
        motion: deal.safe.motion,
        products: &products,
    };
    let generation = store::generation(unit.tx(), opportunity_id).await?;
    for credit in credits_or_default(unit, opportunity_id).await? {
        let Some(plan) = plans.plan_for(credit.tier, facts.motion) else {
            continue;
        };
        let share = Credit {
            role: credit.role,
            share_bp: credit.share_bp.clamp(0, 10_000) as u32,
        };
        for earning in commissions::earnings(plan, &facts, share) {
            let accrues_on = earning.accrues_on.to_string();
            let new = NewEarning {
                organization_id: credit.organization_id,
                currency: &earning.currency,
                amount: earning.amount,
                opportunity_id,
                role: credit.role,
                plan_version: version,
                won_at,
                generation,
                sequence: earning.sequence,
                accrues_on: &accrues_on,
                computation: &earning.computation,
            };
            let now = unit.now();
            if let Some(id) = store::insert_earning(unit.tx(), &new, now).await? {
                unit.record(AuditEntry {
                    organization_id: Some(credit.organization_id),
                    after: audit::state(&serde_json::json!({
                        "amount": earning.amount, "currency": earning.currency,
                        "accrues_on": accrues_on, "plan_version": version,
                        "computation": earning.computation,
                    })),
                    ..AuditEntry::new(None, "ledger.earned", "ledger_entry", Some(id))
                });
            }
        }
    }
    Ok(())
}

/// A won deal's customer got its money back: the deal stays won, its earnings are reversed.
/// Answers how many.
pub async fn refund(
    state: &AppState,
    manager: i64,
    opportunity_id: i64,
    rationale: &str,
) -> AppResult<usize> {
    unit_of_work::run(state, async |unit| {
        let deal = opportunities::by_id(unit.tx(), opportunity_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if deal.safe.stage != WON {
            return Err(AppError::conflict("Only a won deal is refunded."));
        }
        let why = format!("Refunded: {rationale}");
        let reversed = reverse(unit, opportunity_id, &why, Some(manager)).await?;
        unit.record(AuditEntry {
            organization_id: Some(deal.organization_id),
            rationale: Some(rationale.to_owned()),
            ..AuditEntry::new(
                Some(manager),
                "opportunity.refunded",
                "opportunity",
                Some(opportunity_id),
            )
        });
        Ok(reversed)
    })
    .await
}

/// Reverses every earning of the deal not reversed yet, saying why; answers how many.
pub async fn reverse(
    unit: &mut UnitOfWork,
    opportunity_id: i64,
    why: &str,
    actor: Option<i64>,
) -> AppResult<usize> {
    let today = unit.today();
    let mut reversed = 0;
    for earning in store::unreversed(unit.tx(), opportunity_id).await? {
        let now = unit.now();
        if store::reverse(unit.tx(), &earning, why, actor, &today, now).await? {
            reversed += 1;
            unit.record(AuditEntry {
                organization_id: Some(earning.organization_id),
                rationale: Some(why.to_owned()),
                after: audit::state(&serde_json::json!({
                    "amount": -earning.amount, "currency": earning.currency,
                })),
                ..AuditEntry::new(actor, "ledger.reversed", "ledger_entry", Some(earning.id))
            });
        }
    }
    Ok(reversed)
}
