//! The shared pipeline lists: partners read their organization's deals through the safe view,
//! vendor staff read every deal; the CSV export and the weekly review lists.

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use portico_api::pipeline::{
    LateApproval, ManagerOpportunity, PartnerOpportunity, PipelinePage, PipelineQuery,
    PipelineReview, PipelineSort, ProtectionStatus, ReviewList, STALE_DAYS, Stage,
};
use portico_api::registrations::number;
use portico_api::{ErrorBody, Page};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::clock::{Timestamp, rfc3339};
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::ApiQuery;
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::Scope;
use crate::store::StoreError;
use crate::store::opportunities::{
    self as store, Keyset, Listed, OpportunityRow, PipelineFilter, SafeRow,
};
use crate::store::registrations as registrations_store;

/// Rows a CSV export holds at most; the filters narrow a larger pipeline.
const CSV_MAX_ROWS: usize = 50_000;
const CSV_CHUNK: u32 = 1_000;
const REVIEW_ITEMS: u32 = 20;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(export))
        .routes(routes!(review))
}

/// Partners see their organization's deals with only the safe fields; vendor staff see every
/// deal with everything, and can filter by partner, conflict and idleness.
#[utoipa::path(get, path = "/api/pipeline", tag = "pipeline", params(PipelineQuery),
    responses((status = 200, body = PipelinePage), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody)))]
async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<PipelineQuery>,
) -> ApiResult<Json<PipelinePage>> {
    let filter = filter(&state, &caller, &query)?;
    let db = state.db.pool();
    let now = filter.now;
    Ok(Json(match caller.scope() {
        Scope::Organization(_) => {
            let rows: Vec<SafeRow> = store::page(db, &filter).await?;
            PipelinePage::Partner(paged(rows, &filter, |row| Ok(row.into_partner_view(now)))?)
        }
        Scope::Vendor => {
            let rows: Vec<OpportunityRow> = store::page(db, &filter).await?;
            PipelinePage::Manager(paged(rows, &filter, |row| Ok(row.into_manager_view(now)?))?)
        }
    }))
}

/// The caller's filter: a partner's is always its own organization, and the manager-only
/// filters do not apply to it.
fn filter(state: &AppState, caller: &Caller, query: &PipelineQuery) -> ApiResult<PipelineFilter> {
    let scope = caller.scope();
    let vendor = matches!(scope, Scope::Vendor);
    let sort = query.sort.unwrap_or_default();
    let now = state.now();
    let after = match query.cursor.as_deref().filter(|c| !c.is_empty()) {
        None => None,
        Some(cursor) => Some(
            Keyset::decode(cursor, sort)
                .ok_or_else(|| ApiError::BadRequest("That page cursor is not valid.".into()))?,
        ),
    };
    Ok(PipelineFilter {
        scope,
        organization_id: query.organization_id.filter(|_| vendor),
        motion: query.motion,
        stage: stage_filter(query)?,
        protection: query.protection,
        search: query.search().map(str::to_owned),
        conflict_only: vendor && query.conflict == Some(true),
        idle_since: query
            .stale_days
            .filter(|_| vendor)
            .map(|days| now - i64::from(days) * 86_400),
        sort,
        after,
        limit: query.page().limit(),
        now,
    })
}

fn stage_filter(query: &PipelineQuery) -> ApiResult<Option<String>> {
    let Some(slug) = query.stage.as_deref().filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let motions = query
        .motion
        .map_or(portico_api::organizations::Motion::ALL.to_vec(), |m| {
            vec![m]
        });
    if motions.iter().any(|m| Stage::parse(*m, slug).is_some()) {
        Ok(Some(slug.to_owned()))
    } else {
        Err(ApiError::BadRequest(format!(
            "There is no stage {slug:?}{}.",
            query
                .motion
                .map(|m| format!(" for {} deals", m.label()))
                .unwrap_or_default()
        )))
    }
}

fn paged<R: Listed, T>(
    mut rows: Vec<R>,
    filter: &PipelineFilter,
    view: impl Fn(R) -> ApiResult<T>,
) -> ApiResult<Page<T>> {
    let limit = filter.limit as usize;
    let next_cursor = (rows.len() > limit).then(|| {
        rows.truncate(limit);
        rows.last()
            .map(|last| Keyset::of(last.safe(), filter.sort).encode())
    });
    Ok(Page {
        items: rows.into_iter().map(view).collect::<ApiResult<_>>()?,
        next_cursor: next_cursor.flatten(),
    })
}

/// The same list as CSV, every matching row (up to 50,000): partners get exactly the safe
/// columns of their view.
#[utoipa::path(get, path = "/api/pipeline.csv", tag = "pipeline", params(PipelineQuery),
    responses((status = 200, content_type = "text/csv", body = String),
        (status = 401, body = ErrorBody)))]
async fn export(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<PipelineQuery>,
) -> ApiResult<Response> {
    let mut filter = filter(&state, &caller, &query)?;
    filter.after = None;
    filter.limit = CSV_CHUNK;
    let now = filter.now;
    let mut out = csv::Writer::from_writer(Vec::new());
    match caller.scope() {
        Scope::Organization(_) => {
            out.write_record(PARTNER_COLUMNS)
                .map_err(ApiError::internal)?;
            write_rows(&state, &mut filter, &mut out, |row: SafeRow| {
                Ok(partner_record(row.into_partner_view(now)))
            })
            .await?;
        }
        Scope::Vendor => {
            let header = [PARTNER_COLUMNS, MANAGER_COLUMNS].concat();
            out.write_record(&header).map_err(ApiError::internal)?;
            write_rows(&state, &mut filter, &mut out, |row: OpportunityRow| {
                Ok(manager_record(row.into_manager_view(now)?))
            })
            .await?;
        }
    }
    let body = out.into_inner().map_err(ApiError::internal)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"pipeline.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}

/// Every row the filter matches (up to `CSV_MAX_ROWS`), a chunk at a time.
async fn write_rows<R: Listed>(
    state: &AppState,
    filter: &mut PipelineFilter,
    out: &mut csv::Writer<Vec<u8>>,
    record: impl Fn(R) -> ApiResult<Vec<String>>,
) -> ApiResult<()> {
    let mut written = 0;
    loop {
        let mut rows: Vec<R> = store::page(state.db.pool(), filter).await?;
        let more = rows.len() > CSV_CHUNK as usize;
        rows.truncate(CSV_CHUNK as usize);
        filter.after = rows.last().map(|last| Keyset::of(last.safe(), filter.sort));
        for row in rows {
            out.write_record(record(row)?.into_iter().map(defuse))
                .map_err(ApiError::internal)?;
            written += 1;
        }
        if !more || written >= CSV_MAX_ROWS {
            return Ok(());
        }
    }
}

const PARTNER_COLUMNS: [&str; 12] = [
    "id",
    "customer_name",
    "motion",
    "stage",
    "stage_entered_at",
    "owner_name",
    "next_step",
    "next_step_due",
    "registration_status",
    "protection_status",
    "protection_ends",
    "updated_at",
];

const MANAGER_COLUMNS: [&str; 12] = [
    "organization",
    "registration_id",
    "amount",
    "currency",
    "discount_band",
    "price_protection",
    "partner_role",
    "attribution_percent",
    "conflict",
    "loss_reason",
    "internal_notes",
    "last_activity_at",
];

fn partner_record(view: PartnerOpportunity) -> Vec<String> {
    let PartnerOpportunity {
        id,
        customer_name,
        motion,
        stage,
        stage_entered_at,
        owner_name,
        next_step,
        next_step_due,
        registration_status,
        protection_status,
        protection_ends,
        updated_at,
    } = view;
    vec![
        id.to_string(),
        customer_name,
        motion.as_str().to_owned(),
        stage,
        stage_entered_at,
        owner_name.unwrap_or_default(),
        next_step.unwrap_or_default(),
        next_step_due.unwrap_or_default(),
        registration_status
            .map(|s| s.as_str().to_owned())
            .unwrap_or_default(),
        protection_status.as_str().to_owned(),
        protection_ends.unwrap_or_default(),
        updated_at,
    ]
}

fn manager_record(view: ManagerOpportunity) -> Vec<String> {
    let ManagerOpportunity {
        opportunity,
        organization,
        registration_id,
        amount,
        currency,
        discount_band,
        price_protection,
        partner_role,
        attribution_percent,
        internal_notes,
        loss_reason,
        conflict,
        exit_criteria: _,
        last_activity_at,
        created_at: _,
    } = view;
    let text = |v: Option<String>| v.unwrap_or_default();
    let mut record = partner_record(opportunity);
    record.extend([
        organization.name,
        text(registration_id.map(|i| i.to_string())),
        text(amount.map(|a| a.to_string())),
        text(currency),
        text(discount_band),
        price_protection.to_string(),
        text(partner_role.map(|r| r.as_str().to_owned())),
        text(attribution_percent.map(|p| p.to_string())),
        text(conflict.map(|c| c.as_str().to_owned())),
        text(loss_reason),
        internal_notes,
        last_activity_at,
    ]);
    record
}

/// A spreadsheet runs a cell that starts like a formula; a leading apostrophe keeps it text.
fn defuse(field: String) -> String {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{field}")
    } else {
        field
    }
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
struct ReviewQuery {
    /// Days without activity that make an open deal stale; 14 when absent.
    stale_days: Option<u32>,
}

/// The weekly partner pipeline review: protection expiring within 7 days, stale deals,
/// approvals past their SLA and deals whose registration needs conflict review. Managers only.
#[utoipa::path(get, path = "/api/pipeline/review", tag = "pipeline", params(ReviewQuery),
    responses((status = 200, body = PipelineReview), (status = 403, body = ErrorBody)))]
async fn review(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<ReviewQuery>,
) -> ApiResult<Json<PipelineReview>> {
    caller.require_vendor()?;
    let now = state.now();
    let stale_days = query.stale_days.unwrap_or(STALE_DAYS).max(1);
    let base = PipelineFilter {
        scope: Scope::Vendor,
        organization_id: None,
        motion: None,
        stage: None,
        protection: None,
        search: None,
        conflict_only: false,
        idle_since: None,
        sort: PipelineSort::Updated,
        after: None,
        limit: REVIEW_ITEMS,
        now,
    };
    let expiring = PipelineFilter {
        protection: Some(ProtectionStatus::Expiring),
        ..base.clone()
    };
    let stale = PipelineFilter {
        idle_since: Some(now - i64::from(stale_days) * 86_400),
        ..base.clone()
    };
    let duplicates = PipelineFilter {
        conflict_only: true,
        ..base
    };
    Ok(Json(PipelineReview {
        expiring: review_list(&state, &expiring).await?,
        stale: review_list(&state, &stale).await?,
        stale_days,
        late_approvals: late_approvals(&state, now).await?,
        duplicates: review_list(&state, &duplicates).await?,
    }))
}

async fn review_list(
    state: &AppState,
    filter: &PipelineFilter,
) -> ApiResult<ReviewList<ManagerOpportunity>> {
    let mut rows: Vec<OpportunityRow> = store::page(state.db.pool(), filter).await?;
    rows.truncate(filter.limit as usize);
    Ok(ReviewList {
        total: store::count(state.db.pool(), filter).await?,
        items: rows
            .into_iter()
            .map(|row| row.into_manager_view(filter.now))
            .collect::<Result<_, StoreError>>()?,
    })
}

async fn late_approvals(state: &AppState, now: Timestamp) -> ApiResult<ReviewList<LateApproval>> {
    let (total, rows) =
        registrations_store::late(state.db.pool(), now, i64::from(REVIEW_ITEMS)).await?;
    Ok(ReviewList {
        total,
        items: rows
            .into_iter()
            .map(|row| LateApproval {
                registration_id: row.id,
                number: number(row.id),
                organization: row.organization(),
                company_name: row.company_name,
                decide_by: rfc3339(row.decide_by),
            })
            .collect(),
    })
}
