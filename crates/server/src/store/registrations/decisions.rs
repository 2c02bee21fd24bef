//! A registration's life after filing: decisions, withdrawal, extensions, and the questions a
//! manager asks.

use portico_api::registrations::{
    DeclineReason, EXTENSION_WINDOW_DAYS, ExtensionStatus, RegistrationStatus,
};

use super::{open_statuses, statuses_where};
use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Exec};

/// A manager's decision on an undecided registration.
pub struct DecisionUpdate<'a> {
    pub id: i64,
    pub status: RegistrationStatus,
    pub decided_by: i64,
    pub reason: Option<DeclineReason>,
    pub rationale: Option<&'a str>,
    pub protection_ends_at: Option<Timestamp>,
}

/// False when the registration was decided or withdrawn meanwhile.
pub async fn decide<'c, E>(
    db: E,
    update: &DecisionUpdate<'_>,
    now: Timestamp,
) -> Result<bool, StoreError>
where
    E: Into<Exec<'c>>,
{
    let done = sql::query(sqlx::AssertSqlSafe(format!(
        "UPDATE registrations SET status = $1, decided_at = $2, decided_by = $3, \
         decline_reason = $4, decision_rationale = $5, protection_ends_at = $6, updated_at = $2, \
         info_question = NULL \
         WHERE id = $7 AND status IN {}",
        open_statuses()
    )))
    .bind(update.status.as_str())
    .bind(now)
    .bind(update.decided_by)
    .bind(update.reason.map(DeclineReason::as_str))
    .bind(update.rationale)
    .bind(update.protection_ends_at)
    .bind(update.id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn withdraw<'c, E>(
    db: E,
    id: i64,
    organization_id: i64,
    now: Timestamp,
) -> Result<bool, StoreError>
where
    E: Into<Exec<'c>>,
{
    let done = sql::query(sqlx::AssertSqlSafe(format!(
        "UPDATE registrations SET status = 'withdrawn', protection_ends_at = NULL, \
         info_question = NULL, updated_at = $1 \
         WHERE id = $2 AND organization_id = $3 AND status IN {}",
        statuses_where(RegistrationStatus::may_withdraw)
    )))
    .bind(now)
    .bind(id)
    .bind(organization_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The one extension request an approved registration may make.
pub async fn request_extension<'c, E>(
    db: E,
    id: i64,
    organization_id: i64,
    justification: &str,
    now: Timestamp,
) -> Result<bool, StoreError>
where
    E: Into<Exec<'c>>,
{
    let done = sql::query(
        "UPDATE registrations SET extension_status = 'requested', extension_justification = $1, \
         extension_requested_at = $2, updated_at = $2 \
         WHERE id = $3 AND organization_id = $4 AND status = 'approved' AND extension_status IS NULL \
         AND protection_ends_at - $5 <= $2",
    )
    .bind(justification)
    .bind(now)
    .bind(id)
    .bind(organization_id)
    .bind(EXTENSION_WINDOW_DAYS * 86_400)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Decides a pending extension; `protection_ends_at` is the new end (unchanged when declined).
/// A later end earns a new reminder before it.
pub async fn decide_extension<'c, E>(
    db: E,
    id: i64,
    status: ExtensionStatus,
    rationale: Option<&str>,
    protection_ends_at: Timestamp,
    now: Timestamp,
) -> Result<bool, StoreError>
where
    E: Into<Exec<'c>>,
{
    let done = sql::query(
        "UPDATE registrations SET extension_status = $1, extension_rationale = $2, \
         reminded_at = CASE WHEN $3 > protection_ends_at THEN NULL ELSE reminded_at END, \
         protection_ends_at = $3, updated_at = $4 \
         WHERE id = $5 AND status = 'approved' AND extension_status = 'requested'",
    )
    .bind(status.as_str())
    .bind(rationale)
    .bind(protection_ends_at)
    .bind(now)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Puts an undecided registration on hold with a question for the partner.
pub async fn ask<'c, E>(db: E, id: i64, question: &str, now: Timestamp) -> Result<bool, StoreError>
where
    E: Into<Exec<'c>>,
{
    let done = sql::query(
        "UPDATE registrations SET status = 'info_requested', info_question = $1, updated_at = $2 \
         WHERE id = $3 AND status = 'submitted'",
    )
    .bind(question)
    .bind(now)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The partner answered: the registration is back in the queue.
pub async fn answered<'c, E>(
    db: E,
    id: i64,
    organization_id: i64,
    now: Timestamp,
) -> Result<bool, StoreError>
where
    E: Into<Exec<'c>>,
{
    let done = sql::query(
        "UPDATE registrations SET status = 'submitted', info_question = NULL, updated_at = $1 \
         WHERE id = $2 AND organization_id = $3 AND status = 'info_requested'",
    )
    .bind(now)
    .bind(id)
    .bind(organization_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}
