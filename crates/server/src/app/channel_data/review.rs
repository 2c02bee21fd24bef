//! The rows of imports and the review queue: a person settles a waiting row by choosing its
//! product (which teaches the name as the product's alias), its account (which ties the name
//! to it), or a corrected value, or rejects it. A lesson settles the source's other rows
//! waiting on the same thing too, so the next file needs less work.

use portico_api::Page;
use portico_api::channel_data::imports::{
    Cell, ChannelRow, Resolve, Resolved, RowQuery, RowStatus,
};
use portico_api::channel_data::{ColumnMapping, Field};
use portico_api::registrations::Product;

use super::decide::{Context, decide, parse};
use super::lookups::Lookups;
use super::write::apply;
use crate::app::unit_of_work::{self, UnitOfWork};
use crate::app::{AppError, AppResult};
use crate::domain::channel::product_key;
use crate::domain::channel::row::Layout;
use crate::domain::company::name_key;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::channel_data::{self as store, NewRow, RowFilter, RowRow};
use crate::store::into_page;

/// Waiting rows one lesson settles at most in one go.
const LESSON_ROWS: u32 = 500;

pub async fn rows(
    state: &AppState,
    viewer: Option<i64>,
    query: &RowQuery,
    after: Option<i64>,
) -> AppResult<Page<ChannelRow>> {
    if let Some(id) = query.import {
        super::upload::read(state, viewer, id).await?;
    }
    let limit = query.limit.unwrap_or(50).clamp(1, 100);
    let filter = RowFilter {
        import_id: query.import,
        status: query.status,
        organization_id: viewer,
        after,
    };
    let pool = state.db.pool();
    let found = store::rows(pool, filter, limit).await?;
    let products = store::products(pool).await?;
    let mut mappings: Vec<(i64, Vec<ColumnMapping>)> = Vec::new();
    for source_id in found.iter().map(|r| r.source_id) {
        if !mappings.iter().any(|(id, _)| *id == source_id) {
            let source = store::source(pool, source_id)
                .await?
                .ok_or(AppError::NotFound)?;
            mappings.push((source_id, source.columns()?));
        }
    }
    into_page(
        found,
        limit,
        |r| r.id,
        |r| {
            let columns = mappings
                .iter()
                .find(|(id, _)| *id == r.source_id)
                .map(|(_, c)| c.as_slice())
                .unwrap_or(&[]);
            view(r, columns, &products)
        },
    )
}

fn view(
    row: RowRow,
    columns: &[ColumnMapping],
    products: &[(i64, String)],
) -> AppResult<ChannelRow> {
    let original: Vec<Cell> = match &row.original {
        Some(text) => serde_json::from_str(text).map_err(AppError::internal)?,
        None => Vec::new(),
    };
    let suggestions = match (row.status, row.field) {
        (RowStatus::Waiting, Some(Field::Product)) => {
            let named = value_of(&original, columns, Field::Product).unwrap_or_default();
            similar(&named, products)
        }
        _ => Vec::new(),
    };
    Ok(ChannelRow {
        id: row.id,
        import_id: row.import_id,
        row_number: u64::try_from(row.row_number).unwrap_or(0),
        status: row.status,
        reason: row.reason,
        field: row.field,
        original,
        transaction_id: row.transaction_id,
        suggestions,
    })
}

/// The cell of the column the mapping gives the field.
fn value_of(cells: &[Cell], columns: &[ColumnMapping], field: Field) -> Option<String> {
    let header = &columns.iter().find(|c| c.field == Some(field))?.header;
    cells
        .iter()
        .find(|c| &c.header == header)
        .map(|c| c.value.clone())
}

/// The three products whose names are closest to the one reported: sharing words with it
/// first ("Connect Pro X" and "Acme Connect"), then spelled alike ("Acme Conect").
fn similar(name: &str, products: &[(i64, String)]) -> Vec<Product> {
    let key = product_key(name);
    let words: Vec<&str> = key.split(' ').collect();
    let mut scored: Vec<_> = products
        .iter()
        .map(|p| {
            let other = product_key(&p.1);
            let shared = other.split(' ').filter(|w| words.contains(w)).count();
            ((shared, strsim::jaro_winkler(&key, &other)), p)
        })
        .filter(|((shared, alike), _)| *shared > 0 || *alike > 0.85)
        .collect();
    scored.sort_by(|a, b| b.0.0.cmp(&a.0.0).then(b.0.1.total_cmp(&a.0.1)));
    scored
        .into_iter()
        .take(3)
        .map(|(_, (id, name))| Product {
            id: *id,
            name: name.clone(),
        })
        .collect()
}

pub async fn resolve(
    state: &AppState,
    (user_id, viewer): (i64, Option<i64>),
    id: i64,
    request: &Resolve,
) -> AppResult<Resolved> {
    let row = store::row(state.db.pool(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let source = super::reachable(state, viewer, row.source_id).await?;
    // What a product or customer name means is learned for every source, so only vendor
    // staff teach it; a partner admin corrects a value or rejects the row.
    if viewer.is_some() && (request.product_id.is_some() || request.account_id.is_some()) {
        let field = if request.product_id.is_some() {
            "product_id"
        } else {
            "account_id"
        };
        return Err(AppError::field(
            field,
            "Your partner manager settles product and customer names; correct a value or \
             reject the row.",
        ));
    }
    if row.status != RowStatus::Waiting {
        return Err(AppError::conflict("This row was settled already."));
    }
    let columns = source.columns()?;
    let also_settled = unit_of_work::run(state, async |unit| {
        let lesson = learn(unit, user_id, (&row, &columns), request).await?;
        let settled = match &request.reject {
            Some(reason) => reject(unit, &row, reason.trim()).await?,
            None => redo(unit, &source, std::slice::from_ref(&row), &request.values).await?,
        };
        let mut also = 0;
        if let Some(field) = lesson {
            let waiting = store::waiting_on(unit.tx(), row.source_id, field, LESSON_ROWS).await?;
            also = redo(unit, &source, &waiting, &[]).await?;
        }
        unit.record(AuditEntry {
            organization_id: source.organization_id,
            after: audit::state(request),
            ..AuditEntry::new(
                Some(user_id),
                "channel_row.resolved",
                "channel_row",
                Some(id),
            )
        });
        let _ = settled;
        Ok(also)
    })
    .await?;
    let pool = state.db.pool();
    let row = store::row(pool, id).await?.ok_or(AppError::NotFound)?;
    let products = store::products(pool).await?;
    Ok(Resolved {
        row: view(row, &columns, &products)?,
        also_settled,
    })
}

/// Records what the resolution teaches: a product alias or a name tied to an account. The
/// field whose waiting rows it may settle.
async fn learn(
    unit: &mut UnitOfWork,
    user_id: i64,
    (row, columns): (&RowRow, &[ColumnMapping]),
    request: &Resolve,
) -> AppResult<Option<Field>> {
    let cells = original(row)?;
    let now = unit.now();
    if let Some(product_id) = request.product_id {
        let name = value_of(&cells, columns, Field::Product)
            .ok_or_else(|| AppError::field("product_id", "The row names no product."))?;
        let known = store::products(unit.tx())
            .await?
            .iter()
            .any(|(id, _)| *id == product_id);
        if !known {
            return Err(AppError::field(
                "product_id",
                "Choose a product of the catalog.",
            ));
        }
        match store::insert_alias(
            unit.tx(),
            (product_id, name.trim(), &product_key(&name)),
            user_id,
            now,
        )
        .await
        {
            Ok(_) => {}
            Err(e) if e.is_duplicate() => {}
            Err(e) => return Err(e.into()),
        }
        return Ok(Some(Field::Product));
    }
    if let Some(account_id) = request.account_id {
        let name = value_of(&cells, columns, Field::CustomerName)
            .ok_or_else(|| AppError::field("account_id", "The row names no customer."))?;
        store::insert_customer_alias(unit.tx(), (&name_key(&name), account_id), user_id, now)
            .await?;
        return Ok(Some(Field::CustomerName));
    }
    Ok(None)
}

async fn reject(unit: &mut UnitOfWork, row: &RowRow, reason: &str) -> AppResult<u64> {
    let outcome = NewRow {
        row_number: row.row_number,
        status: RowStatus::Rejected,
        reason: Some(reason.to_owned()),
        field: None,
        original: None,
        transaction_id: None,
    };
    settle(unit, row, &outcome).await
}

/// Decides the rows again (with corrected values for the first), each with its own import's
/// layout; how many left the queue.
async fn redo(
    unit: &mut UnitOfWork,
    source: &store::SourceRow,
    rows: &[RowRow],
    values: &[portico_api::channel_data::imports::FieldValue],
) -> AppResult<u64> {
    let columns = source.columns()?;
    let mut left = 0;
    for (i, row) in rows.iter().enumerate() {
        let import = store::import(unit.tx(), row.import_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let headers = import.headers()?;
        let mut cells = cells_of(row, &headers)?;
        if i == 0 {
            for v in values {
                let header = columns
                    .iter()
                    .find(|c| c.field == Some(v.field))
                    .map(|c| c.header.clone());
                let at = header.and_then(|h| headers.iter().position(|x| *x == h));
                let at = at.ok_or_else(|| {
                    AppError::field(v.field.as_str(), "The report has no column for this.")
                })?;
                cells[at] = v.value.clone();
            }
        }
        let layout = Layout::new(
            &headers,
            &columns,
            source.date_order,
            source.currency.as_deref(),
        );
        let lookups = Lookups::load(unit.tx()).await?;
        let mut ctx = Context {
            lookups,
            source: source.clone(),
            import_id: row.import_id,
        };
        let read = parse(&layout, vec![(row.row_number, cells)]);
        let decisions = decide(unit.tx(), &mut ctx, read).await?;
        let now = unit.now();
        let outcomes = apply(unit.tx(), (&headers, decisions), now).await?;
        for outcome in &outcomes {
            left += settle(unit, row, outcome).await?;
        }
    }
    Ok(left)
}

/// The row's cells as the report wrote them, by header.
fn original(row: &RowRow) -> AppResult<Vec<Cell>> {
    Ok(row
        .original
        .as_deref()
        .map(serde_json::from_str)
        .transpose()
        .map_err(AppError::internal)?
        .unwrap_or_default())
}

fn cells_of(row: &RowRow, headers: &[String]) -> AppResult<Vec<String>> {
    let cells = original(row)?;
    Ok(headers
        .iter()
        .map(|h| {
            cells
                .iter()
                .find(|c| &c.header == h)
                .map(|c| c.value.clone())
                .unwrap_or_default()
        })
        .collect())
}

/// Stores the row's new outcome and moves its import's count; 1 when it left the queue.
async fn settle(unit: &mut UnitOfWork, row: &RowRow, outcome: &NewRow) -> AppResult<u64> {
    if !store::settle(unit.tx(), row.id, outcome).await? {
        return Ok(0);
    }
    store::recount(
        unit.tx(),
        row.import_id,
        (RowStatus::Waiting, outcome.status),
    )
    .await?;
    Ok(u64::from(outcome.status != RowStatus::Waiting))
}
