//! The registration clock: protection ends, partners are reminded a week before, and late
//! approvals are flagged. Each step claims its rows with one `UPDATE … RETURNING`, so a row is
//! handled once even with several instances, and a pass repeated changes nothing.

use portico_api::date::Date;
use portico_api::integrations::WebhookEventType;
use portico_api::notifications::Category;
use portico_api::registrations::number;

use super::SUBJECT;
use crate::app::AppResult;
use crate::app::unit_of_work::{self, Event, UnitOfWork};
use crate::state::AppState;
use crate::store::audit::AuditEntry;
use crate::store::outbox::{Message, Recipients};
use crate::store::registrations::{self as store, TimerRow};

/// Ends the protection that ran out, reminds partners whose protection ends within a week, and
/// flags approvals past the SLA, in one unit of work.
pub async fn run_due(state: &AppState) -> AppResult<()> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        for row in store::expire_due(unit.tx(), now).await? {
            let body =
                "Its protection has ended. Register it again if the opportunity is still open.";
            record(
                unit,
                &row,
                "registration.expired",
                Category::ProtectionReminder,
                "protection ended",
                body.to_owned(),
            );
            let expired = WebhookEventType::RegistrationExpired;
            unit.publish(Event::Registration(row.id, expired)).await?;
        }
        for row in store::remind_due(unit.tx(), now, state.rules.remind_until(now)).await? {
            let ends = row
                .protection_ends_at
                .map(Date::from_unix)
                .map(|d| d.to_string())
                .unwrap_or_default();
            let body = format!(
                "Its protection ends on {ends}. Ask for an extension if the deal needs more time."
            );
            record(
                unit,
                &row,
                "registration.reminded",
                Category::ProtectionReminder,
                "protection ends soon",
                body,
            );
        }
        for row in store::flag_late(unit.tx(), now).await? {
            let body = "It has waited longer than the approval SLA.";
            record(
                unit,
                &row,
                "registration.sla_breached",
                Category::ApprovalSla,
                "not decided in time",
                body.to_owned(),
            );
        }
        Ok(())
    })
    .await
}

/// The audit record and the outbox message of one timer event. SLA messages go to managers
/// (no organization); the others to the registering partner.
fn record(
    unit: &mut UnitOfWork,
    row: &TimerRow,
    action: &'static str,
    category: Category,
    what: &str,
    body: String,
) {
    unit.record(AuditEntry {
        organization_id: Some(row.organization_id),
        ..AuditEntry::new(None, action, SUBJECT, Some(row.id))
    });
    let for_partner = category != Category::ApprovalSla;
    let link = if for_partner {
        format!("/registrations/{}", row.id)
    } else {
        format!("/manage/registrations/{}", row.id)
    };
    unit.notify(Message {
        category,
        to: Recipients::Organization(for_partner.then_some(row.organization_id)),
        registration_id: Some(row.id),
        subject: format!("{} {what}: {}", number(row.id), row.company_name),
        body,
        link: Some(link),
    });
}
