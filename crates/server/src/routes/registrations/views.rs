//! Registrations in each side's shape: partners' safe views, managers' views with the
//! conflict findings side by side, and the timeline each side may read.

use std::collections::HashMap;

use portico_api::Role;
use portico_api::registrations::{
    ManagerRegistration, ManagerRegistrationDetail, PartnerRegistration, Product, TimelineEntry,
};

use crate::app::registrations::findings::{Findings, conflict_findings};
use crate::clock::rfc3339;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::store::accounts;
use crate::store::audit::TrailRow;
use crate::store::registrations::{self as store, RegistrationRow};

/// Rows with their products, in the partner's shape.
pub(super) async fn partner_views(
    state: &AppState,
    rows: Vec<RegistrationRow>,
) -> ApiResult<Vec<PartnerRegistration>> {
    let now = state.now();
    let mut products = products_by_registration(state, &rows).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let own = products.remove(&row.id).unwrap_or_default();
            row.into_partner_view(own, now, state.rules.approval_sla_hours)
        })
        .collect())
}

pub(super) async fn manager_views(
    state: &AppState,
    rows: Vec<RegistrationRow>,
) -> ApiResult<Vec<ManagerRegistration>> {
    let now = state.now();
    let mut products = products_by_registration(state, &rows).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut competing = store::competing(state.db.pool(), &ids).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let own = products.remove(&row.id).unwrap_or_default();
            let others = competing.remove(&row.id).unwrap_or_default();
            row.into_manager_view(own, others, now, state.rules.approval_sla_hours)
        })
        .collect())
}

async fn products_by_registration(
    state: &AppState,
    rows: &[RegistrationRow],
) -> ApiResult<HashMap<i64, Vec<Product>>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut by_id = HashMap::<i64, Vec<_>>::new();
    for (registration_id, product) in store::products_of(state.db.pool(), &ids).await? {
        by_id.entry(registration_id).or_default().push(product);
    }
    Ok(by_id)
}

pub(super) async fn manager_detail(
    state: &AppState,
    row: RegistrationRow,
    trail: Vec<TrailRow>,
) -> ApiResult<ManagerRegistrationDetail> {
    let found = conflict_findings(state, row.id).await?;
    let suggestion = found.suggestion(state, &row).await?;
    let Findings {
        findings,
        matched,
        matched_accounts,
    } = found;
    let matched: Vec<RegistrationRow> = matched.into_iter().map(|(row, _)| row).collect();
    let matched_accounts = matched_accounts.into_iter().map(|(row, _)| row).collect();
    let registration = manager_views(state, vec![row]).await?.remove(0);
    let later: Vec<i64> = registration
        .competing_claims
        .iter()
        .copied()
        .filter(|id| !matched.iter().any(|m| m.id == *id))
        .collect();
    let mut conn = state.db.acquire().await?;
    let later_claims = store::by_ids(&mut conn, &later).await?;
    Ok(ManagerRegistrationDetail {
        registration,
        findings,
        matches: manager_views(state, matched).await?,
        later_claims: manager_views(state, later_claims).await?,
        accounts: accounts::views(&mut conn, matched_accounts).await?,
        suggestion,
        timeline: trail.into_iter().filter_map(manager_entry).collect(),
    })
}

/// How an audit action reads on the timeline, and whether the partner sees it.
fn describe(action: &str) -> Option<(&'static str, bool)> {
    Some(match action {
        "registration.submitted" => ("Submitted", true),
        "registration.conflict_checked" => ("Conflict check", false),
        "registration.approved" => ("Approved", true),
        "registration.declined" => ("Declined", true),
        "registration.withdrawn" => ("Withdrawn", true),
        "registration.info_requested" => ("More information requested", true),
        "registration.info_answered" => ("Partner answered", true),
        "registration.extension_requested" => ("Extension of protection requested", true),
        "registration.extension_approved" => ("Extension approved", true),
        "registration.extension_declined" => ("Extension declined", true),
        "registration.reminded" => ("Protection ends within 7 days", true),
        "registration.expired" => ("Protection ended", true),
        "registration.sla_breached" => ("Not decided within the approval SLA", false),
        _ => return None,
    })
}

pub(super) fn partner_entry(row: TrailRow) -> Option<TimelineEntry> {
    let (what, partner_visible) = describe(&row.action)?;
    if !partner_visible {
        return None;
    }
    let vendor = row
        .actor_role
        .as_deref()
        .and_then(Role::parse)
        .is_some_and(Role::is_vendor);
    Some(TimelineEntry {
        at: rfc3339(row.at),
        what: what.to_owned(),
        who: if vendor {
            Some("Partner manager".to_owned())
        } else {
            row.actor_name
        },
        rationale: row.rationale,
    })
}

pub(super) fn manager_entry(row: TrailRow) -> Option<TimelineEntry> {
    let (what, _) = describe(&row.action)?;
    Some(TimelineEntry {
        at: rfc3339(row.at),
        what: what.to_owned(),
        who: row.actor_name,
        rationale: row.rationale,
    })
}
