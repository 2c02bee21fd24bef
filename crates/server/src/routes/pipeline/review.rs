//! The weekly partner pipeline review for managers.

use axum::Json;
use axum::extract::State;
use portico_api::ErrorBody;
use portico_api::pipeline::{
    LateApproval, ManagerOpportunity, PipelineReview, ProtectionStatus, ReviewList, STALE_DAYS,
};
use portico_api::registrations::number;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::clock::{Timestamp, rfc3339};
use crate::error::ApiResult;
use crate::routes::extract::ApiQuery;
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::StoreError;
use crate::store::opportunities::{self as store, OpportunityRow, PipelineFilter};
use crate::store::registrations as registrations_store;

const REVIEW_ITEMS: u32 = 20;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(review))
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
    let base = PipelineFilter::vendor(now, REVIEW_ITEMS);
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
