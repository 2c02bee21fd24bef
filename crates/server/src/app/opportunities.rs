//! One opportunity's changes: the manager's edits and stage moves, shared notes, and deals
//! managers create without a registration.

use portico_api::pipeline::{NoteSide, Stage, ValidNewOpportunity, ValidPatch};

use crate::app::incentives::accrual;
use crate::app::unit_of_work::{self, Event};
use crate::app::{AppError, AppResult};
use crate::clock::Timestamp;
use crate::domain::pipeline::{Position, check_move};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::opportunities::{self as store, Edit, NewNote};
use crate::store::{Scope, organizations};

const SUBJECT: &str = "opportunity";

/// Edits a deal and moves its stage, as far as the stage-move rules allow; a change writes its
/// audit record, and a stage move publishes its event.
pub async fn edit(
    state: &AppState,
    manager: i64,
    id: i64,
    patch: &portico_api::pipeline::OpportunityPatch,
) -> AppResult<()> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let row = store::by_id(unit.tx(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        let position = row.position()?;
        let valid = patch
            .validate(position.motion, position.stage)
            .map_err(AppError::Validation)?;
        let before = Edit::from(&row);
        let after = apply(position, &before, &valid, now)?;
        let (old, new) = changes(&before, &after);
        if new.is_empty() {
            return Ok(());
        }
        store::update(unit.tx(), &after).await?;
        unit.record(AuditEntry {
            organization_id: Some(row.organization_id),
            before: Some(old.into()),
            after: Some(new.into()),
            ..AuditEntry::new(
                Some(manager),
                if before.stage == after.stage {
                    "opportunity.edited"
                } else {
                    "opportunity.stage_moved"
                },
                SUBJECT,
                Some(id),
            )
        });
        if before.stage != after.stage {
            accrual::on_stage_change(unit, id, &before.stage, &after.stage).await?;
            let from_stage = &before.stage;
            unit.publish(Event::StageChanged {
                opportunity_id: id,
                from_stage,
            })
            .await?;
        }
        Ok(())
    })
    .await
}

/// Who posts a note on a deal, and from which side.
pub struct Author<'a> {
    pub user_id: i64,
    pub name: &'a str,
    /// The partner's own organization's deals, or any for vendor staff.
    pub scope: Scope,
}

/// Posts a note both sides read.
pub async fn add_note(
    state: &AppState,
    author: &Author<'_>,
    id: i64,
    body: &str,
) -> AppResult<portico_api::pipeline::SharedNote> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let organization_id = store::organization_of(unit.tx(), id, author.scope)
            .await?
            .ok_or(AppError::NotFound)?;
        let side = match author.scope {
            Scope::Organization(_) => NoteSide::Partner,
            Scope::Vendor => NoteSide::Vendor,
        };
        let note = NewNote {
            opportunity_id: id,
            side,
            author_user_id: author.user_id,
            author_name: author.name,
            body,
        };
        let view = store::add_note(unit.tx(), &note, now).await?;
        unit.record(AuditEntry {
            organization_id: Some(organization_id),
            after: audit::state(&serde_json::json!({ "note_id": view.id, "side": side })),
            ..AuditEntry::new(
                Some(author.user_id),
                "opportunity.note_added",
                SUBJECT,
                Some(id),
            )
        });
        Ok(view)
    })
    .await
}

/// Adds a deal for a partner without a registration, in its motion's first stage; answers
/// its id.
pub async fn create(state: &AppState, manager: i64, valid: &ValidNewOpportunity) -> AppResult<i64> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        if !organizations::exists(unit.tx(), valid.organization_id).await? {
            return Err(AppError::field(
                "organization_id",
                "There is no such partner organization.",
            ));
        }
        let id = store::insert(unit.tx(), valid, now).await?;
        unit.record(AuditEntry {
            organization_id: Some(valid.organization_id),
            after: audit::state(&serde_json::json!({
                "customer_name": valid.customer_name,
                "motion": valid.motion,
                "partner_role": valid.partner_role,
            })),
            ..AuditEntry::new(Some(manager), "opportunity.created", SUBJECT, Some(id))
        });
        Ok(id)
    })
    .await
}

/// The deal with the patch applied, after the stage-move rules allowed it.
fn apply(
    mut position: Position,
    before: &Edit,
    patch: &ValidPatch,
    now: Timestamp,
) -> AppResult<Edit> {
    position.criteria_met = patch.criteria_met.unwrap_or(position.criteria_met);
    position.partner_role = patch.partner_role.or(position.partner_role);
    position.attribution_percent = patch.attribution_percent.or(position.attribution_percent);
    let target = patch.stage.unwrap_or(position.stage);
    check_move(&position, target).map_err(|message| AppError::field("stage", &message))?;
    let mut edit = before.clone();
    if target != position.stage {
        edit.stage = target.slug(position.motion).to_owned();
        edit.stage_entered_at = now;
        edit.closed_at = (!target.is_open()).then_some(now);
        position.criteria_met = 0;
    }
    edit.criteria_met = i64::from(position.criteria_met);
    edit.loss_reason = loss_reason(before, patch, target)?;
    set(&mut edit.owner_name, &patch.owner_name);
    set(&mut edit.next_step, &patch.next_step);
    if let Some(due) = patch.next_step_due {
        edit.next_step_due = due.map(|d| d.to_string());
    }
    edit.amount = patch.amount.or(edit.amount);
    edit.currency = patch.currency.map(str::to_owned).or(edit.currency);
    if edit.amount.is_some() && edit.currency.is_none() {
        return Err(AppError::field("currency", "Choose the amount's currency."));
    }
    if edit.currency.is_some() && edit.amount.is_none() {
        return Err(AppError::field("amount", "Enter the amount."));
    }
    set(&mut edit.discount_band, &patch.discount_band);
    edit.price_protection = patch.price_protection.unwrap_or(edit.price_protection);
    edit.partner_role = position.partner_role;
    edit.attribution_percent = position.attribution_percent.map(i64::from);
    if let Some(notes) = &patch.internal_notes {
        edit.internal_notes = notes.clone();
    }
    if edit.partner_view() != before.partner_view() {
        edit.updated_at = now;
    }
    edit.last_activity_at = now;
    Ok(edit)
}

fn set(field: &mut Option<String>, change: &Option<Option<String>>) {
    if let Some(value) = change {
        field.clone_from(value);
    }
}

/// A lost deal keeps a reason; any other stage has none.
fn loss_reason(before: &Edit, patch: &ValidPatch, target: Stage) -> AppResult<Option<String>> {
    let given = patch.loss_reason.clone();
    match (target, given) {
        (Stage::Lost, Some(Some(reason))) => Ok(Some(reason)),
        (Stage::Lost, Some(None)) => {
            Err(AppError::field("loss_reason", "Say why the deal was lost."))
        }
        (Stage::Lost, None) => Ok(before.loss_reason.clone()),
        (_, Some(Some(_))) => Err(AppError::field(
            "loss_reason",
            "Only a lost deal has a loss reason; move it to lost.",
        )),
        (_, _) => Ok(None),
    }
}

/// The fields that differ, as the audit record's before and after.
pub(crate) fn changes(
    before: &Edit,
    after: &Edit,
) -> (
    serde_json::Map<String, serde_json::Value>,
    serde_json::Map<String, serde_json::Value>,
) {
    let as_map = |edit: &Edit| match serde_json::to_value(edit) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let (old, new) = (as_map(before), as_map(after));
    new.into_iter()
        .filter(|(key, value)| old.get(key) != Some(value))
        .map(|(key, value)| ((key.clone(), old[&key].clone()), (key, value)))
        .unzip()
}
