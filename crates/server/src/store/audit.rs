//! The audit trail: who changed what, when, from what to what, and why.

use serde::Serialize;

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Exec, Pool};

/// One record, owned, so a unit of work can collect it and write it when it commits.
pub struct AuditEntry {
    pub actor_user_id: Option<i64>,
    pub action: &'static str,
    pub subject_type: &'static str,
    pub subject_id: Option<i64>,
    pub organization_id: Option<i64>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub rationale: Option<String>,
}

impl AuditEntry {
    /// Who did what to which subject; the organization, states and rationale start empty and
    /// are filled in with struct update syntax where a change has them.
    pub fn new(
        actor_user_id: Option<i64>,
        action: &'static str,
        subject_type: &'static str,
        subject_id: Option<i64>,
    ) -> AuditEntry {
        AuditEntry {
            actor_user_id,
            action,
            subject_type,
            subject_id,
            organization_id: None,
            before: None,
            after: None,
            rationale: None,
        }
    }
}

/// Serializes a before/after state for the audit record.
pub fn state(value: &impl Serialize) -> Option<serde_json::Value> {
    serde_json::to_value(value).ok()
}

/// Writes the record inside the caller's transaction, so the change and its trace commit together.
pub async fn record<'c, E>(db: E, entry: &AuditEntry, now: Timestamp) -> Result<(), StoreError>
where
    E: Into<Exec<'c>>,
{
    sql::query(
        "INSERT INTO audit_log (at, actor_user_id, action, subject_type, subject_id, organization_id, \
         before_json, after_json, rationale) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(now)
    .bind(entry.actor_user_id)
    .bind(entry.action)
    .bind(entry.subject_type)
    .bind(entry.subject_id)
    .bind(entry.organization_id)
    .bind(entry.before.clone())
    .bind(entry.after.clone())
    .bind(entry.rationale.as_deref())
    .execute(db)
    .await?;
    Ok(())
}

/// One record of a subject's trail, with the actor's name and role.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TrailRow {
    pub at: Timestamp,
    pub action: String,
    pub actor_name: Option<String>,
    pub actor_role: Option<String>,
    pub rationale: Option<String>,
}

/// Everything recorded about one subject, oldest first.
pub async fn trail(
    db: &Pool,
    subject_type: &str,
    subject_id: i64,
) -> Result<Vec<TrailRow>, StoreError> {
    Ok(sql::query_as(
        "SELECT a.at, a.action, u.name AS actor_name, u.role AS actor_role, a.rationale \
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id \
         WHERE a.subject_type = $1 AND a.subject_id = $2 ORDER BY a.id",
    )
    .bind(subject_type)
    .bind(subject_id)
    .fetch_all(db)
    .await?)
}
