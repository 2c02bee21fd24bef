//! The console's home page.

pub const TITLE: &str = "Home";

pub fn welcome(name: &str) -> String {
    format!("Welcome, {name}")
}

pub const VENDOR_STAFF: &str = "Vendor staff";
pub const INVITE_PEOPLE: &str = "Invite people";
pub const LOADING: &str = "Loading the overview…";

// --- Registrations

pub const REGISTRATIONS: &str = "Registrations";
pub const TO_DECIDE: &str = "to decide";
pub const PAST_SLA: &str = "past the SLA";
pub const WITH_CONFLICTS: &str = "with conflicts";
pub const EXTENSION_REQUESTS: &str = "extension requests";
pub const ALL_ANSWERED: &str = "Every registration has an answer.";

// --- Weekly review

pub const WEEKLY_REVIEW: &str = "Weekly review";

pub fn stale(days: u32) -> String {
    format!("deals quiet for {days} days")
}

pub const EXPIRING: &str = "protection ending this week";
pub const DUPLICATES: &str = "open deals in conflict";
pub const OVERDUE: &str = "next steps overdue";
pub const REVIEW_LINK: &str = "The review and the pipeline";

// --- Partners

pub const PARTNERS: &str = "Partners";
pub const STALLED: &str = "stalled";
pub const ACTIVATING: &str = "new, not registering yet";
pub const PARTNERS_LINK: &str = "Every partner's engagement";

// --- Administration

pub const ADMINISTRATION: &str = "Administration";
// Each link and the words after it form one sentence: "<Manage users>: change roles, …".
pub const USERS_LINK: &str = "Manage users";
pub const USERS_AFTER_LINK: &str = ": change roles, and deactivate or reactivate accounts.";
pub const MESSAGES_LINK: &str = "Messages";
pub const MESSAGES_AFTER_LINK: &str = ": e-mail and Slack deliveries.";

// --- Program

pub const PROGRAM: &str = "Program";

pub fn open_pipeline(deals: i64) -> String {
    format!("open partner pipeline, {deals} deals")
}

pub const SOURCED_THIS_QUARTER: &str = "partner revenue this quarter";
pub const REVENUE_BY_QUARTER: &str =
    "Partner revenue by quarter: sourced deals won and sales partners reported";
