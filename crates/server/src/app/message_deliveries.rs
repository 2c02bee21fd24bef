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
                after: audit::state(&serde_json::json!({ "replayed": replayed })),
                ..AuditEntry::new(
                    Some(admin),
                    "message_delivery.replayed",
                    "message_delivery",
                    only,
                )
            });
            unit.wake(Worker::Outbox);
        }
        Ok(replayed)
    })
    .await
}
