//! How content is used: by asset, over the library, and by partner.

use super::ApiError;
use super::request::Call;
use portico_api::assets::{AssetUsageDetail, ContentUsage, PartnerContentUsage};

fn days_query(path: &str, days: Option<u32>) -> String {
    match days {
        Some(days) => format!("{path}?days={days}"),
        None => path.to_owned(),
    }
}

/// `GET /api/content/usage`, over the server's default period when `days` is absent.
pub async fn content_usage(days: Option<u32>) -> Result<ContentUsage, ApiError> {
    let url = days_query("/api/content/usage", days);
    Call::get(&url).read().await
}

/// `GET /api/assets/{id}/usage`
pub async fn asset_usage(id: i64, days: Option<u32>) -> Result<AssetUsageDetail, ApiError> {
    let url = days_query(&format!("/api/assets/{id}/usage"), days);
    Call::get(&url).read().await
}

/// `GET /api/organizations/{id}/content-usage`
pub async fn partner_content_usage(
    organization_id: i64,
    days: Option<u32>,
) -> Result<PartnerContentUsage, ApiError> {
    let url = days_query(
        &format!("/api/organizations/{organization_id}/content-usage"),
        days,
    );
    Call::get(&url).read().await
}
