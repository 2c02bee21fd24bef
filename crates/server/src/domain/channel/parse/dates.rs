//! Days as reports write them.
//!
//! ISO dates and timestamps, `31/12/2026` or `12/31/2026` (the caller knows which the
//! partner uses), `31.12.2026`, `31 Dec 2026`, `Dec 31, 2026`, and the serial numbers a
//! spreadsheet cell holds when nobody formatted it as a date. A time of day after the date
//! is checked and dropped: reports count days.

use portico_api::date::Date;

use super::trimmed;

/// Which of the two small numbers of `01/02/2026` is the day: the source's setting.
pub use portico_api::channel_data::DateOrder;

/// How `format_date` writes a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// `2026-12-31`
    Iso,
    /// `31/12/2026` or `12/31/2026`
    Slashes,
    /// `31.12.2026`, day first whatever the order: nobody writes dotted dates month first.
    Dots,
    /// `31-12-2026` or `12-31-2026`
    Dashes,
    /// `31 Dec 2026` or `Dec 31, 2026`
    MonthName,
    /// `46387`, the serial number of the 1900 date system.
    Excel,
}

#[rustfmt::skip]
const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
];

/// The serial of 9999-12-31, the last day Excel shows.
const EXCEL_LAST: i64 = 2_958_465;
/// The serial of 1970-01-01, counting the 1900-02-29 Lotus 1-2-3 invented and Excel kept.
const EXCEL_UNIX_EPOCH: i64 = 25_569;
/// The serial of that phantom 1900-02-29; the serials before it are one day off.
const EXCEL_PHANTOM: i64 = 60;

/// A day as people write it; None when it is not one.
#[must_use]
pub fn date(text: &str, order: DateOrder) -> Option<Date> {
    let text = trimmed(text)?;
    if let Some(whole) = plain_number(text) {
        return compact(whole).or_else(|| from_serial(whole.parse().ok()?));
    }
    let day = without_time(text)?;
    numeric(day, order).or_else(|| named(day))
}

/// The integer part of a text that is nothing but a number with at most one decimal point.
fn plain_number(text: &str) -> Option<&str> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, "0"));
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    (digits(whole) && digits(fraction)).then_some(whole)
}

/// `20261231`, as ERPs export days: eight digits are always beyond the last Excel serial.
fn compact(digits: &str) -> Option<Date> {
    if digits.len() != 8 {
        return None;
    }
    // `plain_number` let only ASCII digits through, so every byte offset is a char boundary.
    let part = |range: std::ops::Range<usize>| number(&digits[range], 2, 2);
    Date::new(year(&digits[..4])?, part(4..6)?, part(6..8)?)
}

fn from_serial(serial: i64) -> Option<Date> {
    if !(1..=EXCEL_LAST).contains(&serial) || serial == EXCEL_PHANTOM {
        return None;
    }
    // Serials before the phantom day count from one day later than those after it.
    let serial = serial + i64::from(serial < EXCEL_PHANTOM);
    Some(Date::from_unix((serial - EXCEL_UNIX_EPOCH) * 86_400))
}

/// The Excel serial of `day`, or `None` before 1900, which Excel cannot hold as a date.
fn serial_of(day: Date) -> Option<i64> {
    let serial = day.unix_start() / 86_400 + EXCEL_UNIX_EPOCH;
    let serial = serial - i64::from(serial <= EXCEL_PHANTOM);
    (serial >= 1).then_some(serial)
}

/// The date part of `text`, once a time of day after it is known to be one.
fn without_time(text: &str) -> Option<&str> {
    let Some(colon) = text.find(':') else {
        return Some(text);
    };
    let (start, separator) = text[..colon]
        .char_indices()
        .rfind(|(_, c)| c.is_whitespace() || matches!(c, 'T' | 't'))?;
    let time = &text[start + separator.len_utf8()..];
    is_time(time.trim()).then(|| text[..start].trim_end())
}

/// `10:00`, `23:59:59.5`, `10:00:00Z`, `10:00:00+01:00`, `10:00 PM`.
fn is_time(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let (clock, twelve_hour) = match lower
        .strip_suffix("am")
        .or_else(|| lower.strip_suffix("pm"))
    {
        Some(clock) => (clock.trim_end(), true),
        None => (lower.as_str(), false),
    };
    let (clock, zone) = match clock.strip_suffix('z') {
        Some(clock) => (clock, ""),
        None => clock
            .find(['+', '-'])
            .map_or((clock, ""), |at| clock.split_at(at)),
    };
    clock_ok(clock.trim_end(), twelve_hour) && zone_ok(zone)
}

fn clock_ok(clock: &str, twelve_hour: bool) -> bool {
    let parts: Vec<&str> = clock.split(':').collect();
    let (hour, minute, second) = match parts.as_slice() {
        [h, m] => (*h, *m, None),
        [h, m, s] => (*h, *m, Some(*s)),
        _ => return false,
    };
    let hours = if twelve_hour { 1..=12 } else { 0..=23 };
    number(hour, 1, 2).is_some_and(|h| hours.contains(&h))
        && number(minute, 2, 2).is_some_and(|m| m <= 59)
        && second.is_none_or(|s| {
            let (whole, fraction) = s.split_once(['.', ',']).unwrap_or((s, "0"));
            number(whole, 2, 2).is_some_and(|s| s <= 60) && number(fraction, 1, 9).is_some()
        })
}

/// An offset such as `+01:00`, `-0500` or `+05`; empty when there is none.
fn zone_ok(zone: &str) -> bool {
    let Some(offset) = zone.strip_prefix(['+', '-']) else {
        return zone.is_empty();
    };
    let (hours, minutes) = match offset.split_once(':') {
        Some(parts) => parts,
        None => offset.split_at(offset.len().min(2)),
    };
    number(hours, 2, 2).is_some_and(|h| h <= 23)
        && (minutes.is_empty() || number(minutes, 2, 2).is_some_and(|m| m <= 59))
}

/// The value of `text` when it is `min..=max` ASCII digits.
fn number(text: &str, min: usize, max: usize) -> Option<u32> {
    let fits = (min..=max).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
    fits.then(|| text.parse().ok()).flatten()
}

/// `2026-12-31`, `2026/12/31`, `31/12/2026`, `12-31-26`, `31.12.2026`.
fn numeric(text: &str, order: DateOrder) -> Option<Date> {
    let separator = text.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = text.split(separator).collect();
    let [first, second, third] = parts.as_slice() else {
        return None;
    };
    if first.len() == 4 {
        return Date::new(year(first)?, number(second, 1, 2)?, number(third, 1, 2)?);
    }
    let (day, month) = match (separator, order) {
        ('.', _) | (_, DateOrder::DayFirst) => (first, second),
        (_, DateOrder::MonthFirst) => (second, first),
    };
    Date::new(year(third)?, number(month, 1, 2)?, number(day, 1, 2)?)
}

/// `31 Dec 2026`, `31-Dec-26`, `Dec 31, 2026`, `December 31st 2026`, `2026-Dec-31`.
fn named(text: &str) -> Option<Date> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '/' | '.' | ','))
        .filter(|w| !w.is_empty())
        .collect();
    let [first, second, third] = words.as_slice() else {
        return None;
    };
    let (day, month, year_text) = match (month(first), month(second)) {
        (Some(month), None) => (second, month, third),
        (None, Some(month)) if first.len() == 4 => (third, month, first),
        (None, Some(month)) => (first, month, third),
        _ => return None,
    };
    Date::new(year(year_text)?, month, day_of_month(day)?)
}

/// Month names and their abbreviations (`Sep` and `Sept` alike), any case.
fn month(word: &str) -> Option<u32> {
    let word = word.to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    let mut numbered = (1..).zip(MONTHS);
    numbered
        .find(|(_, m)| m.to_ascii_lowercase().starts_with(&word))
        .map(|(n, _)| n)
}

fn day_of_month(word: &str) -> Option<u32> {
    let lower = word.to_ascii_lowercase();
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| lower.strip_suffix(s));
    number(digits.unwrap_or(&lower), 1, 2)
}

/// A four-digit year, or two digits meaning this century: reports are about recent sales.
fn year(text: &str) -> Option<i32> {
    let year = match text.len() {
        4 => number(text, 4, 4)?,
        2 => 2000 + number(text, 2, 2)?,
        _ => return None,
    };
    i32::try_from(year).ok()
}

/// `day` the way `style` writes it; `order` matters to `Slashes`, `Dashes` and `MonthName`.
/// Excel serials exist from 1900 on; earlier days come out in ISO form, as Excel keeps them.
#[must_use]
pub fn format_date(day: Date, style: DateStyle, order: DateOrder) -> String {
    let iso = day.to_string();
    // `Date` displays as `YYYY-MM-DD` with a four-digit year (it holds years 1 to 9999),
    // so these ranges are always inside the string.
    let (y, m, d) = (&iso[..4], &iso[5..7], &iso[8..10]);
    let numeric = |separator: char| match order {
        DateOrder::DayFirst => format!("{d}{separator}{m}{separator}{y}"),
        DateOrder::MonthFirst => format!("{m}{separator}{d}{separator}{y}"),
    };
    match style {
        DateStyle::Iso => iso.clone(),
        DateStyle::Slashes => numeric('/'),
        DateStyle::Dashes => numeric('-'),
        DateStyle::Dots => format!("{d}.{m}.{y}"),
        DateStyle::MonthName => {
            // A `Date` month is 1 to 12, and every English month name is ASCII and longer than 3.
            let month = &MONTHS[day.month() as usize - 1][..3];
            let d = d.trim_start_matches('0');
            match order {
                DateOrder::DayFirst => format!("{d} {month} {y}"),
                DateOrder::MonthFirst => format!("{month} {d}, {y}"),
            }
        }
        DateStyle::Excel => serial_of(day).map_or(iso, |serial| serial.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DateOrder::{DayFirst as D, MonthFirst as M};
    use DateStyle::{Dashes, Dots, Excel, Iso, MonthName, Slashes};
    use proptest::prelude::*;

    const STYLES: [DateStyle; 6] = [Iso, Slashes, Dots, Dashes, MonthName, Excel];

    fn iso(text: &str, order: DateOrder) -> Option<String> {
        date(text, order).map(|d| d.to_string())
    }

    /// Ways reports write 2026-12-31, and the order each needs.
    #[rustfmt::skip]
    const NEW_YEARS_EVE: &[(&str, DateOrder)] = &[
        ("2026-12-31", M), ("2026/12/31", D), ("2026.12.31", D), ("2026-12-31T10:00:00Z", D),
        ("2026-12-31t23:59:59.999+05:30", D), ("2026-12-31 10:00:00 -0500", M),
        ("2026-12-31 10:00", D), ("2026-12-31 10:00:00", M), ("12/31/2026 10:00:00 PM", M),
        ("31/12/2026 9:05am", D), ("31/12/2026", D), ("12/31/2026", M), ("31-12-2026", D),
        ("12-31-2026", M), ("31.12.2026", M), ("31/12/26", D), ("12/31/26", M),
        ("31 Dec 2026", M), ("31-Dec-2026", D), ("31-dec-26", D), ("Dec 31, 2026", D),
        ("December 31 2026", D), ("DECEMBER 31ST, 2026", D), ("2026-Dec-31", D),
        ("Dec. 31, 2026 10:00 AM", D), ("\u{a0}31 Dec 2026\u{feff} ", D), ("20261231", D),
        ("46387", D), ("46387.75", M),
    ];

    /// Other days, each showing one more rule.
    #[rustfmt::skip]
    const DAYS: &[(&str, DateOrder, &str)] = &[
        ("01/02/2026", D, "2026-02-01"), ("01/02/2026", M, "2026-01-02"),
        ("1/2/2026", M, "2026-01-02"), ("1.2.2026", M, "2026-02-01"),
        ("sept. 1, 2026", D, "2026-09-01"), ("2nd March 2026", M, "2026-03-02"),
        ("29 Feb 2028", D, "2028-02-29"), ("45657", D, "2024-12-31"), ("1", D, "1900-01-01"),
        ("59", D, "1900-02-28"), ("61", D, "1900-03-01"), ("2958465", M, "9999-12-31"),
    ];

    #[rustfmt::skip]
    const NOT_DAYS: &[&str] = &[
        "", "abc", "31/02/2026", "2026-13-01", "2026-02-30", "29 Feb 2026", "0", "60", "60.5",
        "2958466", "45,657", "45657.", "-45657", "45657.5.5", "1e5", "31/12/026", "31/12/2026/1",
        "31/12-2026", "31 12 2026", "2026-12-31T25:00", "2026-12-31 10:60", "2026-12-31 10",
        "2026-12-31 13:00 PM", "2026-12-31 noon", "2026-12-31T10:00+1", "Decembre 31 2026",
        "De 31 2026", "31 Dec", "32 Dec 2026", "31st/12/2026", "Dec Jan 2026", "2026-12-31-",
        "12026-01-01", "20261331",
    ];

    #[test]
    fn reads_days_as_people_write_them() {
        for (text, order) in NEW_YEARS_EVE {
            assert_eq!(iso(text, *order).as_deref(), Some("2026-12-31"), "{text:?}");
        }
        for (text, order, day) in DAYS {
            assert_eq!(iso(text, *order).as_deref(), Some(*day), "{text:?}");
        }
        for text in NOT_DAYS {
            assert_eq!(iso(text, D), None, "{text:?}");
            assert_eq!(iso(text, M), None, "{text:?}");
        }
    }

    #[test]
    fn writes_each_style() {
        let day = Date::new(2024, 3, 5).unwrap();
        let written = STYLES.map(|style| [D, M].map(|order| format_date(day, style, order)));
        #[rustfmt::skip]
        let expected = [
            ["2024-03-05", "2024-03-05"], ["05/03/2024", "03/05/2024"],
            ["05.03.2024", "05.03.2024"], ["05-03-2024", "03-05-2024"],
            ["5 Mar 2024", "Mar 5, 2024"], ["45356", "45356"],
        ];
        assert_eq!(written, expected);
        let excel = |y, m, d| format_date(Date::new(y, m, d).unwrap(), Excel, D);
        assert_eq!(excel(1899, 12, 31), "1899-12-31");
        assert_eq!(excel(1900, 1, 1), "1");
        assert_eq!(excel(1900, 2, 28), "59");
        assert_eq!(excel(1900, 3, 1), "61");
    }

    proptest! {
        #[test]
        fn every_style_and_order_reads_back(offset in 0..=EXCEL_LAST - 61) {
            let first = Date::new(1900, 3, 1).unwrap();
            let day = Date::from_unix(first.unix_start() + offset * 86_400);
            for style in STYLES {
                for order in [D, M] {
                    let text = format_date(day, style, order);
                    prop_assert_eq!(date(&text, order), Some(day), "{:?}", text);
                }
            }
        }
    }
}
