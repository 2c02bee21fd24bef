//! The registration clock: protection running out, reminders before it does, and approvals
//! past the SLA.

use sqlx::FromRow;

use super::{RegistrationRow, open_statuses};
use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Exec, Pool};

/// A registration a timer just moved, with what the message to its partner needs.
#[derive(Debug, Clone, FromRow)]
pub struct TimerRow {
    pub id: i64,
    pub organization_id: i64,
    pub company_name: String,
    pub protection_ends_at: Option<Timestamp>,
}

/// Ends the protection of approved registrations whose window has passed. Each row is
/// returned to exactly one caller, however many instances run this at once.
pub async fn expire_due<'c, E>(db: E, now: Timestamp) -> Result<Vec<TimerRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as(
        "UPDATE registrations SET status = 'expired', updated_at = $1 \
         WHERE status = 'approved' AND protection_ends_at <= $1 \
         RETURNING id, organization_id, company_name, protection_ends_at",
    )
    .bind(now)
    .fetch_all(db)
    .await?)
}

/// Marks (once) the approved registrations whose protection ends by `until`.
pub async fn remind_due<'c, E>(
    db: E,
    now: Timestamp,
    until: Timestamp,
) -> Result<Vec<TimerRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as(
        "UPDATE registrations SET reminded_at = $1 \
         WHERE status = 'approved' AND reminded_at IS NULL AND protection_ends_at <= $2 \
         RETURNING id, organization_id, company_name, protection_ends_at",
    )
    .bind(now)
    .bind(until)
    .fetch_all(db)
    .await?)
}

/// Flags (once) the undecided registrations past their approval SLA.
pub async fn flag_late<'c, E>(db: E, now: Timestamp) -> Result<Vec<TimerRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    let sql = format!(
        "UPDATE registrations SET sla_flagged_at = $1 \
         WHERE sla_flagged_at IS NULL AND decide_by < $1 AND status IN {} \
         RETURNING id, organization_id, company_name, protection_ends_at",
        open_statuses()
    );
    Ok(sql::query_as(sqlx::AssertSqlSafe(sql))
        .bind(now)
        .fetch_all(db)
        .await?)
}

/// Undecided registrations past their approval SLA, the most overdue first, and how many
/// there are in all.
pub async fn late(
    db: &Pool,
    now: Timestamp,
    limit: i64,
) -> Result<(i64, Vec<RegistrationRow>), StoreError> {
    let open = open_statuses();
    let total = sql::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM registrations WHERE status IN {open} AND decide_by < $1"
    )))
    .bind(now)
    .fetch_one(db)
    .await?;
    let rows = sql::query_as(sqlx::AssertSqlSafe(format!(
        "{} WHERE r.status IN {open} AND r.decide_by < $1 ORDER BY r.decide_by, r.id LIMIT $2",
        select_registration!("")
    )))
    .bind(now)
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok((total, rows))
}
