//! What a CRM card shows about one deal: read for vendor staff (the CRM's users), so it may
//! name the partner and the competing claim, but never pricing or internal notes.

use sqlx::FromRow;

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Pool};

#[derive(Debug, Clone, FromRow)]
pub struct CardRow {
    pub opportunity_id: Option<i64>,
    pub registration_id: Option<i64>,
    pub customer_name: String,
    pub motion: String,
    pub organization_name: String,
    pub tier: String,
    pub stage: Option<String>,
    pub next_step: Option<String>,
    pub next_step_due: Option<String>,
    pub partner_role: Option<String>,
    pub attribution_percent: Option<i64>,
    pub registration_status: Option<String>,
    pub protection_ends_at: Option<Timestamp>,
    pub conflict: Option<String>,
    /// The partner's last note on the deal, or its registration when there is none.
    pub last_partner_activity_at: Option<Timestamp>,
}

const COLUMNS: &str = "o.id AS opportunity_id, r.id AS registration_id, \
    COALESCE(o.customer_name, r.company_name) AS customer_name, \
    COALESCE(o.motion, r.motion) AS motion, g.name AS organization_name, g.tier, o.stage, \
    o.next_step, o.next_step_due, COALESCE(o.partner_role, r.partner_role) AS partner_role, \
    o.attribution_percent, r.status AS registration_status, r.protection_ends_at, r.conflict, \
    COALESCE((SELECT MAX(n.created_at) FROM opportunity_notes n \
      WHERE n.opportunity_id = o.id AND n.side = 'partner'), r.submitted_at) \
      AS last_partner_activity_at";

pub async fn of_opportunity(db: &Pool, id: i64) -> Result<Option<CardRow>, StoreError> {
    Ok(sql::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM opportunities o \
         JOIN organizations g ON g.id = o.organization_id \
         LEFT JOIN registrations r ON r.id = o.registration_id WHERE o.id = $1"
    )))
    .bind(id)
    .fetch_optional(db)
    .await?)
}

/// Leads have no card: they never become deals.
pub async fn of_registration(db: &Pool, id: i64) -> Result<Option<CardRow>, StoreError> {
    Ok(sql::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM registrations r \
         JOIN organizations g ON g.id = r.organization_id \
         LEFT JOIN opportunities o ON o.registration_id = r.id \
         WHERE r.id = $1 AND r.kind = 'deal'"
    )))
    .bind(id)
    .fetch_optional(db)
    .await?)
}
