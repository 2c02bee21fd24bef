//! One opportunity: its detail for either side, the manager's edits and stage moves, shared
//! notes, and deals managers create without a registration.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_api::ErrorBody;
use portico_api::pipeline::{
    ManagerOpportunityDetail, NewOpportunity, NoteRequest, NoteSide, OpportunityDetail,
    OpportunityPatch, PartnerOpportunityDetail, SharedNote, Stage, ValidPatch,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::clock::Timestamp;
use crate::domain::pipeline::{Position, check_move};
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath};
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::opportunities::{self as store, Edit, NewNote};
use crate::store::{Scope, organizations, webhooks};

const SUBJECT: &str = "opportunity";

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create))
        .routes(routes!(detail, edit))
        .routes(routes!(add_note))
}

/// One opportunity with its shared notes: partners get the safe fields of their own
/// organization's deals (another organization's id is 404), vendor staff get everything.
#[utoipa::path(get, path = "/api/opportunities/{id}", tag = "pipeline",
    params(("id" = i64, Path)),
    responses((status = 200, body = OpportunityDetail), (status = 404, body = ErrorBody)))]
async fn detail(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<OpportunityDetail>> {
    let db = state.db.pool();
    let now = state.now();
    Ok(Json(match caller.scope() {
        Scope::Organization(organization_id) => {
            let row = store::safe_by_id(db, id, organization_id)
                .await?
                .ok_or(ApiError::NotFound)?;
            OpportunityDetail::Partner(PartnerOpportunityDetail {
                opportunity: row.into_partner_view(now)?,
                notes: store::notes(db, id).await?,
            })
        }
        Scope::Vendor => OpportunityDetail::Manager(manager_detail(&state, id).await?),
    }))
}

/// Edit a deal and move its stage. Moving on needs the attribution and every exit criterion
/// of the current stage (`criteria_met` in the same request counts); a missing one answers
/// 422 with `fields.stage` naming it. Managers only.
#[utoipa::path(patch, path = "/api/opportunities/{id}", tag = "pipeline",
    params(("id" = i64, Path)), request_body = OpportunityPatch,
    responses((status = 200, body = ManagerOpportunityDetail), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn edit(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(patch): ApiJson<OpportunityPatch>,
) -> ApiResult<Json<ManagerOpportunityDetail>> {
    caller.require_vendor()?;
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let row = store::by_id(&mut *tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let position = row.position()?;
    let valid = patch
        .validate(position.motion, position.stage)
        .map_err(ApiError::Validation)?;
    let before = Edit::from(&row);
    let after = apply(position, &before, &valid, now)?;
    let (old, new) = changes(&before, &after);
    if !new.is_empty() {
        store::update(&mut tx, &after).await?;
        let entry = AuditEntry {
            actor_user_id: Some(caller.user_id),
            action: if before.stage == after.stage {
                "opportunity.edited"
            } else {
                "opportunity.stage_moved"
            },
            subject_type: SUBJECT,
            subject_id: Some(id),
            organization_id: Some(row.organization_id),
            before: Some(old.into()),
            after: Some(new.into()),
            rationale: None,
        };
        audit::record(&mut *tx, &entry, now).await?;
        if before.stage != after.stage {
            webhooks::publish_stage_change(&mut tx, id, &before.stage, state.now_ms()).await?;
        }
    }
    tx.commit().await?;
    state.webhook_signal.notify_one();
    Ok(Json(manager_detail(&state, id).await?))
}

/// The deal with the patch applied, after the stage-move rules allowed it.
fn apply(
    mut position: Position,
    before: &Edit,
    patch: &ValidPatch,
    now: Timestamp,
) -> ApiResult<Edit> {
    position.criteria_met = patch.criteria_met.unwrap_or(position.criteria_met);
    position.partner_role = patch.partner_role.or(position.partner_role);
    position.attribution_percent = patch.attribution_percent.or(position.attribution_percent);
    let target = patch.stage.unwrap_or(position.stage);
    check_move(&position, target).map_err(|message| ApiError::field("stage", &message))?;
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
        return Err(ApiError::field("currency", "Choose the amount's currency."));
    }
    if edit.currency.is_some() && edit.amount.is_none() {
        return Err(ApiError::field("amount", "Enter the amount."));
    }
    set(&mut edit.discount_band, &patch.discount_band);
    edit.price_protection = patch.price_protection.unwrap_or(edit.price_protection);
    edit.partner_role = position.partner_role.map(|r| r.as_str().to_owned());
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
fn loss_reason(before: &Edit, patch: &ValidPatch, target: Stage) -> ApiResult<Option<String>> {
    let given = patch.loss_reason.clone();
    match (target, given) {
        (Stage::Lost, Some(Some(reason))) => Ok(Some(reason)),
        (Stage::Lost, Some(None)) => {
            Err(ApiError::field("loss_reason", "Say why the deal was lost."))
        }
        (Stage::Lost, None) => Ok(before.loss_reason.clone()),
        (_, Some(Some(_))) => Err(ApiError::field(
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

async fn manager_detail(state: &AppState, id: i64) -> ApiResult<ManagerOpportunityDetail> {
    let row = store::by_id(state.db.pool(), id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(ManagerOpportunityDetail {
        opportunity: row.into_manager_view(state.now())?,
        notes: store::notes(state.db.pool(), id).await?,
    })
}

/// Post a note both sides read: partners on their own organization's deals, vendor staff on
/// any.
#[utoipa::path(post, path = "/api/opportunities/{id}/notes", tag = "pipeline",
    params(("id" = i64, Path)), request_body = NoteRequest,
    responses((status = 201, body = SharedNote), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn add_note(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<NoteRequest>,
) -> ApiResult<(StatusCode, Json<SharedNote>)> {
    let body = request.validate().map_err(ApiError::Validation)?;
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let organization_id = store::organization_of(&mut tx, id, caller.scope())
        .await?
        .ok_or(ApiError::NotFound)?;
    let side = match caller.scope() {
        Scope::Organization(_) => NoteSide::Partner,
        Scope::Vendor => NoteSide::Vendor,
    };
    let note = NewNote {
        opportunity_id: id,
        side,
        author_user_id: caller.user_id,
        author_name: &caller.name,
        body: &body,
    };
    let view = store::add_note(&mut tx, &note, now).await?;
    let entry = AuditEntry {
        actor_user_id: Some(caller.user_id),
        action: "opportunity.note_added",
        subject_type: SUBJECT,
        subject_id: Some(id),
        organization_id: Some(organization_id),
        before: None,
        after: audit::state(&serde_json::json!({ "note_id": view.id, "side": side })),
        rationale: None,
    };
    audit::record(&mut *tx, &entry, now).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Add a deal for a partner without a registration, e.g. one it influenced. It starts in its
/// motion's first stage. Managers only.
#[utoipa::path(post, path = "/api/opportunities", tag = "pipeline", request_body = NewOpportunity,
    responses((status = 201, body = ManagerOpportunityDetail), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(request): ApiJson<NewOpportunity>,
) -> ApiResult<(StatusCode, Json<ManagerOpportunityDetail>)> {
    caller.require_vendor()?;
    let valid = request.validate().map_err(ApiError::Validation)?;
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    if !organizations::exists(&mut *tx, valid.organization_id).await? {
        return Err(ApiError::field(
            "organization_id",
            "There is no such partner organization.",
        ));
    }
    let id = store::insert(&mut tx, &valid, now).await?;
    let entry = AuditEntry {
        actor_user_id: Some(caller.user_id),
        action: "opportunity.created",
        subject_type: SUBJECT,
        subject_id: Some(id),
        organization_id: Some(valid.organization_id),
        before: None,
        after: audit::state(&serde_json::json!({
            "customer_name": valid.customer_name,
            "motion": valid.motion,
            "partner_role": valid.partner_role,
        })),
        rationale: None,
    };
    audit::record(&mut *tx, &entry, now).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(manager_detail(&state, id).await?)))
}
