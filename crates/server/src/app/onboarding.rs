//! Onboarding plans and progress: managers keep a plan per motion (the starter plan applies
//! until they save one); each organization's progress is read from what it did, and managers
//! tick the manual steps. The engagement model's first steps are the plan's first 30 days.

use std::collections::HashMap;

use portico_api::date::Date;
use portico_api::onboarding::{
    NEW_PARTNER_DAYS, OnboardingOverview, OnboardingPlan, OnboardingPlanView, OnboardingProgress,
    StepKind,
};
use portico_api::organizations::{Activation, Motion, OrganizationRef};

use crate::app::unit_of_work;
use crate::app::{AppError, AppResult};
use crate::domain::onboarding::{self as rules, Observed};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::certifications;
use crate::store::onboarding as store;
use crate::store::organizations::{self, OrganizationRow};

const DAY: i64 = 24 * 60 * 60;

pub async fn plan(state: &AppState, motion: Motion) -> AppResult<OnboardingPlanView> {
    let saved = store::plan(state.db.pool(), motion).await?;
    Ok(OnboardingPlanView {
        motion,
        saved: saved.is_some(),
        plan: saved.unwrap_or_else(|| rules::starter_plan(motion)),
    })
}

/// Saves the motion's whole plan; its certification steps must name existing certifications.
pub async fn save_plan(
    state: &AppState,
    manager: i64,
    motion: Motion,
    plan: &OnboardingPlan,
) -> AppResult<OnboardingPlanView> {
    unit_of_work::run(state, async |unit| {
        let known: Vec<i64> = certifications::names(unit.tx())
            .await?
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        for (i, step) in plan.steps.iter().enumerate() {
            if step.certification_id.is_some_and(|id| !known.contains(&id)) {
                let field = format!("steps[{i}].certification_id");
                return Err(AppError::field(&field, "Choose a certification."));
            }
        }
        let before = store::plan(unit.tx(), motion).await?;
        let now = unit.now();
        store::save_plan(unit.tx(), motion, plan, manager, now).await?;
        unit.record(AuditEntry {
            before: before.as_ref().and_then(audit::state),
            after: audit::state(plan),
            ..AuditEntry::new(
                Some(manager),
                "onboarding_plan.updated",
                "onboarding_plan",
                None,
            )
        });
        Ok(())
    })
    .await?;
    Ok(OnboardingPlanView {
        motion,
        plan: plan.clone(),
        saved: true,
    })
}

/// One organization's progress through its motion's plan.
pub async fn progress(state: &AppState, organization_id: i64) -> AppResult<OnboardingProgress> {
    let row = organization(state, organization_id).await?;
    let mut all = progress_of(state, vec![row]).await?;
    all.pop().ok_or(AppError::NotFound)
}

/// The organization's progress while it is new (its first `NEW_PARTNER_DAYS` days), for its
/// home page; `None` afterwards.
pub async fn while_new(
    state: &AppState,
    row: OrganizationRow,
) -> AppResult<Option<OnboardingProgress>> {
    if row.created_at <= state.now() - NEW_PARTNER_DAYS * DAY {
        return Ok(None);
    }
    Ok(progress_of(state, vec![row]).await?.pop())
}

/// Every organization that joined in the last `NEW_PARTNER_DAYS` days, newest first.
pub async fn overview(state: &AppState) -> AppResult<OnboardingOverview> {
    let since = state.now() - NEW_PARTNER_DAYS * DAY;
    let mut rows: Vec<OrganizationRow> = organizations::all(state.db.pool())
        .await?
        .into_iter()
        .filter(|row| row.created_at >= since)
        .collect();
    rows.sort_by_key(|row| std::cmp::Reverse((row.created_at, row.id)));
    Ok(OnboardingOverview {
        partners: progress_of(state, rows).await?,
    })
}

/// Ticks a manual step of the organization's plan (a kickoff call held, say).
pub async fn tick(
    state: &AppState,
    manager: i64,
    organization_id: i64,
    key: &str,
) -> AppResult<OnboardingProgress> {
    let row = organization(state, organization_id).await?;
    let plan = plan(state, row.motion).await?.plan;
    let manual = plan
        .steps
        .iter()
        .any(|s| s.key == key && s.kind == StepKind::Manual);
    if !manual {
        return Err(AppError::NotFound);
    }
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        if store::tick(unit.tx(), organization_id, key, manager, now).await? {
            unit.record(AuditEntry {
                organization_id: Some(organization_id),
                after: audit::state(&serde_json::json!({ "step": key })),
                ..AuditEntry::new(
                    Some(manager),
                    "onboarding.step_ticked",
                    "organization",
                    Some(organization_id),
                )
            });
        }
        Ok(())
    })
    .await?;
    progress(state, organization_id).await
}

/// The first steps of the organizations still in their first 30 days, by id.
pub async fn first_steps(
    state: &AppState,
    rows: &[&OrganizationRow],
) -> AppResult<HashMap<i64, Activation>> {
    let since = state.now() - i64::from(rules::FIRST_STEPS_DAYS) * DAY;
    let new: Vec<i64> = rows
        .iter()
        .filter(|row| row.created_at > since)
        .map(|row| row.id)
        .collect();
    if new.is_empty() {
        return Ok(HashMap::new());
    }
    let pool = state.db.pool();
    let (plans, observed) = tokio::try_join!(store::plans(pool), store::observed(pool, &new))?;
    Ok(rows
        .iter()
        .filter(|row| new.contains(&row.id))
        .map(|row| {
            let plan = plan_for(&plans, row.motion);
            let seen = observed.get(&row.id).cloned().unwrap_or_default();
            (row.id, rules::first_steps(&plan, &seen))
        })
        .collect())
}

async fn organization(state: &AppState, id: i64) -> AppResult<OrganizationRow> {
    organizations::by_id(state.db.pool(), id)
        .await?
        .ok_or(AppError::NotFound)
}

/// The motion's saved plan, or its starter plan.
fn plan_for(plans: &HashMap<Motion, OnboardingPlan>, motion: Motion) -> OnboardingPlan {
    plans
        .get(&motion)
        .cloned()
        .unwrap_or_else(|| rules::starter_plan(motion))
}

async fn progress_of(
    state: &AppState,
    rows: Vec<OrganizationRow>,
) -> AppResult<Vec<OnboardingProgress>> {
    let pool = state.db.pool();
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let (plans, observed) = tokio::try_join!(store::plans(pool), store::observed(pool, &ids))?;
    let today = Date::from_unix(state.now());
    Ok(rows
        .into_iter()
        .map(|row| {
            let plan = plan_for(&plans, row.motion);
            let seen: Observed = observed.get(&row.id).cloned().unwrap_or_default();
            OnboardingProgress {
                motion: row.motion,
                joined_on: Date::from_unix(row.created_at).to_string(),
                steps: rules::progress(&plan, row.created_at, &seen, today),
                organization: OrganizationRef {
                    id: row.id,
                    name: row.name,
                },
            }
        })
        .collect())
}
