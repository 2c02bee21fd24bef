//! Webhook endpoints: registered, changed and given new signing secrets by vendor staff, and
//! their dead deliveries sent again. Every change is audited; the secret is kept sealed.

use portico_api::integrations::EndpointInput;

use crate::app::unit_of_work::{self, UnitOfWork, Worker};
use crate::app::{AppError, AppResult};
use crate::domain::signatures::new_webhook_secret;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::webhooks::{self as store, EndpointRow};

const SUBJECT: &str = "webhook_endpoint";

/// Registers an endpoint; answers its id and its signing secret, which is shown this once.
pub async fn create(
    state: &AppState,
    manager: i64,
    input: &EndpointInput,
) -> AppResult<(i64, String)> {
    let secret = new_webhook_secret();
    let sealed = state.sealer.seal(&secret);
    let id = unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let id = store::insert_endpoint(unit.tx(), input, &sealed, now).await?;
        let action = "webhook_endpoint.created";
        unit.record(endpoint_entry(manager, action, id, None, Some(input)));
        Ok(id)
    })
    .await?;
    Ok((id, secret))
}

/// Changes an endpoint. Events published while it was disabled are due again.
pub async fn update(
    state: &AppState,
    manager: i64,
    id: i64,
    input: &EndpointInput,
) -> AppResult<()> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let before = existing(unit, id).await?;
        store::update_endpoint(unit.tx(), id, input, now).await?;
        let action = "webhook_endpoint.edited";
        unit.record(endpoint_entry(
            manager,
            action,
            id,
            Some(&before),
            Some(input),
        ));
        unit.wake(Worker::Webhooks);
        Ok(())
    })
    .await
}

/// A new signing secret for the endpoint, shown this once; deliveries from now on are signed
/// with it.
pub async fn rotate_secret(state: &AppState, manager: i64, id: i64) -> AppResult<String> {
    let secret = new_webhook_secret();
    let sealed = state.sealer.seal(&secret);
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        existing(unit, id).await?;
        store::set_endpoint_secret(unit.tx(), id, &sealed, now).await?;
        let action = "webhook_endpoint.secret_rotated";
        unit.record(endpoint_entry(manager, action, id, None, None));
        Ok(())
    })
    .await?;
    Ok(secret)
}

/// Sends the endpoint's dead deliveries again from now, or only the one given (dead or
/// delivered); answers how many were queued.
pub async fn replay(
    state: &AppState,
    manager: i64,
    endpoint_id: i64,
    only: Option<i64>,
) -> AppResult<u64> {
    unit_of_work::run(state, async |unit| {
        let now_ms = unit.now_ms();
        let replayed = store::replay(unit.tx(), endpoint_id, only, now_ms).await?;
        if replayed > 0 {
            unit.record(AuditEntry {
                after: audit::state(
                    &serde_json::json!({ "delivery_id": only, "replayed": replayed }),
                ),
                ..AuditEntry::new(
                    Some(manager),
                    "webhook_endpoint.replayed",
                    SUBJECT,
                    Some(endpoint_id),
                )
            });
        }
        unit.wake(Worker::Webhooks);
        Ok(replayed)
    })
    .await
}

async fn existing(unit: &mut UnitOfWork, id: i64) -> AppResult<EndpointRow> {
    store::endpoint(unit.tx(), id)
        .await?
        .ok_or(AppError::NotFound)
}

fn endpoint_entry(
    manager: i64,
    action: &'static str,
    id: i64,
    before: Option<&EndpointRow>,
    after: Option<&EndpointInput>,
) -> AuditEntry {
    AuditEntry {
        before: before.and_then(|b| {
            audit::state(&serde_json::json!({
                "url": b.url, "description": b.description, "event_types": b.event_types,
                "enabled": b.enabled, "sla_seconds": b.sla_seconds,
                "sla_percent": b.sla_percent,
            }))
        }),
        after: after.and_then(audit::state),
        ..AuditEntry::new(Some(manager), action, SUBJECT, Some(id))
    }
}
