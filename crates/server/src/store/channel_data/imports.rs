//! Uploaded reports and their progress. One instance works an import at a time: it claims it
//! with a lease it renews as it goes; another takes over when the lease lapses (a crash).

use portico_api::channel_data::imports::{ImportState, RowStatus};
use sqlx::FromRow;

use crate::clock::Timestamp;
use crate::store::sql::{self, Builder, Exec};
use crate::store::{Engine, StoreError};

#[derive(Debug, Clone, FromRow)]
pub struct ImportRow {
    pub id: i64,
    pub source_id: i64,
    pub file_name: String,
    pub blob_key: String,
    pub format: String,
    pub sheet: Option<String>,
    pub size: i64,
    pub headers: String,
    pub sample: String,
    pub state: ImportState,
    pub rows_read: i64,
    pub bytes_read: i64,
    pub imported: i64,
    pub duplicate: i64,
    pub rejected: i64,
    pub waiting: i64,
    pub error: Option<String>,
    pub created_at: Timestamp,
    pub finished_at: Option<Timestamp>,
}

impl ImportRow {
    pub fn headers(&self) -> Result<Vec<String>, StoreError> {
        serde_json::from_str(&self.headers).map_err(StoreError::unreadable)
    }

    /// The first rows: (row number, cells).
    pub fn sample(&self) -> Result<Vec<(i64, Vec<String>)>, StoreError> {
        serde_json::from_str(&self.sample).map_err(StoreError::unreadable)
    }
}

/// An upload to record.
pub struct NewImport<'a> {
    pub source_id: i64,
    pub file_name: &'a str,
    pub blob_key: &'a str,
    pub format: &'a str,
    pub sheet: Option<&'a str>,
    pub size: i64,
    pub headers: &'a [String],
    pub sample: &'a [(i64, Vec<String>)],
    pub state: ImportState,
}

const COLUMNS: &str = "SELECT id, source_id, file_name, blob_key, format, sheet, size, headers, \
                       sample, state, rows_read, bytes_read, imported, duplicate, rejected, waiting, \
                       error, created_at, finished_at FROM channel_imports";

pub async fn insert_import(
    tx: &mut sql::Conn,
    import: &NewImport<'_>,
    user_id: i64,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let headers = serde_json::to_string(import.headers).map_err(StoreError::unreadable)?;
    let sample = serde_json::to_string(import.sample).map_err(StoreError::unreadable)?;
    Ok(sql::query_scalar(
        "INSERT INTO channel_imports (source_id, file_name, blob_key, format, sheet, size, \
         headers, sample, state, uploaded_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(import.source_id)
    .bind(import.file_name)
    .bind(import.blob_key)
    .bind(import.format)
    .bind(import.sheet.map(str::to_owned))
    .bind(import.size)
    .bind(headers)
    .bind(sample)
    .bind(import.state.as_str())
    .bind(user_id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?)
}

/// An upload in a list, with its source's name.
#[derive(Debug, Clone, FromRow)]
pub struct ImportListRow {
    pub id: i64,
    pub source_id: i64,
    pub source_name: String,
    pub file_name: String,
    pub state: ImportState,
    pub rows_read: i64,
    pub imported: i64,
    pub duplicate: i64,
    pub rejected: i64,
    pub waiting: i64,
    pub error: Option<String>,
    pub created_at: Timestamp,
    pub finished_at: Option<Timestamp>,
}

/// Which uploads to list: of one source, of one partner's source, older than a cursor.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportFilter {
    pub source_id: Option<i64>,
    pub organization_id: Option<i64>,
    pub before: Option<i64>,
}

/// A page of uploads, newest first; one more than `limit` when there are more.
pub async fn imports<'c, E>(
    db: E,
    filter: ImportFilter,
    limit: u32,
) -> Result<Vec<ImportListRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    let mut sql = Builder::new(
        "SELECT i.id, i.source_id, s.name AS source_name, i.file_name, i.state, i.rows_read, \
         i.imported, i.duplicate, i.rejected, i.waiting, i.error, i.created_at, i.finished_at \
         FROM channel_imports i JOIN channel_sources s ON s.id = i.source_id WHERE 1 = 1",
    );
    if let Some(id) = filter.source_id {
        sql.push(" AND i.source_id = ").push_bind(id);
    }
    if let Some(id) = filter.organization_id {
        sql.push(" AND s.organization_id = ").push_bind(id);
    }
    if let Some(before) = filter.before {
        sql.push(" AND i.id < ").push_bind(before);
    }
    sql.push(" ORDER BY i.id DESC")
        .push_limit(i64::from(limit) + 1);
    Ok(sql.query_as().fetch_all(db).await?)
}

pub async fn import<'c, E>(db: E, id: i64) -> Result<Option<ImportRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    let mut sql = Builder::new(COLUMNS);
    sql.push(" WHERE id = ").push_bind(id);
    Ok(sql.query_as().fetch_optional(db).await?)
}

/// Moves imports of the source waiting for their mapping to the queue.
pub async fn queue_waiting(tx: &mut sql::Conn, source_id: i64) -> Result<u64, StoreError> {
    Ok(sql::query(
        "UPDATE channel_imports SET state = 'queued' WHERE source_id = $1 \
         AND state = 'needs_mapping'",
    )
    .bind(source_id)
    .execute(&mut *tx)
    .await?
    .rows_affected())
}

/// Makes chunk commits of all imports take turns, so two sources' reports of one sale, stored
/// at once by two instances, cannot both be new: SQLite's one writer already does; PostgreSQL
/// takes a transaction-scoped lock.
pub async fn take_import_turn(tx: &mut sql::Conn, engine: Engine) -> Result<(), StoreError> {
    if engine == Engine::Postgres {
        sql::query("SELECT pg_advisory_xact_lock(7265)")
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// Takes the oldest import to work on: queued, or running under a lease that lapsed. `None`
/// when there is none.
pub async fn claim(
    tx: &mut sql::Conn,
    now: Timestamp,
    lease_until: Timestamp,
) -> Result<Option<i64>, StoreError> {
    let id: Option<i64> = sql::query_scalar(
        "SELECT id FROM channel_imports WHERE state = 'queued' \
         OR (state = 'running' AND (lease_until IS NULL OR lease_until < $1)) ORDER BY id LIMIT 1",
    )
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else { return Ok(None) };
    let taken = sql::query(
        "UPDATE channel_imports SET state = 'running', lease_until = $1 WHERE id = $2 \
         AND (state = 'queued' OR (state = 'running' AND (lease_until IS NULL OR lease_until < $3)))",
    )
    .bind(lease_until)
    .bind(id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok((taken.rows_affected() == 1).then_some(id))
}

/// What one chunk of rows came to.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    pub rows: i64,
    pub bytes_read: i64,
    pub imported: i64,
    pub duplicate: i64,
    pub rejected: i64,
    pub waiting: i64,
}

/// Adds a chunk's rows and counts, renewing the lease; `false` when the import is no longer
/// this worker's (its lease lapsed and another took it), which rolls the chunk back.
pub async fn advance(
    tx: &mut sql::Conn,
    id: i64,
    (rows_before, progress): (i64, Progress),
    lease_until: Timestamp,
) -> Result<bool, StoreError> {
    let done = sql::query(
        "UPDATE channel_imports SET rows_read = rows_read + $1, bytes_read = $2, \
         imported = imported + $3, duplicate = duplicate + $4, rejected = rejected + $5, \
         waiting = waiting + $6, lease_until = $7 WHERE id = $8 AND rows_read = $9 \
         AND state = 'running'",
    )
    .bind(progress.rows)
    .bind(progress.bytes_read)
    .bind(progress.imported)
    .bind(progress.duplicate)
    .bind(progress.rejected)
    .bind(progress.waiting)
    .bind(lease_until)
    .bind(id)
    .bind(rows_before)
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Ends the import: done, or failed with the reason.
pub async fn finish(
    tx: &mut sql::Conn,
    id: i64,
    error: Option<&str>,
    now: Timestamp,
) -> Result<(), StoreError> {
    let state = if error.is_some() { "failed" } else { "done" };
    sql::query(
        "UPDATE channel_imports SET state = $1, error = $2, finished_at = $3, lease_until = NULL \
         WHERE id = $4",
    )
    .bind(state)
    .bind(error.map(str::to_owned))
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Moves a row's count from one outcome to another after a person settled it.
pub async fn recount(
    tx: &mut sql::Conn,
    id: i64,
    (from, to): (RowStatus, RowStatus),
) -> Result<(), StoreError> {
    sql::query(
        "UPDATE channel_imports SET \
         imported = imported + (CASE WHEN $2 = 'imported' THEN 1 ELSE 0 END) \
            - (CASE WHEN $1 = 'imported' THEN 1 ELSE 0 END), \
         duplicate = duplicate + (CASE WHEN $2 = 'duplicate' THEN 1 ELSE 0 END) \
            - (CASE WHEN $1 = 'duplicate' THEN 1 ELSE 0 END), \
         rejected = rejected + (CASE WHEN $2 = 'rejected' THEN 1 ELSE 0 END) \
            - (CASE WHEN $1 = 'rejected' THEN 1 ELSE 0 END), \
         waiting = waiting + (CASE WHEN $2 = 'waiting' THEN 1 ELSE 0 END) \
            - (CASE WHEN $1 = 'waiting' THEN 1 ELSE 0 END) WHERE id = $3",
    )
    .bind(from.as_str())
    .bind(to.as_str())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    Ok(())
}
