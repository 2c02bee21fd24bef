//! The outbox's deliveries as administrators handle them: sent again from the dead letter.

use crate::app::AppResult;
use crate::app::unit_of_work::{self, Worker};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::deliveries;

/// Sends a dead or delivered delivery again from now, or with `None` every dead one; answers
/// how many were queued.
pub async fn replay(state: &AppState, admin: i64, only: Option<i64>) -> AppResult<u64> {
    unit_of_work::run(state, async |unit| {
        let now_ms = unit.now_ms();
        let replayed = deliveries::replay(unit.tx(), only, now_ms).await?;
        if replayed > 0 {
            unit.record(AuditEntry {
                actor_user_id: Some(admin),
                action: "message_delivery.replayed",
                subject_type: "message_delivery",
                subject_id: only,
                organization_id: None,
                before: None,
                after: audit::state(&serde_json::json!({ "replayed": replayed })),
                rationale: None,
            });
            unit.wake(Worker::Outbox);
        }
        Ok(replayed)
    })
    .await
}
