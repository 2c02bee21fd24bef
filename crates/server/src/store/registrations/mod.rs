//! Deal and lead registrations. Reads that a partner can reach take the caller's organization
//! as a bound parameter, so another organization's row is simply not found.

use std::sync::LazyLock;

use portico_api::organizations::Motion;
use portico_api::registrations::{
    ConflictLevel, DeclineReason, ExtensionStatus, PartnerRole, Product, RegistrationKind,
    RegistrationStatus,
};
use sqlx::FromRow;

use crate::clock::Timestamp;
use crate::store::Scope;
use crate::store::StoreError;
use crate::store::sql::{self, Builder, Conn, Exec, Pool};

#[derive(Debug, Clone, FromRow)]
pub struct RegistrationRow {
    pub id: i64,
    pub organization_id: i64,
    pub organization_name: String,
    pub submitter_name: String,
    pub kind: RegistrationKind,
    pub company_name: String,
    pub company_domain: String,
    pub name_key: String,
    pub domain_key: Option<String>,
    pub country: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_title: Option<String>,
    pub motion: Motion,
    pub estimated_value: Option<i64>,
    pub currency: Option<String>,
    pub expected_close: Option<String>,
    pub description: String,
    pub partner_role: PartnerRole,
    pub status: RegistrationStatus,
    pub conflict: ConflictLevel,
    pub submitted_at: Timestamp,
    pub decide_by: Timestamp,
    pub decided_at: Option<Timestamp>,
    pub decline_reason: Option<DeclineReason>,
    pub decision_rationale: Option<String>,
    pub protection_ends_at: Option<Timestamp>,
    pub info_question: Option<String>,
    pub extension_status: Option<ExtensionStatus>,
    pub extension_justification: Option<String>,
    pub extension_requested_at: Option<Timestamp>,
    pub extension_rationale: Option<String>,
}

macro_rules! select_registration {
    ($tail:literal) => {
        concat!(
            "SELECT r.id, r.organization_id, o.name AS organization_name, r.submitter_name, r.kind, \
             r.company_name, r.company_domain, r.name_key, r.domain_key, r.country, r.contact_name, \
             r.contact_email, r.contact_title, r.motion, r.estimated_value, r.currency, \
             r.expected_close, r.description, r.partner_role, r.status, r.conflict, r.submitted_at, \
             r.decide_by, r.decided_at, r.decline_reason, r.decision_rationale, \
             r.protection_ends_at, r.info_question, r.extension_status, r.extension_justification, \
             r.extension_requested_at, r.extension_rationale \
             FROM registrations r JOIN organizations o ON o.id = r.organization_id ",
            $tail
        )
    };
}

/// The statuses a rule of the state machine accepts, as an SQL list (`('submitted', …)`), so
/// that SQL and Rust keep one rule: `open_statuses()` is `RegistrationStatus::is_open`.
fn statuses_where(rule: fn(RegistrationStatus) -> bool) -> String {
    let names: Vec<String> = RegistrationStatus::ALL
        .iter()
        .filter(|status| rule(**status))
        .map(|status| format!("'{}'", status.as_str()))
        .collect();
    format!("({})", names.join(", "))
}

/// Statuses a manager still has to decide.
fn open_statuses() -> &'static str {
    static OPEN: LazyLock<String> = LazyLock::new(|| statuses_where(RegistrationStatus::is_open));
    &OPEN
}

mod claims;
mod decisions;
mod filing;
pub mod home;
mod timers;
mod views;
pub use claims::{
    ClaimRow, ClaimScope, Matched, competing, findings_of, insert_findings, live_claims, newest_id,
};
pub use decisions::{
    DecisionUpdate, answered, ask, decide, decide_extension, request_extension, withdraw,
};
pub use filing::{
    NewRegistration, by_idempotency_key, insert, insert_products, nth_latest_submission,
    submitted_from_since, take_filing_turn,
};
pub use timers::{TimerRow, expire_due, flag_late, late, remind_due};

pub async fn by_id<'c, E>(
    db: E,
    id: i64,
    scope: Scope,
) -> Result<Option<RegistrationRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    match scope {
        Scope::Organization(organization_id) => Ok(sql::query_as(select_registration!(
            "WHERE r.id = $1 AND r.organization_id = $2"
        ))
        .bind(id)
        .bind(organization_id)
        .fetch_optional(db)
        .await?),
        Scope::Vendor => Ok(sql::query_as(select_registration!("WHERE r.id = $1"))
            .bind(id)
            .fetch_optional(db)
            .await?),
    }
}

/// The registrations with these ids, for vendor staff, in id order.
pub async fn by_ids(conn: &mut Conn, ids: &[i64]) -> Result<Vec<RegistrationRow>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Builder::new(select_registration!("WHERE r.id IN ("));
    sql.push_binds(ids).push(") ORDER BY r.id");
    Ok(sql.query_as().fetch_all(conn).await?)
}

/// What a list asks for; `queue` lists the undecided oldest first, everything else is newest first.
#[derive(Debug, Clone, Copy)]
pub struct ListFilter {
    pub scope: Scope,
    pub organization_id: Option<i64>,
    pub status: Option<RegistrationStatus>,
    pub queue: bool,
    /// Only the undecided whose approval SLA ended before this moment.
    pub late_at: Option<Timestamp>,
    pub conflict: Option<ConflictLevel>,
    pub extension: Option<ExtensionStatus>,
    /// The last id of the previous page, 0 for the first.
    pub after: i64,
    pub limit: u32,
}

impl ListFilter {
    /// Everything in `scope`, newest first: the filters' starting point.
    pub fn all(scope: Scope, limit: u32) -> ListFilter {
        ListFilter {
            scope,
            organization_id: None,
            status: None,
            queue: false,
            late_at: None,
            conflict: None,
            extension: None,
            after: 0,
            limit,
        }
    }

    /// The conditions after `WHERE 1 = 1`, the same for a page and for its count.
    fn push_conditions(&self, sql: &mut Builder) {
        let organization = match self.scope {
            Scope::Organization(id) => Some(id),
            Scope::Vendor => self.organization_id,
        };
        if let Some(id) = organization {
            sql.push(" AND r.organization_id = ").push_bind(id);
        }
        if self.queue || self.late_at.is_some() {
            sql.push(" AND r.status IN ").push(open_statuses());
        }
        if let Some(at) = self.late_at {
            sql.push(" AND r.decide_by < ").push_bind(at);
        }
        if let Some(status) = self.status {
            sql.push(" AND r.status = ").push_bind(status.as_str());
        }
        if let Some(conflict) = self.conflict {
            sql.push(" AND r.conflict = ").push_bind(conflict.as_str());
        }
        if let Some(extension) = self.extension {
            sql.push(" AND r.extension_status = ")
                .push_bind(extension.as_str());
        }
    }
}

pub async fn page(db: &Pool, filter: ListFilter) -> Result<Vec<RegistrationRow>, StoreError> {
    let mut sql = Builder::new(select_registration!("WHERE 1 = 1"));
    filter.push_conditions(&mut sql);
    if filter.after > 0 {
        sql.push(if filter.queue {
            " AND r.id > "
        } else {
            " AND r.id < "
        })
        .push_bind(filter.after);
    }
    sql.push(if filter.queue {
        " ORDER BY r.id ASC"
    } else {
        " ORDER BY r.id DESC"
    })
    .push_limit(i64::from(filter.limit) + 1);
    Ok(sql.query_as().fetch_all(db).await?)
}

/// How many registrations the filter's list holds in all.
pub async fn count(db: &Pool, filter: ListFilter) -> Result<i64, StoreError> {
    let mut sql = Builder::new("SELECT COUNT(*) FROM registrations r WHERE 1 = 1");
    filter.push_conditions(&mut sql);
    Ok(sql.query_scalar().fetch_one(db).await?)
}

/// The products each of these registrations names, as `(registration id, product)`.
pub async fn products_of(
    db: &Pool,
    registration_ids: &[i64],
) -> Result<Vec<(i64, Product)>, StoreError> {
    if registration_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Builder::new(
        "SELECT rp.registration_id, p.id, p.name FROM registration_products rp \
         JOIN products p ON p.id = rp.product_id WHERE rp.registration_id IN (",
    );
    sql.push_binds(registration_ids).push(") ORDER BY p.name");
    Ok(sql
        .query_as::<(i64, i64, String)>()
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|(registration_id, id, name)| (registration_id, Product { id, name }))
        .collect())
}

/// The product ids one registration names.
pub async fn product_ids<'c, E>(db: E, registration_id: i64) -> Result<Vec<i64>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_scalar(
        "SELECT product_id FROM registration_products WHERE registration_id = $1 \
         ORDER BY product_id",
    )
    .bind(registration_id)
    .fetch_all(db)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lists_follow_the_state_machine() {
        assert_eq!(open_statuses(), "('submitted', 'info_requested')");
        assert_eq!(
            statuses_where(RegistrationStatus::may_withdraw),
            "('submitted', 'info_requested', 'approved')"
        );
    }
}
