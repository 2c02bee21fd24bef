//! The ledger as people read it (a partner its own organization's, managers any), and the
//! managers' approvals and adjustments. Balances are always sums of the entries.

use portico_api::date::Date;
use std::collections::HashMap;

use portico_api::ledger::{
    Approve, Approved, Balance, Dispute, EntryKind, Ledger, LedgerEntry, LedgerQuery, NewAdjustment,
};
use portico_api::organizations::OrganizationRef;

use crate::app::unit_of_work;
use crate::app::{AppError, AppResult};
use crate::clock::rfc3339;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::incentives::{self as store, BalanceRow, DisputeRow, EntryFilter, EntryRow};
use crate::store::organizations;

const DEFAULT_LIMIT: u32 = 50;

/// The entries (newest first, a page) and balances of `organization`, or of every organization
/// when `None` (managers).
pub async fn read(
    state: &AppState,
    organization: Option<i64>,
    query: &LedgerQuery,
    before: Option<i64>,
) -> AppResult<Ledger> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, 100);
    let filter = EntryFilter {
        organization_id: organization,
        status: query.status,
        from: query.from.as_deref(),
        to: query.to.as_deref(),
        before,
    };
    let pool = state.db.pool();
    let mut rows = store::entries(pool, &filter, limit).await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = more
        .then(|| rows.last().map(|r| r.id.to_string()))
        .flatten();
    let balances = store::balances(pool, organization, &state.today()).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut disputes: HashMap<i64, Dispute> = store::latest(pool, &ids)
        .await?
        .into_iter()
        .map(|d| (d.earning_id, dispute(d)))
        .collect();
    Ok(Ledger {
        entries: rows
            .into_iter()
            .map(|row| {
                let dispute = disputes.remove(&row.id);
                entry(row, dispute)
            })
            .collect(),
        next_cursor,
        balances: balances.into_iter().map(balance).collect(),
    })
}

/// Approves accrued pending earnings: those named, or all of an organization.
pub async fn approve(state: &AppState, manager: i64, request: &Approve) -> AppResult<Approved> {
    if request.ids.is_empty() && request.organization_id.is_none() {
        return Err(AppError::field(
            "ids",
            "Name the earnings, or the organization.",
        ));
    }
    let today = state.today();
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let scope = (request.ids.as_slice(), request.organization_id);
        let approved = store::approve(unit.tx(), scope, manager, &today, now).await?;
        for id in &approved {
            unit.record(AuditEntry::new(
                Some(manager),
                "ledger.approved",
                "ledger_entry",
                Some(*id),
            ));
        }
        Ok(Approved {
            approved: approved.len(),
        })
    })
    .await
}

/// Approves what accrued at least the plans' hold period ago with no open question; nothing
/// without a hold period. Answers how many.
pub async fn approve_held(state: &AppState) -> AppResult<usize> {
    let Some((_, plans)) = store::plans(state.db.pool()).await? else {
        return Ok(0);
    };
    let Some(days) = plans.hold_days else {
        return Ok(0);
    };
    let cutoff = Date::from_unix(state.now() - i64::from(days) * 86_400).to_string();
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let approved = store::approve_held(unit.tx(), &cutoff, now).await?;
        for id in &approved {
            unit.record(AuditEntry {
                rationale: Some(format!("{days} days held without a question")),
                ..AuditEntry::new(None, "ledger.approved", "ledger_entry", Some(*id))
            });
        }
        Ok(approved.len())
    })
    .await
}

/// Adds a manager's adjustment, with its reason.
pub async fn adjust(
    state: &AppState,
    manager: i64,
    request: &NewAdjustment,
) -> AppResult<LedgerEntry> {
    let today = state.today();
    let id = unit_of_work::run(state, async |unit| {
        if !organizations::exists(unit.tx(), request.organization_id).await? {
            return Err(AppError::field(
                "organization_id",
                "Choose a partner organization.",
            ));
        }
        let now = unit.now();
        let money = (
            request.organization_id,
            request.currency.as_str(),
            request.amount,
        );
        let rationale = request.rationale.trim();
        let kind = EntryKind::Adjustment;
        let id =
            store::insert_entry(unit.tx(), kind, money, (manager, rationale), &today, now).await?;
        unit.record(AuditEntry {
            organization_id: Some(request.organization_id),
            rationale: Some(rationale.to_owned()),
            after: audit::state(request),
            ..AuditEntry::new(Some(manager), "ledger.adjusted", "ledger_entry", Some(id))
        });
        Ok(id)
    })
    .await?;
    let filter = EntryFilter {
        organization_id: Some(request.organization_id),
        before: Some(id + 1),
        ..EntryFilter::default()
    };
    let row = store::entries(state.db.pool(), &filter, 1)
        .await?
        .into_iter()
        .next();
    row.map(|row| entry(row, None)).ok_or(AppError::NotFound)
}

/// A question about an earning as the ledger shows it.
pub fn dispute(row: DisputeRow) -> Dispute {
    Dispute {
        id: row.id,
        earning_id: row.earning_id,
        comment: row.comment,
        raised_at: rfc3339(row.raised_at),
        answer: row.answer,
        answered_at: row.answered_at.map(rfc3339),
    }
}

fn entry(row: EntryRow, dispute: Option<Dispute>) -> LedgerEntry {
    let EntryRow {
        id,
        organization_id,
        organization_name,
        kind,
        amount,
        currency,
        status,
        accrues_on,
        opportunity_id,
        customer,
        role,
        plan_version,
        computation,
        reverses,
        created_at,
    } = row;
    LedgerEntry {
        id,
        organization: OrganizationRef {
            id: organization_id,
            name: organization_name,
        },
        kind,
        amount,
        currency,
        status,
        accrues_on,
        opportunity_id,
        customer,
        role,
        plan_version,
        description: computation,
        reverses,
        dispute,
        created_at: rfc3339(created_at),
    }
}

fn balance(row: BalanceRow) -> Balance {
    let payable = row.payable();
    let BalanceRow {
        organization_id,
        organization_name,
        currency,
        total,
        upcoming,
        pending,
        paid,
    } = row;
    Balance {
        organization: OrganizationRef {
            id: organization_id,
            name: organization_name,
        },
        currency,
        upcoming,
        pending,
        payable,
        paid,
        total,
    }
}
