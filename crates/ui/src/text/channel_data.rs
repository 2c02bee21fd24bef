//! What the channel-data pieces both front ends show say: sending a report, the uploads so
//! far, one import's mapping and progress, and the rows waiting for a person.

pub const UPLOAD_TITLE: &str = "Upload a report";
pub const SOURCE: &str = "Source";
pub const CHOOSE_SOURCE: &str = "Choose the source";
pub const SOURCE_NEEDED: &str = "Choose whose report this is.";
pub const FILE: &str = "Report";
pub const UPLOAD: &str = "Upload";
pub const UPLOADING: &str = "Uploading…";

// --- The uploads so far

pub const UPLOADS: &str = "Uploads";
pub const UPLOADS_LOADING: &str = "Loading the uploads…";
pub const NO_UPLOADS: &str = "No report uploaded yet.";
pub const UPLOAD_HEADERS: &[&str] = &[
    "File",
    "Source",
    "Uploaded",
    "State",
    "Imported",
    "Duplicates",
    "Rejected",
    "Waiting",
];

// --- One import

pub const IMPORT_TITLE: &str = "Report import";
pub const IMPORT_LOADING: &str = "Loading the import…";
pub const MAPPING_TITLE: &str = "Which column holds what";
pub const MAPPING_INTRO: &str = "The suggestion comes from the headers and this source's earlier \
                                 reports. Check it against the first rows below, then import.";
pub const NOT_USED: &str = "Not used";
pub const DATE_ORDER: &str = "Dates are written";
pub const CURRENCY: &str = "Currency of every row";
pub const CURRENCY_HINT: &str = "Only when the report has no currency column, e.g. EUR.";
pub const PREVIEW_TITLE: &str = "The first rows as they will be read";
pub const PREVIEW_HEADERS: &[&str] = &["Row", "Date", "Customer", "Product", "Amount", "Problem"];
pub const CONFIRM: &str = "Confirm the mapping and import";
pub const CONFIRMING: &str = "Starting…";
pub const PROGRESS: &str = "Import progress";
pub const COUNTS_TITLE: &str = "Rows so far";
pub const WAITING_LINK: &str = "Review the rows waiting";
pub const TRANSACTIONS_LINK: &str = "Transactions";

/// "12,000 rows read, 35 % of the file"
pub fn progress(rows: u64, percent: u64) -> String {
    format!("{rows} rows read, {percent} % of the file")
}

// --- Rows waiting for a person

pub const REVIEW_LOADING: &str = "Loading the rows waiting…";
pub const REVIEW_EMPTY: &str = "No row is waiting.";
pub const ROW: &str = "Row";
pub const PRODUCT: &str = "Product";
pub const CHOOSE_PRODUCT: &str = "Choose the product";
pub const PRODUCT_NEEDED: &str = "Choose the product this name means, or reject the row.";
pub const SUGGESTED: &str = "suggested";
pub const CORRECTED: &str = "Corrected value";
pub const VALUE_NEEDED: &str = "Enter the value as it should read, or reject the row.";
pub const SETTLE: &str = "Settle";
pub const REJECT: &str = "Reject";
pub const REJECT_REASON: &str = "Rejected in the review queue.";

/// "Settled; 3 more rows with the same name settled too."
pub fn settled(also: u64) -> String {
    match also {
        0 => "Settled.".to_owned(),
        1 => "Settled; 1 more row with the same value settled too.".to_owned(),
        n => format!("Settled; {n} more rows with the same value settled too."),
    }
}
