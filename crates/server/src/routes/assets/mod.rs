//! The content hub: partners search, read and download assets; managers upload, edit, version,
//! publish and archive them (the changes are `app::assets`).

mod search;
mod upload;

use axum::Json;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use portico_api::ErrorBody;
use portico_api::assets::{AssetDetail, AssetMetadata, AssetState, ManagedAsset, UPLOAD_MAX_BYTES};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::assets as content;
use crate::domain::byte_range;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath};
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::asset_usage::{self, Event, Subject, Use};
use crate::store::assets::{self, AssetRow, Reader};
use upload::{discard_on_error, read_upload, refuse_oversize};

/// Room for the metadata part and multipart framing around a file of the largest size.
const UPLOAD_BODY_LIMIT: usize = UPLOAD_MAX_BYTES as usize + 1024 * 1024;

pub fn router() -> OpenApiRouter<AppState> {
    let uploads = OpenApiRouter::new()
        .routes(routes!(search::list, create))
        .routes(routes!(add_version))
        .layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT));
    OpenApiRouter::new()
        .merge(uploads)
        .routes(routes!(detail, edit))
        .routes(routes!(download))
        .routes(routes!(publish))
        .routes(routes!(archive))
}

/// What the caller may see: everything for vendor staff, their organization's audience for
/// partners.
pub(super) async fn reader(state: &AppState, caller: &Caller) -> ApiResult<Reader> {
    match caller.membership.organization_id() {
        None => Ok(Reader::Vendor),
        Some(id) => assets::profile(state.db.pool(), id, &state.today())
            .await?
            .map(Reader::Partner)
            .ok_or_else(|| ApiError::internal(format!("organization {id} is missing"))),
    }
}

/// One asset: for partners the view (and their view is counted), for managers everything.
#[utoipa::path(get, path = "/api/assets/{id}", tag = "content", params(("id" = i64, Path)),
    responses((status = 200, body = AssetDetail), (status = 404, body = ErrorBody)))]
async fn detail(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<AssetDetail>> {
    let reader = reader(&state, &caller).await?;
    let row = assets::find(state.db.pool(), id, &reader)
        .await?
        .ok_or(ApiError::NotFound)?;
    match reader {
        Reader::Partner(profile) => {
            let (view, _) = row.split(None)?;
            record(&state, &caller, profile.organization_id, id, Event::View).await?;
            Ok(Json(AssetDetail::Partner(view)))
        }
        Reader::Vendor => Ok(Json(AssetDetail::Manager(managed(&state, row).await?))),
    }
}

async fn record(
    state: &AppState,
    caller: &Caller,
    organization_id: i64,
    asset_id: i64,
    event: Event,
) -> ApiResult<()> {
    let usage = Use {
        asset_id,
        organization_id,
        user_id: caller.user_id,
        event,
    };
    Ok(asset_usage::record(&state.db, &usage, state.now()).await?)
}

async fn managed(state: &AppState, row: AssetRow) -> ApiResult<ManagedAsset> {
    let id = row.card.id;
    let (versions, usage) = tokio::try_join!(
        assets::versions(state.db.pool(), id),
        asset_usage::by_asset(state.db.pool(), Subject::Asset(id), 0, 1),
    )?;
    let (views, downloads) = usage.first().map_or((0, 0), |u| (u.views, u.downloads));
    let (asset, internals) = row.split(None)?;
    Ok(ManagedAsset {
        asset,
        body: internals.body,
        audience: internals.audience,
        versions: versions.into_iter().map(|v| v.into_view()).collect(),
        views,
        downloads,
        created_at: crate::clock::rfc3339(internals.created_at),
    })
}

/// The asset's current file, with its stored type, as an attachment. Supports one byte range
/// (`Range: bytes=…`) for video players and resumed downloads.
#[utoipa::path(get, path = "/api/assets/{id}/download", tag = "content", params(("id" = i64, Path)),
    responses((status = 200, description = "The file"), (status = 206, description = "Part of the file"),
        (status = 404, body = ErrorBody), (status = 416, body = ErrorBody, description = "The range is past the end")))]
async fn download(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let reader = reader(&state, &caller).await?;
    let file = assets::current_file(state.db.pool(), id, &reader)
        .await?
        .ok_or(ApiError::NotFound)?;
    let size = file.size as u64;
    let etag = format!("\"{}\"", file.sha256);
    let range = match headers.get(header::IF_RANGE) {
        Some(tag) if tag.as_bytes() != etag.as_bytes() => Ok(None),
        _ => byte_range::parse(
            headers.get(header::RANGE).and_then(|v| v.to_str().ok()),
            size,
        ),
    };
    let Ok(range) = range else {
        return Ok(unsatisfiable(size));
    };
    // A player fetching a video in ranges is one download, counted at its first byte.
    if let Reader::Partner(profile) = &reader
        && range.as_ref().is_none_or(|r| r.start == 0)
    {
        record(
            &state,
            &caller,
            profile.organization_id,
            id,
            Event::Download,
        )
        .await?;
    }
    let reading = state
        .blobs
        .read(&file.storage_key, range.clone())
        .await
        .map_err(ApiError::internal)?;
    let mut response = Response::new(Body::from_stream(reading.body));
    let sent = range.clone().unwrap_or(0..size);
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, value(&file.content_type)?);
    headers.insert(
        header::CONTENT_DISPOSITION,
        value(&disposition(&file.file_name))?,
    );
    headers.insert(
        header::CONTENT_LENGTH,
        HeaderValue::from(sent.end - sent.start),
    );
    headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    headers.insert(header::ETAG, value(&etag)?);
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    if range.is_some() {
        *response.status_mut() = StatusCode::PARTIAL_CONTENT;
        response.headers_mut().insert(
            header::CONTENT_RANGE,
            value(&format!("bytes {}-{}/{size}", sent.start, sent.end - 1))?,
        );
    }
    Ok(response)
}

fn value(text: &str) -> ApiResult<HeaderValue> {
    HeaderValue::from_str(text).map_err(ApiError::internal)
}

fn unsatisfiable(size: u64) -> Response {
    let mut response = ApiError::RangeNotSatisfiable.into_response();
    if let Ok(range) = HeaderValue::from_str(&format!("bytes */{size}")) {
        response.headers_mut().insert(header::CONTENT_RANGE, range);
    }
    response
}

/// `attachment` with an ASCII fallback name and the exact name in RFC 8187 encoding.
fn disposition(file_name: &str) -> String {
    let ascii: String = deunicode::deunicode(file_name)
        .chars()
        .filter(|c| c.is_ascii_graphic() && *c != '"' && *c != '\\' || *c == ' ')
        .collect();
    let encoded: String = file_name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// A draft asset from a multipart form: `metadata` (JSON of `AssetMetadata`) and `file`, or the
/// metadata alone with a `link`. Files up to 100 MB of an allowed type (checked by content).
#[utoipa::path(post, path = "/api/assets", tag = "content",
    request_body(content_type = "multipart/form-data", description = "`metadata`: AssetMetadata as JSON; `file`: the file, unless metadata has a link"),
    responses((status = 201, body = ManagedAsset), (status = 403, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    multipart: Multipart,
) -> ApiResult<(StatusCode, Json<ManagedAsset>)> {
    caller.require_vendor()?;
    refuse_oversize(&headers)?;
    let upload = read_upload(&state, multipart).await?;
    let file = upload.file.clone();
    let created = discard_on_error(&state, file.as_ref(), async {
        let metadata = upload.metadata()?;
        match (&metadata.link, &upload.file) {
            (None, None) => {
                return Err(ApiError::field(
                    "file",
                    "Choose a file to upload, or give a link.",
                ));
            }
            (Some(_), Some(_)) => {
                return Err(ApiError::field("link", "Give a link or a file, not both."));
            }
            _ => {}
        }
        Ok(content::create(&state, caller.user_id, &metadata, upload.file.as_ref()).await?)
    })
    .await?;
    let row = assets::find(state.db.pool(), created, &Reader::Vendor)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((StatusCode::CREATED, Json(managed(&state, row).await?)))
}

/// A new file for an asset; partners get it from now on, managers keep the history.
#[utoipa::path(post, path = "/api/assets/{id}/versions", tag = "content", params(("id" = i64, Path)),
    request_body(content_type = "multipart/form-data", description = "`file`: the new file"),
    responses((status = 200, body = ManagedAsset), (status = 404, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn add_version(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
    multipart: Multipart,
) -> ApiResult<Json<ManagedAsset>> {
    caller.require_vendor()?;
    refuse_oversize(&headers)?;
    let current = assets::find(state.db.pool(), id, &Reader::Vendor)
        .await?
        .ok_or(ApiError::NotFound)?;
    if current.card.link.is_some() {
        return Err(ApiError::field(
            "file",
            "This asset is a link; edit the link instead.",
        ));
    }
    let upload = read_upload(&state, multipart).await?;
    let Some(file) = upload.file else {
        return Err(ApiError::field("file", "Choose the new file."));
    };
    discard_on_error(&state, Some(&file), async {
        Ok(content::add_version(&state, caller.user_id, id, &file).await?)
    })
    .await?;
    let row = assets::find(state.db.pool(), id, &Reader::Vendor)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(managed(&state, row).await?))
}

/// Replace the asset's metadata (the whole set). The file changes through versions.
#[utoipa::path(patch, path = "/api/assets/{id}", tag = "content", params(("id" = i64, Path)),
    request_body = AssetMetadata,
    responses((status = 200, body = ManagedAsset), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn edit(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<AssetMetadata>,
) -> ApiResult<Json<ManagedAsset>> {
    caller.require_vendor()?;
    let metadata = request.validate().map_err(ApiError::Validation)?;
    let row = content::edit(&state, caller.user_id, id, &metadata).await?;
    Ok(Json(managed(&state, row).await?))
}

/// Make the asset visible to its audience.
#[utoipa::path(post, path = "/api/assets/{id}/publish", tag = "content", params(("id" = i64, Path)),
    responses((status = 200, body = ManagedAsset), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn publish(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ManagedAsset>> {
    move_to(state, caller, id, AssetState::Published).await
}

/// Take the asset away from partners; managers keep it and its history.
#[utoipa::path(post, path = "/api/assets/{id}/archive", tag = "content", params(("id" = i64, Path)),
    responses((status = 200, body = ManagedAsset), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn archive(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ManagedAsset>> {
    move_to(state, caller, id, AssetState::Archived).await
}

/// Moves an asset to `target`. Asking again for the state it is in changes nothing, so a
/// retried click is harmless.
async fn move_to(
    state: AppState,
    caller: Caller,
    id: i64,
    target: AssetState,
) -> ApiResult<Json<ManagedAsset>> {
    caller.require_vendor()?;
    let row = content::move_to(&state, caller.user_id, id, target).await?;
    Ok(Json(managed(&state, row).await?))
}
