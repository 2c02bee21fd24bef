//! A partner questions an earning of its own; a manager answers. Both are audited, and an
//! open question keeps the earning from being approved by the hold period alone.

use portico_api::ledger::Dispute;

use super::ledger::dispute;
use crate::app::unit_of_work;
use crate::app::{AppError, AppResult};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::incentives as store;

const SUBJECT: &str = "ledger_entry";

/// Opens a question about the earning, which must be the partner's own (404 otherwise).
pub async fn raise(
    state: &AppState,
    (user_id, organization_id): (i64, i64),
    earning_id: i64,
    comment: &str,
) -> AppResult<Dispute> {
    unit_of_work::run(state, async |unit| {
        let owner = store::earning_organization(unit.tx(), earning_id).await?;
        if owner != Some(organization_id) {
            return Err(AppError::NotFound);
        }
        let now = unit.now();
        let raised = store::raise(
            unit.tx(),
            (earning_id, organization_id),
            (user_id, comment),
            now,
        )
        .await?
        .ok_or_else(|| AppError::conflict("This earning has an open question already."))?;
        unit.record(AuditEntry {
            organization_id: Some(organization_id),
            after: audit::state(&serde_json::json!({ "dispute": raised, "comment": comment })),
            ..AuditEntry::new(Some(user_id), "ledger.disputed", SUBJECT, Some(earning_id))
        });
        let mut rows = store::latest(unit.tx(), &[earning_id]).await?;
        rows.pop().map(dispute).ok_or(AppError::NotFound)
    })
    .await
}

/// Answers an open question.
pub async fn answer(state: &AppState, manager: i64, id: i64, text: &str) -> AppResult<Dispute> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let row = store::answer(unit.tx(), id, (manager, text), now)
            .await?
            .ok_or(AppError::NotFound)?;
        unit.record(AuditEntry {
            organization_id: Some(row.organization_id),
            after: audit::state(&serde_json::json!({ "dispute": id, "answer": text })),
            ..AuditEntry::new(
                Some(manager),
                "ledger.dispute_answered",
                SUBJECT,
                Some(row.earning_id),
            )
        });
        Ok(dispute(row))
    })
    .await
}
