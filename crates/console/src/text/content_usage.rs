//! `/manage/content/usage`: how partners use the library; and the weekly views and downloads
//! an asset's page shows too.

use super::common::days;

pub const TITLE: &str = "Content usage";
pub const BACK: &str = "← Content desk";

// --- The period and the partner

pub const CHOICE: &str = "Period and partner";
pub const PERIOD: &str = "Period";

/// A period to choose: "Last 90 days".
pub fn last(n: u32) -> String {
    format!("Last {}", days(n.into()))
}

pub const PARTNER: &str = "Partner";
pub const CHOOSE_PARTNER: &str = "Choose a partner";

// --- The library's use

pub const LOADING: &str = "Loading the usage…";

pub fn most_used(n: u32) -> String {
    format!("Most used, last {}", days(n.into()))
}

pub const NONE_USED: &str = "No asset was viewed or downloaded in this period.";

pub fn unused(n: u32) -> String {
    format!("Unused in the last {}", days(n.into()))
}

pub const UNUSED_INTRO: &str =
    "Published assets nobody viewed or downloaded: update, promote or archive them.";
pub const ALL_USED: &str = "Every published asset was used.";
pub const HEADERS: [&str; 6] = [
    "Asset",
    "Kind",
    "Views",
    "Downloads",
    "Partners",
    "Last used",
];
pub const NEVER: &str = "Never";

// --- One partner

pub const LOADING_PARTNER: &str = "Loading the partner's usage…";

/// "Acme Partners, last 90 days"
pub fn partner_last(partner: &str, n: u32) -> String {
    format!("{partner}, last {}", days(n.into()))
}

pub const PARTNER_NONE_USED: &str = "This partner used no content in this period.";

// --- Week by week

pub const NO_USE: &str = "No views or downloads in this period.";
pub const WEEK_OF: &str = "Week of";
pub const VIEWS: &str = "Views";
pub const DOWNLOADS: &str = "Downloads";
pub const WEEK_BY_WEEK: &str = "Week by week";
