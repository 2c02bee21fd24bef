//! The program's numbers: a handful of aggregate queries over the whole pipeline. Sums are cast
//! to BIGINT because PostgreSQL sums BIGINT into NUMERIC.

use sqlx::{AnyPool, FromRow};

use crate::clock::Timestamp;

/// Currencies deals are recorded in, most used first.
pub async fn currencies(db: &AnyPool) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT currency FROM opportunities WHERE currency IS NOT NULL \
         GROUP BY currency ORDER BY COUNT(*) DESC, currency",
    )
    .fetch_all(db)
    .await
}

#[derive(Debug, FromRow)]
pub struct OpenRow {
    pub motion: String,
    pub partner_role: Option<String>,
    pub deals: i64,
    /// Of the deals in the chosen currency.
    pub value: i64,
}

/// Open deals by motion and the partner's role.
pub async fn open_pipeline(db: &AnyPool, currency: &str) -> Result<Vec<OpenRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT motion, partner_role, COUNT(*) AS deals, \
         CAST(COALESCE(SUM(CASE WHEN currency = $1 THEN amount ELSE 0 END), 0) AS BIGINT) AS value \
         FROM opportunities WHERE closed_at IS NULL GROUP BY motion, partner_role",
    )
    .bind(currency)
    .fetch_all(db)
    .await
}

#[derive(Debug, FromRow)]
pub struct ClosedRow {
    pub motion: String,
    pub won: i64,
    pub lost: i64,
    /// From creation to close, summed over the won deals.
    pub won_seconds: i64,
}

pub async fn closed(db: &AnyPool) -> Result<Vec<ClosedRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT motion, \
         CAST(SUM(CASE WHEN stage = 'won' THEN 1 ELSE 0 END) AS BIGINT) AS won, \
         CAST(SUM(CASE WHEN stage = 'lost' THEN 1 ELSE 0 END) AS BIGINT) AS lost, \
         CAST(COALESCE(SUM(CASE WHEN stage = 'won' THEN closed_at - created_at ELSE 0 END), 0) \
         AS BIGINT) AS won_seconds \
         FROM opportunities WHERE closed_at IS NOT NULL GROUP BY motion",
    )
    .fetch_all(db)
    .await
}

/// Won partner-sourced value in `currency` by the day it closed, since `from`.
pub async fn sourced_wins_by_day(
    db: &AnyPool,
    currency: &str,
    from: Timestamp,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT closed_at / 86400 AS day, CAST(SUM(amount) AS BIGINT) AS value \
         FROM opportunities WHERE stage = 'won' AND partner_role = 'sourced' \
         AND currency = $1 AND closed_at >= $2 GROUP BY closed_at / 86400",
    )
    .bind(currency)
    .bind(from)
    .fetch_all(db)
    .await
}

#[derive(Debug, FromRow)]
pub struct JoinedRow {
    pub id: i64,
    pub name: String,
    pub created_at: Timestamp,
    pub first_submitted_at: Option<Timestamp>,
}

/// Organizations created since `from`, newest first, with their first registration.
pub async fn joined_since(db: &AnyPool, from: Timestamp) -> Result<Vec<JoinedRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT g.id, g.name, g.created_at, MIN(r.submitted_at) AS first_submitted_at \
         FROM organizations g LEFT JOIN registrations r ON r.organization_id = g.id \
         WHERE g.created_at >= $1 GROUP BY g.id, g.name, g.created_at \
         ORDER BY g.created_at DESC, g.id",
    )
    .bind(from)
    .fetch_all(db)
    .await
}
