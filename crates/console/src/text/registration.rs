//! `/manage/registrations/{id}`: a registration beside the claims it collides with, the
//! one-step resolution, and the decision form.

pub const TITLE: &str = "Registration";
pub const LOADING: &str = "Loading the registration…";

/// The page's title once the registration is read: "Registration R-2026-0042".
pub fn title(number: &str) -> String {
    format!("Registration {number}")
}

pub const BACK: &str = "← Registrations to decide";
pub const TIMELINE: &str = "Timeline";

// --- The decision form

pub const CHOOSE: &str = "Choose what to do.";
pub const WRITE_QUESTION: &str = "Write the question for the partner.";
pub const EXPLAIN_DECLINE: &str = "Explain the decline; the partner will read it.";
pub const APPROVE: &str = "Approve";
pub const DECLINE: &str = "Decline";
pub const ASK: &str = "Ask the partner for more information";
pub const DECIDE_EXTENSION: &str = "Decide the extension request";
pub const DECIDE: &str = "Decide";
pub const EXTENSION_HINT: &str = "Approving adds the program's extension days to the protection.";
pub const DECISION_HINT: &str = "Approving starts the protection window. Declining needs a \
                                 rationale the partner will read.";
pub const DECISION: &str = "Decision";
pub const REASON: &str = "Reason";
pub const QUESTION: &str = "Question for the partner";
pub const RATIONALE: &str = "Rationale";
pub const RATIONALE_HINT: &str = "The partner reads it";
pub const RECORD: &str = "Record decision";
pub const RECORDING: &str = "Recording…";
pub const RECORD_AND_NEXT: &str = "Record and open the next";

// --- Deciding a conflict in one step

/// A choice's button: "Approve R-2026-0042 and decline R-2026-0040".
pub fn approve_and_decline(winner: &str, loser: &str) -> String {
    format!("Approve {winner} and decline {loser}")
}

pub const RESOLUTION: &str = "Decide the conflict in one step";
pub const RESOLUTION_INTRO: &str = "The declined registration gets the reason \u{201c}Another \
                                    registration has this customer\u{201d}; its partner is not \
                                    told who won.";
pub const RESOLUTION_RATIONALE: &str = "What the declined partner reads";
pub const RESOLUTION_RATIONALE_HINT: &str = "Left empty: \u{201c}Another partner registered this \
                                             customer first, and that registration was \
                                             approved.\u{201d}";

// --- The findings and the claims side by side

/// Before the conflict's summary ("1 competing claim", "Resolved").
pub const CONFLICT_CHECK: &str = "Conflict check: ";
pub const SUGGESTED: &str = "Suggested: ";

pub fn this_registration(partner: &str) -> String {
    format!("This registration, by {partner}")
}

pub fn claim_filed_later(number: &str, partner: &str) -> String {
    format!("{number} by {partner}, filed later")
}

pub fn claim(number: &str, partner: &str) -> String {
    format!("{number} by {partner}")
}

/// Before the time to decide by: "Waiting 2 d 4 h; decide by ".
pub fn waiting_decide_by(waited: &str) -> String {
    format!("Waiting {waited}; decide by ")
}

pub const PAST_SLA: &str = "Past SLA";
pub const DOMAIN: &str = "Domain";
pub const OWNER: &str = "Owner";
pub const INCUMBENT: &str = "Incumbent partner";
pub const NO_INCUMBENT: &str = "None";
pub const ALSO_KNOWN_AS: &str = "Also known as";

pub fn account(name: &str) -> String {
    format!("Account: {name}")
}
