//! `/manage/channel-data` and its pages: sources, the review queue and the transactions; what
//! the portal shows alike is in `portico_ui::text::channel_data`.

pub const TITLE: &str = "Channel data";
pub const INTRO: &str = "Partners' and distributors' sales reports, whatever their layout, read \
                         into one list of transactions: each customer matched to the account \
                         book, each product to the catalogue, each sale counted once.";
pub const REVIEW_LINK: &str = "Review queue";
pub const TRANSACTIONS_LINK: &str = "Transactions";
pub const SOURCES: &str = "Sources";
pub const SOURCES_LOADING: &str = "Loading the sources…";
pub const NO_SOURCES: &str = "No source yet: add the partner or distributor whose reports you get.";
pub const SOURCE_HEADERS: &[&str] = &["Source", "Kind", "Partner", "Columns mapped"];
pub const NEW_SOURCE: &str = "New source";
pub const NAME: &str = "Name";
pub const NAME_NEEDED: &str = "Name the source.";
pub const KIND: &str = "Kind";
pub const PARTNER: &str = "Partner";
pub const CHOOSE_PARTNER: &str = "Choose the partner";
pub const ADD_SOURCE: &str = "Add the source";
pub const ADDING: &str = "Adding…";
pub const BACK: &str = "Channel data";

// --- Review queue

pub const REVIEW_TITLE: &str = "Review queue";
pub const REVIEW_INTRO: &str = "Rows that could not be read with confidence. Settling one teaches \
                                the name or value, so the same spelling is recognised next time \
                                and the rows waiting on it settle too.";

// --- Transactions

pub const TRANSACTIONS_TITLE: &str = "Transactions";
pub const TRANSACTIONS_LOADING: &str = "Loading the transactions…";
pub const TRANSACTIONS_EMPTY: &str = "No transaction yet.";
pub const TRANSACTION_HEADERS: &[&str] = &[
    "Date",
    "Partner",
    "Customer",
    "Match",
    "Product",
    "Amount",
    "Registered deal",
];
pub const UNREGISTERED_ONLY: &str = "Only customers nobody registered";
pub const DOWNLOAD_CSV: &str = "Download as CSV";
pub const NO_PARTNER: &str = "—";
pub const NOT_REGISTERED: &str = "Not registered";

/// "Registration 12"
pub fn registration(id: i64) -> String {
    format!("Registration {id}")
}
