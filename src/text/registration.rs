//! One of the organization's registrations (`/registrations/{id}`).

pub const TITLE: &str = "Registration";
pub const LOADING: &str = "Loading the registration…";

pub fn title(number: &str) -> String {
    format!("Registration {number}")
}

pub const BACK: &str = "← All registrations";

/// The decision's heading: the verdict's label ("Approve", "Decline") made past tense.
pub fn decided(verdict: &str) -> String {
    format!("{verdict}d")
}

/// Comes before the protection's end date.
pub const PROTECTED_UNTIL: &str = "Protected until ";

/// The first part of a sentence that ends with the date the request becomes possible.
pub fn extension_later_before_date(days: i64) -> String {
    format!("You can ask once for a longer protection in its last {days} days, from ")
}
pub const EXTENSION_LATER_AFTER_DATE: &str = ".";

pub const TIMELINE: &str = "Timeline";

// --- Asking for an extension
pub const EXTENSION_HEADING: &str = "Ask for a longer protection";
pub const EXTENSION_INTRO: &str = "You can ask once. A partner manager decides.";
pub const EXTENSION_LABEL: &str = "Why does this deal need more time?";
pub const EXTENSION_SUBMIT: &str = "Ask for an extension";

// --- Answering a manager's question (the question itself is the intro)
pub const ANSWER_HEADING: &str = "A partner manager asks";
pub const ANSWER_LABEL: &str = "Your answer";
pub const ANSWER_SUBMIT: &str = "Send answer";

// --- Withdrawing
pub const WITHDRAW: &str = "Withdraw this registration";
pub const WITHDRAW_CONFIRM: &str = "Yes, withdraw it";
pub const WITHDRAW_WARNING: &str = "Withdrawing ends any protection. Click again to confirm.";
