//! Channel data: report sources and their mappings, uploads and their progress, the rows and
//! the review queue, the normalized transactions, and the names products are reported under.
//! Vendor staff reach everything; a partner admin only their own organization's source, rows
//! and transactions (another's are not found); partner users none.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_api::channel_data::imports::{
    ChannelRow, Import, ImportQuery, ReportImport, Resolve, Resolved, RowQuery,
};
use portico_api::channel_data::transactions::{
    AliasList, NewAlias, ProductAlias, Transaction, TransactionQuery,
};
use portico_api::channel_data::{NewSource, SetMapping, Source, SourceList};
use portico_api::{ErrorBody, Page};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::channel_data::{self, review, transactions, upload};
use crate::domain::membership::Membership;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath, ApiQuery, parse_cursor};
use crate::routes::session::Caller;
use crate::state::AppState;

mod uploads;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_sources, create_source))
        .routes(routes!(set_mapping))
        .merge(uploads::router())
        .routes(routes!(list_imports))
        .routes(routes!(read_import))
        .routes(routes!(list_rows))
        .routes(routes!(resolve_row))
        .routes(routes!(list_transactions))
        .routes(routes!(transactions_csv))
        .routes(routes!(list_aliases, add_alias))
}

/// Whose data the caller reaches: `None` for vendor staff, a partner admin's organization.
fn viewer(caller: &Caller) -> ApiResult<Option<i64>> {
    match caller.membership {
        Membership::Vendor { .. } => Ok(None),
        Membership::Partner {
            organization_id,
            admin: true,
        } => Ok(Some(organization_id)),
        Membership::Partner { admin: false, .. } => Err(ApiError::Forbidden(
            "Only your organization's admins send its sales reports.",
        )),
    }
}

/// The sources the caller reaches.
#[utoipa::path(get, path = "/api/channel-data/sources", tag = "channel data",
    responses((status = 200, body = SourceList), (status = 403, body = ErrorBody)))]
async fn list_sources(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<SourceList>> {
    let sources = channel_data::sources(&state, viewer(&caller)?).await?;
    Ok(Json(SourceList { sources }))
}

/// Add a source: a partner (a partner admin's is their own organization) or a distributor.
#[utoipa::path(post, path = "/api/channel-data/sources", tag = "channel data",
    request_body = NewSource,
    responses((status = 201, body = Source), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_source(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(input): ApiJson<NewSource>,
) -> ApiResult<(StatusCode, Json<Source>)> {
    let viewer = viewer(&caller)?;
    let mut input = input;
    if let Some(own) = viewer {
        input.organization_id = Some(own);
    }
    input.validate().map_err(ApiError::Validation)?;
    let source = channel_data::create(&state, (caller.user_id, viewer), &input).await?;
    Ok((StatusCode::CREATED, Json(source)))
}

/// Save how the source's reports read; its imports waiting for it start.
#[utoipa::path(put, path = "/api/channel-data/sources/{id}/mapping", tag = "channel data",
    params(("id" = i64, Path)), request_body = SetMapping,
    responses((status = 200, body = Source), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn set_mapping(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(mapping): ApiJson<SetMapping>,
) -> ApiResult<Json<Source>> {
    let viewer = viewer(&caller)?;
    mapping.validate().map_err(ApiError::Validation)?;
    Ok(Json(
        channel_data::set_mapping(&state, (caller.user_id, viewer), id, &mapping).await?,
    ))
}

/// The uploads the caller reaches, newest first.
#[utoipa::path(get, path = "/api/channel-data/imports", tag = "channel data", params(ImportQuery),
    responses((status = 200, body = Page<ReportImport>), (status = 403, body = ErrorBody)))]
async fn list_imports(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<ImportQuery>,
) -> ApiResult<Json<Page<ReportImport>>> {
    let before = Some(parse_cursor(query.cursor.as_deref())?).filter(|id| *id > 0);
    Ok(Json(
        upload::list(&state, viewer(&caller)?, &query, before).await?,
    ))
}

/// An import's state, progress and counts per outcome; while it waits for its mapping, the
/// suggested mapping and the first rows as they would read.
#[utoipa::path(get, path = "/api/channel-data/imports/{id}", tag = "channel data",
    params(("id" = i64, Path)),
    responses((status = 200, body = Import), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
async fn read_import(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Import>> {
    Ok(Json(upload::read(&state, viewer(&caller)?, id).await?))
}

/// Rows of imports, by import and outcome; `status=waiting` is the review queue.
#[utoipa::path(get, path = "/api/channel-data/rows", tag = "channel data", params(RowQuery),
    responses((status = 200, body = Page<ChannelRow>), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
async fn list_rows(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<RowQuery>,
) -> ApiResult<Json<Page<ChannelRow>>> {
    let after = Some(parse_cursor(query.cursor.as_deref())?).filter(|id| *id > 0);
    Ok(Json(
        review::rows(&state, viewer(&caller)?, &query, after).await?,
    ))
}

/// Settle a waiting row: its product (learned as an alias), its account, a corrected value,
/// or a rejection with the reason.
#[utoipa::path(post, path = "/api/channel-data/rows/{id}/resolve", tag = "channel data",
    params(("id" = i64, Path)), request_body = Resolve,
    responses((status = 200, body = Resolved), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn resolve_row(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<Resolve>,
) -> ApiResult<Json<Resolved>> {
    let viewer = viewer(&caller)?;
    request.validate().map_err(ApiError::Validation)?;
    Ok(Json(
        review::resolve(&state, (caller.user_id, viewer), id, &request).await?,
    ))
}

/// The normalized transactions, oldest first.
#[utoipa::path(get, path = "/api/channel-data/transactions", tag = "channel data",
    params(TransactionQuery),
    responses((status = 200, body = Page<Transaction>), (status = 403, body = ErrorBody)))]
async fn list_transactions(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<TransactionQuery>,
) -> ApiResult<Json<Page<Transaction>>> {
    let after = Some(parse_cursor(query.cursor.as_deref())?).filter(|id| *id > 0);
    Ok(Json(
        transactions::page(&state, viewer(&caller)?, &query, after).await?,
    ))
}

/// The same transactions, every one, as CSV.
#[utoipa::path(get, path = "/api/channel-data/transactions.csv", tag = "channel data",
    params(TransactionQuery),
    responses((status = 200, content_type = "text/csv", body = String),
        (status = 403, body = ErrorBody)))]
async fn transactions_csv(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<TransactionQuery>,
) -> ApiResult<axum::response::Response> {
    use axum::response::IntoResponse;
    let csv = transactions::csv(&state, viewer(&caller)?, &query).await?;
    let headers = [
        (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8"),
        (
            axum::http::header::CONTENT_DISPOSITION,
            "attachment; filename=\"transactions.csv\"",
        ),
    ];
    Ok((headers, csv).into_response())
}

/// The names the product is reported under.
#[utoipa::path(get, path = "/api/products/{id}/aliases", tag = "channel data",
    params(("id" = i64, Path)),
    responses((status = 200, body = AliasList), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
async fn list_aliases(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<AliasList>> {
    caller.require_vendor()?;
    Ok(Json(transactions::aliases(&state, id).await?))
}

/// Add a name the product is reported under; each name belongs to one product.
#[utoipa::path(post, path = "/api/products/{id}/aliases", tag = "channel data",
    params(("id" = i64, Path)), request_body = NewAlias,
    responses((status = 201, body = ProductAlias), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn add_alias(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<NewAlias>,
) -> ApiResult<(StatusCode, Json<ProductAlias>)> {
    caller.require_vendor()?;
    let alias = transactions::add_alias(&state, caller.user_id, id, &input.alias).await?;
    Ok((StatusCode::CREATED, Json(alias)))
}
