//! What managers and partners do to a filed registration. Each change writes its audit record;
//! those the partner must hear about also write a message, and decisions publish their event.

use portico_api::date::Date;
use portico_api::integrations::WebhookEventType;
use portico_api::notifications::Category;
use portico_api::registrations::{
    DeclineReason, EXTENSION_WINDOW_DAYS, ExtensionStatus, RegistrationStatus, Verdict, number,
};

use super::SUBJECT;
use crate::app::unit_of_work::{self, Event, UnitOfWork};
use crate::app::{AppError, AppResult};
use crate::domain::program::extension_opens;
use crate::state::AppState;
use crate::store::Scope;
use crate::store::audit::{self, AuditEntry};
use crate::store::outbox::{Message, Recipients};
use crate::store::registrations::{self as store, DecisionUpdate, RegistrationRow};
use crate::store::{opportunities, tiers};

/// A manager's approval or decline, validated.
pub struct Decision {
    pub verdict: Verdict,
    /// Why a registration is declined; `Other` when not given.
    pub reason: Option<DeclineReason>,
    pub rationale: Option<String>,
}

/// Approves (starting the protection window and opening the deal in the pipeline) or declines
/// an undecided registration.
pub async fn decide(state: &AppState, manager: i64, id: i64, decision: Decision) -> AppResult<()> {
    unit_of_work::run(state, async |unit| {
        decide_in(unit, state, manager, id, decision).await
    })
    .await
}

/// A decision as part of a unit of work that may make others.
pub(super) async fn decide_in(
    unit: &mut UnitOfWork,
    state: &AppState,
    manager: i64,
    id: i64,
    decision: Decision,
) -> AppResult<()> {
    let now = unit.now();
    let row = open(unit, id, Scope::Vendor).await?;
    let tier_days = tiers::protection_days(unit.tx(), row.organization_id).await?;
    let (status, reason, ends, action) = match decision.verdict {
        Verdict::Approve => (
            RegistrationStatus::Approved,
            None,
            Some(state.rules.protection_ends(row.motion, tier_days, now)),
            "registration.approved",
        ),
        Verdict::Decline => (
            RegistrationStatus::Declined,
            Some(decision.reason.unwrap_or(DeclineReason::Other)),
            None,
            "registration.declined",
        ),
    };
    let update = DecisionUpdate {
        id,
        status,
        decided_by: manager,
        reason,
        rationale: decision.rationale.as_deref(),
        protection_ends_at: ends,
    };
    if !store::decide(unit.tx(), &update, now).await? {
        return Err(AppError::conflict(format!(
            "{} is {} and can no longer be decided.",
            number(id),
            row.status.label().to_lowercase()
        )));
    }
    if status == RegistrationStatus::Approved
        && let Some(entry) = row.pipeline_entry()
    {
        opportunities::open_from_registration(unit.tx(), &entry, now).await?;
    }
    let what = status.label().to_lowercase();
    record_and_tell(unit, manager, &row, action, &what, decision.rationale);
    let published = match status {
        RegistrationStatus::Approved => WebhookEventType::RegistrationApproved,
        _ => WebhookEventType::RegistrationDeclined,
    };
    unit.publish(Event::Registration(id, published)).await
}

/// The partner takes a registration back: undecided, or approved (ending its protection).
pub async fn withdraw(state: &AppState, user: i64, organization_id: i64, id: i64) -> AppResult<()> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let row = open(unit, id, Scope::Organization(organization_id)).await?;
        if !store::withdraw(unit.tx(), id, organization_id, now).await? {
            return Err(AppError::conflict(format!(
                "{} is {} and cannot be withdrawn.",
                number(id),
                row.status.label().to_lowercase()
            )));
        }
        unit.record(event(user, &row, "registration.withdrawn", None));
        Ok(())
    })
    .await
}

/// The partner asks once, with a justification, for the protection to last longer.
pub async fn request_extension(
    state: &AppState,
    user: i64,
    organization_id: i64,
    id: i64,
    justification: String,
) -> AppResult<()> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let row = open(unit, id, Scope::Organization(organization_id)).await?;
        if !store::request_extension(unit.tx(), id, organization_id, &justification, now).await? {
            return Err(AppError::conflict(if row.extension_status.is_some() {
                "An extension can be asked for once per registration, and this one already was."
                    .to_owned()
            } else if let Some(ends) = row
                .protection_ends_at
                .filter(|_| row.status == RegistrationStatus::Approved)
            {
                let opens = Date::from_unix(extension_opens(ends));
                format!(
                    "An extension can be asked for in the last {EXTENSION_WINDOW_DAYS} days of \
                     protection: for {}, from {opens}.",
                    number(id)
                )
            } else {
                format!(
                    "Only approved registrations can be extended; {} is not.",
                    number(id)
                )
            }));
        }
        let action = "registration.extension_requested";
        unit.record(event(user, &row, action, Some(justification)));
        Ok(())
    })
    .await
}

/// A manager approves (adding the configured extension days) or declines a pending request.
pub async fn decide_extension(
    state: &AppState,
    manager: i64,
    id: i64,
    verdict: Verdict,
    rationale: Option<String>,
) -> AppResult<()> {
    unit_of_work::run(state, async |unit| {
        let row = open(unit, id, Scope::Vendor).await?;
        let no_request =
            || AppError::conflict(format!("{} has no pending extension request.", number(id)));
        let (Some(ends), Some(ExtensionStatus::Requested)) =
            (row.protection_ends_at, row.extension_status)
        else {
            return Err(no_request());
        };
        let (status, new_end, action) = match verdict {
            Verdict::Approve => (
                ExtensionStatus::Approved,
                state.rules.extended(ends),
                "registration.extension_approved",
            ),
            Verdict::Decline => (
                ExtensionStatus::Declined,
                ends,
                "registration.extension_declined",
            ),
        };
        let now = unit.now();
        let decided =
            store::decide_extension(unit.tx(), id, status, rationale.as_deref(), new_end, now);
        if !decided.await? {
            return Err(no_request());
        }
        let what = status.label().to_lowercase();
        record_and_tell(unit, manager, &row, action, &what, rationale);
        Ok(())
    })
    .await
}

/// A manager asks the partner for more information; the registration waits for the answer.
pub async fn ask(state: &AppState, manager: i64, id: i64, question: String) -> AppResult<()> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let row = open(unit, id, Scope::Vendor).await?;
        if !store::ask(unit.tx(), id, &question, now).await? {
            return Err(AppError::conflict(format!(
                "{} is {}; questions can be asked only while it waits for a decision.",
                number(id),
                row.status.label().to_lowercase()
            )));
        }
        let action = "registration.info_requested";
        let what = "question from a partner manager";
        record_and_tell(unit, manager, &row, action, what, Some(question));
        Ok(())
    })
    .await
}

/// The partner answers the manager's question; the registration goes back to the queue.
pub async fn answer(
    state: &AppState,
    user: i64,
    organization_id: i64,
    id: i64,
    answer: String,
) -> AppResult<()> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let row = open(unit, id, Scope::Organization(organization_id)).await?;
        if !store::answered(unit.tx(), id, organization_id, now).await? {
            return Err(AppError::conflict(format!(
                "{} has no open question.",
                number(id)
            )));
        }
        unit.record(event(
            user,
            &row,
            "registration.info_answered",
            Some(answer),
        ));
        Ok(())
    })
    .await
}

/// The registration as the unit of work sees it, if the scope holds it: another
/// organization's registration is not found.
async fn open(unit: &mut UnitOfWork, id: i64, scope: Scope) -> AppResult<RegistrationRow> {
    store::by_id(unit.tx(), id, scope)
        .await?
        .ok_or(AppError::NotFound)
}

fn event(
    actor: i64,
    row: &RegistrationRow,
    action: &'static str,
    rationale: Option<String>,
) -> AuditEntry {
    AuditEntry {
        organization_id: Some(row.organization_id),
        before: audit::state(&serde_json::json!({ "status": row.status })),
        rationale,
        ..AuditEntry::new(Some(actor), action, SUBJECT, Some(row.id))
    }
}

/// The audit record of a manager's action, and the message that tells the partner about it.
fn record_and_tell(
    unit: &mut UnitOfWork,
    manager: i64,
    row: &RegistrationRow,
    action: &'static str,
    what: &str,
    text: Option<String>,
) {
    let message = Message {
        category: Category::RegistrationDecision,
        to: Recipients::Organization(Some(row.organization_id)),
        registration_id: Some(row.id),
        subject: format!("{} {what}: {}", number(row.id), row.company_name),
        body: text.clone().unwrap_or_default(),
        link: Some(format!("/registrations/{}", row.id)),
    };
    unit.record(event(manager, row, action, text));
    unit.notify(message);
}
