//! Reading an upload form: the file streams to storage as it arrives (hashed, its type decided
//! by its content, at most 100 MB), and a request that fails leaves nothing behind.

use axum::extract::Multipart;
use axum::http::{HeaderMap, StatusCode, header};
use futures_util::TryStreamExt as _;
use portico_api::assets::{ALLOWED_FILE_TYPES, AssetMetadata, UPLOAD_MAX_BYTES};

use super::UPLOAD_BODY_LIMIT;
use crate::blobs::{Received, UploadError};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Answers 413 before reading a body that says it is too large.
pub(super) fn refuse_oversize(headers: &HeaderMap) -> ApiResult<()> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match declared {
        Some(length) if length > UPLOAD_BODY_LIMIT as u64 => Err(too_large()),
        _ => Ok(()),
    }
}

fn too_large() -> ApiError {
    ApiError::PayloadTooLarge(format!(
        "The file is larger than {} MB, the most an asset can hold. Compress it or link to it instead.",
        UPLOAD_MAX_BYTES / (1024 * 1024)
    ))
}

/// Runs `work`; when it fails, the file it was given is removed from storage again.
pub(super) async fn discard_on_error<T>(
    state: &AppState,
    file: Option<&Received>,
    work: impl Future<Output = ApiResult<T>>,
) -> ApiResult<T> {
    let result = work.await;
    if let (Err(_), Some(file)) = (&result, file) {
        state.blobs.delete(&file.key).await;
    }
    result
}

/// The parts of an upload form, the file already stored.
pub(super) struct Upload {
    metadata: Option<String>,
    pub file: Option<Received>,
}

impl Upload {
    pub fn metadata(&self) -> ApiResult<portico_api::assets::ValidMetadata> {
        let text = self.metadata.as_deref().ok_or_else(|| {
            ApiError::BadRequest(
                "Send the asset's metadata as JSON in a part named `metadata`.".into(),
            )
        })?;
        crate::routes::extract::refuse_nul_in_json(text.as_bytes())?;
        let metadata: AssetMetadata = serde_json::from_str(text)
            .map_err(|e| ApiError::Unprocessable(format!("The metadata part is not valid: {e}")))?;
        metadata.validate().map_err(ApiError::Validation)
    }
}

pub(super) async fn read_upload(state: &AppState, mut multipart: Multipart) -> ApiResult<Upload> {
    let mut upload = Upload {
        metadata: None,
        file: None,
    };
    let result = read_parts(state, &mut multipart, &mut upload).await;
    if let Err(e) = result {
        if let Some(file) = &upload.file {
            state.blobs.delete(&file.key).await;
        }
        return Err(e);
    }
    Ok(upload)
}

async fn read_parts(
    state: &AppState,
    multipart: &mut Multipart,
    upload: &mut Upload,
) -> ApiResult<()> {
    while let Some(field) = multipart.next_field().await.map_err(multipart_error)? {
        match field.name() {
            Some("metadata") if upload.metadata.is_none() => {
                upload.metadata = Some(field.text().await.map_err(multipart_error)?);
            }
            Some("file") if upload.file.is_none() => {
                let name = field.file_name().unwrap_or_default().to_owned();
                let body = field.map_err(|e| match e.status() {
                    StatusCode::PAYLOAD_TOO_LARGE => UploadError::TooLarge,
                    _ => UploadError::Interrupted(e.body_text()),
                });
                let received = state.blobs.receive(body, &name, UPLOAD_MAX_BYTES).await;
                upload.file = Some(received.map_err(upload_error)?);
            }
            Some(other) => {
                return Err(ApiError::BadRequest(format!(
                    "Unexpected form part {other:?}: send `metadata` and `file` once each."
                )));
            }
            None => return Err(ApiError::BadRequest("Every form part needs a name.".into())),
        }
    }
    Ok(())
}

fn multipart_error(e: axum::extract::multipart::MultipartError) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large()
    } else {
        ApiError::BadRequest(format!("The upload could not be read: {}", e.body_text()))
    }
}

fn upload_error(e: UploadError) -> ApiError {
    match e {
        UploadError::TooLarge => too_large(),
        UploadError::NotAllowed => ApiError::UnsupportedMediaType(format!(
            "This file type is not accepted. Upload a {ALLOWED_FILE_TYPES} file."
        )),
        UploadError::Empty => ApiError::field("file", "The file is empty."),
        UploadError::Interrupted(cause) => {
            ApiError::BadRequest(format!("The upload was interrupted: {cause}"))
        }
        UploadError::Storage(e) => ApiError::internal(e),
    }
}
