//! `/manage/registrations`: the approval queue, or every registration.

pub const PAST_SLA: &str = "Past the SLA";
pub const NEEDS_REVIEW: &str = "Needs conflict review";
pub const EXTENSION_REQUESTED: &str = "Extension requested";

pub const ALL_TITLE: &str = "All registrations";
pub const ALL_EMPTY: &str = "No registrations match.";
pub const QUEUE_TITLE: &str = "Registrations to decide";
pub const QUEUE_EMPTY: &str = "Nothing to decide: every registration has an answer.";

pub const VIEWS: &str = "Registration views";
pub const TO_DECIDE: &str = "To decide";
pub const ALL: &str = "All";
pub const FILTER: &str = "Filter registrations";
pub const STATUS: &str = "Status";
pub const ANY_STATUS: &str = "Any status";
pub const PARTNER: &str = "Partner";
pub const ANY_PARTNER: &str = "Any partner";
pub const SHOW_ONLY: &str = "Show only";
pub const EVERYTHING: &str = "Everything";
pub const LOADING: &str = "Loading registrations…";
pub const HEADERS: [&str; 8] = [
    "Number",
    "Partner",
    "Customer",
    "Value",
    "Status",
    "Conflict",
    "Waiting",
    "Decide by",
];
pub const PAST_SLA_BADGE: &str = "Past SLA";
