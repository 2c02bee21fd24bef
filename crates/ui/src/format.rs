//! How numbers, money, sizes and times read on a page: in the browser's language and time
//! zone, through its `Intl` formatters (`intl`, below). Off the browser, in unit tests, the
//! same functions give a fixed English reading in UTC.

use portico_api::numbers::group_thousands;

use crate::text;

/// An RFC 3339 timestamp as a date and time in the reader's zone ("Jun 1, 2025, 4:03 PM");
/// anything unexpected is shown as it came.
pub fn format_time(rfc3339: &str) -> String {
    localized(Style::Time, rfc3339).unwrap_or_else(|| plain_time(rfc3339))
}

/// A date and time with the reader's zone named, where the zone matters (deadlines).
pub fn format_time_zoned(rfc3339: &str) -> String {
    localized(Style::ZonedTime, rfc3339).unwrap_or_else(|| plain_time(rfc3339))
}

/// The day of a timestamp in the reader's zone, or a calendar date (`2026-12-31`) as it is.
pub fn format_day(value: &str) -> String {
    let style = if value.len() == 10 {
        Style::CalendarDay
    } else {
        Style::Day
    };
    localized(style, value).unwrap_or_else(|| value.get(..10).unwrap_or(value).to_owned())
}

/// A count with the reader's digit grouping: "1,234,567", "1.234.567".
pub fn format_number(value: i64) -> String {
    intl::number(value).unwrap_or_else(|| group_thousands(value))
}

/// Whole units of a currency as the reader writes money: "€185,000", "185.000 €".
pub fn format_money(value: i64, currency: &str) -> String {
    intl::money(value as f64, currency, "0")
        .unwrap_or_else(|| format!("{} {currency}", group_thousands(value)))
}

/// Minor units (cents) of a currency as the reader writes money: "€1,234.50", "-1.234,50 €";
/// without a currency, the amount alone: "1,234.50".
pub fn format_cents(minor: i64, currency: &str) -> String {
    intl::money(minor as f64 / 100.0, currency, "2").unwrap_or_else(|| {
        let sign = if minor < 0 { "-" } else { "" };
        let abs = minor.unsigned_abs();
        let whole = group_thousands((abs / 100) as i64);
        format!("{sign}{whole}.{:02} {currency}", abs % 100)
            .trim_end()
            .to_owned()
    })
}

/// A country (ISO 3166-1 code) named in the reader's language: "Deutschland" for DE in German.
pub fn region_name(code: &str) -> String {
    intl::region(code)
        .or_else(|| portico_api::places::country_name(code).map(str::to_owned))
        .unwrap_or_else(|| code.to_owned())
}

/// Regions (ISO 3166-1 codes with their English names) named in the reader's language and
/// sorted as that language sorts: "Åland Islands" after "Afghanistan", not after "Zimbabwe".
pub fn sorted_regions(regions: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut named: Vec<(String, String)> = regions
        .iter()
        .map(|(code, english)| {
            let name = intl::region(code).unwrap_or_else(|| (*english).to_owned());
            ((*code).to_owned(), name)
        })
        .collect();
    named.sort_by(|a, b| intl::compare(&a.1, &b.1).unwrap_or_else(|| a.1.cmp(&b.1)));
    named
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Style {
    Time,
    ZonedTime,
    Day,
    /// A date without a time: shown as written, not moved into the reader's zone.
    CalendarDay,
}

fn localized(style: Style, value: &str) -> Option<String> {
    intl::date(style, value)
}

/// "2025-06-01 14:03 UTC"
fn plain_time(rfc3339: &str) -> String {
    let bytes = rfc3339.as_bytes();
    let shaped = bytes.len() >= 16
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && matches!(bytes[10], b'T' | b't' | b' ')
        && bytes[13] == b':'
        && rfc3339.is_char_boundary(16);
    if !shaped {
        return rfc3339.to_owned();
    }
    // The offset follows the seconds (and any fraction): Z, +hh:mm or -hh:mm.
    let rest = &rfc3339[16..];
    let zone = rest.find(['Z', 'z', '+', '-']).map_or("", |i| &rest[i..]);
    let zone = match zone {
        "Z" | "z" | "+00:00" | "-00:00" | "" => "UTC",
        other => other,
    };
    format!("{} {} {zone}", &rfc3339[..10], &rfc3339[11..16])
}

/// The browser's `Intl` formatters, made once each and kept: making one costs far more than
/// using it.
#[cfg(target_arch = "wasm32")]
mod intl {
    use std::cell::RefCell;
    use std::collections::HashMap;

    use js_sys::{Array, Date, Function, Intl, Object, Reflect};
    use wasm_bindgen::JsValue;

    use super::Style;

    thread_local! {
        static REGIONS: Intl::DisplayNames =
            Intl::DisplayNames::new(&languages(), &options(&[("type", "region")]));
        static COLLATOR: Function = Intl::Collator::new(&languages(), &Object::new()).compare();
        static DATES: RefCell<HashMap<Style, Function>> = RefCell::new(HashMap::new());
        static MONEY: RefCell<HashMap<String, Function>> = RefCell::new(HashMap::new());
        static NUMBER: Function = Intl::NumberFormat::new(&languages(), &Object::new()).format();
    }

    /// The reader's languages, most preferred first, as the browser sends them to servers
    /// (`Accept-Language`); the engine's own default when it has none.
    fn languages() -> Array {
        web_sys::window()
            .map(|w| w.navigator().languages())
            .unwrap_or_default()
    }

    fn options(pairs: &[(&str, &str)]) -> Object {
        let options = Object::new();
        for (name, value) in pairs {
            let _ = Reflect::set(&options, &(*name).into(), &(*value).into());
        }
        options
    }

    fn date_format(style: Style) -> Function {
        const DAY: [(&str, &str); 3] =
            [("year", "numeric"), ("month", "short"), ("day", "numeric")];
        const TIME: [(&str, &str); 2] = [("hour", "numeric"), ("minute", "2-digit")];
        let pairs: Vec<(&str, &str)> = match style {
            Style::Time => [&DAY[..], &TIME[..]].concat(),
            Style::ZonedTime => [&DAY[..], &TIME[..], &[("timeZoneName", "short")]].concat(),
            Style::Day => DAY.to_vec(),
            Style::CalendarDay => [&DAY[..], &[("timeZone", "UTC")]].concat(),
        };
        Intl::DateTimeFormat::new(&languages(), &options(&pairs)).format()
    }

    pub fn date(style: Style, value: &str) -> Option<String> {
        let date = Date::new(&JsValue::from_str(value));
        // Formatting an invalid date throws.
        if date.get_time().is_nan() {
            return None;
        }
        let format = DATES.with(|dates| {
            dates
                .borrow_mut()
                .entry(style)
                .or_insert_with(|| date_format(style))
                .clone()
        });
        format.call1(&JsValue::NULL, &date).ok()?.as_string()
    }

    pub fn region(code: &str) -> Option<String> {
        // A code that is not two letters makes `of` throw.
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        REGIONS.with(|names| names.of(code)).map(String::from)
    }

    pub fn compare(a: &str, b: &str) -> Option<std::cmp::Ordering> {
        let order = COLLATOR
            .with(|compare| compare.call2(&JsValue::NULL, &a.into(), &b.into()))
            .ok()?
            .as_f64()?;
        order.partial_cmp(&0.0)
    }

    pub fn number(value: i64) -> Option<String> {
        NUMBER
            .with(|format| format.call1(&JsValue::NULL, &JsValue::from_f64(value as f64)))
            .ok()?
            .as_string()
    }

    /// `digits`: the decimals shown, "0" or "2".
    pub fn money(value: f64, currency: &str, digits: &str) -> Option<String> {
        // A malformed code makes the constructor throw; the server only stores ISO 4217 codes.
        if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        let format = MONEY.with(|money| {
            money
                .borrow_mut()
                .entry(format!("{currency}{digits}"))
                .or_insert_with(|| {
                    let options = options(&[
                        ("style", "currency"),
                        ("currency", currency),
                        ("minimumFractionDigits", digits),
                        ("maximumFractionDigits", digits),
                    ]);
                    Intl::NumberFormat::new(&languages(), &options).format()
                })
                .clone()
        });
        format
            .call1(&JsValue::NULL, &JsValue::from_f64(value))
            .ok()?
            .as_string()
    }
}

/// Off the browser there is no `Intl`: every function falls back to its fixed reading.
#[cfg(not(target_arch = "wasm32"))]
mod intl {
    use super::Style;

    pub fn date(_: Style, _: &str) -> Option<String> {
        None
    }

    pub fn number(_: i64) -> Option<String> {
        None
    }

    pub fn region(_: &str) -> Option<String> {
        None
    }

    pub fn compare(_: &str, _: &str) -> Option<std::cmp::Ordering> {
        None
    }

    pub fn money(_: f64, _: &str, _: &str) -> Option<String> {
        None
    }
}

/// A size in bytes as people read it: "512 bytes", "1.5 KB", "100 MB" (binary multiples, as
/// the upload limit is counted).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = text::common::SIZE_UNITS;
    if bytes < 1024 {
        return text::common::bytes(bytes);
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    let rounded = (value * 10.0).round() / 10.0;
    if rounded >= 100.0 || rounded.fract() == 0.0 {
        format!("{rounded:.0} {}", UNITS[unit])
    } else {
        format!("{rounded:.1} {}", UNITS[unit])
    }
}

/// 1234567 → "1,234,567": how numbers read off the browser.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_size(0), "0 bytes");
        assert_eq!(human_size(1), "1 byte");
        assert_eq!(human_size(1023), "1023 bytes");
        assert_eq!(human_size(1024), "1 KB");
        assert_eq!(human_size(1536), "1.5 KB");
        assert_eq!(human_size(1024 * 1024 - 1), "1024 KB");
        assert_eq!(human_size(5 * 1024 * 1024 + 300 * 1024), "5.3 MB");
        assert_eq!(human_size(100 * 1024 * 1024), "100 MB");
    }

    #[test]
    fn formats_rfc3339() {
        assert_eq!(plain_time("2025-06-01T14:03:22Z"), "2025-06-01 14:03 UTC");
        assert_eq!(
            plain_time("2025-06-01T14:03:22.123+00:00"),
            "2025-06-01 14:03 UTC"
        );
        assert_eq!(
            plain_time("2025-06-01T14:03:22+02:00"),
            "2025-06-01 14:03 +02:00"
        );
        assert_eq!(
            plain_time("2025-06-01T14:03:22-05:00"),
            "2025-06-01 14:03 -05:00"
        );
        assert_eq!(plain_time("yesterday"), "yesterday");
    }

    #[test]
    fn off_the_browser_money_and_days_read_in_english() {
        assert_eq!(format_money(185_000, "EUR"), "185,000 EUR");
        assert_eq!(format_cents(-123_405, "EUR"), "-1,234.05 EUR");
        assert_eq!(format_cents(7, "USD"), "0.07 USD");
        assert_eq!(format_cents(5_000, ""), "50.00");
        assert_eq!(format_number(1234), "1,234");
        assert_eq!(format_day("2026-12-31"), "2026-12-31");
        assert_eq!(format_day("2026-12-31T23:00:00Z"), "2026-12-31");
        assert_eq!(format_time("2025-06-01T14:03:22Z"), "2025-06-01 14:03 UTC");
    }
}
