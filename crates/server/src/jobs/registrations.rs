//! The registration clock: protection ends, partners are reminded a week before, and late
//! approvals are flagged. Each step claims its rows with one `UPDATE … RETURNING`, so a row is
//! handled once even with several instances, and a pass repeated changes nothing.

use portico_api::date::Date;
use portico_api::integrations::WebhookEventType;
use portico_api::notifications::Category;
use portico_api::registrations::number;

use crate::state::AppState;
use crate::store::StoreError;
use crate::store::audit::{self, AuditEntry};
use crate::store::outbox::{self, Message, Recipients};
use crate::store::registrations::{self as store, TimerRow};
use crate::store::webhooks;

pub async fn run_once(state: &AppState) -> Result<(), StoreError> {
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    for row in store::expire_due(&mut *tx, now).await? {
        let body = "Its protection has ended. Register it again if the opportunity is still open.";
        record(
            &mut tx,
            &row,
            "registration.expired",
            Category::ProtectionReminder,
            "protection ended",
            body,
            state,
        )
        .await?;
        webhooks::publish_registration(
            &mut tx,
            row.id,
            WebhookEventType::RegistrationExpired,
            state.now_ms(),
        )
        .await?;
    }
    for row in store::remind_due(&mut *tx, now, state.rules.remind_until(now)).await? {
        let ends = row
            .protection_ends_at
            .map(Date::from_unix)
            .map(|d| d.to_string())
            .unwrap_or_default();
        let body = format!(
            "Its protection ends on {ends}. Ask for an extension if the deal needs more time."
        );
        record(
            &mut tx,
            &row,
            "registration.reminded",
            Category::ProtectionReminder,
            "protection ends soon",
            &body,
            state,
        )
        .await?;
    }
    for row in store::flag_late(&mut *tx, now).await? {
        let body = "It has waited longer than the approval SLA.";
        record(
            &mut tx,
            &row,
            "registration.sla_breached",
            Category::ApprovalSla,
            "not decided in time",
            body,
            state,
        )
        .await?;
    }
    tx.commit().await?;
    state.webhook_signal.notify_one();
    Ok(())
}

/// The audit record and the outbox message of one timer event. SLA messages go to managers
/// (no organization); the others to the registering partner.
async fn record(
    tx: &mut sqlx::AnyConnection,
    row: &TimerRow,
    action: &'static str,
    category: Category,
    what: &str,
    body: &str,
    state: &AppState,
) -> Result<(), StoreError> {
    let now = state.now();
    let entry = AuditEntry {
        actor_user_id: None,
        action,
        subject_type: "registration",
        subject_id: Some(row.id),
        organization_id: Some(row.organization_id),
        before: None,
        after: None,
        rationale: None,
    };
    audit::record(&mut *tx, &entry, now).await?;
    let for_partner = category != Category::ApprovalSla;
    let subject = format!("{} {what}: {}", number(row.id), row.company_name);
    let link = if for_partner {
        format!("/registrations/{}", row.id)
    } else {
        format!("/manage/registrations/{}", row.id)
    };
    let message = Message {
        category,
        to: Recipients::Organization(for_partner.then_some(row.organization_id)),
        registration_id: Some(row.id),
        subject: subject.clone(),
        body: body.to_owned(),
        link: Some(link.clone()),
    };
    outbox::enqueue(&mut *tx, &state.sealer, &message, state.now_ms()).await?;
    Ok(())
}
