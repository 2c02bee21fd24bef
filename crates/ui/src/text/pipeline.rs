//! The pipeline list both apps show: its filters, its count and its table or board.

// --- Filters

pub const FILTER: &str = "Filter the pipeline";
pub const MOTION: &str = "Motion";
pub const ANY_MOTION: &str = "Any motion";
pub const STAGE: &str = "Stage";
pub const ANY_STAGE: &str = "Any stage";
pub const CHOOSE_MOTION_FIRST: &str = "Choose a motion to pick one of its stages.";
pub const PROTECTION: &str = "Protection";
pub const ANY_PROTECTION: &str = "Any protection";
pub const CUSTOMER: &str = "Customer";
pub const SORT_BY: &str = "Sort by";
pub const PARTNER: &str = "Partner";
pub const ANY_PARTNER: &str = "Any partner";
pub const QUIET_DAYS: &str = "Quiet for at least (days)";
pub const ONLY_CONFLICTS: &str = "Only conflicts to review";
pub const ONLY_OVERDUE: &str = "Only overdue next steps";
pub const APPLY_FILTERS: &str = "Apply filters";
pub const CLEAR: &str = "Clear";

// --- Results

pub const VIEWS: &str = "Pipeline views";
pub const TABLE: &str = "Table";
pub const BOARD: &str = "Board";
pub const DOWNLOAD_CSV: &str = "Download CSV";

pub fn deals_shown(n: usize) -> String {
    match n {
        1 => "1 deal shown".to_owned(),
        n => format!("{n} deals shown"),
    }
}

pub const LOADING: &str = "Loading the pipeline…";
pub const EMPTY: &str = "No deals match these filters.";
pub const CONFLICT: &str = "Conflict";

pub const PARTNER_HEADERS: [&str; 8] = [
    "Customer",
    "Motion",
    "Stage",
    "In stage since",
    "Owner",
    "Next step",
    "Protection",
    "Last updated",
];
pub const MANAGER_HEADERS: [&str; 10] = [
    "Customer",
    "Partner",
    "Motion",
    "Stage",
    "In stage since",
    "Owner",
    "Next step",
    "Protection",
    "Amount",
    "Last updated",
];

pub const BOARD_NOTE: &str = "The board shows the deals loaded so far; load more to fill it.";

/// The board of one motion, e.g. "Board: Resale".
pub fn board_of(motion: &str) -> String {
    format!("Board: {motion}")
}
