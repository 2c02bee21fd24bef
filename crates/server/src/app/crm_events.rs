//! What a CRM tells Portico about linked deals, applied: each event at most once, and never
//! over a newer change to the same field. The CRM is where the deal is worked, so its stage
//! moves skip the exit criteria managers confirm in the portal.

use portico_api::integrations::{CrmChange, CrmEvent, CrmEventOutcome, CrmEventResult, CrmSystem};
use portico_api::pipeline::{Stage, TEXT_MAX};
use portico_api::registrations::number;

use crate::app::incentives::accrual;
use crate::app::opportunities::changes;
use crate::app::unit_of_work::{self, Event, UnitOfWork};
use crate::app::{AppError, AppResult};
use crate::clock::parse_rfc3339_ms;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::crm::{self, Field};
use crate::store::opportunities::{self, Edit};

/// Applies a batch of events from one CRM, oldest first, in one unit of work; answers each
/// event's outcome.
pub async fn receive(
    state: &AppState,
    system: CrmSystem,
    events: &[CrmEvent],
) -> AppResult<Vec<CrmEventResult>> {
    unit_of_work::run(state, async |unit| {
        let mut results = Vec::with_capacity(events.len());
        for event in events {
            results.push(receive_one(unit, system, event).await?);
        }
        Ok(results)
    })
    .await
}

/// One event: claimed by id, applied, and its outcome kept (or forgotten when nothing could be
/// applied).
async fn receive_one(
    unit: &mut UnitOfWork,
    system: CrmSystem,
    event: &CrmEvent,
) -> AppResult<CrmEventResult> {
    let result = |outcome, opportunity_id, message: Option<String>| CrmEventResult {
        id: event.id.clone(),
        outcome,
        opportunity_id,
        message,
    };
    if event.id.trim().is_empty() || event.id.len() > 200 {
        return Ok(result(
            CrmEventOutcome::Invalid,
            None,
            Some("Give every event an id of 1 to 200 characters.".into()),
        ));
    }
    let now = unit.now();
    if !crm::claim_event(unit.tx(), system, &event.id, now).await? {
        return Ok(result(CrmEventOutcome::Duplicate, None, None));
    }
    let (outcome, opportunity_id, message) = match apply(unit, system, event).await? {
        Ok((outcome, id)) => (outcome, Some(id), None),
        Err(Refusal::UnknownDeal(message)) => (CrmEventOutcome::UnknownDeal, None, Some(message)),
        Err(Refusal::Invalid(message)) => (CrmEventOutcome::Invalid, None, Some(message)),
    };
    crm::settle_event(unit.tx(), system, &event.id, outcome).await?;
    Ok(result(outcome, opportunity_id, message))
}

/// Why an event changed nothing.
enum Refusal {
    UnknownDeal(String),
    Invalid(String),
}

type Applied = Result<(CrmEventOutcome, i64), Refusal>;

async fn apply(unit: &mut UnitOfWork, system: CrmSystem, event: &CrmEvent) -> AppResult<Applied> {
    let Some(as_of) = parse_rfc3339_ms(&event.occurred_at) else {
        return Ok(Err(Refusal::Invalid(
            "occurred_at must be an RFC 3339 time, like 2026-11-20T10:00:00Z.".into(),
        )));
    };
    let field = match event.change {
        CrmChange::Linked { registration_id } => {
            return link(unit, system, event, registration_id, as_of).await;
        }
        CrmChange::StageChanged { .. } | CrmChange::Closed { .. } => Field::Stage,
        CrmChange::OwnerChanged { .. } => Field::Owner,
        CrmChange::AmountChanged { .. } => Field::Amount,
    };
    let Some(link) = crm::link(unit.tx(), system, &event.crm_deal_id).await? else {
        return Ok(Err(Refusal::UnknownDeal(format!(
            "No Portico deal is linked to {} deal {}; send deal.linked first.",
            system.label(),
            event.crm_deal_id
        ))));
    };
    if link.as_of(field).is_some_and(|applied| applied > as_of) {
        return Ok(Ok((CrmEventOutcome::Superseded, link.opportunity_id)));
    }
    let row = opportunities::by_id(unit.tx(), link.opportunity_id)
        .await?
        .ok_or_else(|| AppError::internal("a linked opportunity vanished"))?;
    let before = Edit::from(&row);
    let after = match changed(&before, row.position()?.motion, &event.change, unit.now()) {
        Ok(after) => after,
        Err(message) => return Ok(Err(Refusal::Invalid(message))),
    };
    save(unit, system, event, &before, &after, row.organization_id).await?;
    crm::mark_applied(unit.tx(), system, &event.crm_deal_id, field, as_of).await?;
    Ok(Ok((CrmEventOutcome::Applied, link.opportunity_id)))
}

/// The deal with the CRM's change applied. The CRM is where the deal is worked, so its stage
/// moves skip the exit criteria managers confirm in the portal.
fn changed(
    before: &Edit,
    motion: portico_api::organizations::Motion,
    change: &CrmChange,
    now: i64,
) -> Result<Edit, String> {
    let mut after = before.clone();
    match change {
        CrmChange::StageChanged { stage } => {
            let target = Stage::parse(motion, stage).filter(|s| *s != Stage::Lost).ok_or_else(|| {
                let slugs: Vec<&str> = portico_api::pipeline::stages(motion).iter().map(|s| s.slug).collect();
                format!("{stage:?} is not a stage of the {} motion; use one of {}, or won (deal.closed for lost).", motion.label().to_lowercase(), slugs.join(", "))
            })?;
            move_stage(&mut after, before, motion, target, None, now);
        }
        CrmChange::Closed { won, loss_reason } => {
            let (target, reason) = match won {
                true => (Stage::Won, None),
                false => (
                    Stage::Lost,
                    Some(
                        loss_reason
                            .as_deref()
                            .map(str::trim)
                            .filter(|r| !r.is_empty())
                            .unwrap_or("Closed lost in the CRM")
                            .chars()
                            .take(TEXT_MAX)
                            .collect(),
                    ),
                ),
            };
            move_stage(&mut after, before, motion, target, reason, now);
        }
        CrmChange::OwnerChanged { owner } => {
            let owner = owner.trim();
            if owner.chars().count() > TEXT_MAX {
                return Err(format!(
                    "The owner's name is longer than {TEXT_MAX} characters."
                ));
            }
            after.owner_name = (!owner.is_empty()).then(|| owner.to_owned());
        }
        CrmChange::AmountChanged { amount, currency } => {
            let amount = portico_api::pipeline::amount(*amount).map_err(str::to_owned)?;
            let currency = portico_api::places::currency(currency).map_err(str::to_owned)?;
            after.amount = Some(amount);
            after.currency = Some(currency.to_owned());
        }
        CrmChange::Linked { .. } => {}
    }
    if after.partner_view() != before.partner_view() {
        after.updated_at = now;
    }
    after.last_activity_at = now;
    Ok(after)
}

fn move_stage(
    after: &mut Edit,
    before: &Edit,
    motion: portico_api::organizations::Motion,
    target: Stage,
    loss_reason: Option<String>,
    now: i64,
) {
    let slug = target.slug(motion);
    if before.stage != slug {
        after.stage = slug.to_owned();
        after.stage_entered_at = now;
        after.criteria_met = 0;
        after.closed_at = (!target.is_open()).then_some(now);
    }
    after.loss_reason = loss_reason;
}

/// Writes the change with its audit record, and tells webhook endpoints about a stage move.
async fn save(
    unit: &mut UnitOfWork,
    system: CrmSystem,
    event: &CrmEvent,
    before: &Edit,
    after: &Edit,
    organization_id: i64,
) -> AppResult<()> {
    let (old, new) = changes(before, after);
    if new.is_empty() {
        return Ok(());
    }
    opportunities::update(unit.tx(), after).await?;
    let rationale = format!("{} event {}", system.label(), event.id);
    unit.record(AuditEntry {
        organization_id: Some(organization_id),
        before: Some(old.into()),
        after: Some(new.into()),
        rationale: Some(rationale),
        ..AuditEntry::new(
            None,
            "opportunity.crm_updated",
            "opportunity",
            Some(after.id),
        )
    });
    if before.stage != after.stage {
        accrual::on_stage_change(unit, after.id, &before.stage, &after.stage).await?;
        let from_stage = &before.stage;
        let opportunity_id = after.id;
        unit.publish(Event::StageChanged {
            opportunity_id,
            from_stage,
        })
        .await?;
    }
    Ok(())
}

async fn link(
    unit: &mut UnitOfWork,
    system: CrmSystem,
    event: &CrmEvent,
    registration_id: i64,
    as_of: i64,
) -> AppResult<Applied> {
    let opportunity = opportunities::of_registration(unit.tx(), registration_id).await?;
    let Some((opportunity_id, organization_id)) = opportunity else {
        return Ok(Err(Refusal::UnknownDeal(format!(
            "{} has no deal in the pipeline: it does not exist or is not approved yet.",
            number(registration_id)
        ))));
    };
    let current = crm::link(unit.tx(), system, &event.crm_deal_id).await?;
    if current.as_ref().is_some_and(|l| l.linked_as_of > as_of) {
        return Ok(Ok((CrmEventOutcome::Superseded, opportunity_id)));
    }
    let now = unit.now();
    crm::save_link(
        unit.tx(),
        system,
        &event.crm_deal_id,
        opportunity_id,
        as_of,
        now,
    )
    .await?;
    unit.record(AuditEntry {
        organization_id: Some(organization_id),
        before: current
            .and_then(|l| audit::state(&serde_json::json!({ "opportunity_id": l.opportunity_id }))),
        after: audit::state(
            &serde_json::json!({ "system": system, "crm_deal_id": event.crm_deal_id }),
        ),
        ..AuditEntry::new(
            None,
            "opportunity.crm_linked",
            "opportunity",
            Some(opportunity_id),
        )
    });
    Ok(Ok((CrmEventOutcome::Applied, opportunity_id)))
}
