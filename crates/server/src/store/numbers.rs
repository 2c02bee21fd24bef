//! The program's numbers: the pipeline's running totals, and the few aggregates they do not
//! hold. Sums are cast to BIGINT because PostgreSQL sums BIGINT into NUMERIC.

use sqlx::FromRow;

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Pool};

#[derive(Debug, FromRow)]
pub struct TotalRow {
    pub motion: String,
    /// '' while undecided.
    pub partner_role: String,
    pub stage: String,
    /// '' for deals without an amount.
    pub currency: String,
    pub deals: i64,
    pub value: i64,
    /// From creation to close, summed over the closed deals.
    pub cycle_seconds: i64,
}

/// The pipeline's running totals by motion, partner role, stage and currency.
pub async fn totals(db: &Pool) -> Result<Vec<TotalRow>, StoreError> {
    Ok(sql::query_as(
        "SELECT motion, partner_role, stage, currency, deals, value, cycle_seconds \
         FROM pipeline_totals WHERE deals <> 0",
    )
    .fetch_all(db)
    .await?)
}

/// Won partner-sourced value in `currency` by the day it closed, since `from`.
pub async fn sourced_wins_by_day(
    db: &Pool,
    currency: &str,
    from: Timestamp,
) -> Result<Vec<(i64, i64)>, StoreError> {
    Ok(sql::query_as(
        "SELECT closed_at / 86400 AS day, CAST(SUM(amount) AS BIGINT) AS value \
         FROM opportunities WHERE stage = 'won' AND partner_role = 'sourced' \
         AND currency = $1 AND closed_at >= $2 GROUP BY closed_at / 86400",
    )
    .bind(currency)
    .bind(from)
    .fetch_all(db)
    .await?)
}

/// Currencies of sales reported for partners, in order. Read as one step through the
/// currency index per currency, each the next after the last: a `DISTINCT` would read every
/// transaction's entry on every request for the numbers.
pub async fn reported_currencies(db: &Pool) -> Result<Vec<String>, StoreError> {
    Ok(sql::query_scalar(
        "WITH RECURSIVE found (currency) AS ( \
           SELECT MIN(currency) FROM channel_transactions WHERE organization_id IS NOT NULL \
           UNION ALL \
           SELECT (SELECT MIN(t.currency) FROM channel_transactions t \
                   WHERE t.organization_id IS NOT NULL AND t.currency > found.currency) \
           FROM found WHERE found.currency IS NOT NULL) \
         SELECT currency FROM found WHERE currency IS NOT NULL",
    )
    .fetch_all(db)
    .await?)
}

#[derive(Debug, FromRow)]
pub struct JoinedRow {
    pub id: i64,
    pub name: String,
    pub created_at: Timestamp,
    pub first_submitted_at: Option<Timestamp>,
}

/// Organizations created since `from`, newest first, with their first registration.
pub async fn joined_since(db: &Pool, from: Timestamp) -> Result<Vec<JoinedRow>, StoreError> {
    Ok(sql::query_as(
        "SELECT g.id, g.name, g.created_at, MIN(r.submitted_at) AS first_submitted_at \
         FROM organizations g LEFT JOIN registrations r ON r.organization_id = g.id \
         WHERE g.created_at >= $1 GROUP BY g.id, g.name, g.created_at \
         ORDER BY g.created_at DESC, g.id",
    )
    .bind(from)
    .fetch_all(db)
    .await?)
}
