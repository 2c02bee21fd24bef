//! Where an organization stands on the ladder, as managers and as its own partners read it.

use portico_api::organizations::{OrganizationRef, Tier};
use portico_api::tiers::{
    MyTier, OrganizationTier, Rule, RuleProgress, TierDefinition, TierOverride, TierStanding,
    TierSummary,
};

use super::{certification_names, eligible, measure, program};
use crate::app::{AppError, AppResult};
use crate::clock::rfc3339;
use crate::domain::tiering::Metrics;
use crate::state::AppState;
use crate::store::tiers as store;

/// Where an organization stands, for managers: what the rules reach today beside what is
/// assigned, the grace period, the override and the history.
pub async fn organization_tier(
    state: &AppState,
    organization_id: i64,
) -> AppResult<OrganizationTier> {
    let pool = state.db.pool();
    let row = store::standing(pool, organization_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (program, _) = program(state).await?;
    let measured = measure(state, &program, Some(organization_id)).await?;
    let reached = eligible(
        &program,
        &measured.get(&organization_id).cloned().unwrap_or_default(),
    );
    let manual = row
        .override_tier
        .zip(row.override_until)
        .map(|(tier, until)| TierOverride {
            tier,
            until: rfc3339(until),
            rationale: row.override_rationale.clone().unwrap_or_default(),
        });
    Ok(OrganizationTier {
        organization: OrganizationRef {
            id: row.organization_id,
            name: row.organization_name.clone(),
        },
        assigned: row.assigned,
        eligible: reached,
        proposed: row.proposed,
        grace_until: row.grace_until.map(rfc3339),
        manual,
        history: store::history(pool, organization_id).await?,
    })
}

/// Every organization on the ladder: assigned and reached tier, proposal, grace, override, and
/// how close it is to the next tier.
pub async fn standings(state: &AppState) -> AppResult<Vec<TierStanding>> {
    let (program, _) = program(state).await?;
    let measured = measure(state, &program, None).await?;
    let rows = store::standings(state.db.pool()).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let metrics = measured
                .get(&row.organization_id)
                .cloned()
                .unwrap_or_default();
            let next = Tier::ALL.into_iter().find(|t| *t > row.assigned);
            let next_rules = next.and_then(|t| program.tiers.iter().find(|d| d.tier == t));
            TierStanding {
                organization: OrganizationRef {
                    id: row.organization_id,
                    name: row.organization_name,
                },
                assigned: row.assigned,
                eligible: eligible(&program, &metrics),
                proposed: row.proposed,
                grace_until: row.grace_until.map(rfc3339),
                override_until: row.override_until.map(rfc3339),
                next,
                next_progress: next_rules.map(|d| least_progress(&d.rules, &metrics)),
            }
        })
        .collect())
}

/// How far the least advanced rule is, in percent; a tier without rules is reached.
fn least_progress(rules: &[Rule], metrics: &Metrics) -> u8 {
    rules
        .iter()
        .map(|rule| match rule.at_least {
            0 => 100,
            required => (metrics.value(rule).max(0) * 100 / required).min(100),
        })
        .min()
        .unwrap_or(100) as u8
}

/// A partner's tier, its benefits, and how far the organization is on each rule of the next;
/// not found while no program is in force.
pub async fn my_tier(state: &AppState, organization_id: i64) -> AppResult<MyTier> {
    let row = store::standing(state.db.pool(), organization_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (program, true) = program(state).await? else {
        return Err(AppError::NotFound);
    };
    let measured = measure(state, &program, Some(organization_id)).await?;
    let metrics = measured.get(&organization_id).cloned().unwrap_or_default();
    let names = certification_names(state).await?;
    let definition = |tier: Tier| program.tiers.iter().find(|t| t.tier == tier);
    let next = Tier::ALL
        .into_iter()
        .find(|t| *t > row.assigned)
        .and_then(definition);
    let progress = next.map_or_else(Vec::new, |next| {
        next.rules
            .iter()
            .map(|rule| RuleProgress {
                measure: rule.measure,
                certification: rule.certification_id.and_then(|id| names.get(&id).cloned()),
                current: metrics.value(rule),
                required: rule.at_least,
                met: metrics.meets(rule),
            })
            .collect()
    });
    let summary = |t: &TierDefinition| TierSummary {
        tier: t.tier,
        name: t.name.clone(),
        benefits: t.benefits.clone(),
    };
    let current =
        definition(row.assigned).ok_or_else(|| AppError::internal("the program lacks a tier"))?;
    Ok(MyTier {
        current: summary(current),
        currency: program.currency.clone(),
        window_months: program.window_months,
        next: next.map(summary),
        progress,
        grace_until: row.grace_until.map(rfc3339),
    })
}
