//! `/manage/ledger`: what partners earned, approvals, questions and adjustments.

pub const TITLE: &str = "Ledger";
pub const INTRO: &str = "Every partner's earnings, reversals, adjustments and payouts. Approve \
                         what accrued, answer partners' questions, and adjust with a reason; \
                         nothing is ever deleted.";
pub const PARTNER: &str = "Partner";
pub const ALL_PARTNERS: &str = "All partners";
pub const STATUS: &str = "Status";
pub const ANY_STATUS: &str = "Any status";
pub const DOWNLOAD: &str = "Download as CSV";

// --- Balances

pub const BALANCES: &str = "Balances";
pub const NO_BALANCES: &str = "No partner has earned anything yet.";
pub const BALANCE_HEADERS: &[&str] = &[
    "Partner",
    "Currency",
    "Upcoming",
    "Waiting for approval",
    "Payable",
    "Paid",
];

// --- Entries

pub const ENTRIES: &str = "Entries";
pub const LOADING: &str = "Loading the ledger…";
pub const EMPTY: &str = "No entries match.";
pub const HEADERS: &[&str] = &[
    "Day", "Entry", "Customer", "Status", "Amount", "Partner", "Question", "Approve",
];
pub fn choose(customer: &str) -> String {
    format!("Approve the earning on {customer}")
}
pub const APPROVE_SELECTED: &str = "Approve the chosen earnings";
pub const APPROVE_ALL: &str = "Approve every pending earning of this partner";
pub const APPROVE_ALL_QUESTION: &str = "Approve every earning of this partner that accrued and \
                                        waits for approval?";
pub const APPROVE_ALL_CONFIRM: &str = "Yes, approve them";
pub const APPROVING: &str = "Approving…";
pub const NONE_CHOSEN: &str = "Choose the earnings to approve first.";
pub fn approved(n: usize) -> String {
    match n {
        0 => "Nothing to approve: the earnings were approved already or have not accrued yet."
            .to_owned(),
        1 => "1 earning approved.".to_owned(),
        n => format!("{n} earnings approved."),
    }
}

// --- Answering a question

pub const ANSWER: &str = "Your answer";
pub const ANSWER_NEEDED: &str = "Write the answer.";
pub const SEND_ANSWER: &str = "Send the answer";
pub const SENDING: &str = "Sending…";

// --- Adjustments

pub const ADJUST_TITLE: &str = "Add an adjustment";
pub const ADJUST_INTRO: &str = "A correction to a partner's balance, positive or negative, with \
                                the reason (kept in the audit log and shown to the partner).";
pub const CHOOSE_PARTNER: &str = "Choose the partner.";
pub const CURRENCY: &str = "Currency";
pub const AMOUNT: &str = "Amount";
pub const AMOUNT_HINT: &str = "E.g. 250.00 to add, -99.50 to take away.";
pub const AMOUNT_NEEDED: &str = "Enter an amount such as 250.00 or -99.50.";
pub const RATIONALE: &str = "Reason";
pub const RATIONALE_NEEDED: &str = "Say why, in 1 to 500 characters.";
pub const ADD: &str = "Add the adjustment";
pub const ADDING: &str = "Adding…";
pub const ADDED: &str = "Adjustment added.";
