//! The content desk: the list of every asset, a new asset, and one asset's page.

pub const DESK: &str = "Content desk";
pub const BACK: &str = "← Content desk";
pub const NEW_ASSET: &str = "New asset";

// --- The desk

pub const USAGE_REPORT: &str = "Usage report";
pub const DESK_INTRO: &str = "Every asset in the library. Drafts and archived assets are seen by \
                              vendor staff only; partners see published assets meant for them.";
pub const FILTER: &str = "Filter assets";
pub const SEARCH: &str = "Search";
pub const STATE: &str = "State";
pub const DRAFTS_AND_PUBLISHED: &str = "Drafts and published";
pub const APPLY_FILTERS: &str = "Apply filters";
pub const CLEAR: &str = "Clear";
pub const LOADING_ASSETS: &str = "Loading assets…";
pub const NO_ASSETS: &str = "No assets match. Add one with New asset.";
pub const DESK_HEADERS: [&str; 4] = ["Title", "Kind", "State", "Published"];

// --- A new asset

pub const NEW_IS_DRAFT: &str = "A new asset is a draft: partners see it once it is published.";

// --- One asset

pub const ASSET: &str = "Asset";
pub const CREATED_WITH_FILE: &str =
    "Upload complete. The asset is saved as a draft: publish it when it is ready.";
pub const CREATED: &str = "The asset is saved as a draft: publish it when it is ready.";
pub const LOADING: &str = "Loading the asset…";
pub const DETAILS: &str = "Details";
pub const PREVIEW: &str = "Preview";
pub const PREVIEW_INTRO: &str = "The description as partners read it.";
/// After the state, before the time it was published.
pub const PUBLISHED_AT: &str = " · published ";
pub const PUBLISH: &str = "Publish";
pub const PUBLISHING: &str = "Publishing…";
pub const PUBLISHED: &str = "Published: partners in its audience can find it now.";
pub const ARCHIVE: &str = "Archive";
pub const ARCHIVING: &str = "Archiving…";
pub const ARCHIVED: &str = "Archived: partners no longer see it.";

// --- Its versions

pub const VERSIONS: &str = "Versions";
pub const VERSION_HEADERS: [&str; 5] = ["Version", "File", "Size", "SHA-256", "Uploaded"];
/// Between the time a version was uploaded and who uploaded it.
pub const BY: &str = " by ";

pub fn version_current(number: i64) -> String {
    format!("Upload complete: version {number} is current.")
}

pub const NEW_VERSION: &str = "Upload a new version";
pub const NEW_VERSION_INTRO: &str =
    "Partners download the newest version; earlier ones stay in the history.";
pub const NEW_FILE: &str = "New file";
pub const UPLOAD_VERSION: &str = "Upload new version";
pub const UPLOADING: &str = "Uploading…";

// --- Its usage

pub const USAGE: &str = "Usage";

pub fn totals(views: i64, downloads: i64) -> String {
    format!("{views} views and {downloads} downloads in all.")
}

pub const LOADING_USAGE: &str = "Loading the usage…";

pub fn by_partner_last(days: u32) -> String {
    format!("By partner, last {}", super::common::days(days.into()))
}

pub const NOT_USED: &str = "No partner has used it in this period.";
pub const USAGE_HEADERS: [&str; 4] = ["Partner", "Views", "Downloads", "Last used"];
