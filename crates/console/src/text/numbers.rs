//! `/manage/numbers`: the program's numbers as charts, each with its figures as a table.

pub const TITLE: &str = "Program numbers";
pub const INTRO: &str = "Open pipeline, outcomes and revenue that partners bring, by motion.";
pub const CURRENCY: &str = "Currency";
pub const LOADING: &str = "Loading the numbers…";

pub const PIPELINE_COLUMNS: &[&str] = &[
    "Motion",
    "Sourced deals",
    "Sourced value",
    "Influenced deals",
    "Influenced value",
];
pub const OUTCOME_COLUMNS: &[&str] = &["Motion", "Won", "Lost", "Win rate", "Average cycle"];
pub const NO_CLOSED: &str = "no closed deals";

// --- The charts

pub fn pipeline_value(currency: &str) -> String {
    format!("Open pipeline value by motion ({currency})")
}

pub const NO_OPEN_DEALS: &str = "No open deals yet.";
pub const OPEN_DEALS: &str = "Open deals by motion";
pub const WIN_RATE: &str = "Win rate by motion";
pub const NO_CLOSED_DEALS: &str = "No closed deals yet.";

/// "60% · 3 won, 2 lost"
pub fn win_rate(rate: i64, won: i64, lost: i64) -> String {
    format!("{rate}% · {won} won, {lost} lost")
}

pub const CYCLE: &str = "Average days from creation to a won deal";

pub fn revenue(currency: &str) -> String {
    format!("Partner revenue by quarter ({currency})")
}

pub const REVENUE_COLUMNS: &[&str] = &[
    "Quarter",
    "Sourced deals won",
    "Reported by partners",
    "Total",
];
pub const NO_REVENUE: &str = "No partner revenue in the last 8 quarters.";
pub const FIRST_REGISTRATION: &str =
    "Days to first registration, partners who joined in the last 90 days";
pub const FIRST_REGISTRATION_COLUMNS: &[&str] = &["Partner", "Joined", "First registration after"];
pub const NO_NEW_PARTNERS: &str = "No partner joined in the last 90 days.";
pub const NOT_YET: &str = "not yet";

/// "1 deal", "3 deals"
pub fn deals(n: i64) -> String {
    if n == 1 {
        "1 deal".to_owned()
    } else {
        format!("{n} deals")
    }
}

// --- A chart's drawing

/// The legend of stacked bars: a swatch before each word.
pub const SOURCED: &str = "Sourced ";
pub const INFLUENCED: &str = "Influenced";
/// Reported sales of deals the CRM already counts as won are left out.
pub const WON_IN_CRM: &str = "Sourced deals won ";
pub const REPORTED: &str = "Other sales partners reported";

/// The drawing's region, named after the chart's title.
pub fn drawn(title: &str) -> String {
    format!("{title}, drawn")
}

pub const SHOW_TABLE: &str = "Show the figures as a table";
