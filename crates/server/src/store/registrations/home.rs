//! What a partner organization's home counts and lists of its registrations.

use portico_api::registrations::RegistrationStatus;

use super::RegistrationRow;
use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Pool};

/// The organization's registrations per status; statuses it has none of are absent.
pub async fn status_counts(
    db: &Pool,
    organization_id: i64,
) -> Result<Vec<(RegistrationStatus, i64)>, StoreError> {
    Ok(sql::query_as(
        "SELECT status, COUNT(*) FROM registrations WHERE organization_id = $1 GROUP BY status",
    )
    .bind(organization_id)
    .fetch_all(db)
    .await?)
}

/// What waits for the partner: open questions, oldest first, then extensions decided since
/// `decided_since` (a decision is the last change an approved registration gets).
pub async fn to_answer(
    db: &Pool,
    organization_id: i64,
    decided_since: Timestamp,
    limit: usize,
) -> Result<Vec<RegistrationRow>, StoreError> {
    Ok(sql::query_as(select_registration!(
        "WHERE r.organization_id = $1 AND (r.status = 'info_requested' \
         OR (r.status = 'approved' AND r.extension_status IN ('approved', 'declined') \
         AND r.updated_at >= $2)) \
         ORDER BY CASE WHEN r.status = 'info_requested' THEN 0 ELSE 1 END, r.id LIMIT $3"
    ))
    .bind(organization_id)
    .bind(decided_since)
    .bind(limit as i64)
    .fetch_all(db)
    .await?)
}

/// Approved registrations whose protection ends after `now` and by `until`, soonest first,
/// and how many there are in all.
pub async fn protection_ending(
    db: &Pool,
    organization_id: i64,
    now: Timestamp,
    until: Timestamp,
    limit: usize,
) -> Result<(i64, Vec<RegistrationRow>), StoreError> {
    let total = sql::query_scalar(
        "SELECT COUNT(*) FROM registrations WHERE organization_id = $1 AND status = 'approved' \
         AND protection_ends_at > $2 AND protection_ends_at <= $3",
    )
    .bind(organization_id)
    .bind(now)
    .bind(until)
    .fetch_one(db)
    .await?;
    let rows = sql::query_as(select_registration!(
        "WHERE r.organization_id = $1 AND r.status = 'approved' \
         AND r.protection_ends_at > $2 AND r.protection_ends_at <= $3 \
         ORDER BY r.protection_ends_at, r.id LIMIT $4"
    ))
    .bind(organization_id)
    .bind(now)
    .bind(until)
    .bind(limit as i64)
    .fetch_all(db)
    .await?;
    Ok((total, rows))
}
