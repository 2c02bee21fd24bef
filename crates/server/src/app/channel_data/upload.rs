//! A report arrives: its file is checked (a table, with a header), its columns and first rows
//! kept, the file stored, and the import queued, or left waiting when the source's mapping
//! does not name every column yet. Reading an import answers its progress and, while it waits,
//! the suggested mapping with the first rows as they would read.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use portico_api::Page;
use portico_api::channel_data::ColumnMapping;
use portico_api::channel_data::imports::{
    Counts, Import, ImportQuery, ImportState, PreviewRow, ReportImport,
};

use crate::app::unit_of_work;
use crate::app::{AppError, AppResult};
use crate::blobs::UploadError;
use crate::clock::rfc3339;
use crate::domain::channel::mapping::suggest;
use crate::domain::channel::reader::{Format, Table, sniff};
use crate::domain::channel::row::{self, Layout};
use crate::state::AppState;
use crate::store::audit::AuditEntry;
use crate::store::channel_data::{
    self as store, ImportFilter, ImportListRow, ImportRow, NewImport, SourceRow,
};
use crate::store::into_page;

/// Rows kept to preview a mapping.
const SAMPLE_ROWS: usize = 10;

/// The report at `path`, named `file_name`, for the source.
pub async fn create(
    state: &AppState,
    (user_id, viewer): (i64, Option<i64>),
    (source_id, sheet): (i64, Option<String>),
    (file_name, path): (&str, &Path),
) -> AppResult<Import> {
    let source = super::reachable(state, viewer, source_id).await?;
    let (format, headers, sample, size) = examine(path.to_owned(), sheet.clone()).await?;
    let key = state
        .blobs
        .put_file(path, "reports")
        .await
        .map_err(|e| match e {
            UploadError::Storage(e) => AppError::internal(e),
            other => AppError::internal(other),
        })?;
    let state_now = if covers(&source.columns()?, &headers) {
        ImportState::Queued
    } else {
        ImportState::NeedsMapping
    };
    let import = NewImport {
        source_id,
        file_name: &safe_name(file_name),
        blob_key: &key,
        format: match format {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        },
        sheet: sheet.as_deref(),
        size: size as i64,
        headers: &headers,
        sample: &sample,
        state: state_now,
    };
    let id = unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let id = store::insert_import(unit.tx(), &import, user_id, now).await?;
        unit.record(AuditEntry {
            organization_id: source.organization_id,
            ..AuditEntry::new(
                Some(user_id),
                "channel_import.uploaded",
                "channel_import",
                Some(id),
            )
        });
        Ok(id)
    })
    .await?;
    state.channel_signal.notify_one();
    read(state, viewer, id).await
}

/// Whether the saved mapping names every column of the file (what to leave out included).
fn covers(mapping: &[ColumnMapping], headers: &[String]) -> bool {
    !mapping.is_empty()
        && headers
            .iter()
            .all(|h| mapping.iter().any(|c| &c.header == h))
}

/// The file's kind, columns, first rows and size; a clear refusal when it is no table.
async fn examine(
    path: std::path::PathBuf,
    sheet: Option<String>,
) -> AppResult<(Format, Vec<String>, Vec<(i64, Vec<String>)>, u64)> {
    let examined = tokio::task::spawn_blocking(move || {
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let mut head = Vec::with_capacity(8192);
        File::open(&path)
            .and_then(|f| f.take(8192).read_to_end(&mut head))
            .map_err(|e| e.to_string())?;
        let format = sniff(&head).map_err(|e| e.to_string())?;
        let file = File::open(&path).map_err(|e| e.to_string())?;
        let mut table = match format {
            Format::Csv => Table::csv(std::io::BufReader::new(file)),
            Format::Xlsx => Table::xlsx(std::io::BufReader::new(file), sheet.as_deref()),
        }
        .map_err(|e| e.to_string())?;
        let mut sample = Vec::new();
        while sample.len() < SAMPLE_ROWS {
            match table.next_row() {
                Some(Ok((n, cells))) => sample.push((n as i64, cells)),
                Some(Err(e)) => return Err(e.to_string()),
                None => break,
            }
        }
        Ok((format, table.headers.clone(), sample, size))
    })
    .await
    .map_err(AppError::internal)?;
    examined.map_err(|message| AppError::field("file", &message))
}

/// The file's name without folders, kept short.
fn safe_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name).trim();
    let base: String = base.chars().filter(|c| !c.is_control()).take(120).collect();
    if base.is_empty() {
        "report".to_owned()
    } else {
        base
    }
}

/// An import the viewer may reach.
pub async fn read(state: &AppState, viewer: Option<i64>, id: i64) -> AppResult<Import> {
    let row = store::import(state.db.pool(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let source = super::reachable(state, viewer, row.source_id).await?;
    let waits = row.state == ImportState::NeedsMapping;
    let (suggestion, preview) = if waits {
        let suggestion = suggestion(state, &source, &row.headers()?).await?;
        let preview = preview(&source, &row, &suggestion)?;
        (Some(suggestion), preview)
    } else {
        (None, Vec::new())
    };
    view(row, suggestion, preview)
}

/// The uploads the viewer may reach, newest first.
pub async fn list(
    state: &AppState,
    viewer: Option<i64>,
    query: &ImportQuery,
    before: Option<i64>,
) -> AppResult<Page<ReportImport>> {
    let limit = query.limit.unwrap_or(25).clamp(1, 100);
    let filter = ImportFilter {
        source_id: query.source,
        organization_id: viewer,
        before,
    };
    let rows = store::imports(state.db.pool(), filter, limit).await?;
    into_page(rows, limit, |r| r.id, |r| Ok::<_, AppError>(summary(r)))
}

fn summary(row: ImportListRow) -> ReportImport {
    ReportImport {
        id: row.id,
        source_id: row.source_id,
        source_name: row.source_name,
        file_name: row.file_name,
        state: row.state,
        rows_read: count(row.rows_read),
        counts: counts([row.imported, row.duplicate, row.rejected, row.waiting]),
        error: row.error,
        created_at: rfc3339(row.created_at),
        finished_at: row.finished_at.map(rfc3339),
    }
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

fn counts([imported, duplicate, rejected, waiting]: [i64; 4]) -> Counts {
    Counts {
        imported: count(imported),
        duplicate: count(duplicate),
        rejected: count(rejected),
        waiting: count(waiting),
    }
}

async fn suggestion(
    state: &AppState,
    source: &SourceRow,
    headers: &[String],
) -> AppResult<Vec<ColumnMapping>> {
    let own = source.columns()?;
    let mut others = Vec::new();
    for other in store::sources(state.db.pool(), None).await? {
        if other.id != source.id {
            others.extend(other.columns()?);
        }
    }
    Ok(suggest(headers, &own, &others))
}

/// The first rows as the suggested mapping reads them (products and customers not yet looked
/// up: that needs the import).
fn preview(
    source: &SourceRow,
    row: &ImportRow,
    mapping: &[ColumnMapping],
) -> AppResult<Vec<PreviewRow>> {
    let layout = Layout::new(
        &row.headers()?,
        mapping,
        source.date_order,
        source.currency.as_deref(),
    );
    Ok(row
        .sample()?
        .into_iter()
        .map(|(n, cells)| match row::read(&layout, &cells) {
            Ok(v) => PreviewRow {
                row_number: n as u64,
                transaction_date: Some(v.date.to_string()),
                customer: Some(v.customer_name),
                product: Some(v.product),
                amount: Some(v.amount),
                currency: Some(v.currency.to_owned()),
                problem: None,
            },
            Err(problem) => PreviewRow {
                row_number: n as u64,
                transaction_date: None,
                customer: None,
                product: None,
                amount: None,
                currency: None,
                problem: Some(problem.reason()),
            },
        })
        .collect())
}

fn view(
    row: ImportRow,
    suggestion: Option<Vec<ColumnMapping>>,
    preview: Vec<PreviewRow>,
) -> AppResult<Import> {
    Ok(Import {
        id: row.id,
        source_id: row.source_id,
        headers: row.headers()?,
        file_name: row.file_name,
        state: row.state,
        size: count(row.size),
        bytes_read: count(row.bytes_read),
        rows_read: count(row.rows_read),
        counts: counts([row.imported, row.duplicate, row.rejected, row.waiting]),
        error: row.error,
        suggestion,
        preview,
        created_at: rfc3339(row.created_at),
        finished_at: row.finished_at.map(rfc3339),
    })
}
