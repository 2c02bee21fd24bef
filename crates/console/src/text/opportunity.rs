//! `/manage/opportunities/{id}`: one deal of the shared pipeline for vendor staff, and the
//! form that moves it on.

pub const TITLE: &str = "Opportunity";
pub const LOADING: &str = "Loading the opportunity…";
pub const BACK: &str = "← Pipeline";

// --- What only vendor staff see

/// `role` is "Sourced" or "Influenced": "Sourced · 40% attributed".
pub fn role_attributed(role: &str, percent: u8) -> String {
    format!("{role} · {percent}% attributed")
}

pub fn role_unattributed(role: &str) -> String {
    format!("{role} · attribution not set")
}

pub const NOT_DECIDED: &str = "Not decided yet";
pub const PARTNER: &str = "Partner";
pub const AMOUNT: &str = "Amount";
pub const NOT_SET: &str = "Not set";
pub const DISCOUNT_BAND: &str = "Discount band";
pub const NO_DISCOUNT_BAND: &str = "None";
pub const PRICE_PROTECTION: &str = "Price protection";
pub const YES: &str = "Yes";
pub const NO: &str = "No";
pub const PARTNER_ROLE: &str = "Partner role";
pub const CONFLICT_CHECK: &str = "Conflict check";
pub const NO_REGISTRATION: &str = "No registration";
pub const LOSS_REASON: &str = "Loss reason";
pub const INTERNAL_NOTES: &str = "Internal notes";
pub const OPEN_REGISTRATION: &str = "Open the registration";
pub const VENDOR_ONLY: &str = "Vendor only";

// --- Update the deal

pub const WHOLE_AMOUNT: &str = "Enter a whole amount in digits, like 250000.";
pub const PERCENTAGE: &str = "Enter a percentage from 0 to 100.";
pub const SAVED: &str = "Saved.";

/// `stage` is the deal's current stage.
pub fn exit_criteria_of(stage: &str) -> String {
    format!("Exit criteria of {stage}")
}

pub const CRITERIA_HINT: &str = "Confirm each before the deal moves on to a later stage.";
pub const UPDATE: &str = "Update the deal";
pub const STAGE: &str = "Stage";
pub const WHY_LOST: &str = "Why was it lost?";
pub const VENDOR_OWNER: &str = "Vendor owner";
pub const NEXT_STEP: &str = "Next step";
pub const NEXT_STEP_DUE: &str = "Next step due";
pub const CURRENCY: &str = "Currency";
pub const NO_CURRENCY: &str = "No currency";
pub const ATTRIBUTION: &str = "Attribution (%)";
pub const INTERNAL_NOTES_HINT: &str = "Vendor staff only; the partner never sees them.";
pub const SAVE_CHANGES: &str = "Save changes";
pub const SAVING: &str = "Saving…";
