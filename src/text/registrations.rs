//! The organization's registrations (`/registrations`), its notifications and the
//! registration link for sellers.

pub const TITLE: &str = "Registrations";
pub const REGISTER: &str = "Register a deal or lead";

// --- The list
// These three form one sentence around the status's label, then a link.
pub const FILTER_BEFORE_STATUS: &str = "Showing ";
pub const FILTER_AFTER_STATUS: &str = " registrations. ";
pub const FILTER_SHOW_ALL: &str = "Show all";
pub const LOADING: &str = "Loading registrations…";
pub const EMPTY_WITH_STATUS: &str = "None with this status.";
pub const EMPTY: &str =
    "No registrations yet. Register a deal or lead to protect your claim on a customer.";
pub const TABLE_HEADERS: &[&str] = &[
    "Number",
    "Customer",
    "Kind",
    "Status",
    "Decision",
    "Protected until",
];

// --- Notifications
pub const NOTIFICATIONS: &str = "Notifications";
pub const LOADING_NOTIFICATIONS: &str = "Loading notifications…";
pub const NO_NOTIFICATIONS: &str = "No notifications yet.";

// --- The registration link for sellers
pub const LINK_HEADING: &str = "Registration link for your sellers";
pub const LINK_INTRO: &str = "Sellers without a portal account register through this link; their \
    registrations belong to your organization. It is shown once: copy it when you make it.";

/// `since` is the time the link was made, formatted.
pub fn link_active(since: &str) -> String {
    format!("A link is active since {since}. Making a new one stops the old one.")
}

pub const NO_LINK: &str = "There is no link yet.";
pub const NEW_LINK: &str = "Make a new link";
