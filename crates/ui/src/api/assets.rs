//! Enablement content: searching, reading, managing and uploading assets.

use super::ApiError;
use super::request::{Answer, Call, json, json_text, list_url, member};
use super::upload::upload_form;
use portico_api::assets::{
    AssetMetadata, AssetQuery, AssetSearch, AssetView, ManagedAsset, UPLOAD_MAX_BYTES,
};
use web_sys::{File, FormData};

// Asset answers nest the card flattened beside the rendered body; like the opportunity
// detail, they are read member by member rather than through the contract's flattened and
// untagged types.

/// An `AssetView`: the card's fields with the rendered body beside them.
fn asset_view(answer: Answer) -> Result<AssetView, ApiError> {
    Ok(AssetView {
        body_html: json(member(&answer, "body_html"))?,
        updated_at: json(member(&answer, "updated_at"))?,
        card: json(answer)?,
    })
}

fn managed_asset(answer: Answer) -> Result<ManagedAsset, ApiError> {
    Ok(ManagedAsset {
        asset: asset_view(member(&answer, "asset"))?,
        body: json(member(&answer, "body"))?,
        audience: json(member(&answer, "audience"))?,
        versions: json(member(&answer, "versions"))?,
        views: json(member(&answer, "views"))?,
        downloads: json(member(&answer, "downloads"))?,
        created_at: json(member(&answer, "created_at"))?,
    })
}

/// `GET /api/assets?{query}` (already encoded).
pub async fn assets(query: &str, cursor: Option<&str>) -> Result<AssetSearch, ApiError> {
    let mut url = list_url("/api/assets", cursor, AssetQuery::DEFAULT_LIMIT);
    if !query.is_empty() {
        url.push('&');
        url.push_str(query);
    }
    Call::get(&url).read().await
}

/// `GET /api/assets/{id}` as a partner sees it.
pub async fn asset(id: i64) -> Result<AssetView, ApiError> {
    asset_view(Call::get(&format!("/api/assets/{id}")).answer().await?)
}

/// `GET /api/assets/{id}` as a manager.
pub async fn managed(id: i64) -> Result<ManagedAsset, ApiError> {
    managed_asset(Call::get(&format!("/api/assets/{id}")).answer().await?)
}

/// `PATCH /api/assets/{id}` with the whole metadata.
pub async fn update_asset(
    csrf: &str,
    id: i64,
    body: &AssetMetadata,
) -> Result<ManagedAsset, ApiError> {
    let url = format!("/api/assets/{id}");
    managed_asset(Call::write("PATCH", &url, csrf).json(body).answer().await?)
}

/// `POST /api/assets/{id}/publish`
pub async fn publish_asset(csrf: &str, id: i64) -> Result<ManagedAsset, ApiError> {
    let url = format!("/api/assets/{id}/publish");
    managed_asset(Call::write("POST", &url, csrf).answer().await?)
}

/// `POST /api/assets/{id}/archive`
pub async fn archive_asset(csrf: &str, id: i64) -> Result<ManagedAsset, ApiError> {
    let url = format!("/api/assets/{id}/archive");
    managed_asset(Call::write("POST", &url, csrf).answer().await?)
}

/// Hears how much of an upload has been sent, in percent.
pub type Progress = Box<dyn Fn(u8)>;

/// `POST /api/assets` as `multipart/form-data`: the metadata as JSON, and the file unless the
/// asset is a link.
pub async fn create_asset(
    csrf: &str,
    metadata: &AssetMetadata,
    file: Option<&File>,
    progress: Progress,
) -> Result<ManagedAsset, ApiError> {
    let form = FormData::new().map_err(|_| ApiError::network())?;
    let text = json_text(metadata).unwrap_or_default();
    form.append_with_str("metadata", &text)
        .map_err(|_| ApiError::network())?;
    if let Some(file) = file {
        form.append_with_blob_and_filename("file", file, &file.name())
            .map_err(|_| ApiError::network())?;
    }
    upload("/api/assets", csrf, &form, progress).await
}

/// `POST /api/assets/{id}/versions` as `multipart/form-data`: a new current file.
pub async fn upload_version(
    csrf: &str,
    id: i64,
    file: &File,
    progress: Progress,
) -> Result<ManagedAsset, ApiError> {
    let form = FormData::new().map_err(|_| ApiError::network())?;
    form.append_with_blob_and_filename("file", file, &file.name())
        .map_err(|_| ApiError::network())?;
    upload(&format!("/api/assets/{id}/versions"), csrf, &form, progress).await
}

async fn upload(
    url: &str,
    csrf: &str,
    form: &FormData,
    progress: Progress,
) -> Result<ManagedAsset, ApiError> {
    managed_asset(upload_form(url, csrf, form, progress, UPLOAD_MAX_BYTES).await?)
}
