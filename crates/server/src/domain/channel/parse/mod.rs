//! Reading the values partners and distributors put in their sales reports.
//!
//! Reports arrive as spreadsheets exported from many systems, each with its own habits:
//! `31.12.2026` or `12/31/2026` or an Excel serial for a day, `1.234,56` or `1,234.56` for
//! an amount, `€`, `EUR` or `euro` for a currency, `DE`, `DEU` or `Deutschland` for a
//! country. Every parser here trims surrounding whitespace (non-breaking spaces included)
//! and answers `None` rather than guessing when the text could mean two things or nothing.
//!
//! The `format_*` functions write the same values the ways those systems do, so that tests
//! and generated test data can check that whatever was written reads back unchanged.

mod dates;
mod numbers;
mod places;

pub use dates::{DateOrder, DateStyle, date, format_date};
pub use numbers::{NumberStyle, decimal, format_decimal, money};
pub use places::{country, currency};

/// The text without the whitespace around it, or `None` when nothing is left.
///
/// Exports often pad cells with non-breaking spaces or start with a byte-order mark, which
/// `str::trim` alone would keep.
fn trimmed(text: &str) -> Option<&str> {
    let text =
        text.trim_matches(|c: char| c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}'));
    (!text.is_empty()).then_some(text)
}
