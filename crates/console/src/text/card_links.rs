//! Signed links to a deal's CRM card: the panel that makes one and the list of issued links.

pub const TITLE: &str = "CRM card link";

// These three form one sentence: "A signed address of this deal's card, to show it in a CRM
// whose integration is set up under <Integrations>."
pub const INTRO_BEFORE_LINK: &str =
    "A signed address of this deal's card, to show it in a CRM whose integration is set up under ";
pub const INTRO_LINK: &str = "Integrations";
pub const INTRO_AFTER_LINK: &str = ".";

pub const CRM: &str = "CRM";
pub const VALID_DAYS: &str = "Valid for (days)";
pub const VALID_DAYS_HINT: &str = "From 1 to 90.";

/// `day` is the date a link made now stops working.
pub fn works_until(day: &str) -> String {
    format!("A link made now works until {day} (UTC); you can revoke it sooner under Integrations.")
}

pub const CREATE: &str = "Create link";
pub const CREATING: &str = "Creating…";

// These two form one sentence around a time: "The link works until <time>."
pub const MADE_WORKS_UNTIL: &str = "The link works until ";
pub const MADE_WORKS_UNTIL_END: &str = ".";

pub const COPY: &str = "Copy card link";

// --- The links issued for one CRM

pub const CRM_TABS: &str = "CRM of the card links";
pub const LOADING: &str = "Loading the card links…";
pub const EMPTY: &str = "No card links made for this CRM yet. Make one on a deal's page.";
pub const HEADERS: [&str; 6] = ["Deal", "Issued by", "Issued", "Expires", "State", "Actions"];
pub const DEAL: &str = "Deal";
pub const REGISTRATION: &str = "Registration";

/// A link named in the status line and in the question, e.g. "The card link to Acme made by
/// Dana".
pub fn link_to(name: &str, issued_by: &str) -> String {
    format!("The card link to {name} made by {issued_by}")
}

/// `what` is [`link_to`]'s text.
pub fn revoked(what: &str) -> String {
    format!("{what} is revoked: its card now says so.")
}

pub const STATE_REVOKED: &str = "Revoked";
pub const STATE_EXPIRED: &str = "Expired";
pub const STATE_ACTIVE: &str = "Active";
/// Between the time of a revocation and who revoked it.
pub const BY: &str = " by ";
pub const REVOKE: &str = "Revoke";
pub const REVOKING: &str = "Revoking…";
pub const REVOKE_QUESTION: &str =
    "Revoke this link? Its card stops showing at once, wherever it was pasted.";
pub const CONFIRM_REVOKE: &str = "Yes, revoke";
