//! The shared pipeline lists: partners read their organization's deals through the safe view,
//! vendor staff read every deal; the CSV export (`export`) and the weekly review lists
//! (`review`).

mod export;
mod review;

use axum::Json;
use axum::extract::State;
use portico_api::ErrorBody;
use portico_api::date::Date;
use portico_api::pipeline::{PipelinePage, PipelineQuery, PipelineSort, Stage};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, ApiResult};
use crate::routes::extract::ApiQuery;
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::opportunities::{
    self as store, Keyset, Listed, OpportunityRow, PipelineFilter, SafeRow,
};
use crate::store::{Scope, into_page, page_of};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .merge(export::router())
        .merge(review::router())
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
            PipelinePage::Partner(page_of(rows, filter.limit, cursor(filter.sort), |row| {
                row.into_partner_view(now)
            }))
        }
        Scope::Vendor => {
            let rows: Vec<OpportunityRow> = store::page(db, &filter).await?;
            PipelinePage::Manager(into_page(rows, filter.limit, cursor(filter.sort), |row| {
                row.into_manager_view(now)
            })?)
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
        due_before: (vendor && query.overdue == Some(true))
            .then(|| Date::from_unix(now).to_string()),
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

/// The next page's cursor: the keyset of a page's last row under `sort`.
fn cursor<R: Listed>(sort: PipelineSort) -> impl Fn(&R) -> String {
    move |row| Keyset::of(row.safe(), sort).encode()
}
