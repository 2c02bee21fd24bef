//! The pipeline list as CSV: every matching row, a chunk at a time, with exactly the columns of
//! the caller's view.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use portico_api::ErrorBody;
use portico_api::pipeline::{ManagerOpportunity, PartnerOpportunity, PipelineQuery};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::filter;
use crate::domain::spreadsheet::defuse;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::ApiQuery;
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::Scope;
use crate::store::opportunities::{
    self as store, Keyset, Listed, OpportunityRow, PipelineFilter, SafeRow,
};

/// Rows a CSV export holds at most; the filters narrow a larger pipeline.
const CSV_MAX_ROWS: usize = 50_000;
const CSV_CHUNK: u32 = 1_000;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(export))
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
