//! Stores what `decide` made of rows: new transactions, corrections written over the ones they
//! correct, and each row's outcome with its cells where a person may look at them.

use std::collections::HashMap;

use portico_api::channel_data::imports::{Cell, RowStatus};

use super::decide::{Decision, Outcome, Ref};
use crate::app::{AppError, AppResult};
use crate::clock::Timestamp;
use crate::store::channel_data::{self as store, NewRow, NewTransaction, Progress};
use crate::store::sql::Conn;

/// Writes the decisions' transactions; answers each row's outcome, in the decisions' order.
pub async fn apply(
    tx: &mut Conn,
    (headers, decisions): (&[String], Vec<Decision>),
    now: Timestamp,
) -> AppResult<Vec<NewRow>> {
    let new: Vec<&NewTransaction> = decisions
        .iter()
        .filter_map(|d| match &d.outcome {
            Outcome::New(t) => Some(&**t),
            _ => None,
        })
        .collect();
    let ids: HashMap<i64, i64> = store::insert_transactions(tx, &new, now)
        .await?
        .into_iter()
        .collect();
    let id_of = |at: Ref| match at {
        Ref::Stored(id) => Ok(id),
        Ref::Row(n) => ids
            .get(&n)
            .copied()
            .ok_or_else(|| AppError::internal(format!("row {n}'s transaction was not stored"))),
    };
    let mut rows = Vec::with_capacity(decisions.len());
    for d in decisions {
        let row = match d.outcome {
            Outcome::New(_) => outcome(
                &d,
                RowStatus::Imported,
                Some(id_of(Ref::Row(d.row_number))?),
                None,
            ),
            Outcome::Corrected(at, ref t) => {
                let id = id_of(at)?;
                store::correct(tx, id, t, now).await?;
                outcome(
                    &d,
                    RowStatus::Imported,
                    Some(id),
                    Some(format!("Corrects transaction {id}.")),
                )
            }
            Outcome::Duplicate(at) => {
                let id = id_of(at)?;
                let reason = format!("Reported already: transaction {id}.");
                kept(
                    &d,
                    headers,
                    NewRow {
                        transaction_id: Some(id),
                        ..outcome(&d, RowStatus::Duplicate, None, Some(reason))
                    },
                )
            }
            Outcome::Waiting(field, ref reason) => kept(
                &d,
                headers,
                NewRow {
                    field: Some(field),
                    ..outcome(&d, RowStatus::Waiting, None, Some(reason.clone()))
                },
            ),
            Outcome::Rejected(ref reason) => kept(
                &d,
                headers,
                outcome(&d, RowStatus::Rejected, None, Some(reason.clone())),
            ),
        };
        rows.push(row);
    }
    Ok(rows)
}

fn outcome(
    d: &Decision,
    status: RowStatus,
    transaction_id: Option<i64>,
    reason: Option<String>,
) -> NewRow {
    NewRow {
        row_number: d.row_number,
        status,
        reason,
        field: None,
        original: None,
        transaction_id,
    }
}

/// The row with its cells, by header, for a person to read.
fn kept(d: &Decision, headers: &[String], row: NewRow) -> NewRow {
    NewRow {
        original: Some(cells_json(headers, &d.cells)),
        ..row
    }
}

pub fn cells_json(headers: &[String], cells: &[String]) -> String {
    let cells: Vec<Cell> = headers
        .iter()
        .enumerate()
        .map(|(i, header)| Cell {
            header: header.clone(),
            value: cells.get(i).cloned().unwrap_or_default(),
        })
        .collect();
    serde_json::to_string(&cells).unwrap_or_else(|_| "[]".to_owned())
}

/// The outcomes counted.
pub fn counted(rows: &[NewRow]) -> Progress {
    let count = |status| rows.iter().filter(|r| r.status == status).count() as i64;
    Progress {
        rows: rows.len() as i64,
        bytes_read: 0,
        imported: count(RowStatus::Imported),
        duplicate: count(RowStatus::Duplicate),
        rejected: count(RowStatus::Rejected),
        waiting: count(RowStatus::Waiting),
    }
}
