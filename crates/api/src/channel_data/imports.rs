//! Uploaded reports: each import's progress and counts, its rows with what became of each,
//! and the review queue of rows that wait for a person.

use serde::{Deserialize, Serialize};

use super::{ColumnMapping, Field};
use crate::error::FieldErrors;
use crate::validate::Fields;

/// The largest report accepted, in bytes.
pub const REPORT_MAX_BYTES: u64 = 100 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportState {
    /// The file's columns are not all mapped: it waits for the mapping to be confirmed.
    NeedsMapping,
    Queued,
    Running,
    Done,
    /// The file could not be read to its end; the rows before stay.
    Failed,
}

string_enum!(ImportState {
    NeedsMapping => "needs_mapping" / "Waiting for its mapping",
    Queued => "queued" / "Queued",
    Running => "running" / "Importing",
    Done => "done" / "Done",
    Failed => "failed" / "Failed",
});

/// What became of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    Imported,
    /// The same transaction was reported already: counted once.
    Duplicate,
    Rejected,
    /// Waits in the review queue.
    Waiting,
}

string_enum!(RowStatus {
    Imported => "imported" / "Imported",
    Duplicate => "duplicate" / "Duplicate",
    Rejected => "rejected" / "Rejected",
    Waiting => "waiting" / "Waiting for review",
});

/// Rows per outcome.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Counts {
    pub imported: u64,
    pub duplicate: u64,
    pub rejected: u64,
    pub waiting: u64,
}

/// A row as the mapping reads it, before it is stored: for checking a mapping on a new file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PreviewRow {
    pub row_number: u64,
    /// `YYYY-MM-DD`.
    pub transaction_date: Option<String>,
    pub customer: Option<String>,
    pub product: Option<String>,
    /// Minor units.
    pub amount: Option<i64>,
    pub currency: Option<String>,
    /// Why the row would wait or be rejected.
    pub problem: Option<String>,
}

/// `GET /api/channel-data/imports/{id}` (and the upload's answer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Import {
    pub id: i64,
    pub source_id: i64,
    pub file_name: String,
    pub state: ImportState,
    /// Bytes of the file, and how many are read so far.
    pub size: u64,
    pub bytes_read: u64,
    pub rows_read: u64,
    pub counts: Counts,
    pub error: Option<String>,
    pub headers: Vec<String>,
    /// While the import needs its mapping: the columns as the source's mapping and the
    /// headers' usual names suggest them, and the first rows read with that suggestion.
    pub suggestion: Option<Vec<ColumnMapping>>,
    pub preview: Vec<PreviewRow>,
    /// RFC 3339.
    pub created_at: String,
    pub finished_at: Option<String>,
}

/// One cell of a row as the file had it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Cell {
    pub header: String,
    pub value: String,
}

/// A row of an import and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChannelRow {
    pub id: i64,
    pub import_id: i64,
    pub row_number: u64,
    pub status: RowStatus,
    /// Why it waits, was rejected, or which transaction it repeats.
    pub reason: Option<String>,
    /// The field a waiting row needs settled.
    pub field: Option<Field>,
    pub original: Vec<Cell>,
    pub transaction_id: Option<i64>,
    /// Products whose names are close to an unknown product's, best first.
    pub suggestions: Vec<crate::registrations::Product>,
}

/// `GET /api/channel-data/rows` filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct RowQuery {
    pub import: Option<i64>,
    pub status: Option<RowStatus>,
    pub cursor: Option<String>,
    pub limit: Option<u32>,
}

/// `POST /api/channel-data/rows/{id}/resolve`: settle a waiting row. Choosing the product of
/// an unknown name teaches it as the product's alias; a corrected value replaces the cell;
/// `reject` ends the row with the reason given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Resolve {
    #[serde(default)]
    pub product_id: Option<i64>,
    /// The account a customer name that matched several is.
    #[serde(default)]
    pub account_id: Option<i64>,
    /// Corrected text for the row's cells, by field.
    #[serde(default)]
    pub values: Vec<FieldValue>,
    #[serde(default)]
    pub reject: Option<String>,
}

impl Resolve {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = Fields::default();
        let settles =
            self.product_id.is_some() || self.account_id.is_some() || !self.values.is_empty();
        match &self.reject {
            Some(_) if settles => f.add("reject", "Either settle the row or reject it, not both."),
            Some(reason) if reason.trim().is_empty() || reason.chars().count() > 500 => {
                f.add("reject", "Say why, in 1 to 500 characters.")
            }
            None if !settles => f.add(
                "product_id",
                "Choose the product, the account or a corrected value, or reject the row.",
            ),
            _ => {}
        }
        for v in &self.values {
            if v.value.chars().count() > 500 {
                f.add(v.field.as_str(), "Keep a value to 500 characters.");
            }
        }
        f.finish()
    }
}

/// A field's corrected text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FieldValue {
    pub field: Field,
    pub value: String,
}

/// What a resolution did to the row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Resolved {
    pub row: ChannelRow,
    /// Other waiting rows of the source the lesson settled too.
    pub also_settled: u64,
}

/// One upload in `GET /api/channel-data/imports`, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportImport {
    pub id: i64,
    pub source_id: i64,
    pub source_name: String,
    pub file_name: String,
    pub state: ImportState,
    pub rows_read: u64,
    pub counts: Counts,
    pub error: Option<String>,
    /// RFC 3339.
    pub created_at: String,
    pub finished_at: Option<String>,
}

/// `GET /api/channel-data/imports` filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ImportQuery {
    pub source: Option<i64>,
    pub cursor: Option<String>,
    pub limit: Option<u32>,
}
