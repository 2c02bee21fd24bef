//! The notification outbox: messages written in the same transaction as the event behind them,
//! delivered later (and shown in the portal meanwhile).

use portico_api::notifications::{Category, Notification};
use sqlx::{AnyConnection, AnyPool, FromRow};

use crate::clock::{Timestamp, rfc3339};
use crate::domain::sealed::Sealer;

pub struct Message<'a> {
    pub category: Category,
    pub to: Recipients<'a>,
    pub registration_id: Option<i64>,
    pub subject: &'a str,
    pub body: &'a str,
    /// Where the message's button leads: a path inside the portal.
    pub link: Option<&'a str>,
}

/// Who a message is for; each kind fans out to its own e-mail and Slack deliveries.
pub enum Recipients<'a> {
    /// The people of a partner organization and its Slack channel, or vendor staff when
    /// `None`; the message is also shown in their feed.
    Organization(Option<i64>),
    /// The people of the organizations an announcement reached and their Slack channels.
    /// An announcement that must be acknowledged reaches everyone by e-mail.
    Announcement { id: i64, requires_ack: bool },
    /// Those an announcement reached who have not acknowledged it, by e-mail.
    Unacknowledged { announcement_id: i64 },
    /// One address, a user's or an invitee's.
    Address {
        email: &'a str,
        user_id: Option<i64>,
    },
}

/// Writes the message and its deliveries, in the caller's transaction; answers how many
/// deliveries it made.
pub async fn enqueue(
    tx: &mut AnyConnection,
    sealer: &Sealer,
    message: &Message<'_>,
    now_ms: i64,
) -> Result<u64, sqlx::Error> {
    let (organization_id, announcement_id, user_id, email) = match message.to {
        Recipients::Organization(organization_id) => (organization_id, None, None, None),
        Recipients::Announcement { id, .. } => (None, Some(id), None, None),
        Recipients::Unacknowledged { announcement_id } => (None, Some(announcement_id), None, None),
        Recipients::Address { email, user_id } => (None, None, user_id, Some(email)),
    };
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO outbox (created_at, category, organization_id, registration_id, subject, \
         body, user_id, email, announcement_id, link_sealed) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(now_ms / 1000)
    .bind(message.category.as_str())
    .bind(organization_id)
    .bind(message.registration_id)
    .bind(message.subject)
    .bind(message.body)
    .bind(user_id)
    .bind(email)
    .bind(announcement_id)
    .bind(message.link.map(|link| sealer.seal(link)))
    .fetch_one(&mut *tx)
    .await?;
    super::deliveries::fan_out(tx, id, message, now_ms).await
}

#[derive(Debug, Clone, FromRow)]
pub struct MessageRow {
    pub id: i64,
    pub category: String,
    pub subject: String,
    pub body: String,
    pub registration_id: Option<i64>,
    pub created_at: Timestamp,
}

impl MessageRow {
    pub fn into_view(self) -> Notification {
        let MessageRow {
            id,
            category,
            subject,
            body,
            registration_id,
            created_at,
        } = self;
        Notification {
            id,
            category,
            subject,
            body,
            registration_id,
            created_at: rfc3339(created_at),
        }
    }
}

/// The feed of one organization, or of vendor staff when `None`, newest first: messages for
/// one person or about an announcement are not in it.
pub async fn page(
    db: &AnyPool,
    organization_id: Option<i64>,
    before_id: i64,
    limit: u32,
) -> Result<Vec<MessageRow>, sqlx::Error> {
    let query = match organization_id {
        Some(id) => sqlx::query_as(
            "SELECT id, category, subject, body, registration_id, created_at FROM outbox \
             WHERE organization_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
        )
        .bind(id),
        None => sqlx::query_as(
            "SELECT id, category, subject, body, registration_id, created_at FROM outbox \
             WHERE organization_id IS NULL AND user_id IS NULL AND email IS NULL \
             AND announcement_id IS NULL AND id < $1 ORDER BY id DESC LIMIT $2",
        ),
    };
    query
        .bind(if before_id > 0 { before_id } else { i64::MAX })
        .bind(i64::from(limit) + 1)
        .fetch_all(db)
        .await
}
