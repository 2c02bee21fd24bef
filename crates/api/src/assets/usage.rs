//! How partners use the content: the reports managers read.

use serde::{Deserialize, Serialize};

use super::{AssetKind, USAGE_DAYS};
use crate::OrganizationRef;

/// `?days=` on the usage reports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct UsageQuery {
    /// 1 to 365; 90 when absent.
    pub days: Option<u32>,
}

impl UsageQuery {
    pub fn days(&self) -> u32 {
        self.days.unwrap_or(USAGE_DAYS).clamp(1, 365)
    }
}

/// One asset's use over the report's period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssetUsage {
    pub asset_id: i64,
    pub title: String,
    pub kind: AssetKind,
    pub views: i64,
    pub downloads: i64,
    /// Distinct partner organizations that viewed or downloaded it.
    pub organizations: i64,
    /// RFC 3339; absent when never used.
    pub last_used_at: Option<String>,
}

/// Views and downloads in the week starting on `week` (a Monday, `YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsagePoint {
    pub week: String,
    pub views: i64,
    pub downloads: i64,
}

/// `GET /api/content/usage` (managers): the library's use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContentUsage {
    pub days: u32,
    /// The 20 most used assets.
    pub top: Vec<AssetUsage>,
    /// Published assets nobody viewed or downloaded in the last 90 days, oldest first.
    pub unused: Vec<AssetUsage>,
    /// Week by week, oldest first.
    pub weekly: Vec<UsagePoint>,
}

/// One partner organization's use of one asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganizationUsage {
    pub organization: OrganizationRef,
    pub views: i64,
    pub downloads: i64,
    /// RFC 3339.
    pub last_used_at: String,
}

/// `GET /api/assets/{id}/usage` (managers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssetUsageDetail {
    pub days: u32,
    pub usage: AssetUsage,
    /// Most active first.
    pub by_organization: Vec<OrganizationUsage>,
    pub weekly: Vec<UsagePoint>,
}

/// `GET /api/organizations/{id}/content-usage` (managers): what one partner used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerContentUsage {
    pub days: u32,
    pub organization: OrganizationRef,
    /// Most recently used first; `organizations` is always 1.
    pub assets: Vec<AssetUsage>,
}
