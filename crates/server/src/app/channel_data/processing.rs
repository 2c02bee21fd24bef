//! The import worker: it claims a queued import (or one whose worker stopped: its lease
//! lapsed), reads the stored file from where the last chunk ended, and stores its rows a
//! chunk at a time. A chunk's rows, transactions and the import's progress commit together,
//! so a crash loses at most the chunk under way and no row is ever stored twice. The next
//! chunk is read and parsed while one is stored: on two cores that nearly halves the time.

use std::fs::File;
use std::io::BufReader;
use std::sync::Arc;

use super::decide::{Context, Parsed, decide, parse};
use super::lookups::Lookups;
use super::write::{apply, counted};
use crate::app::unit_of_work;
use crate::app::{AppError, AppResult};
use crate::blobs::Scratch;
use crate::domain::channel::reader::Table;
use crate::domain::channel::row::Layout;
use crate::state::AppState;
use crate::store::channel_data::{self as store, ImportRow};

/// Rows per chunk: large enough that a chunk's statements are few, small enough that a crash
/// redoes little.
pub const CHUNK: usize = 5_000;
/// How long a claim holds without a chunk committing.
pub const LEASE_SECONDS: i64 = 120;

/// Works the next import to its end, or `chunks` chunks of it when given (tests stop a worker
/// half way, as a crash would). `None` when there was nothing to do.
pub async fn run_next(state: &AppState, chunks: Option<usize>) -> AppResult<Option<i64>> {
    let now = state.now();
    let claimed = unit_of_work::run(state, async |unit| {
        Ok(store::claim(unit.tx(), now, now + LEASE_SECONDS).await?)
    })
    .await?;
    let Some(id) = claimed else { return Ok(None) };
    if let Err(e) = work(state, id, chunks).await {
        let reason = match &e {
            AppError::Unprocessable(message) => message.clone(),
            _ => "The import stopped on an error; the rows before it are kept.".to_owned(),
        };
        tracing::warn!(import = id, error = %e, "a report import failed");
        unit_of_work::run(state, async |unit| {
            let now = unit.now();
            Ok(store::finish(unit.tx(), id, Some(&reason), now).await?)
        })
        .await?;
    }
    Ok(Some(id))
}

async fn work(state: &AppState, id: i64, chunks: Option<usize>) -> AppResult<()> {
    let pool = state.db.pool();
    let import = store::import(pool, id).await?.ok_or(AppError::NotFound)?;
    let source = store::source(pool, import.source_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let headers = import.headers()?;
    let layout = Arc::new(Layout::new(
        &headers,
        &source.columns()?,
        source.date_order,
        source.currency.as_deref(),
    ));
    let mut conn = state.db.acquire().await?;
    let lookups = Lookups::load(&mut conn).await?;
    drop(conn);
    let mut ctx = Context {
        lookups,
        source,
        import_id: id,
    };
    let scratch = Scratch::new();
    state
        .blobs
        .fetch_to(&import.blob_key, scratch.path())
        .await
        .map_err(AppError::internal)?;
    let table = open(&scratch, &import).await?;
    let mut ahead = tokio::task::spawn_blocking(next_chunk(table, layout.clone()));
    let mut rows_read = import.rows_read;
    for _ in 0..chunks.unwrap_or(usize::MAX) {
        let (table, rows, position) = ahead
            .await
            .map_err(AppError::internal)?
            .map_err(AppError::Unprocessable)?;
        if rows.is_empty() {
            return finish(state, id).await;
        }
        ahead = tokio::task::spawn_blocking(next_chunk(table, layout.clone()));
        let (progress_rows, moved) =
            store_chunk(state, &mut ctx, (&headers, rows), (rows_read, position)).await?;
        if !moved {
            // Another worker took the import over: it goes on from what committed.
            return Ok(());
        }
        rows_read += progress_rows;
    }
    Ok(())
}

/// The stored file opened as a table, after the rows already stored.
async fn open(scratch: &Scratch, import: &ImportRow) -> AppResult<Table> {
    let path = scratch.path().to_owned();
    let (format, sheet, skip) = (
        import.format.clone(),
        import.sheet.clone(),
        import.rows_read,
    );
    let opened = tokio::task::spawn_blocking(move || {
        let file = BufReader::new(File::open(&path).map_err(|e| e.to_string())?);
        let mut table = match format.as_str() {
            "xlsx" => Table::xlsx(file, sheet.as_deref()),
            _ => Table::csv(file),
        }
        .map_err(|e| e.to_string())?;
        table
            .skip(u64::try_from(skip).unwrap_or(0))
            .map_err(|e| e.to_string())?;
        Ok::<_, String>(table)
    })
    .await
    .map_err(AppError::internal)?;
    opened.map_err(AppError::Unprocessable)
}

type Chunk = Result<(Table, Vec<Parsed>, Option<u64>), String>;

/// Reads and parses up to `CHUNK` rows, to run off the async threads.
fn next_chunk(mut table: Table, layout: Arc<Layout>) -> impl FnOnce() -> Chunk {
    move || {
        let mut rows = Vec::with_capacity(CHUNK);
        while rows.len() < CHUNK {
            match table.next_row() {
                Some(Ok((n, cells))) => rows.push((n as i64, cells)),
                Some(Err(e)) => return Err(e.to_string()),
                None => break,
            }
        }
        let position = table.position();
        Ok((table, parse(&layout, rows), position))
    }
}

/// Decides and stores one chunk with the import's progress; `false` when the import was no
/// longer this worker's (nothing is stored then).
async fn store_chunk(
    state: &AppState,
    ctx: &mut Context,
    (headers, rows): (&[String], Vec<Parsed>),
    (rows_read, position): (i64, Option<u64>),
) -> AppResult<(i64, bool)> {
    let engine = state.db.engine();
    let import_id = ctx.import_id;
    let source_id = ctx.source.id;
    let lease = state.now() + LEASE_SECONDS;
    let outcome = unit_of_work::run(state, async |unit| {
        store::take_import_turn(unit.tx(), engine).await?;
        let decisions = decide(unit.tx(), ctx, rows).await?;
        let now = unit.now();
        let rows = apply(unit.tx(), (headers, decisions), now).await?;
        let mut progress = counted(&rows);
        progress.bytes_read = position.map_or(0, |p| i64::try_from(p).unwrap_or(i64::MAX));
        if !store::advance(unit.tx(), import_id, (rows_read, progress), lease).await? {
            return Err(AppError::conflict("taken over"));
        }
        store::insert_rows(unit.tx(), (import_id, source_id), &rows).await?;
        Ok(progress.rows)
    })
    .await;
    match outcome {
        Ok(rows) => Ok((rows, true)),
        Err(AppError::Conflict(..)) => Ok((0, false)),
        Err(e) => Err(e),
    }
}

async fn finish(state: &AppState, id: i64) -> AppResult<()> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        store::finish(unit.tx(), id, None, now).await?;
        Ok(())
    })
    .await
}
