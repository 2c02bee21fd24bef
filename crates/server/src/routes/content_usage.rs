//! What managers learn from the content hub: use per asset, per partner and over time.

use axum::Json;
use axum::extract::State;
use portico_api::assets::{AssetUsageDetail, ContentUsage, PartnerContentUsage, UsageQuery};
use portico_api::{ErrorBody, OrganizationRef};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiPath, ApiQuery};
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::asset_usage::{self, Subject};
use crate::store::assets::{self, Reader};
use crate::store::organizations;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(library))
        .routes(routes!(asset))
        .routes(routes!(partner))
}

const TOP: u32 = 20;

fn since(state: &AppState, days: u32) -> i64 {
    state.now() - i64::from(days) * 86_400
}

/// The library's use: top assets, assets nobody used, and week by week.
#[utoipa::path(get, path = "/api/content/usage", tag = "content", params(UsageQuery),
    responses((status = 200, body = ContentUsage), (status = 403, body = ErrorBody)))]
async fn library(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<UsageQuery>,
) -> ApiResult<Json<ContentUsage>> {
    caller.require_vendor()?;
    let days = query.days();
    let since = since(&state, days);
    let pool = state.db.pool();
    let (top, unused, weekly) = tokio::try_join!(
        asset_usage::by_asset(pool, Subject::Everything, since, TOP),
        asset_usage::unused(pool, since),
        asset_usage::weekly(pool, Subject::Everything, since, state.now()),
    )?;
    Ok(Json(ContentUsage {
        days,
        top: top
            .into_iter()
            .map(asset_usage::UsageRow::into_view)
            .collect(),
        unused: unused
            .into_iter()
            .map(asset_usage::UsageRow::into_view)
            .collect(),
        weekly,
    }))
}

/// One asset's use: by partner organization and week by week.
#[utoipa::path(get, path = "/api/assets/{id}/usage", tag = "content",
    params(("id" = i64, Path), UsageQuery),
    responses((status = 200, body = AssetUsageDetail), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
async fn asset(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<UsageQuery>,
) -> ApiResult<Json<AssetUsageDetail>> {
    caller.require_vendor()?;
    let row = assets::find(state.db.pool(), id, &Reader::Vendor)
        .await?
        .ok_or(ApiError::NotFound)?;
    let days = query.days();
    let since = since(&state, days);
    let pool = state.db.pool();
    let (totals, by_organization, weekly) = tokio::try_join!(
        asset_usage::by_asset(pool, Subject::Asset(id), since, 1),
        asset_usage::by_organization(pool, id, since),
        asset_usage::weekly(pool, Subject::Asset(id), since, state.now()),
    )?;
    let usage = match totals.into_iter().next() {
        Some(totals) => totals.into_view(),
        None => asset_usage::UsageRow {
            asset_id: id,
            title: row.card.title,
            kind: row.card.kind,
            views: 0,
            downloads: 0,
            organizations: 0,
            last_used_at: None,
        }
        .into_view(),
    };
    Ok(Json(AssetUsageDetail {
        days,
        usage,
        by_organization,
        weekly,
    }))
}

/// What one partner organization viewed and downloaded, most recent first.
#[utoipa::path(get, path = "/api/organizations/{id}/content-usage", tag = "content",
    params(("id" = i64, Path), UsageQuery),
    responses((status = 200, body = PartnerContentUsage), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
async fn partner(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<UsageQuery>,
) -> ApiResult<Json<PartnerContentUsage>> {
    caller.require_vendor()?;
    let organization = organization(&state, id).await?;
    let days = query.days();
    let rows = asset_usage::by_asset(
        state.db.pool(),
        Subject::Organization(id),
        since(&state, days),
        200,
    )
    .await?;
    Ok(Json(PartnerContentUsage {
        days,
        organization,
        assets: rows
            .into_iter()
            .map(asset_usage::UsageRow::into_view)
            .collect(),
    }))
}

async fn organization(state: &AppState, id: i64) -> ApiResult<OrganizationRef> {
    let name = organizations::name(state.db.pool(), id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(OrganizationRef { id, name })
}
