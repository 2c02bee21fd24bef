//! Incentives: the commission plans (each save a new version), who is credited for a deal
//! (`attribution`), what a won deal earns and a reopened one gives back (`accrual`), and the
//! ledger's reads, approvals and adjustments (`ledger`).

use portico_api::incentives::{IncentivePlans, PlansView};

use crate::app::AppResult;
use crate::app::unit_of_work;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::incentives as store;

pub mod accrual;
pub mod attribution;
pub mod disputes;
pub mod exports;
pub mod ledger;
pub mod payee;
pub mod payouts;

/// The plans in force, or none (version 0) before any is saved.
pub async fn plans(state: &AppState) -> AppResult<PlansView> {
    Ok(match store::plans(state.db.pool()).await? {
        Some((version, plans)) => PlansView {
            version,
            plans: plans.plans,
            hold_days: plans.hold_days,
        },
        None => PlansView {
            version: 0,
            plans: Vec::new(),
            hold_days: None,
        },
    })
}

/// Saves the plans as a new version: what was earned keeps naming the version that produced
/// it; deals won from now on earn under this one.
pub async fn save_plans(
    state: &AppState,
    manager: i64,
    plans: &IncentivePlans,
) -> AppResult<PlansView> {
    let version = unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let version = store::save_plans(unit.tx(), plans, manager, now).await?;
        unit.record(AuditEntry {
            after: audit::state(plans),
            ..AuditEntry::new(
                Some(manager),
                "incentive_plans.updated",
                "incentive_plans",
                Some(version),
            )
        });
        Ok(version)
    })
    .await?;
    Ok(PlansView {
        version,
        plans: plans.plans.clone(),
        hold_days: plans.hold_days,
    })
}
