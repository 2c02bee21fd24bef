//! What a person wants to hear about and where: their categories by e-mail and Slack, the
//! one-click unsubscribe from an e-mail, and an organization's Slack channel. Every change is
//! audited; the channel's URL is kept sealed.

use portico_api::notifications::{Category, Channel, ChannelChoice};

use crate::app::unit_of_work::{self, UnitOfWork};
use crate::app::{AppError, AppResult};
use crate::clock::Timestamp;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::organizations;
use crate::store::preferences::{self as store, NewSlack};

/// Whose preferences change.
pub struct Person {
    pub user_id: i64,
    pub organization_id: Option<i64>,
}

/// Sets the person's choices, each category by e-mail and by Slack.
pub async fn set_choices(
    state: &AppState,
    person: &Person,
    choices: &[ChannelChoice],
) -> AppResult<()> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        for choice in choices {
            for (channel, on) in [
                (Channel::Email, choice.email),
                (Channel::Slack, choice.slack),
            ] {
                let category = choice.category.as_str();
                store::set(
                    unit.tx(),
                    person.user_id,
                    category,
                    channel.as_str(),
                    on,
                    now,
                )
                .await?;
            }
        }
        unit.record(AuditEntry {
            organization_id: person.organization_id,
            after: audit::state(&choices),
            ..AuditEntry::new(
                Some(person.user_id),
                "notification_preferences.changed",
                "user",
                Some(person.user_id),
            )
        });
        Ok(())
    })
    .await
}

/// Turns off one category's e-mail, from the signed link in an e-mail.
pub async fn unsubscribe(state: &AppState, person: &Person, category: Category) -> AppResult<()> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        store::set(
            unit.tx(),
            person.user_id,
            category.as_str(),
            "email",
            false,
            now,
        )
        .await?;
        unit.record(AuditEntry {
            organization_id: person.organization_id,
            after: audit::state(&serde_json::json!({ "category": category, "email": false })),
            ..AuditEntry::new(
                Some(person.user_id),
                "notification_preferences.unsubscribed",
                "user",
                Some(person.user_id),
            )
        });
        Ok(())
    })
    .await
}

/// Connects (or replaces) the organization's Slack incoming webhook; answers when.
pub async fn connect_slack(
    state: &AppState,
    user: i64,
    organization_id: i64,
    url: &str,
    hint: &str,
) -> AppResult<Timestamp> {
    let url_sealed = state.sealer.seal(url);
    unit_of_work::run(state, async |unit| {
        if !organizations::exists(unit.tx(), organization_id).await? {
            return Err(AppError::NotFound);
        }
        let now = unit.now();
        let new = NewSlack {
            organization_id,
            url_sealed: &url_sealed,
            url_hint: hint,
            updated_by: user,
        };
        store::connect_slack(unit.tx(), &new, now).await?;
        record_slack(
            unit,
            user,
            organization_id,
            "slack_channel.connected",
            Some(hint),
        );
        Ok(now)
    })
    .await
}

/// Disconnects the organization's Slack channel; posts still waiting for it fail.
pub async fn disconnect_slack(state: &AppState, user: i64, organization_id: i64) -> AppResult<()> {
    unit_of_work::run(state, async |unit| {
        if !store::disconnect_slack(unit.tx(), organization_id).await? {
            return Err(AppError::NotFound);
        }
        record_slack(
            unit,
            user,
            organization_id,
            "slack_channel.disconnected",
            None,
        );
        Ok(())
    })
    .await
}

fn record_slack(
    unit: &mut UnitOfWork,
    user: i64,
    organization_id: i64,
    action: &'static str,
    hint: Option<&str>,
) {
    unit.record(AuditEntry {
        organization_id: Some(organization_id),
        after: hint.and_then(|h| audit::state(&serde_json::json!({ "url_hint": h }))),
        ..AuditEntry::new(Some(user), action, "organization", Some(organization_id))
    });
}
