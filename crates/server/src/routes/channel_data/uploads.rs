//! `POST /api/channel-data/imports`: a report arrives as a form with the source's id, the
//! sheet to read (workbooks), and the file, which streams to a scratch file of at most 100 MB
//! before it is checked.

use axum::Json;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::StatusCode;
use futures_util::StreamExt;
use portico_api::ErrorBody;
use portico_api::channel_data::imports::{Import, REPORT_MAX_BYTES};
use tokio::io::AsyncWriteExt;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::viewer;
use crate::app::channel_data::upload;
use crate::blobs::Scratch;
use crate::error::{ApiError, ApiResult};
use crate::routes::session::Caller;
use crate::state::AppState;

const BODY_LIMIT: usize = REPORT_MAX_BYTES as usize + 1024 * 1024;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_import))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
}

/// Upload a report (CSV or XLSX) for a source: it is queued when the source's mapping names
/// every column, and otherwise waits for the mapping with a suggestion and a preview.
#[utoipa::path(post, path = "/api/channel-data/imports", tag = "channel data",
    request_body(content_type = "multipart/form-data", description = "`source_id`, optional `sheet`, then `file`"),
    responses((status = 201, body = Import), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_import(
    State(state): State<AppState>,
    caller: Caller,
    mut multipart: Multipart,
) -> ApiResult<(StatusCode, Json<Import>)> {
    let viewer = viewer(&caller)?;
    let mut source_id = None;
    let mut sheet = None;
    let scratch = Scratch::new();
    let mut file_name = None;
    while let Some(mut field) = multipart.next_field().await.map_err(form_error)? {
        match field.name() {
            Some("source_id") => {
                let text = field.text().await.map_err(form_error)?;
                source_id = Some(text.trim().parse::<i64>().map_err(|_| {
                    ApiError::field("source_id", "Choose the source of the report.")
                })?);
            }
            Some("sheet") => {
                let text = field.text().await.map_err(form_error)?;
                sheet = Some(text.trim().to_owned()).filter(|s| !s.is_empty());
            }
            Some("file") if file_name.is_none() => {
                file_name = Some(field.file_name().unwrap_or("report").to_owned());
                save(&mut field, &scratch).await?;
            }
            _ => {
                return Err(ApiError::BadRequest(
                    "Send `source_id`, `sheet` (optional) and `file` once each.".into(),
                ));
            }
        }
    }
    let source_id = source_id
        .ok_or_else(|| ApiError::field("source_id", "Choose the source of the report."))?;
    let file_name = file_name.ok_or_else(|| ApiError::field("file", "Choose the report file."))?;
    let import = upload::create(
        &state,
        (caller.user_id, viewer),
        (source_id, sheet),
        (&file_name, scratch.path()),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(import)))
}

/// Streams the file part into the scratch file, refusing it past the limit.
async fn save(field: &mut axum::extract::multipart::Field<'_>, scratch: &Scratch) -> ApiResult<()> {
    let mut file = tokio::fs::File::create(scratch.path())
        .await
        .map_err(ApiError::internal)?;
    let mut size = 0u64;
    while let Some(chunk) = field.next().await {
        let chunk = chunk.map_err(form_error)?;
        size += chunk.len() as u64;
        if size > REPORT_MAX_BYTES {
            return Err(too_large());
        }
        file.write_all(&chunk).await.map_err(ApiError::internal)?;
    }
    file.flush().await.map_err(ApiError::internal)?;
    if size == 0 {
        return Err(ApiError::field("file", "The file is empty."));
    }
    Ok(())
}

fn too_large() -> ApiError {
    ApiError::PayloadTooLarge(format!(
        "The report is larger than {} MB. Split it into several files.",
        REPORT_MAX_BYTES / (1024 * 1024)
    ))
}

fn form_error(e: axum::extract::multipart::MultipartError) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large()
    } else {
        ApiError::BadRequest(format!("The upload could not be read: {}", e.body_text()))
    }
}
