//! Attempts reserved against budgets, kept in the database so every server instance counts
//! the same ones. An attempt is reserved before the work it guards (a password check, an
//! e-mail), inside one write transaction per request, so a parallel burst cannot all find room
//! in a budget that has room for a few.

use crate::clock::Timestamp;
use crate::domain::throttle::{RetryAfter, Throttle};

use crate::store::StoreError;
use crate::store::sql::{self, Conn};
use crate::store::{Db, Engine};

/// The rows one request reserved, to give back when the attempt turns out not to count.
#[derive(Debug)]
pub struct Reservation {
    ids: Vec<i64>,
}

/// Reserves one attempt in every scope, or in none: when any budget is spent, answers how long
/// until the most spent one has room again.
pub async fn reserve(
    db: &Db,
    budgets: &[(&str, Throttle)],
    now: Timestamp,
) -> Result<Result<Reservation, RetryAfter>, StoreError> {
    let mut budgets = budgets.to_vec();
    // One order for every request, so two that share scopes cannot wait on each other.
    budgets.sort_by_key(|(scope, _)| *scope);
    let mut tx = db.begin_write().await?;
    let mut wait = None;
    for (scope, throttle) in &budgets {
        lock_scope(&mut tx, db.engine(), scope).await?;
        if let Some(at) = nth_latest(&mut tx, scope, throttle, now).await? {
            let secs = throttle.retry_after_budget_spent(at, now);
            wait = Some(wait.map_or(secs, |w: u64| w.max(secs)));
        }
    }
    if let Some(secs) = wait {
        return Ok(Err(RetryAfter(secs)));
    }
    let mut ids = Vec::with_capacity(budgets.len());
    for (scope, _) in &budgets {
        let id = sql::query_scalar(
            "INSERT INTO throttle_attempts (scope, at) VALUES ($1, $2) RETURNING id",
        )
        .bind(*scope)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        ids.push(id);
    }
    tx.commit().await?;
    Ok(Ok(Reservation { ids }))
}

/// SQLite's write transactions already run one at a time; PostgreSQL's may run side by side,
/// so each scope is counted under a lock held until the transaction ends.
async fn lock_scope(tx: &mut Conn, engine: Engine, scope: &str) -> Result<(), StoreError> {
    if engine == Engine::Postgres {
        // The two-key form keeps these locks apart from the single-key ones used elsewhere.
        sql::query("SELECT pg_advisory_xact_lock(7262, hashtext($1))")
            .bind(scope)
            .execute(tx)
            .await?;
    }
    Ok(())
}

/// The time of the `max_failures`-th newest attempt inside the window, if there are that many.
async fn nth_latest(
    tx: &mut Conn,
    scope: &str,
    throttle: &Throttle,
    now: Timestamp,
) -> Result<Option<Timestamp>, StoreError> {
    let skip = throttle.max_failures.saturating_sub(1) as i64;
    Ok(sql::query_scalar(
        "SELECT at FROM throttle_attempts WHERE scope = $1 AND at > $2 \
         ORDER BY at DESC LIMIT 1 OFFSET $3",
    )
    .bind(scope)
    .bind(throttle.window_start(now))
    .bind(skip)
    .fetch_optional(tx)
    .await?)
}

/// Gives the reserved attempts back: the attempt succeeded and does not count.
pub async fn release(db: &Db, reservation: Reservation) -> Result<(), StoreError> {
    db.write(async |conn| {
        for id in reservation.ids {
            sql::query("DELETE FROM throttle_attempts WHERE id = $1")
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    })
    .await
}

/// Forgets every attempt in a scope, e.g. a user's own mistakes once they signed in.
pub async fn clear(db: &Db, scope: &str) -> Result<(), StoreError> {
    db.write(async |conn| {
        sql::query("DELETE FROM throttle_attempts WHERE scope = $1")
            .bind(scope)
            .execute(conn)
            .await?;
        Ok(())
    })
    .await
}

/// Forgets attempts too old to count against any budget.
pub async fn forget_before(db: &Db, before: Timestamp) -> Result<u64, StoreError> {
    db.write(async |conn| {
        let done = sql::query("DELETE FROM throttle_attempts WHERE at <= $1")
            .bind(before)
            .execute(conn)
            .await?;
        Ok(done.rows_affected())
    })
    .await
}
