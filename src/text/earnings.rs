//! `/earnings`: the organization's statement.

pub const TITLE: &str = "Earnings";
pub const INTRO: &str = "What your organization earned from won deals, where each earning \
                         stands, and what was paid. Amounts stay in the currency they were \
                         earned in.";
pub const DOWNLOAD: &str = "Download the statement (CSV)";
pub const PAYEE_LINK: &str = "Where you are paid";
pub const SALES_REPORTS_LINK: &str = "Send your sales reports";
pub const BALANCES: &str = "Balances";
pub const NO_BALANCE: &str = "Nothing earned yet. Earnings appear here when a deal you \
                              registered is won.";
pub const UPCOMING: &str = "Upcoming";
pub const PENDING: &str = "Waiting for approval";
pub const PAYABLE: &str = "Approved, to be paid";
pub const PAID: &str = "Paid so far";
pub const ENTRIES: &str = "Statement";
pub const LOADING: &str = "Loading your earnings…";
pub const EMPTY: &str = "No entries yet.";
pub const HEADERS: &[&str] = &["Day", "Entry", "Customer", "Status", "Amount", "Question"];

// --- Asking about an earning

pub const ASK: &str = "Ask about it";
/// Read after "Ask about it" by screen readers, which hear it out of the table.
pub fn about(customer: &str) -> String {
    format!(" (the earning on {customer})")
}
pub const COMMENT: &str = "What is wrong with it?";
pub const COMMENT_NEEDED: &str = "Say what is wrong with the earning.";
pub const SEND: &str = "Send the question";
pub const SENDING: &str = "Sending…";
