//! Reading the values partners and distributors put in their sales reports.
//!
//! Reports arrive as spreadsheets exported from many systems, each with its own habits:
//! `31.12.2026` or `12/31/2026` or an Excel serial for a day, `1.234,56` or `1,234.56` for
//! an amount, `€`, `EUR` or `euro` for a currency, `DE`, `DEU` or `Deutschland` for a
//! country. Every parser here trims surrounding whitespace (non-breaking spaces included)
//! and answers `None` when the text is not plainly one value, rather than guessing.
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
/// Besides the spaces `char::is_whitespace` knows (non-breaking ones included), some exports
/// start cells with a byte-order mark or a zero-width space, which it does not.
fn trimmed(text: &str) -> Option<&str> {
    let text =
        text.trim_matches(|c: char| c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}'));
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever a cell holds, the parsers answer instead of panicking.
        #[test]
        fn no_text_makes_a_parser_panic(
            text in "[0-9.,:;' \u{a0}\u{202f}$€¥£₹zł()+\\-/TtAaPpMmZzDdecKkrUSEURFf]{0,20}|.{0,20}",
            scale in 0..45_u32,
        ) {
            let _ = (date(&text, DateOrder::DayFirst), date(&text, DateOrder::MonthFirst));
            let _ = (decimal(&text, scale), money(&text), currency(&text), country(&text));
        }
    }
}
