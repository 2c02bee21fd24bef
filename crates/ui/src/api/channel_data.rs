//! Channel data: report sources and their mappings, uploads and their progress, the review
//! queue and the normalized transactions.

use super::assets::Progress;
use super::request::{Call, json, list_url};
use super::upload::upload_form;
use super::{ApiError, PAGE_SIZE};
use portico_api::Page;
use portico_api::channel_data::imports::{
    ChannelRow, Import, REPORT_MAX_BYTES, ReportImport, Resolve, Resolved, RowStatus,
};
use portico_api::channel_data::transactions::Transaction;
use portico_api::channel_data::{NewSource, SetMapping, Source, SourceList};
use web_sys::{File, FormData};

/// `GET /api/channel-data/sources`
pub async fn channel_sources() -> Result<SourceList, ApiError> {
    Call::get("/api/channel-data/sources").read().await
}

/// `POST /api/channel-data/sources`
pub async fn create_channel_source(csrf: &str, body: &NewSource) -> Result<Source, ApiError> {
    Call::write("POST", "/api/channel-data/sources", csrf)
        .json(body)
        .read()
        .await
}

/// `PUT /api/channel-data/sources/{id}/mapping`
pub async fn set_channel_mapping(
    csrf: &str,
    source_id: i64,
    body: &SetMapping,
) -> Result<Source, ApiError> {
    let url = format!("/api/channel-data/sources/{source_id}/mapping");
    Call::write("PUT", &url, csrf).json(body).read().await
}

/// `POST /api/channel-data/imports` as `multipart/form-data`: the source, then the file.
pub async fn upload_report(
    csrf: &str,
    source_id: i64,
    file: &File,
    progress: Progress,
) -> Result<Import, ApiError> {
    let form = FormData::new().map_err(|_| ApiError::network())?;
    form.append_with_str("source_id", &source_id.to_string())
        .map_err(|_| ApiError::network())?;
    form.append_with_blob_and_filename("file", file, &file.name())
        .map_err(|_| ApiError::network())?;
    let url = "/api/channel-data/imports";
    json(upload_form(url, csrf, &form, progress, REPORT_MAX_BYTES).await?)
}

/// `GET /api/channel-data/imports`, newest first.
pub async fn channel_imports(cursor: Option<&str>) -> Result<Page<ReportImport>, ApiError> {
    Call::get(&list_url("/api/channel-data/imports", cursor, PAGE_SIZE))
        .read()
        .await
}

/// `GET /api/channel-data/imports/{id}`
pub async fn channel_import(id: i64) -> Result<Import, ApiError> {
    Call::get(&format!("/api/channel-data/imports/{id}"))
        .read()
        .await
}

/// `GET /api/channel-data/rows?status=…`, of one import when given.
pub async fn channel_rows(
    import: Option<i64>,
    status: RowStatus,
    cursor: Option<&str>,
) -> Result<Page<ChannelRow>, ApiError> {
    let mut url = format!(
        "{}&status={}",
        list_url("/api/channel-data/rows", cursor, PAGE_SIZE),
        status.as_str()
    );
    if let Some(import) = import {
        url.push_str(&format!("&import={import}"));
    }
    Call::get(&url).read().await
}

/// `POST /api/channel-data/rows/{id}/resolve`
pub async fn resolve_channel_row(
    csrf: &str,
    id: i64,
    body: &Resolve,
) -> Result<Resolved, ApiError> {
    let url = format!("/api/channel-data/rows/{id}/resolve");
    Call::write("POST", &url, csrf).json(body).read().await
}

/// `GET /api/channel-data/transactions`, only those of no registration when `unregistered`.
pub async fn channel_transactions(
    unregistered: bool,
    cursor: Option<&str>,
) -> Result<Page<Transaction>, ApiError> {
    let mut url = list_url("/api/channel-data/transactions", cursor, PAGE_SIZE);
    if unregistered {
        url.push_str("&unregistered=true");
    }
    Call::get(&url).read().await
}

/// Where the transactions download as CSV.
pub const CHANNEL_TRANSACTIONS_CSV: &str = "/api/channel-data/transactions.csv";
