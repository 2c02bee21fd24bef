//! `GET /api/assets`: searching the content hub, within the bounds that keep one session's
//! searches from slowing everyone else's (`domain::search_limits`, `store::asset_search`).

use axum::Json;
use axum::extract::State;
use portico_api::ErrorBody;
use portico_api::assets::{AssetQuery, AssetSearch, FacetCount, Facets};

use super::reader;
use crate::domain::search_limits::Refusal;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::ApiQuery;
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::StoreError;
use crate::store::asset_search::{self, FacetCounts, FacetRow, Search};
use crate::store::assets;

/// Offsets past this are refused: nobody pages through ten thousand cards.
const OFFSET_MAX: u32 = 10_000;

/// Search the hub. Partners see only published assets meant for their tier, motion and
/// certifications; managers see drafts too (and archived ones with `state=archived`). Each
/// session may run 2 searches at a time and 10 a second (20 in a row after a pause).
#[utoipa::path(get, path = "/api/assets", tag = "content", params(AssetQuery),
    responses((status = 200, body = AssetSearch), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 422, body = ErrorBody),
        (status = 429, body = ErrorBody)))]
pub(super) async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<AssetQuery>,
) -> ApiResult<Json<AssetSearch>> {
    let words = query
        .words()
        .map_err(|message| ApiError::field("q", message))?;
    let offset = offset(query.cursor.as_deref())?;
    let _running = state
        .search_limits
        .admit(caller.session_key(), state.now_ms())
        .map_err(refused)?;
    let search = Search {
        reader: reader(&state, &caller).await?,
        words,
        kind: query.kind,
        motion: query.motion,
        industry: query.industry.clone().filter(|v| !v.is_empty()),
        use_case: query.use_case.clone().filter(|v| !v.is_empty()),
        state: query.state,
        sort: query.sort.unwrap_or_default(),
        offset,
        limit: query.limit(),
    };
    let (mut rows, counts, new_since) = tokio::try_join!(
        search.page(&state.db),
        search.facets(&state.db),
        assets::visit(&state.db, caller.user_id, state.now()),
    )
    .map_err(too_long)?;
    let next_cursor = (rows.len() > search.limit as usize).then(|| {
        rows.truncate(search.limit as usize);
        (search.offset + search.limit).to_string()
    });
    let items = rows
        .into_iter()
        .map(|row| row.into_card(Some(new_since)))
        .collect::<Result<_, StoreError>>()?;
    let FacetCounts {
        rows,
        total,
        capped,
    } = counts;
    Ok(Json(AssetSearch {
        items,
        next_cursor,
        total,
        facets: facets(rows),
        capped,
    }))
}

fn refused(refusal: Refusal) -> ApiError {
    match refusal {
        Refusal::Busy => ApiError::TooManyRequests {
            message: "Your previous searches are still running. Search again in a moment.",
            retry_after_secs: 1,
        },
        Refusal::TooFast { retry_after_secs } => ApiError::TooManyRequests {
            message: "Too many searches in a short time. Wait a few seconds and search again.",
            retry_after_secs,
        },
    }
}

fn too_long(error: StoreError) -> ApiError {
    if asset_search::timed_out(&error) {
        ApiError::Unprocessable(
            "The search took too long. Narrow it down with more words or a filter.".into(),
        )
    } else {
        error.into()
    }
}

fn offset(cursor: Option<&str>) -> ApiResult<u32> {
    match cursor {
        None | Some("") => Ok(0),
        Some(c) => c
            .parse()
            .ok()
            .filter(|n| *n <= OFFSET_MAX)
            .ok_or_else(|| ApiError::BadRequest("That page cursor is not valid.".into())),
    }
}

/// The counts by facet, most frequent first.
fn facets(rows: Vec<FacetRow>) -> Facets {
    let mut facets = Facets::default();
    for row in rows {
        let list = match row.facet.as_str() {
            "kind" => &mut facets.kind,
            "motion" => &mut facets.motion,
            "industry" => &mut facets.industry,
            _ => &mut facets.use_case,
        };
        list.push(FacetCount {
            value: row.value,
            count: row.n,
        });
    }
    for list in [
        &mut facets.kind,
        &mut facets.motion,
        &mut facets.industry,
        &mut facets.use_case,
    ] {
        list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    }
    facets
}
