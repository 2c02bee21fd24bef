//! Payout batches and their payments.

use portico_api::payouts::{BatchState, PaymentState};
use sqlx::FromRow;

use crate::clock::Timestamp;
use crate::store::sql::{self, Builder, Exec};
use crate::store::{Engine, StoreError};

#[derive(Debug, Clone, FromRow)]
pub struct BatchRow {
    pub id: i64,
    pub reference: String,
    pub minimum: i64,
    pub state: BatchState,
    pub created_at: Timestamp,
    pub confirmed_at: Option<Timestamp>,
    pub paid_at: Option<Timestamp>,
}

#[derive(Debug, Clone, FromRow)]
pub struct PaymentRow {
    pub id: i64,
    pub organization_id: i64,
    pub organization_name: String,
    pub currency: String,
    pub amount: i64,
    pub account_holder: String,
    pub account_sealed: String,
    pub bic: Option<String>,
    pub state: PaymentState,
}

/// A payment to propose.
pub struct NewPayment<'a> {
    pub organization_id: i64,
    pub currency: &'a str,
    pub amount: i64,
    pub account_holder: &'a str,
    pub account_sealed: &'a str,
    pub bic: Option<&'a str>,
}

/// Makes confirmations take turns, so two batches confirmed at once cannot both pay one
/// balance: SQLite's one writer already does; PostgreSQL takes a transaction-scoped lock.
pub async fn take_payout_turn(tx: &mut sql::Conn, engine: Engine) -> Result<(), StoreError> {
    if engine == Engine::Postgres {
        sql::query("SELECT pg_advisory_xact_lock(7264)")
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

pub async fn insert_batch(
    tx: &mut sql::Conn,
    reference: &str,
    minimum: i64,
    user_id: i64,
    now: Timestamp,
) -> Result<i64, StoreError> {
    Ok(sql::query_scalar(
        "INSERT INTO payout_batches (reference, minimum, state, created_by, created_at) \
         VALUES ($1, $2, 'draft', $3, $4) RETURNING id",
    )
    .bind(reference)
    .bind(minimum)
    .bind(user_id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?)
}

pub async fn insert_payment(
    tx: &mut sql::Conn,
    batch_id: i64,
    payment: &NewPayment<'_>,
) -> Result<(), StoreError> {
    sql::query(
        "INSERT INTO payout_payments (batch_id, organization_id, currency, amount, \
         account_holder, account_sealed, bic, state) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'proposed')",
    )
    .bind(batch_id)
    .bind(payment.organization_id)
    .bind(payment.currency)
    .bind(payment.amount)
    .bind(payment.account_holder)
    .bind(payment.account_sealed)
    .bind(payment.bic.map(str::to_owned))
    .execute(&mut *tx)
    .await?;
    Ok(())
}

pub async fn batch<'c, E>(db: E, id: i64) -> Result<Option<BatchRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as(
        "SELECT id, reference, minimum, state, created_at, confirmed_at, paid_at \
         FROM payout_batches WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?)
}

pub async fn payments<'c, E>(db: E, batch_id: i64) -> Result<Vec<PaymentRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as(
        "SELECT p.id, p.organization_id, o.name AS organization_name, p.currency, p.amount, \
         p.account_holder, p.account_sealed, p.bic, p.state FROM payout_payments p \
         JOIN organizations o ON o.id = p.organization_id WHERE p.batch_id = $1 \
         ORDER BY o.name, p.currency",
    )
    .bind(batch_id)
    .fetch_all(db)
    .await?)
}

/// Moves the batch on from `from`; `false` when it is not in that state (already moved).
pub async fn set_state(
    tx: &mut sql::Conn,
    id: i64,
    (from, to): (BatchState, BatchState),
    user_id: i64,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let done = sql::query(
        "UPDATE payout_batches SET state = $1, \
         confirmed_by = CASE WHEN $1 = 'confirmed' THEN $2 ELSE confirmed_by END, \
         confirmed_at = CASE WHEN $1 = 'confirmed' THEN $3 ELSE confirmed_at END, \
         paid_at = CASE WHEN $1 = 'paid' THEN $3 ELSE paid_at END \
         WHERE id = $4 AND state = $5",
    )
    .bind(to.as_str())
    .bind(user_id)
    .bind(now)
    .bind(id)
    .bind(from.as_str())
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Notes a payment confirmed with its payout entry.
pub async fn confirm_payment(
    tx: &mut sql::Conn,
    payment_id: i64,
    entry_id: i64,
) -> Result<(), StoreError> {
    sql::query(
        "UPDATE payout_payments SET state = 'confirmed', payout_entry_id = $1 WHERE id = $2",
    )
    .bind(entry_id)
    .bind(payment_id)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Marks a confirmed payment of the batch failed; `false` when it is not one.
pub async fn fail_payment(
    tx: &mut sql::Conn,
    (batch_id, payment_id): (i64, i64),
    entry_id: i64,
) -> Result<bool, StoreError> {
    let done = sql::query(
        "UPDATE payout_payments SET state = 'failed', failed_entry_id = $1 \
         WHERE id = $2 AND batch_id = $3 AND state = 'confirmed'",
    )
    .bind(entry_id)
    .bind(payment_id)
    .bind(batch_id)
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A page of batches, newest first, below `before` when given; one more than `limit` when there
/// are more.
pub async fn batches<'c, E>(
    db: E,
    before: Option<i64>,
    limit: u32,
) -> Result<Vec<BatchRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    let mut sql = Builder::new(
        "SELECT id, reference, minimum, state, created_at, confirmed_at, paid_at \
         FROM payout_batches",
    );
    if let Some(before) = before {
        sql.push(" WHERE id < ").push_bind(before);
    }
    sql.push(" ORDER BY id DESC")
        .push_limit(i64::from(limit) + 1);
    Ok(sql.query_as().fetch_all(db).await?)
}

#[derive(Debug, Clone, FromRow)]
pub struct BatchTotalRow {
    pub batch_id: i64,
    pub currency: String,
    pub payments: i64,
    pub amount: i64,
}

/// What each of these batches pays per currency, failed payments left out.
pub async fn batch_totals<'c, E>(db: E, ids: &[i64]) -> Result<Vec<BatchTotalRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Builder::new(
        "SELECT batch_id, currency, COUNT(*) AS payments, \
         CAST(SUM(amount) AS BIGINT) AS amount FROM payout_payments \
         WHERE state <> 'failed' AND batch_id IN (",
    );
    sql.push_binds(ids.iter().copied())
        .push(") GROUP BY batch_id, currency ORDER BY batch_id, currency");
    Ok(sql.query_as().fetch_all(db).await?)
}
