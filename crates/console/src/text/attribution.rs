//! Who a deal credits, on the deal's page, and recording a refund.

pub const TITLE: &str = "Who is credited";
pub const INTRO: &str = "The partners a won deal earns for, each in a role and with a share; \
                         the shares of one role add up to at most 100 %. Changing them on a won \
                         deal reverses what the old credits earned and earns anew.";
pub const LOADING: &str = "Loading the credits…";
pub const NOBODY: &str = "Nobody is credited.";
pub const PARTNER: &str = "Partner";
pub const CHOOSE_PARTNER: &str = "Choose a partner";
pub const ROLE: &str = "Role";
pub const SHARE: &str = "Share (%)";
pub const REMOVE: &str = "Remove";
pub fn remove(n: usize) -> String {
    format!("Remove credit {n}")
}
pub const ADD: &str = "Credit another partner";
pub const RATIONALE: &str = "Why it changes";
pub const SAVE: &str = "Save the credits";
pub const SAVING: &str = "Saving…";
pub const SAVED: &str = "Credits saved.";
pub const BAD_ROW: &str = "Choose a partner and a share from 0.01 to 100 for every credit.";

// --- Refunds

pub const REFUND_TITLE: &str = "Refund";
pub const REFUND_INTRO: &str = "The customer got its money back: the deal stays won and every \
                                earning it made is reversed, with the reason.";
pub const REFUND_REASON: &str = "Reason";
pub const REFUND: &str = "Record the refund";
pub const REFUNDING: &str = "Recording…";
pub fn refunded(n: usize) -> String {
    match n {
        1 => "1 earning reversed.".to_owned(),
        n => format!("{n} earnings reversed."),
    }
}
