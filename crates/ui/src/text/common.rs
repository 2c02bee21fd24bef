//! Words several pages and components share.

pub const BRAND: &str = "Portico";

/// The document title of a page, e.g. "Users · Portico".
pub fn page_title(page: &str) -> String {
    format!("{page} · Portico")
}

pub const TRY_AGAIN: &str = "Try again";
pub const CANCEL: &str = "Cancel";
pub const LOADING: &str = "Loading…";
pub const LOAD_MORE: &str = "Load more";
pub const SAVE: &str = "Save";
pub const SAVING: &str = "Saving…";
pub const TAGS: &str = "Tags";

// --- Sizes: "512 bytes", "1.5 KB"

pub fn bytes(n: u64) -> String {
    match n {
        1 => "1 byte".to_owned(),
        n => format!("{n} bytes"),
    }
}

pub const SIZE_UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
