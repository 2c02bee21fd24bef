//! Channel data: report sources and their mappings (here), uploads (`upload`), the import
//! worker (`processing`, on `decide`, `lookups` and `write`), the review queue (`review`) and
//! the normalized transactions (`transactions`).
//!
//! `viewer` in these use cases is the partner organization a partner admin acts for, or `None`
//! for vendor staff: a partner reaches only its own source, and another's is not found.

use portico_api::channel_data::{NewSource, SetMapping, Source, SourceKind};
use portico_api::organizations::OrganizationRef;

use crate::app::unit_of_work;
use crate::app::{AppError, AppResult};
use crate::clock::rfc3339;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::channel_data::{self as store, NewSourceRow, SourceRow};
use crate::store::organizations;

mod decide;
mod lookups;
pub mod processing;
pub mod review;
pub mod transactions;
pub mod upload;
mod write;

const SUBJECT: &str = "channel_source";

pub async fn sources(state: &AppState, viewer: Option<i64>) -> AppResult<Vec<Source>> {
    let rows = store::sources(state.db.pool(), viewer).await?;
    rows.into_iter().map(view).collect()
}

/// Adds a source; a partner admin's is their own organization's, and each partner has one.
pub async fn create(
    state: &AppState,
    (user_id, viewer): (i64, Option<i64>),
    input: &NewSource,
) -> AppResult<Source> {
    let organization_id = match viewer {
        Some(own) if input.kind == SourceKind::Partner => Some(own),
        Some(_) => {
            return Err(AppError::field(
                "kind",
                "Your reports are your organization's: choose Partner.",
            ));
        }
        None => input.organization_id,
    };
    let id = unit_of_work::run(state, async |unit| {
        if let Some(id) = organization_id
            && !organizations::exists(unit.tx(), id).await?
        {
            return Err(AppError::field(
                "organization_id",
                "Choose a partner organization.",
            ));
        }
        let row = NewSourceRow {
            name: input.name.trim(),
            kind: input.kind,
            organization_id,
            date_order: input.date_order,
            currency: input
                .currency
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty()),
        };
        let now = unit.now();
        let id = store::insert_source(unit.tx(), &row, user_id, now)
            .await
            .map_err(|e| match e.is_duplicate() {
                true => AppError::conflict("This partner has a source already."),
                false => e.into(),
            })?;
        unit.record(AuditEntry {
            organization_id,
            after: audit::state(input),
            ..AuditEntry::new(Some(user_id), "channel_source.created", SUBJECT, Some(id))
        });
        Ok(id)
    })
    .await?;
    source(state, viewer, id).await
}

/// A source the viewer may reach.
pub async fn source(state: &AppState, viewer: Option<i64>, id: i64) -> AppResult<Source> {
    view(reachable(state, viewer, id).await?)
}

pub(crate) async fn reachable(
    state: &AppState,
    viewer: Option<i64>,
    id: i64,
) -> AppResult<SourceRow> {
    let row = store::source(state.db.pool(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    match viewer {
        Some(own) if row.organization_id != Some(own) => Err(AppError::NotFound),
        _ => Ok(row),
    }
}

/// Saves how the source's reports read, and starts its imports that waited for it.
pub async fn set_mapping(
    state: &AppState,
    (user_id, viewer): (i64, Option<i64>),
    id: i64,
    mapping: &SetMapping,
) -> AppResult<Source> {
    let row = reachable(state, viewer, id).await?;
    unit_of_work::run(state, async |unit| {
        let currency = mapping
            .currency
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty());
        store::set_mapping(
            unit.tx(),
            id,
            &mapping.columns,
            (mapping.date_order, currency),
        )
        .await?;
        let queued = store::queue_waiting(unit.tx(), id).await?;
        unit.record(AuditEntry {
            organization_id: row.organization_id,
            after: audit::state(
                &serde_json::json!({ "mapping": mapping, "imports_started": queued }),
            ),
            ..AuditEntry::new(Some(user_id), "channel_source.mapped", SUBJECT, Some(id))
        });
        Ok(())
    })
    .await?;
    state.channel_signal.notify_one();
    source(state, viewer, id).await
}

fn view(row: SourceRow) -> AppResult<Source> {
    let columns = row.columns()?;
    Ok(Source {
        id: row.id,
        name: row.name,
        kind: row.kind,
        organization: row
            .organization_id
            .zip(row.organization_name)
            .map(|(id, name)| OrganizationRef { id, name }),
        date_order: row.date_order,
        currency: row.currency,
        columns,
        created_at: rfc3339(row.created_at),
    })
}
