//! The notification outbox: messages written in the same transaction as the event behind them,
//! delivered later (and shown in the portal meanwhile).

use portico_api::notifications::{Category, Notification};
use sqlx::FromRow;

use crate::clock::{Timestamp, rfc3339};
use crate::domain::sealed::Sealer;
use crate::store::StoreError;
use crate::store::sql::{self, Conn, Pool};

/// One message, owned, so a unit of work can collect it and write it when it commits.
pub struct Message {
    pub category: Category,
    pub to: Recipients,
    pub registration_id: Option<i64>,
    pub subject: String,
    pub body: String,
    /// Where the message's button leads: a path inside the portal.
    pub link: Option<String>,
}

/// Who a message is for; each kind fans out to its own e-mail and Slack deliveries.
pub enum Recipients {
    /// The people of a partner organization and its Slack channel, or vendor staff when
    /// `None`; the message is also shown in their feed.
    Organization(Option<i64>),
    /// The people of the organizations an announcement reached and their Slack channels.
    /// An announcement that must be acknowledged reaches everyone by e-mail.
    Announcement { id: i64, requires_ack: bool },
    /// Those an announcement reached who have not acknowledged it, by e-mail.
    Unacknowledged { announcement_id: i64 },
    /// One address, a user's or an invitee's.
    Address { email: String, user_id: Option<i64> },
}

/// Writes the message and its deliveries, in the caller's transaction; answers how many
/// deliveries it made.
pub async fn enqueue(
    tx: &mut Conn,
    sealer: &Sealer,
    message: &Message,
    now_ms: i64,
) -> Result<u64, StoreError> {
    let (organization_id, announcement_id, user_id, email) = match &message.to {
        Recipients::Organization(organization_id) => (*organization_id, None, None, None),
        Recipients::Announcement { id, .. } => (None, Some(*id), None, None),
        Recipients::Unacknowledged { announcement_id } => {
            (None, Some(*announcement_id), None, None)
        }
        Recipients::Address { email, user_id } => (None, None, *user_id, Some(email.as_str())),
    };
    let (id,): (i64,) = sql::query_as(
        "INSERT INTO outbox (created_at, category, organization_id, registration_id, subject, \
         body, user_id, email, announcement_id, link_sealed) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(now_ms / 1000)
    .bind(message.category.as_str())
    .bind(organization_id)
    .bind(message.registration_id)
    .bind(message.subject.as_str())
    .bind(message.body.as_str())
    .bind(user_id)
    .bind(email)
    .bind(announcement_id)
    .bind(message.link.as_deref().map(|link| sealer.seal(link)))
    .fetch_one(&mut *tx)
    .await?;
    fan_out(tx, id, message, now_ms).await
}

const EMAIL_TO_USERS: &str = "INSERT INTO outbox_deliveries (message_id, channel, user_id, email, \
     state, attempts, created_at_ms, next_attempt_at_ms) \
     SELECT $1, 'email', u.id, u.email, 'pending', 0, $2, $2 FROM users u \
     WHERE u.deactivated_at IS NULL";

const SLACK_CHANNELS: &str = "INSERT INTO outbox_deliveries (message_id, channel, \
     organization_id, state, attempts, created_at_ms, next_attempt_at_ms) \
     SELECT $1, 'slack', s.organization_id, 'pending', 0, $2, $2 FROM slack_channels s \
     WHERE EXISTS (SELECT 1 FROM users u WHERE u.organization_id = s.organization_id \
     AND u.deactivated_at IS NULL AND NOT EXISTS (SELECT 1 FROM notification_opt_outs o \
     WHERE o.user_id = u.id AND o.category = $3 AND o.channel = 'slack'))";

const WANTS_EMAIL: &str = "AND NOT EXISTS (SELECT 1 FROM notification_opt_outs o \
     WHERE o.user_id = u.id AND o.category = $3 AND o.channel = 'email')";
/// Keeps `$3` in use where opt-outs do not apply, so every variant binds the same values.
const MUST_EMAIL: &str = "AND $3 <> ''";
const AUDIENCE: &str =
    "(SELECT organization_id FROM announcement_organizations WHERE announcement_id = $4)";

/// Writes the message's deliveries: e-mail to each person who wants this category by e-mail
/// (or must get it), and a post to each Slack channel one of its people wants it in.
pub async fn fan_out(
    tx: &mut Conn,
    message_id: i64,
    message: &Message,
    now_ms: i64,
) -> Result<u64, StoreError> {
    let (key, email_sql, slack_sql) = match &message.to {
        Recipients::Address { email, user_id } => {
            let category = message.category.as_str();
            return address(tx, message_id, (email, *user_id), category, now_ms).await;
        }
        Recipients::Organization(Some(id)) => (
            *id,
            format!("{EMAIL_TO_USERS} AND u.organization_id = $4 {WANTS_EMAIL}"),
            Some(format!("{SLACK_CHANNELS} AND s.organization_id = $4")),
        ),
        Recipients::Organization(None) => (
            0,
            format!("{EMAIL_TO_USERS} AND u.organization_id IS NULL AND $4 = 0 {WANTS_EMAIL}"),
            None,
        ),
        Recipients::Announcement { id, requires_ack } => (
            *id,
            format!(
                "{EMAIL_TO_USERS} AND u.organization_id IN {AUDIENCE} {}",
                if *requires_ack {
                    MUST_EMAIL
                } else {
                    WANTS_EMAIL
                }
            ),
            Some(format!(
                "{SLACK_CHANNELS} AND s.organization_id IN {AUDIENCE}"
            )),
        ),
        Recipients::Unacknowledged { announcement_id } => (
            *announcement_id,
            format!(
                "{EMAIL_TO_USERS} AND u.organization_id IN {AUDIENCE} {MUST_EMAIL} \
                 AND NOT EXISTS (SELECT 1 FROM announcement_receipts r \
                 WHERE r.announcement_id = $4 AND r.user_id = u.id \
                 AND r.acknowledged_at IS NOT NULL)"
            ),
            None,
        ),
    };
    let mut made = 0;
    for sql in std::iter::once(email_sql).chain(slack_sql) {
        made += sql::query(sqlx::AssertSqlSafe(sql))
            .bind(message_id)
            .bind(now_ms)
            .bind(message.category.as_str())
            .bind(key)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    }
    Ok(made)
}

async fn address(
    tx: &mut Conn,
    message_id: i64,
    (email, user_id): (&str, Option<i64>),
    category: &str,
    now_ms: i64,
) -> Result<u64, StoreError> {
    // Only choosable categories can hold an opt-out, so sign-in links and invitations always go.
    let done = sql::query(
        "INSERT INTO outbox_deliveries (message_id, channel, user_id, email, state, attempts, \
         created_at_ms, next_attempt_at_ms) SELECT $1, 'email', $3, $4, 'pending', 0, $2, $2 \
         WHERE NOT EXISTS (SELECT 1 FROM notification_opt_outs o WHERE o.user_id = $3 \
         AND o.category = $5 AND o.channel = 'email')",
    )
    .bind(message_id)
    .bind(now_ms)
    .bind(user_id)
    .bind(email)
    .bind(category)
    .execute(tx)
    .await?;
    Ok(done.rows_affected())
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
    db: &Pool,
    organization_id: Option<i64>,
    before_id: i64,
    limit: u32,
) -> Result<Vec<MessageRow>, StoreError> {
    let query = match organization_id {
        Some(id) => sql::query_as(
            "SELECT id, category, subject, body, registration_id, created_at FROM outbox \
             WHERE organization_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
        )
        .bind(id),
        None => sql::query_as(
            "SELECT id, category, subject, body, registration_id, created_at FROM outbox \
             WHERE organization_id IS NULL AND user_id IS NULL AND email IS NULL \
             AND announcement_id IS NULL AND id < $1 ORDER BY id DESC LIMIT $2",
        ),
    };
    Ok(query
        .bind(if before_id > 0 { before_id } else { i64::MAX })
        .bind(i64::from(limit) + 1)
        .fetch_all(db)
        .await?)
}
