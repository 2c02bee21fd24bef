//! Decimal numbers and amounts of money as reports write them.
//!
//! The same amount arrives as `1234.5`, `1,234.50`, `1.234,50`, `1 234,50`, `1'234.50`,
//! `(1,234.50)` or `1234.50-` depending on the exporting system and its locale. Values come
//! back as integers scaled by `10^scale`, so that no amount ever passes through a float.

use super::places::{self, Mark};
use super::trimmed;

/// How `format_decimal` writes thousands and the decimal separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberStyle {
    /// `1234.5`: a raw spreadsheet cell, without trailing zeros.
    Plain,
    /// `1,234.50`
    Comma,
    /// `1.234,50`
    Dot,
    /// `1 234,50`, with a non-breaking space.
    Space,
    /// `1'234.50`
    Apostrophe,
}

/// Characters that can only group thousands, never mark the decimals.
fn groups_only(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’')
}

/// A decimal number as people write it, times 10^scale, rounded half away from zero; None
/// when it is not one.
#[must_use]
pub fn decimal(text: &str, scale: u32) -> Option<i64> {
    let (negative, body) = split_sign(trimmed(text)?);
    let (integer, fraction) = split_digits(body)?;
    let magnitude = scaled(&integer, fraction, scale)?;
    i64::try_from(if negative { -magnitude } else { magnitude }).ok()
}

/// Whether the number is negative, and its digits and separators.
fn split_sign(text: &str) -> (bool, &str) {
    // Accounting formats show losses in parentheses; some ERPs put the minus at the end.
    let signed = [
        text.strip_prefix('(')
            .and_then(|t| t.strip_suffix(')'))
            .map(|t| (true, t.trim())),
        text.strip_prefix('-').map(|t| (true, t)),
        text.strip_prefix('+').map(|t| (false, t)),
        text.strip_suffix('-').map(|t| (true, t)),
    ];
    signed.into_iter().flatten().next().unwrap_or((false, text))
}

/// The digit groups of the integer part and the digits after the decimal separator.
fn split_digits(body: &str) -> Option<(Vec<&str>, &str)> {
    if !body.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut groups = Vec::new();
    let mut separators = Vec::new();
    let mut start = 0;
    for (i, c) in body.char_indices() {
        if c.is_ascii_digit() {
            continue;
        }
        if !(c == '.' || c == ',' || groups_only(c)) {
            return None;
        }
        groups.push(&body[start..i]);
        separators.push(c);
        start = i + c.len_utf8();
    }
    groups.push(&body[start..]);
    let point = decimal_separator(&separators, &groups)?;
    // The decimal separator is always the last one, so the fraction is the last group.
    let fraction = if point.is_some() { groups.pop()? } else { "" };
    let thousands = &separators[..point.unwrap_or(separators.len())];
    if point.is_some() && fraction.is_empty() || !well_grouped(thousands, &groups) {
        return None;
    }
    Some((groups, fraction))
}

/// Which separator marks the decimals: `Some(None)` when none does, `None` when the
/// separators contradict each other.
fn decimal_separator(separators: &[char], groups: &[&str]) -> Option<Option<usize>> {
    let last = separators.iter().rposition(|c| matches!(c, '.' | ','));
    let Some(at) = last else {
        return Some(None);
    };
    let kind = separators[at];
    let same_kind = separators.iter().filter(|c| **c == kind).count();
    let mixed = separators.iter().any(|c| *c != kind);
    let point = if mixed {
        // With two kinds in play the last of `.` and `,` is the decimal one, as in `1.234,56`.
        Some(at)
    } else if same_kind > 1 {
        None
    } else if groups[1].len() == 3 && leads_thousands(groups[0]) {
        // `1,234` and `1.234` are how both locales write a thousand and more. (A lone
        // separator splits the digits in two, so both groups exist.)
        None
    } else {
        Some(at)
    };
    match point {
        Some(at) if at + 1 != separators.len() || same_kind > 1 => None,
        point => Some(point),
    }
}

/// Whether `group` can open a number written in thousands: `0.250` is a quarter, not 250.
fn leads_thousands(group: &str) -> bool {
    (1..=3).contains(&group.len()) && !group.starts_with('0')
}

fn well_grouped(thousands: &[char], integer: &[&str]) -> bool {
    let Some(first) = thousands.first() else {
        return true;
    };
    thousands.iter().all(|c| c == first)
        && leads_thousands(integer[0])
        && integer[1..].iter().all(|g| g.len() == 3)
}

/// The magnitude times 10^scale, rounding half away from zero on the first dropped digit.
fn scaled(integer: &[&str], fraction: &str, scale: u32) -> Option<i128> {
    let unit = 10_i128.checked_pow(scale)?;
    let digit = |b: u8| i128::from(b - b'0');
    let mut whole: i128 = 0;
    for b in integer.iter().flat_map(|g| g.bytes()) {
        whole = whole.checked_mul(10)?.checked_add(digit(b))?;
    }
    let mut kept: i128 = 0;
    let fraction = fraction.as_bytes();
    for i in 0..scale as usize {
        kept = kept
            .checked_mul(10)?
            .checked_add(fraction.get(i).map_or(0, |b| digit(*b)))?;
    }
    let round_up = fraction.get(scale as usize).is_some_and(|b| *b >= b'5');
    whole
        .checked_mul(unit)?
        .checked_add(kept + i128::from(round_up))
}

/// `value / 10^scale` written in `style`; every digit of the scale is kept except in `Plain`.
/// `decimal` reads it back for scales up to 2; with three decimals `1.234` reads as thousands.
#[must_use]
pub fn format_decimal(value: i64, scale: u32, style: NumberStyle) -> String {
    let scale = scale as usize;
    let digits = format!("{:0>width$}", value.unsigned_abs(), width = scale + 1);
    let (whole, fraction) = digits.split_at(digits.len() - scale);
    let (group, point, fraction) = match style {
        NumberStyle::Plain => (None, '.', fraction.trim_end_matches('0')),
        NumberStyle::Comma => (Some(','), '.', fraction),
        NumberStyle::Dot => (Some('.'), ',', fraction),
        NumberStyle::Space => (Some('\u{a0}'), ',', fraction),
        NumberStyle::Apostrophe => (Some('\''), '.', fraction),
    };
    let mut out = String::from(if value < 0 { "-" } else { "" });
    for (i, c) in whole.chars().enumerate() {
        if let Some(group) = group.filter(|_| i > 0 && (whole.len() - i) % 3 == 0) {
            out.push(group);
        }
        out.push(c);
    }
    if !fraction.is_empty() {
        out.push(point);
        out.push_str(fraction);
    }
    out
}

/// Money: the amount in minor units (scale 2) and the currency its text names by symbol or
/// code, if any.
#[must_use]
pub fn money(text: &str) -> Option<(i64, Option<&'static str>)> {
    let text = trimmed(text)?;
    let (number, front) = match without_front_mark(text) {
        Some((number, mark)) => (number, Some(mark)),
        None => (text.to_owned(), None),
    };
    let (number, back) = match without_back_mark(&number) {
        Some((number, mark)) => (number, Some(mark)),
        None => (number, None),
    };
    let code = match (front, back) {
        (Some(a), Some(b)) => both(a, b)?,
        (Some(mark), None) | (None, Some(mark)) => mark.code,
        (None, None) => None,
    };
    Some((decimal(&number, 2)?, code))
}

/// `-$12` and `($12.00)`: the mark comes off, the sign stays with the number.
fn without_front_mark(text: &str) -> Option<(String, Mark)> {
    let body = text.trim_start_matches(|c: char| matches!(c, '-' | '+' | '(') || c.is_whitespace());
    let sign: String = text[..text.len() - body.len()].split_whitespace().collect();
    let (mark, len) = places::mark_at_start(body)?;
    Some((format!("{sign}{}", body[len..].trim_start()), mark))
}

/// `12 €`, `12.00- USD` and `(12.00 USD)`.
fn without_back_mark(text: &str) -> Option<(String, Mark)> {
    let body = text.trim_end_matches(|c: char| matches!(c, '-' | ')') || c.is_whitespace());
    let sign: String = text[body.len()..].split_whitespace().collect();
    let (mark, len) = places::mark_at_end(body)?;
    Some((
        format!("{}{sign}", body[..body.len() - len].trim_end()),
        mark,
    ))
}

/// `$12 CAD` is twelve Canadian dollars: a mark several currencies share yields to the other.
fn both(front: Mark, back: Mark) -> Option<Option<&'static str>> {
    match (front.shared, back.shared) {
        _ if front.code == back.code => Some(front.code),
        (true, false) => Some(back.code),
        (false, true) => Some(front.code),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumberStyle::{Apostrophe, Comma, Dot, Plain, Space};
    use proptest::prelude::*;

    const STYLES: [NumberStyle; 5] = [Plain, Comma, Dot, Space, Apostrophe];

    /// Text and its value at scale 3.
    #[rustfmt::skip]
    const NUMBERS: &[(&str, i64)] = &[
        ("12", 12_000), ("+12.5", 12_500), ("-12.5", -12_500), ("12.50-", -12_500),
        ("(12.50)", -12_500), ("( 1,234.50 )", -1_234_500), ("\u{a0} 0.25 \u{202f}", 250),
        (".5", 500), (",5", 500), ("-0", 0), ("1,234", 1_234_000), ("1.234", 1_234_000),
        ("1,5", 1_500), ("12,50", 12_500), ("0.250", 250), ("1234,567", 1_234_567),
        ("1.234,56", 1_234_560), ("1,234.56", 1_234_560), ("1.234.567", 1_234_567_000),
        ("1,234,567.891", 1_234_567_891), ("1 234,5", 1_234_500), ("1 234.567", 1_234_567),
        ("1\u{a0}234\u{a0}567", 1_234_567_000), ("1\u{202f}234", 1_234_000),
        ("1'234.50", 1_234_500), ("1’234’567", 1_234_567_000),
    ];

    #[rustfmt::skip]
    const NOT_NUMBERS: &[&str] = &[
        "", " ", "abc", "1e3", "12 34", "1.23.4", "1,234.5.6", "1.234,567.89", "1,2,3", "1..2",
        "1.234 567", "1 234.567,89", "1,5 000", "12.", ",", "-", "()", "+-12", "-12-", "(-12)",
        "--1", "- 12", "0.123.456", "1234.567.890", "12a", "١٢", "1_000", "0x10", "∞",
    ];

    #[rustfmt::skip]
    const MONEY: &[(&str, i64, Option<&str>)] = &[
        ("€1.234,56", 123_456, Some("EUR")), ("1,234.56 USD", 123_456, Some("USD")),
        ("USD 12", 1200, Some("USD")), ("usd12", 1200, Some("USD")), ("$12", 1200, Some("USD")),
        ("-$12.00", -1200, Some("USD")), ("$-12", -1200, Some("USD")),
        ("- $ 12", -1200, Some("USD")), ("($12.00)", -1200, Some("USD")),
        ("(12.00 USD)", -1200, Some("USD")), ("12.00- EUR", -1200, Some("EUR")),
        ("12 €", 1200, Some("EUR")), ("12€", 1200, Some("EUR")), ("12,50 zł", 1250, Some("PLN")),
        ("1 234 Kč", 123_400, Some("CZK")), ("Fr. 12.50", 1250, Some("CHF")),
        ("CHF 12.50", 1250, Some("CHF")), ("US$ 5", 500, Some("USD")),
        ("12 R$", 1200, Some("BRL")), ("KRW 1,000", 100_000, Some("KRW")),
        ("krw 5", 500, Some("KRW")), ("12 kr", 1200, None),
        ("kr. 1.234,50", 123_450, None), ("12.5", 1250, None),
        // A mark several currencies share gives way to a code that names one of them.
        ("$12 CAD", 1200, Some("CAD")), ("kr 12 SEK", 1200, Some("SEK")),
        ("€12 EUR", 1200, Some("EUR")),
    ];

    #[rustfmt::skip]
    const NOT_MONEY: &[&str] = &[
        "", "€", "USD", "12 XYZ", "12 RUB", "€12 USD", "12 USD USD", "USD 12 34", "12 euros",
        "krx 12", "12 dollars and 5 cents", "1e3 €", "€ €12",
    ];

    #[test]
    fn reads_numbers_as_people_write_them() {
        for (text, value) in NUMBERS {
            assert_eq!(decimal(text, 3), Some(*value), "{text:?}");
        }
        for text in NOT_NUMBERS {
            assert_eq!(decimal(text, 2), None, "{text:?}");
        }
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(decimal("0.125", 2), Some(13));
        assert_eq!(decimal("-0.125", 2), Some(-13));
        assert_eq!(decimal("0.1249", 2), Some(12));
        assert_eq!(decimal("(2.5)", 0), Some(-3));
        assert_eq!(decimal("2.49", 0), Some(2));
        assert_eq!(decimal("1.5", 4), Some(15_000));
    }

    #[test]
    fn stops_at_the_edges_of_i64() {
        assert_eq!(decimal("9,223,372,036,854,775,807", 0), Some(i64::MAX));
        assert_eq!(decimal("-9223372036854775808", 0), Some(i64::MIN));
        assert_eq!(decimal("9223372036854775808", 0), None);
        assert_eq!(decimal("92233720368547758.08", 2), None);
        assert_eq!(decimal("1", 19), None);
        assert_eq!(decimal("0", 40), None);
        assert_eq!(decimal(&"9".repeat(100), 0), None);
    }

    #[test]
    fn formats_each_style() {
        let v = -123_456_789;
        assert_eq!(format_decimal(v, 2, Plain), "-1234567.89");
        assert_eq!(format_decimal(v, 2, Comma), "-1,234,567.89");
        assert_eq!(format_decimal(v, 2, Dot), "-1.234.567,89");
        assert_eq!(format_decimal(v, 2, Space), "-1\u{a0}234\u{a0}567,89");
        assert_eq!(format_decimal(v, 2, Apostrophe), "-1'234'567.89");
        assert_eq!(format_decimal(123_450, 2, Plain), "1234.5");
        assert_eq!(format_decimal(100, 2, Plain), "1");
        assert_eq!(format_decimal(-5, 2, Comma), "-0.05");
        assert_eq!(format_decimal(1000, 0, Dot), "1.000");
        assert_eq!(
            format_decimal(i64::MIN, 0, Comma),
            "-9,223,372,036,854,775,808"
        );
    }

    #[test]
    fn reads_money_with_its_currency() {
        for (text, cents, code) in MONEY {
            assert_eq!(money(text), Some((*cents, *code)), "{text:?}");
        }
        for text in NOT_MONEY {
            assert_eq!(money(text), None, "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn every_style_reads_back(
            value in prop_oneof![-10_i64.pow(13)..=10_i64.pow(13), -100_000..=100_000_i64]
        ) {
            for (style, scale) in STYLES.into_iter().flat_map(|s| [(s, 0), (s, 2)]) {
                let text = format_decimal(value, scale, style);
                prop_assert_eq!(decimal(&text, scale), Some(value), "{:?}", text);
                if scale == 2 {
                    prop_assert_eq!(money(&text), Some((value, None)), "{:?}", text);
                }
            }
        }
    }
}
