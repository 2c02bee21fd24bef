//! `/manage/pipeline`: every partner's deals, the weekly review and the form for a new deal.

pub const TITLE: &str = "Partner pipeline";
pub const INTRO: &str =
    "Every partner's deals. Open one to move its stage, confirm exit criteria or add notes.";

// --- The weekly review

pub const REVIEW: &str = "Weekly review";
pub const LOADING_REVIEW: &str = "Loading the review…";
pub const EXPIRING: &str = "Protection expiring within 7 days";

pub fn stale(days: u32) -> String {
    format!("No activity for {days} days")
}

pub const LATE: &str = "Approvals past their SLA";
pub const DUPLICATES: &str = "Possible duplicates to review";

/// Under a review list that shows only its first entries.
pub fn first_of(shown: i64, total: i64) -> String {
    format!("The first {shown} of {total}.")
}

pub const OPEN_QUEUE: &str = "Open the approval queue";
pub const NONE: &str = "None.";

// --- A new deal

pub const NEW_DEAL: &str = "New deal";
pub const CHOOSE_PARTNER_ERROR: &str = "Choose the partner organization.";
pub const CHOOSE_MOTION_ERROR: &str = "Choose the motion.";
pub const CHOOSE_ROLE_ERROR: &str = "Say whether the partner sourced or influenced the deal.";
pub const PERCENTAGE: &str = "Enter a percentage from 0 to 100.";
pub const WHOLE_AMOUNT: &str = "Enter a whole amount in digits, like 250000.";
pub const NEW_DEAL_INTRO: &str = "A deal without a registration, e.g. one the partner \
                                  influenced. The partner sees it in their pipeline, without \
                                  amount or attribution.";
pub const PARTNER: &str = "Partner";
pub const CHOOSE_PARTNER: &str = "Choose a partner";
pub const CUSTOMER: &str = "Customer name";
pub const MOTION: &str = "Motion";
pub const CHOOSE_MOTION: &str = "Choose the motion";
pub const PARTNER_ROLE: &str = "Partner role";
pub const ATTRIBUTION: &str = "Attribution (%)";
pub const VENDOR_OWNER: &str = "Vendor owner";
pub const AMOUNT: &str = "Amount";
pub const CURRENCY: &str = "Currency";
pub const NO_CURRENCY: &str = "No currency";
pub const ADD_DEAL: &str = "Add deal";
pub const ADDING: &str = "Adding…";
