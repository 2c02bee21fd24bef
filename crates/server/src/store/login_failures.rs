//! Failed sign-ins, kept in the database so every server instance counts the same attempts.

use sqlx::AnyPool;

use crate::clock::Timestamp;

/// Failure times in a scope since `since`, oldest first.
pub async fn since(
    db: &AnyPool,
    scope: &str,
    since: Timestamp,
) -> Result<Vec<Timestamp>, sqlx::Error> {
    sqlx::query_scalar("SELECT at FROM login_failures WHERE scope = $1 AND at > $2 ORDER BY at")
        .bind(scope)
        .bind(since)
        .fetch_all(db)
        .await
}

/// Records one failure in each scope.
pub async fn record(db: &AnyPool, scopes: &[&str], now: Timestamp) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    for scope in scopes {
        sqlx::query("INSERT INTO login_failures (scope, at) VALUES ($1, $2)")
            .bind(*scope)
            .bind(now)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// Forgets failures too old to count against anyone.
pub async fn forget_before(db: &AnyPool, before: Timestamp) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM login_failures WHERE at <= $1")
        .bind(before)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

pub async fn clear(db: &AnyPool, scope: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_failures WHERE scope = $1")
        .bind(scope)
        .execute(db)
        .await?;
    Ok(())
}
