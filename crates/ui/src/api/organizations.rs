//! Partner organizations.

use super::ApiError;
use super::request::{Call, list_url};
use portico_api::Page;
use portico_api::organizations::{OrganizationSummary, PartnerStatus, UpdateOrganization};

/// `GET /api/organizations`, only those in `status` when given.
pub async fn organizations(
    status: Option<PartnerStatus>,
    cursor: Option<&str>,
    limit: u32,
) -> Result<Page<OrganizationSummary>, ApiError> {
    let mut url = list_url("/api/organizations", cursor, limit);
    if let Some(status) = status {
        url.push_str(&format!("&status={}", status.as_str()));
    }
    Call::get(&url).read().await
}

/// Every partner organization, following the cursor to the end.
pub async fn all_organizations() -> Result<Vec<OrganizationSummary>, ApiError> {
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = organizations(None, cursor.as_deref(), 100).await?;
        all.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return Ok(all),
        }
    }
}

/// Every partner organization as select options: id and name.
pub async fn partner_options() -> Result<Vec<(String, String)>, ApiError> {
    let list = all_organizations().await?;
    Ok(list
        .into_iter()
        .map(|o| (o.id.to_string(), o.name))
        .collect())
}

/// `PATCH /api/organizations/{id}`: where the organization is based.
pub async fn update_organization(
    csrf: &str,
    id: i64,
    body: &UpdateOrganization,
) -> Result<(), ApiError> {
    let url = format!("/api/organizations/{id}");
    Call::write("PATCH", &url, csrf).json(body).done().await
}
