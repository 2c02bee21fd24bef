//! What a CRM tells Portico about linked deals: stage, owner, amount, close, and new links.
//! Signed per Standard Webhooks with the integration secret; each event applies at most once,
//! and never over a newer change to the same field.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use portico_api::ErrorBody;
use portico_api::integrations::{
    CrmChange, CrmEvent, CrmEventBatch, CrmEventOutcome, CrmEventResult, CrmEventResults, CrmSystem,
};
use portico_api::pipeline::{Stage, TEXT_MAX};
use portico_api::registrations::number;
use sqlx::AnyConnection;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::clock::parse_rfc3339_ms;
use crate::domain::signatures::{WebhookHeaders, check_webhook};
use crate::error::{ApiError, ApiResult};
use crate::routes::opportunities::changes;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::crm::{self, Field};
use crate::store::opportunities::{self, Edit};
use crate::store::{integrations, webhooks};

/// Events one request may carry.
pub const BATCH_MAX: usize = 500;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(receive))
}

/// Deal events from a CRM, oldest first. Sign the body per Standard Webhooks (`webhook-id`,
/// `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>`) with
/// the integration secret. Each event answers applied, duplicate, superseded, unknown_deal or
/// invalid; only the last two change nothing and may be sent again.
#[utoipa::path(post, path = "/api/integrations/crm/events", tag = "integrations",
    request_body = CrmEventBatch,
    responses((status = 200, body = CrmEventResults), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn receive(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Json<CrmEventResults>> {
    let system = signer(&state, &headers, &body).await?;
    let batch: CrmEventBatch = serde_json::from_slice(&body)
        .map_err(|e| ApiError::BadRequest(format!("The body is not a batch of CRM events: {e}")))?;
    if batch.events.len() > BATCH_MAX {
        return Err(ApiError::Unprocessable(format!(
            "Send at most {BATCH_MAX} events per request."
        )));
    }
    let mut tx = state.db.begin_write().await?;
    let mut results = Vec::with_capacity(batch.events.len());
    for event in &batch.events {
        results.push(receive_one(&mut tx, &state, system, event).await?);
    }
    tx.commit().await?;
    state.webhook_signal.notify_one();
    Ok(Json(CrmEventResults { results }))
}

/// The CRM whose integration secret signed the request.
async fn signer(state: &AppState, headers: &HeaderMap, body: &[u8]) -> ApiResult<CrmSystem> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    };
    let signed = WebhookHeaders {
        id: header("webhook-id"),
        timestamp: header("webhook-timestamp"),
        signature: header("webhook-signature"),
    };
    let now = state.now();
    integrations::all(state.db.pool())
        .await?
        .iter()
        .find(|row| {
            state
                .sealer
                .open(&row.secret_sealed)
                .is_some_and(|secret| check_webhook(&secret, &signed, body, now))
        })
        .and_then(|row| row.system())
        .ok_or(ApiError::BadSignature)
}

/// One event: claimed by id, applied, and its outcome kept (or forgotten when nothing could be
/// applied).
async fn receive_one(
    tx: &mut AnyConnection,
    state: &AppState,
    system: CrmSystem,
    event: &CrmEvent,
) -> ApiResult<CrmEventResult> {
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
    if !crm::claim_event(tx, system, &event.id, state.now()).await? {
        return Ok(result(CrmEventOutcome::Duplicate, None, None));
    }
    let (outcome, opportunity_id, message) = match apply(tx, state, system, event).await? {
        Ok((outcome, id)) => (outcome, Some(id), None),
        Err(Refusal::UnknownDeal(message)) => (CrmEventOutcome::UnknownDeal, None, Some(message)),
        Err(Refusal::Invalid(message)) => (CrmEventOutcome::Invalid, None, Some(message)),
    };
    crm::settle_event(tx, system, &event.id, outcome).await?;
    Ok(result(outcome, opportunity_id, message))
}

/// Why an event changed nothing.
enum Refusal {
    UnknownDeal(String),
    Invalid(String),
}

type Applied = Result<(CrmEventOutcome, i64), Refusal>;

async fn apply(
    tx: &mut AnyConnection,
    state: &AppState,
    system: CrmSystem,
    event: &CrmEvent,
) -> ApiResult<Applied> {
    let Some(as_of) = parse_rfc3339_ms(&event.occurred_at) else {
        return Ok(Err(Refusal::Invalid(
            "occurred_at must be an RFC 3339 time, like 2026-11-20T10:00:00Z.".into(),
        )));
    };
    let field = match event.change {
        CrmChange::Linked { registration_id } => {
            return link(tx, state, system, event, registration_id, as_of).await;
        }
        CrmChange::StageChanged { .. } | CrmChange::Closed { .. } => Field::Stage,
        CrmChange::OwnerChanged { .. } => Field::Owner,
        CrmChange::AmountChanged { .. } => Field::Amount,
    };
    let Some(link) = crm::link(&mut *tx, system, &event.crm_deal_id).await? else {
        return Ok(Err(Refusal::UnknownDeal(format!(
            "No Portico deal is linked to {} deal {}; send deal.linked first.",
            system.label(),
            event.crm_deal_id
        ))));
    };
    if link.as_of(field).is_some_and(|applied| applied > as_of) {
        return Ok(Ok((CrmEventOutcome::Superseded, link.opportunity_id)));
    }
    let row = opportunities::by_id(&mut *tx, link.opportunity_id)
        .await?
        .ok_or_else(|| ApiError::internal("a linked opportunity vanished"))?;
    let before = Edit::from(&row);
    let after = match changed(&before, row.position()?.motion, &event.change, state.now()) {
        Ok(after) => after,
        Err(message) => return Ok(Err(Refusal::Invalid(message))),
    };
    save(
        tx,
        state,
        system,
        event,
        &before,
        &after,
        row.organization_id,
    )
    .await?;
    crm::mark_applied(tx, system, &event.crm_deal_id, field, as_of).await?;
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
    tx: &mut AnyConnection,
    state: &AppState,
    system: CrmSystem,
    event: &CrmEvent,
    before: &Edit,
    after: &Edit,
    organization_id: i64,
) -> ApiResult<()> {
    let (old, new) = changes(before, after);
    if new.is_empty() {
        return Ok(());
    }
    opportunities::update(tx, after).await?;
    let rationale = format!("{} event {}", system.label(), event.id);
    let entry = AuditEntry {
        actor_user_id: None,
        action: "opportunity.crm_updated",
        subject_type: "opportunity",
        subject_id: Some(after.id),
        organization_id: Some(organization_id),
        before: Some(old.into()),
        after: Some(new.into()),
        rationale: Some(rationale.clone()),
    };
    audit::record(&mut *tx, &entry, state.now()).await?;
    if before.stage != after.stage {
        webhooks::publish_stage_change(tx, after.id, &before.stage, state.now_ms()).await?;
    }
    Ok(())
}

async fn link(
    tx: &mut AnyConnection,
    state: &AppState,
    system: CrmSystem,
    event: &CrmEvent,
    registration_id: i64,
    as_of: i64,
) -> ApiResult<Applied> {
    let opportunity = opportunities::of_registration(&mut *tx, registration_id).await?;
    let Some((opportunity_id, organization_id)) = opportunity else {
        return Ok(Err(Refusal::UnknownDeal(format!(
            "{} has no deal in the pipeline: it does not exist or is not approved yet.",
            number(registration_id)
        ))));
    };
    let current = crm::link(&mut *tx, system, &event.crm_deal_id).await?;
    if current.as_ref().is_some_and(|l| l.linked_as_of > as_of) {
        return Ok(Ok((CrmEventOutcome::Superseded, opportunity_id)));
    }
    crm::save_link(
        tx,
        system,
        &event.crm_deal_id,
        opportunity_id,
        as_of,
        state.now(),
    )
    .await?;
    let entry = AuditEntry {
        actor_user_id: None,
        action: "opportunity.crm_linked",
        subject_type: "opportunity",
        subject_id: Some(opportunity_id),
        organization_id: Some(organization_id),
        before: current
            .and_then(|l| audit::state(&serde_json::json!({ "opportunity_id": l.opportunity_id }))),
        after: audit::state(
            &serde_json::json!({ "system": system, "crm_deal_id": event.crm_deal_id }),
        ),
        rationale: None,
    };
    audit::record(&mut *tx, &entry, state.now()).await?;
    Ok(Ok((CrmEventOutcome::Applied, opportunity_id)))
}
