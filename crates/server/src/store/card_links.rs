//! Recorded card links: who made a signed link to which deal's card, until when, and whether
//! it was revoked. Opening a link with an id (`lid`) looks it up here.

use portico_api::card_links::{IssuedCardLink, Revocation};
use portico_api::integrations::{CardSubject, CrmSystem};
use sqlx::FromRow;

use crate::clock::{Timestamp, rfc3339};
use crate::store::StoreError;
use crate::store::sql::{self, Conn, Pool};

/// A link about to be signed.
pub struct NewCardLink {
    pub system: CrmSystem,
    pub subject: CardSubject,
    pub issued_by: i64,
    pub issued_at: Timestamp,
    pub expires_at: Timestamp,
}

fn subject_parts(subject: CardSubject) -> (&'static str, i64) {
    match subject {
        CardSubject::Opportunity(id) => ("opportunity", id),
        CardSubject::Registration(id) => ("registration", id),
    }
}

/// Records the link and answers its id, which the URL's signature then covers.
pub async fn insert(tx: &mut Conn, link: &NewCardLink) -> Result<i64, StoreError> {
    let (subject_type, subject_id) = subject_parts(link.subject);
    Ok(sql::query_scalar(
        "INSERT INTO card_links (system, subject_type, subject_id, issued_by, issued_at, \
         expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(link.system.as_str())
    .bind(subject_type)
    .bind(subject_id)
    .bind(link.issued_by)
    .bind(link.issued_at)
    .bind(link.expires_at)
    .fetch_one(tx)
    .await?)
}

/// What opening a link needs to know about it.
#[derive(Debug, Clone, FromRow)]
pub struct LinkStatus {
    pub system: CrmSystem,
    pub revoked_at: Option<Timestamp>,
}

pub async fn status(db: &Pool, id: i64) -> Result<Option<LinkStatus>, StoreError> {
    Ok(
        sql::query_as("SELECT system, revoked_at FROM card_links WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?,
    )
}

/// One link as the list shows it, with the names of the people and the customer.
#[derive(Debug, Clone, FromRow)]
pub struct CardLinkRow {
    pub id: i64,
    pub system: CrmSystem,
    pub subject_type: String,
    pub subject_id: i64,
    pub subject_name: Option<String>,
    pub issued_by: String,
    pub issued_at: Timestamp,
    pub expires_at: Timestamp,
    pub revoked_at: Option<Timestamp>,
    pub revoked_by: Option<String>,
    pub revoke_rationale: Option<String>,
}

impl CardLinkRow {
    pub fn into_view(self, now: Timestamp) -> Result<IssuedCardLink, StoreError> {
        let CardLinkRow {
            id,
            system,
            subject_type,
            subject_id,
            subject_name,
            issued_by,
            issued_at,
            expires_at,
            revoked_at,
            revoked_by,
            revoke_rationale,
        } = self;
        let unknown =
            |what: &str, value: &str| StoreError::Unreadable(format!("unknown {what} {value}"));
        let subject = match subject_type.as_str() {
            "opportunity" => CardSubject::Opportunity(subject_id),
            "registration" => CardSubject::Registration(subject_id),
            other => return Err(unknown("card subject", other)),
        };
        Ok(IssuedCardLink {
            id,
            system,
            subject,
            subject_name,
            issued_by,
            issued_at: rfc3339(issued_at),
            expires_at: rfc3339(expires_at),
            expired: expires_at < now,
            revoked: revoked_at.map(|at| Revocation {
                at: rfc3339(at),
                by: revoked_by.unwrap_or_default(),
                rationale: revoke_rationale,
            }),
        })
    }
}

const LISTED: &str = "SELECT l.id, l.system, l.subject_type, l.subject_id, \
    COALESCE(o.customer_name, r.company_name) AS subject_name, i.name AS issued_by, \
    l.issued_at, l.expires_at, l.revoked_at, v.name AS revoked_by, l.revoke_rationale \
    FROM card_links l JOIN users i ON i.id = l.issued_by \
    LEFT JOIN users v ON v.id = l.revoked_by \
    LEFT JOIN opportunities o ON l.subject_type = 'opportunity' AND o.id = l.subject_id \
    LEFT JOIN registrations r ON l.subject_type = 'registration' AND r.id = l.subject_id";

/// One system's links, newest first, with ids below `before_id` (0: from the newest).
pub async fn page(
    db: &Pool,
    system: CrmSystem,
    before_id: i64,
    limit: u32,
) -> Result<Vec<CardLinkRow>, StoreError> {
    Ok(sql::query_as(sqlx::AssertSqlSafe(format!(
        "{LISTED} WHERE l.system = $1 AND l.id < $2 ORDER BY l.id DESC LIMIT $3"
    )))
    .bind(system.as_str())
    .bind(if before_id > 0 { before_id } else { i64::MAX })
    .bind(i64::from(limit) + 1)
    .fetch_all(db)
    .await?)
}

pub async fn get(
    tx: &mut Conn,
    system: CrmSystem,
    id: i64,
) -> Result<Option<CardLinkRow>, StoreError> {
    Ok(sql::query_as(sqlx::AssertSqlSafe(format!(
        "{LISTED} WHERE l.system = $1 AND l.id = $2"
    )))
    .bind(system.as_str())
    .bind(id)
    .fetch_optional(tx)
    .await?)
}

/// Revokes the link unless it already is; true when this call revoked it.
pub async fn revoke(
    tx: &mut Conn,
    system: CrmSystem,
    id: i64,
    by: i64,
    rationale: Option<&str>,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let done = sql::query(
        "UPDATE card_links SET revoked_at = $3, revoked_by = $4, revoke_rationale = $5 \
         WHERE system = $1 AND id = $2 AND revoked_at IS NULL",
    )
    .bind(system.as_str())
    .bind(id)
    .bind(now)
    .bind(by)
    .bind(rationale)
    .execute(tx)
    .await?;
    Ok(done.rows_affected() == 1)
}
