//! Programmatic tiers: the program managers define, the evaluation that places every
//! organization on the ladder, a manager's approval and override, and where an organization
//! stands. Measured, never stored: each evaluation reads what the organizations did in the
//! trailing window.

use std::collections::HashMap;

use portico_api::organizations::{OrganizationRef, Tier};
use portico_api::tiers::{Promotion, Rule, TierChange, TierEvaluation, TierEvent, TierProgram};

use crate::app::unit_of_work::{self, UnitOfWork};
use crate::app::{AppError, AppResult};
use crate::clock::Timestamp;
use crate::domain::tiering::{self, Change, Metrics, Policy};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::certifications;
use crate::store::tiers::{self as store, HistoryEntry, StandingRow};

mod measure;
mod notices;
mod starter;
mod views;

pub use measure::measure;

use notices::Notice;

pub use starter::starter_program;
pub use views::{my_tier, organization_tier, standings};

/// The program as stored, or the starter program managers begin from (not yet in force).
pub async fn program(state: &AppState) -> AppResult<(TierProgram, bool)> {
    Ok(match store::program(state.db.pool()).await? {
        Some(program) => (program, true),
        None => (starter_program(), false),
    })
}

pub async fn save_program(state: &AppState, user_id: i64, program: &TierProgram) -> AppResult<()> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let before = store::program(unit.tx()).await?;
        store::save_program(unit.tx(), program, user_id, now).await?;
        unit.record(AuditEntry {
            before: before.as_ref().and_then(audit::state),
            after: audit::state(program),
            ..AuditEntry::new(Some(user_id), "tier_program.updated", "tier_program", None)
        });
        Ok(())
    })
    .await
}

/// Certification names by id, for the rules that name one.
pub type CertificationNames = HashMap<i64, String>;

pub async fn certification_names(state: &AppState) -> AppResult<CertificationNames> {
    let names = certifications::names(state.db.pool()).await?;
    Ok(names.into_iter().collect())
}

/// "Won deals", or "People certified in Solutions Architect".
pub fn rule_label(rule: &Rule, names: &CertificationNames) -> String {
    match rule.certification_id.and_then(|id| names.get(&id)) {
        Some(name) => format!("People certified in {name}"),
        None => rule.measure.label().to_owned(),
    }
}

/// The tier these metrics reach under the program.
pub fn eligible(program: &TierProgram, metrics: &Metrics) -> Tier {
    tiering::eligible(
        program.tiers.iter().map(|t| (t.tier, t.rules.as_slice())),
        metrics,
    )
}

fn policy(program: &TierProgram) -> Policy {
    Policy {
        approval_required: program.promotion == Promotion::Approval,
        grace_days: i64::from(program.grace_days),
    }
}

/// Places every organization: promotions (or proposals), grace periods, moves down and
/// expired overrides, each recorded in its history and the audit log. Repeating it changes
/// nothing more; two instances running it at once take turns and the second finds nothing to
/// do.
pub async fn evaluate(state: &AppState, actor: Option<i64>) -> AppResult<TierEvaluation> {
    let Some(program) = store::program(state.db.pool()).await? else {
        return Err(AppError::Conflict(
            "Define the tiers and their rules first: nothing is evaluated before.".into(),
            Default::default(),
        ));
    };
    evaluate_under(state, &program, actor).await
}

/// The scheduled evaluation: none until a program is in force.
pub async fn evaluate_on_schedule(state: &AppState) -> AppResult<Option<TierEvaluation>> {
    match store::program(state.db.pool()).await? {
        Some(program) => Ok(Some(evaluate_under(state, &program, None).await?)),
        None => Ok(None),
    }
}

async fn evaluate_under(
    state: &AppState,
    program: &TierProgram,
    actor: Option<i64>,
) -> AppResult<TierEvaluation> {
    let metrics = measure(state, program, None).await?;
    let names = certification_names(state).await?;
    let engine = state.db.engine();
    unit_of_work::run(state, async |unit| {
        store::take_evaluation_turn(unit.tx(), engine).await?;
        let rows = store::standings(unit.tx()).await?;
        let mut changes = Vec::new();
        for row in &rows {
            let measured = metrics
                .get(&row.organization_id)
                .cloned()
                .unwrap_or_default();
            let reached = eligible(program, &measured);
            remind_of_override(unit, row, program).await?;
            let (next, made) =
                tiering::evaluate(row.standing(), reached, unit.now(), policy(program));
            if made.is_empty() && row.eligible == Some(reached) {
                continue;
            }
            let rationale = row.override_rationale.as_deref();
            let now = unit.now();
            store::save_standing(
                unit.tx(),
                row.organization_id,
                &next,
                reached,
                rationale,
                now,
            )
            .await?;
            for change in made {
                let (event, from, to) = describe(change, row.assigned);
                let notice = Notice {
                    event,
                    from,
                    to,
                    organization_id: row.organization_id,
                    organization: &row.organization_name,
                    until: next.grace_until,
                    measured: Some((&measured, &names)),
                    program,
                };
                changes.push(apply(unit, actor, &notice, None).await?);
            }
        }
        Ok(TierEvaluation {
            evaluated: rows.len() as u32,
            changes,
        })
    })
    .await
}

/// Tells vendor staff, once, that the organization's override ends within a week.
async fn remind_of_override(
    unit: &mut UnitOfWork,
    row: &StandingRow,
    program: &TierProgram,
) -> AppResult<()> {
    let now = unit.now();
    let Some(manual) = row.standing().manual else {
        return Ok(());
    };
    if row.override_reminded_at.is_some() || !tiering::override_ends_soon(manual, now) {
        return Ok(());
    }
    let name = program
        .tiers
        .iter()
        .find(|t| t.tier == manual.tier)
        .map_or(manual.tier.label(), |t| t.name.as_str());
    unit.notify(notices::override_ending(
        &row.organization_name,
        name,
        manual.until,
    ));
    store::mark_override_reminded(unit.tx(), row.organization_id, now).await?;
    Ok(())
}

/// A manager approves the promotion the evaluation proposed.
pub async fn approve(
    state: &AppState,
    user_id: i64,
    organization_id: i64,
) -> AppResult<TierChange> {
    unit_of_work::run(state, async |unit| {
        let row = standing_of(unit, organization_id).await?;
        let Some((next, change)) = tiering::approve(row.standing()) else {
            return Err(AppError::Conflict(
                "No promotion waits for approval: the evaluation proposes one when the partner qualifies."
                    .into(),
                Default::default(),
            ));
        };
        let reached = row.eligible.unwrap_or(next.assigned);
        let now = unit.now();
        store::save_standing(unit.tx(), organization_id, &next, reached, None, now).await?;
        let program = program_in(unit).await?;
        let (event, from, to) = describe(change, row.assigned);
        let notice = Notice {
            event,
            from,
            to,
            organization_id,
            organization: &row.organization_name,
            until: None,
            measured: None,
            program: &program,
        };
        apply(unit, Some(user_id), &notice, None).await
    })
    .await
}

/// A manager sets the tier until a day, with a reason; evaluation leaves it alone until then.
pub async fn set_override(
    state: &AppState,
    user_id: i64,
    organization_id: i64,
    tier: Tier,
    until: Timestamp,
    rationale: &str,
) -> AppResult<TierChange> {
    unit_of_work::run(state, async |unit| {
        let row = standing_of(unit, organization_id).await?;
        let manual = tiering::Override { tier, until };
        let next = tiering::override_with(manual);
        let reached = row.eligible.unwrap_or(row.assigned);
        let now = unit.now();
        store::save_standing(
            unit.tx(),
            organization_id,
            &next,
            reached,
            Some(rationale),
            now,
        )
        .await?;
        let program = program_in(unit).await?;
        let notice = Notice {
            event: TierEvent::Overridden,
            from: row.assigned,
            to: tier,
            organization_id,
            organization: &row.organization_name,
            until: Some(until),
            measured: None,
            program: &program,
        };
        apply(unit, Some(user_id), &notice, Some(rationale)).await
    })
    .await
}

async fn standing_of(unit: &mut UnitOfWork, organization_id: i64) -> AppResult<StandingRow> {
    store::standing(unit.tx(), organization_id)
        .await?
        .ok_or(AppError::NotFound)
}

/// The program in force (or the starter ladder, whose names a change before it still uses).
async fn program_in(unit: &mut UnitOfWork) -> AppResult<TierProgram> {
    Ok(store::program(unit.tx())
        .await?
        .unwrap_or_else(starter_program))
}

/// A change as the history names it: the event, and the tiers before and after.
fn describe(change: Change, assigned: Tier) -> (TierEvent, Tier, Tier) {
    match change {
        Change::Promoted { from, to } => (TierEvent::Promoted, from, to),
        Change::PromotionProposed { to } => (TierEvent::PromotionProposed, assigned, to),
        Change::GraceStarted { .. } => (TierEvent::GraceStarted, assigned, assigned),
        Change::GraceLifted => (TierEvent::GraceLifted, assigned, assigned),
        Change::MovedDown { from, to } => (TierEvent::MovedDown, from, to),
        Change::OverrideExpired { tier } => (TierEvent::OverrideExpired, tier, tier),
    }
}

/// Writes one change to the history and the audit log, and tells whom it concerns; answers it
/// as the API shows it.
async fn apply(
    unit: &mut UnitOfWork,
    actor: Option<i64>,
    notice: &Notice<'_>,
    rationale: Option<&str>,
) -> AppResult<TierChange> {
    let Notice {
        event,
        from,
        to,
        organization_id,
        organization,
        ..
    } = *notice;
    let entry = HistoryEntry {
        organization_id,
        event,
        from,
        to,
        actor_user_id: actor,
        rationale,
    };
    let now = unit.now();
    store::record(unit.tx(), &entry, now).await?;
    let detail = serde_json::json!({ "event": event.as_str(), "from": from, "to": to });
    unit.record(AuditEntry {
        organization_id: Some(organization_id),
        after: audit::state(&detail),
        rationale: rationale.map(str::to_owned),
        ..AuditEntry::new(
            actor,
            "organization.tier_changed",
            "organization",
            Some(organization_id),
        )
    });
    unit.notify(notices::message(notice));
    Ok(TierChange {
        organization: OrganizationRef {
            id: organization_id,
            name: organization.to_owned(),
        },
        event,
        from,
        to,
    })
}
