//! `/settings/payouts`: where the organization is paid.

pub const TITLE: &str = "Where you are paid";
pub const INTRO: &str = "Payouts of what your organization earns go to this account. Only your \
                         organization's admins see and change it; the account number is kept \
                         sealed and shown masked.";
pub const ADMINS_ONLY: &str = "Only your organization's admins manage where it is paid. Ask one \
                               of them to give or change the account.";
pub const LOADING: &str = "Loading the account…";
pub const NONE_YET: &str = "No account yet: payouts wait until one is given.";
pub const CURRENT: &str = "The account now";
pub const HOLDER: &str = "Account holder";
pub const ACCOUNT: &str = "Account";
pub const BIC: &str = "BIC";
pub const UPDATED: &str = "Given";
pub const FORM_TITLE: &str = "Give the account";
pub const HOW: &str = "How are you paid?";
pub const BY_IBAN: &str = "A bank account with an IBAN (SEPA transfer)";
pub const BY_OTHER: &str = "Another account";
pub const IBAN: &str = "IBAN";
pub const IBAN_HINT: &str = "Spaces are fine: DE89 3704 0044 0532 0130 00.";
pub const OTHER: &str = "Account reference";
pub const OTHER_HINT: &str = "What your partner manager's finance team needs to pay you, e.g. a \
                              US routing and account number.";
pub const SAVE: &str = "Save the account";
pub const SAVING: &str = "Saving…";
pub const SAVED: &str = "Saved. Payouts go to this account from now on.";
