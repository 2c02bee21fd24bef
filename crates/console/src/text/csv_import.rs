//! Importing a CSV file, on any page that does.

pub const CHOOSE_CSV: &str = "Choose a CSV file first.";
pub const UNREADABLE: &str = "The file could not be read as text.";
pub const CSV_FILE: &str = "CSV file";
pub const IMPORT: &str = "Import";
pub const IMPORTING: &str = "Importing…";
