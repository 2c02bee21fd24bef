//! The CSV files people take away: a payout batch for finance, and a ledger statement for a
//! partner (or a manager).

use portico_api::ledger::LedgerQuery;
use portico_api::payouts::BatchState;

use crate::app::{AppError, AppResult};
use crate::domain::spreadsheet::Cell::{Amount, Text};
use crate::domain::spreadsheet::Csv;
use crate::state::AppState;
use crate::store::incentives::{self as store, EntryFilter};

/// Entries read at a time for a statement: its memory stays bounded by the file itself.
const STATEMENT_PAGE: u32 = 1_000;

/// The batch for finance: organization, payee, account (in full: finance pays it), BIC,
/// amount, currency and the transfer's reference. Confirmed or paid batches only.
pub async fn batch(state: &AppState, id: i64) -> AppResult<String> {
    let pool = state.db.pool();
    let batch = store::batch(pool, id).await?.ok_or(AppError::NotFound)?;
    if batch.state == BatchState::Draft {
        return Err(AppError::conflict("Confirm the batch before paying it."));
    }
    let mut out = csv(&[
        "organization",
        "payee",
        "account",
        "bic",
        "amount",
        "currency",
        "reference",
    ])?;
    for p in store::payments(pool, id).await? {
        let account = state
            .sealer
            .open(&p.account_sealed)
            .ok_or_else(|| AppError::internal("a payee account cannot be unsealed"))?;
        let reference = format!("{}-{}", batch.reference, p.id);
        out.row([
            Text(p.organization_name),
            Text(p.account_holder),
            Text(account),
            Text(p.bic.unwrap_or_default()),
            Amount(p.amount),
            Text(p.currency),
            Text(reference),
        ])
        .map_err(AppError::internal)?;
    }
    out.finish().map_err(AppError::internal)
}

/// Every ledger entry matching the query, newest first, of `organization` (or of every
/// organization for managers): the day it counts from, what it is, where it stands, the deal's
/// customer and the partner's role, the amount and how it was computed.
pub async fn statement(
    state: &AppState,
    organization: Option<i64>,
    query: &LedgerQuery,
) -> AppResult<String> {
    let mut out = csv(&[
        "day",
        "organization",
        "kind",
        "status",
        "customer",
        "role",
        "amount",
        "currency",
        "description",
        "entry",
    ])?;
    let mut filter = EntryFilter {
        organization_id: organization,
        status: query.status,
        from: query.from.as_deref(),
        to: query.to.as_deref(),
        before: None,
    };
    loop {
        let mut rows = store::entries(state.db.pool(), &filter, STATEMENT_PAGE).await?;
        let more = rows.len() > STATEMENT_PAGE as usize;
        rows.truncate(STATEMENT_PAGE as usize);
        filter.before = rows.last().map(|r| r.id);
        for r in rows {
            out.row([
                Text(r.accrues_on),
                Text(r.organization_name),
                Text(r.kind.label().to_owned()),
                Text(r.status.map(|s| s.label().to_owned()).unwrap_or_default()),
                Text(r.customer.unwrap_or_default()),
                Text(
                    r.role
                        .map(|role| role.as_str().to_owned())
                        .unwrap_or_default(),
                ),
                Amount(r.amount),
                Text(r.currency),
                Text(r.computation),
                Text(r.id.to_string()),
            ])
            .map_err(AppError::internal)?;
        }
        if !more {
            return out.finish().map_err(AppError::internal);
        }
    }
}

fn csv(header: &[&str]) -> AppResult<Csv> {
    Csv::new(header).map_err(AppError::internal)
}
