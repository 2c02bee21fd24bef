//! `/manage/payouts` and one batch's page.

pub const TITLE: &str = "Payouts";
pub const INTRO: &str = "A batch proposes paying every partner's approved, unpaid balance above \
                         a minimum. Review it, confirm it (the payouts enter the ledger), give \
                         finance the CSV or SEPA file, then mark it paid.";
pub const LOADING: &str = "Loading the batches…";
pub const EMPTY: &str = "No batch yet.";
pub const HEADERS: &[&str] = &["Batch", "State", "Pays", "Created"];
pub const NEW_TITLE: &str = "New batch";
pub const MINIMUM: &str = "Minimum per partner and currency";
pub const MINIMUM_HINT: &str = "Balances below it wait for the next batch, e.g. 50.00.";
pub const MINIMUM_NEEDED: &str = "Enter a minimum such as 50.00.";
pub const CREATE: &str = "Propose a batch";
pub const CREATING: &str = "Proposing…";
pub const NOTHING: &str = "Nothing";
/// "2 payments"
pub fn payments(n: u32) -> String {
    if n == 1 {
        "1 payment".to_owned()
    } else {
        format!("{n} payments")
    }
}

// --- One batch

pub const BATCH_TITLE: &str = "Payout batch";
pub const BATCH_LOADING: &str = "Loading the batch…";
pub const BACK: &str = "All batches";
pub const STATE: &str = "State";
pub const CREATED: &str = "Created";
pub const CONFIRMED: &str = "Confirmed";
pub const PAID: &str = "Paid";
pub const PAYMENTS: &str = "Payments";
pub const NO_PAYMENTS: &str = "No balance reached the minimum with an account to pay it to.";
pub const PAYMENT_HEADERS: &[&str] = &["Partner", "Payee", "Account", "Amount", "State", "Actions"];
pub const WITHOUT_PAYEE: &str = "Waiting for an account";
pub const WITHOUT_PAYEE_INTRO: &str = "These partners have a balance above the minimum but have \
                                       not said where they are paid; their admins give it under \
                                       Settings, Where you are paid.";
pub const CONFIRM: &str = "Confirm the batch";
pub const CONFIRM_QUESTION: &str = "Confirm? Each payment enters its partner's ledger as paid out.";
pub const CONFIRM_YES: &str = "Yes, confirm";
pub const CONFIRMING: &str = "Confirming…";
pub const MARK_PAID: &str = "Mark the batch paid";
pub const MARK_PAID_QUESTION: &str = "Did finance make every transfer?";
pub const MARK_PAID_YES: &str = "Yes, they are paid";
pub const MARKING: &str = "Saving…";
pub const CSV: &str = "Download the CSV for finance";
pub const SEPA: &str = "Download the SEPA file (EUR)";
pub const FAILED: &str = "Returned by the bank";
pub const FAILED_QUESTION: &str = "Give the amount back to the partner's balance?";
pub const FAILED_YES: &str = "Yes, it was returned";
