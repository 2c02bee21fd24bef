//! Announcements: composed, scheduled, edited and reminded about by managers, published to the
//! organizations they reach once their time has come, read and acknowledged by partners.

use portico_api::announcements::ManagerAnnouncement;
use portico_api::notifications::Category;

use crate::app::unit_of_work::{self, UnitOfWork};
use crate::app::{AppError, AppResult};
use crate::state::AppState;
use crate::store::announcements::{self as store, AnnouncementRow, Draft};
use crate::store::audit::{self, AuditEntry};
use crate::store::outbox::{Message, Recipients};

const SUBJECT: &str = "announcement";

/// Composes an announcement; one due now reaches its audience at once. Answers it.
pub async fn create(
    state: &AppState,
    manager: i64,
    draft: &Draft<'_>,
) -> AppResult<ManagerAnnouncement> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let id = store::insert(unit.tx(), draft, manager, now).await?;
        publish_due(unit).await?;
        let created = existing(unit, id).await?.into_view();
        unit.record(entry(
            manager,
            "announcement.created",
            id,
            None,
            Some(&created),
        ));
        Ok(created)
    })
    .await
}

/// Edits an announcement, keeping every version. Once published, its audience and whether it
/// must be acknowledged are fixed. Answers it as it now is.
pub async fn edit(
    state: &AppState,
    manager: i64,
    id: i64,
    draft: &Draft<'_>,
) -> AppResult<ManagerAnnouncement> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let before = existing(unit, id).await?.into_view();
        if before.published_at.is_some()
            && (&before.audience != draft.audience || before.requires_ack != draft.requires_ack)
        {
            return Err(AppError::conflict(
                "It is published: its audience and acknowledgment stay as they were. Publish a \
                 new announcement to reach others.",
            ));
        }
        store::update(unit.tx(), id, draft, manager, now).await?;
        publish_due(unit).await?;
        let after = existing(unit, id).await?.into_view();
        let action = "announcement.edited";
        unit.record(entry(manager, action, id, Some(&before), Some(&after)));
        Ok(after)
    })
    .await
}

/// E-mails a reminder to exactly the people who have not acknowledged yet; answers how many.
pub async fn remind(state: &AppState, manager: i64, id: i64) -> AppResult<u64> {
    unit_of_work::run(state, async |unit| {
        let row = existing(unit, id).await?;
        if row.published_at.is_none() || !row.requires_ack {
            return Err(AppError::conflict(
                "Only a published announcement that must be acknowledged has anyone to remind.",
            ));
        }
        let message = Message {
            category: Category::Announcement,
            to: Recipients::Unacknowledged {
                announcement_id: id,
            },
            registration_id: None,
            subject: format!("Reminder: please acknowledge “{}”", row.title),
            body: row.body.clone(),
            link: Some(format!("/announcements/{id}")),
        };
        let reminded = unit.notify_now(&message).await?;
        unit.record(AuditEntry {
            after: audit::state(&serde_json::json!({ "reminded": reminded })),
            ..AuditEntry::new(Some(manager), "announcement.reminded", SUBJECT, Some(id))
        });
        Ok(reminded)
    })
    .await
}

/// Publishes what is due, for the scheduler; answers how many announcements were published.
pub async fn publish_scheduled(state: &AppState) -> AppResult<usize> {
    unit_of_work::run(state, async |unit| Ok(publish_due(unit).await?.len())).await
}

/// Publishes every announcement whose time has come: each reaches the organizations that
/// match now, by a message in the outbox. Answers the ids published.
async fn publish_due(unit: &mut UnitOfWork) -> AppResult<Vec<i64>> {
    let now = unit.now();
    let due = store::claim_due(unit.tx(), now).await?;
    for announcement in &due {
        let message = Message {
            category: Category::Announcement,
            to: Recipients::Announcement {
                id: announcement.id,
                requires_ack: announcement.requires_ack,
            },
            registration_id: None,
            subject: announcement.title.clone(),
            body: announcement.body.clone(),
            link: Some(format!("/announcements/{}", announcement.id)),
        };
        let deliveries = unit.notify_now(&message).await?;
        unit.record(AuditEntry {
            after: audit::state(&serde_json::json!({ "deliveries": deliveries })),
            ..AuditEntry::new(
                None,
                "announcement.published",
                SUBJECT,
                Some(announcement.id),
            )
        });
    }
    Ok(due.into_iter().map(|a| a.id).collect())
}

/// Records that a partner opened the announcement; the first time counts.
pub async fn mark_read(
    state: &AppState,
    user: i64,
    organization_id: i64,
    id: i64,
) -> AppResult<()> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        Ok(store::mark_read(unit.tx(), id, user, organization_id, now).await?)
    })
    .await
}

/// Records a partner's acknowledgment, once.
pub async fn acknowledge(
    state: &AppState,
    user: i64,
    organization_id: i64,
    id: i64,
) -> AppResult<()> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        if store::acknowledge(unit.tx(), id, user, organization_id, now).await? {
            unit.record(AuditEntry {
                organization_id: Some(organization_id),
                ..AuditEntry::new(Some(user), "announcement.acknowledged", SUBJECT, Some(id))
            });
        }
        Ok(())
    })
    .await
}

async fn existing(unit: &mut UnitOfWork, id: i64) -> AppResult<AnnouncementRow> {
    store::by_id(unit.tx(), id).await?.ok_or(AppError::NotFound)
}

/// A manager's change; vendor staff belong to no organization.
fn entry(
    manager: i64,
    action: &'static str,
    id: i64,
    before: Option<&ManagerAnnouncement>,
    after: Option<&ManagerAnnouncement>,
) -> AuditEntry {
    AuditEntry {
        before: before.and_then(audit::state),
        after: after.and_then(audit::state),
        ..AuditEntry::new(Some(manager), action, SUBJECT, Some(id))
    }
}
