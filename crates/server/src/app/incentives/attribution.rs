//! Who is credited for a deal: by default its registering partner, in the role and share the
//! deal records; managers change it with a reason. A change on a won deal reverses what the
//! old credits earned and earns anew under the new ones.

use portico_api::ledger::{Attribution, Credit, SetAttribution};
use portico_api::organizations::OrganizationRef;
use portico_api::registrations::PartnerRole;

use super::accrual;
use crate::app::unit_of_work::{self, UnitOfWork};
use crate::app::{AppError, AppResult};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::incentives::{self as store, CreditRow};
use crate::store::{StoreError, opportunities, organizations};

pub async fn read(state: &AppState, opportunity_id: i64) -> AppResult<Attribution> {
    let pool = state.db.pool();
    opportunities::by_id(pool, opportunity_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = store::credits(pool, opportunity_id).await?;
    Ok(view(opportunity_id, rows))
}

pub async fn set(
    state: &AppState,
    manager: i64,
    opportunity_id: i64,
    request: &SetAttribution,
) -> AppResult<Attribution> {
    unit_of_work::run(state, async |unit| {
        let deal = opportunities::by_id(unit.tx(), opportunity_id)
            .await?
            .ok_or(AppError::NotFound)?;
        for (i, credit) in request.credits.iter().enumerate() {
            if !organizations::exists(unit.tx(), credit.organization_id).await? {
                let field = format!("credits[{i}].organization_id");
                return Err(AppError::field(&field, "Choose a partner organization."));
            }
        }
        let before = store::credits(unit.tx(), opportunity_id).await?;
        let credits: Vec<(i64, PartnerRole, u32)> = request
            .credits
            .iter()
            .map(|c| (c.organization_id, c.role, c.share_bp))
            .collect();
        store::replace_credits(unit.tx(), opportunity_id, &credits)
            .await
            .map_err(over_the_whole)?;
        unit.record(AuditEntry {
            organization_id: Some(deal.organization_id),
            before: audit::state(&view(opportunity_id, before)),
            after: audit::state(&request.credits),
            rationale: Some(request.rationale.trim().to_owned()),
            ..AuditEntry::new(
                Some(manager),
                "attribution.changed",
                "opportunity",
                Some(opportunity_id),
            )
        });
        if deal.safe.stage == portico_api::pipeline::WON {
            let why = format!("Attribution changed: {}", request.rationale.trim());
            accrual::reverse(unit, opportunity_id, &why, Some(manager)).await?;
            accrual::accrue(unit, opportunity_id).await?;
        }
        let after = store::credits(unit.tx(), opportunity_id).await?;
        Ok(view(opportunity_id, after))
    })
    .await
}

/// The database's own check of the shares, said as the form would.
fn over_the_whole(error: StoreError) -> AppError {
    match &error {
        StoreError::Database(e) if e.to_string().contains("exceed 100 %") => {
            AppError::field("credits", "The shares of one role add up to at most 100 %.")
        }
        _ => error.into(),
    }
}

/// The deal's credits, or, when it has none yet, its registering partner in the role and share
/// the deal records (100 % when it records none, nobody at 0 %).
pub(super) async fn credits_or_default(
    unit: &mut UnitOfWork,
    opportunity_id: i64,
) -> AppResult<Vec<CreditRow>> {
    let existing = store::credits(unit.tx(), opportunity_id).await?;
    if !existing.is_empty() {
        return Ok(existing);
    }
    let deal = opportunities::by_id(unit.tx(), opportunity_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let role = deal.partner_role.unwrap_or(PartnerRole::Sourced);
    // A deal recorded at 0 % credits nobody; managers credit it by hand if they want to.
    let percent = deal.attribution_percent.unwrap_or(100).min(100);
    if percent <= 0 {
        return Ok(Vec::new());
    }
    let credit = [(deal.organization_id, role, percent as u32 * 100)];
    store::replace_credits(unit.tx(), opportunity_id, &credit).await?;
    Ok(store::credits(unit.tx(), opportunity_id).await?)
}

fn view(opportunity_id: i64, rows: Vec<CreditRow>) -> Attribution {
    Attribution {
        opportunity_id,
        credits: rows
            .into_iter()
            .map(|r| Credit {
                organization: OrganizationRef {
                    id: r.organization_id,
                    name: r.organization_name,
                },
                role: r.role,
                share_bp: r.share_bp.clamp(0, i64::from(u32::MAX)) as u32,
            })
            .collect(),
    }
}
