//! A partner questions an earning of its own (vendor staff hear of it); a manager answers. Both
//! are audited, and an open question keeps the earning from being approved by the hold period
//! alone.

use portico_api::ledger::Dispute;
use portico_api::notifications::Category;

use super::ledger::dispute;
use crate::app::unit_of_work;
use crate::app::{AppError, AppResult};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::incentives as store;
use crate::store::organizations;
use crate::store::outbox::{Message, Recipients};

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
        let name = organizations::name(unit.tx(), organization_id).await?;
        unit.notify(question(
            name.as_deref().unwrap_or_default(),
            organization_id,
            comment,
        ));
        let mut rows = store::latest(unit.tx(), &[earning_id]).await?;
        rows.pop().map(dispute).ok_or(AppError::NotFound)
    })
    .await
}

/// Vendor staff hear of a partner's question, with a link to the partner's ledger.
fn question(organization: &str, organization_id: i64, comment: &str) -> Message {
    Message {
        category: Category::EarningQuestion,
        to: Recipients::Organization(None),
        registration_id: None,
        subject: format!("{organization} questions an earning"),
        body: format!("{organization} wrote:\n\n{comment}"),
        link: Some(format!("/manage/ledger?organization={organization_id}")),
    }
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
