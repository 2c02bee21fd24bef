//! Currencies and countries as reports name them.
//!
//! Only the codes of `portico_api::places` ever come back, so whatever a report says can be
//! stored next to what partners chose in the portal. Names compare by their letters alone,
//! ignoring case, accents and punctuation, so `Côte d’Ivoire` and `COTE D'IVOIRE` meet.

use std::collections::HashMap;
use std::sync::LazyLock;

use portico_api::places::{COUNTRIES, CURRENCIES};

use super::trimmed;

/// Currency symbols as they stand next to amounts; `None` where several currencies share one.
#[rustfmt::skip]
const SYMBOLS: &[(&str, Option<&str>)] = &[
    ("$", Some("USD")), ("US$", Some("USD")), ("€", Some("EUR")), ("£", Some("GBP")),
    ("¥", Some("JPY")), ("A$", Some("AUD")), ("AU$", Some("AUD")), ("C$", Some("CAD")),
    ("CA$", Some("CAD")), ("NZ$", Some("NZD")), ("HK$", Some("HKD")), ("S$", Some("SGD")),
    ("R$", Some("BRL")), ("₹", Some("INR")), ("zł", Some("PLN")), ("Kč", Some("CZK")),
    ("Ft", Some("HUF")), ("₩", Some("KRW")), ("₪", Some("ILS")), ("₺", Some("TRY")),
    ("Fr.", Some("CHF")), ("CN¥", Some("CNY")), ("RMB", Some("CNY")), ("kr", None), ("kr.", None),
];

/// Symbols other currencies use too: alone they mean the currency above, or none for `kr`.
const SHARED: &[&str] = &["$", "¥", "kr", "kr."];

/// English names of currencies; plurals ending in `s` are found without it.
#[rustfmt::skip]
const CURRENCY_NAMES: &[(&str, &str)] = &[
    ("euro", "EUR"), ("us dollar", "USD"), ("dollar", "USD"), ("pound sterling", "GBP"),
    ("pounds sterling", "GBP"), ("pound", "GBP"), ("british pound", "GBP"), ("sterling", "GBP"),
    ("yen", "JPY"), ("japanese yen", "JPY"), ("swiss franc", "CHF"), ("canadian dollar", "CAD"),
    ("australian dollar", "AUD"), ("new zealand dollar", "NZD"), ("hong kong dollar", "HKD"),
    ("singapore dollar", "SGD"), ("swedish krona", "SEK"), ("norwegian krone", "NOK"),
    ("danish krone", "DKK"), ("polish zloty", "PLN"), ("czech koruna", "CZK"),
    ("hungarian forint", "HUF"), ("indian rupee", "INR"), ("chinese yuan", "CNY"),
    ("renminbi", "CNY"), ("south korean won", "KRW"), ("brazilian real", "BRL"),
    ("mexican peso", "MXN"), ("south african rand", "ZAR"), ("uae dirham", "AED"),
    ("saudi riyal", "SAR"), ("israeli shekel", "ILS"), ("turkish lira", "TRY"),
];

/// Alpha-3 codes the systems partners use export instead of alpha-2.
#[rustfmt::skip]
const ALPHA3: &[(&str, &str)] = &[
    ("USA", "US"), ("GBR", "GB"), ("DEU", "DE"), ("FRA", "FR"), ("NLD", "NL"), ("BEL", "BE"),
    ("ESP", "ES"), ("ITA", "IT"), ("PRT", "PT"), ("IRL", "IE"), ("AUT", "AT"), ("CHE", "CH"),
    ("SWE", "SE"), ("NOR", "NO"), ("DNK", "DK"), ("FIN", "FI"), ("POL", "PL"), ("CZE", "CZ"),
    ("HUN", "HU"), ("ROU", "RO"), ("GRC", "GR"), ("TUR", "TR"), ("ISR", "IL"), ("ARE", "AE"),
    ("SAU", "SA"), ("IND", "IN"), ("CHN", "CN"), ("JPN", "JP"), ("KOR", "KR"), ("SGP", "SG"),
    ("HKG", "HK"), ("AUS", "AU"), ("NZL", "NZ"), ("CAN", "CA"), ("MEX", "MX"), ("BRA", "BR"),
    ("ARG", "AR"), ("ZAF", "ZA"), ("NGA", "NG"), ("EGY", "EG"), ("LUX", "LU"), ("RUS", "RU"),
    ("UKR", "UA"), ("BGR", "BG"), ("HRV", "HR"), ("SVN", "SI"), ("SVK", "SK"), ("EST", "EE"),
    ("LVA", "LV"), ("LTU", "LT"), ("ISL", "IS"), ("CYP", "CY"), ("MLT", "MT"), ("QAT", "QA"),
    ("KWT", "KW"), ("THA", "TH"), ("MYS", "MY"), ("IDN", "ID"), ("PHL", "PH"), ("VNM", "VN"),
    ("TWN", "TW"), ("CHL", "CL"), ("COL", "CO"), ("PER", "PE"), ("MAR", "MA"), ("KEN", "KE"),
];

/// Names reports use besides the English short names of `COUNTRIES`.
#[rustfmt::skip]
const ALIASES: &[(&str, &str)] = &[
    ("USA", "US"), ("U.S.", "US"), ("U.S.A.", "US"), ("United States of America", "US"),
    ("America", "US"), ("UK", "GB"), ("U.K.", "GB"), ("Great Britain", "GB"),
    ("Britain", "GB"), ("England", "GB"), ("Scotland", "GB"), ("Wales", "GB"),
    ("Northern Ireland", "GB"), ("United Kingdom of Great Britain and Northern Ireland", "GB"),
    ("Deutschland", "DE"), ("Germany", "DE"), ("Holland", "NL"), ("The Netherlands", "NL"),
    ("Nederland", "NL"), ("España", "ES"), ("Schweiz", "CH"), ("Suisse", "CH"),
    ("Svizzera", "CH"), ("Österreich", "AT"), ("Italia", "IT"), ("Sverige", "SE"),
    ("Norge", "NO"), ("Danmark", "DK"), ("Polska", "PL"), ("Czechia", "CZ"),
    ("Czech Republic", "CZ"), ("Česko", "CZ"), ("South Korea", "KR"), ("Korea", "KR"),
    ("Republic of Korea", "KR"), ("Korea, Republic of", "KR"), ("Russia", "RU"),
    ("Russian Federation", "RU"), ("UAE", "AE"), ("Emirates", "AE"), ("Belgique", "BE"),
    ("België", "BE"), ("Brasil", "BR"), ("México", "MX"), ("Türkiye", "TR"), ("Turkey", "TR"),
    ("Ireland", "IE"), ("Éire", "IE"), ("Republic of Ireland", "IE"), ("Luxemburg", "LU"),
    ("Hong Kong SAR", "HK"), ("Macau", "MO"), ("Viet Nam", "VN"), ("Ivory Coast", "CI"),
    ("Cape Verde", "CV"), ("Democratic Republic of the Congo", "CD"), ("DRC", "CD"),
    ("DR Congo", "CD"), ("Republic of the Congo", "CG"), ("Swaziland", "SZ"), ("Burma", "MM"),
    ("Vatican", "VA"), ("Holy See", "VA"),
];

/// A currency mark found next to an amount.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mark {
    pub(super) code: Option<&'static str>,
    /// Whether other currencies write the same mark, so that a code beside it should win.
    pub(super) shared: bool,
}

/// An ISO 4217 code from `portico_api::places::CURRENCIES`, named by code (any case) or symbol,
/// or by the English name of a common currency (`euros`, `US dollar`, `pound sterling`).
#[must_use]
pub fn currency(text: &str) -> Option<&'static str> {
    let text = trimmed(text)?;
    currency_code(text)
        .or_else(|| symbol(text).and_then(|mark| mark.code))
        .or_else(|| currency_name(text))
}

fn currency_code(text: &str) -> Option<&'static str> {
    CURRENCIES
        .iter()
        .find(|code| code.eq_ignore_ascii_case(text))
        .copied()
}

fn symbol(text: &str) -> Option<Mark> {
    SYMBOLS
        .iter()
        .find(|(s, _)| same_letters(s, text))
        .map(|(s, code)| Mark {
            code: *code,
            shared: SHARED.contains(s),
        })
}

fn currency_name(text: &str) -> Option<&'static str> {
    let wanted = key(text);
    let singular = wanted.strip_suffix('s');
    CURRENCY_NAMES
        .iter()
        .find(|(name, _)| {
            let name = key(name);
            name == wanted || singular == Some(name.as_str())
        })
        .map(|(_, code)| *code)
}

/// Case-insensitive equality that also covers the non-ASCII letters of `zł` and `Kč`.
fn same_letters(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// The longest currency mark `text` starts with, and its length in bytes.
pub(super) fn mark_at_start(text: &str) -> Option<(Mark, usize)> {
    let fits = |len: usize| {
        let (mark, rest) = (text.get(..len)?, text.get(len..)?);
        Some((mark, rest)).filter(|(mark, rest)| apart(mark.chars().last(), rest.chars().next()))
    };
    longest_mark(|len| fits(len).map(|(mark, _)| mark))
}

/// The longest currency mark `text` ends with, and its length in bytes.
pub(super) fn mark_at_end(text: &str) -> Option<(Mark, usize)> {
    let fits = |len: usize| {
        let at = text.len().checked_sub(len)?;
        let (rest, mark) = (text.get(..at)?, text.get(at..)?);
        Some((rest, mark)).filter(|(rest, mark)| apart(mark.chars().next(), rest.chars().last()))
    };
    longest_mark(|len| fits(len).map(|(_, mark)| mark))
}

/// A mark that ends in a letter must not run on into another: `kr` is not the start of `KRW`.
fn apart(edge: Option<char>, neighbour: Option<char>) -> bool {
    !(edge.is_some_and(char::is_alphabetic) && neighbour.is_some_and(char::is_alphabetic))
}

/// Tries every length a symbol or code can have, longest first, so `US$` wins over `$`.
fn longest_mark<'a>(candidate: impl Fn(usize) -> Option<&'a str>) -> Option<(Mark, usize)> {
    let longest = SYMBOLS.iter().map(|(s, _)| s.len()).fold(3, usize::max);
    (1..=longest).rev().find_map(|len| {
        // No mark has a digit; most candidates are an amount's first or last digits.
        let text = candidate(len).filter(|t| !t.bytes().any(|b| b.is_ascii_digit()))?;
        let code = currency_code(text).map(|code| Mark {
            code: Some(code),
            shared: false,
        });
        Some((code.or_else(|| symbol(text))?, len))
    })
}

/// An ISO 3166-1 alpha-2 code from `portico_api::places::COUNTRIES`, named by alpha-2 or common
/// alpha-3 code, English name, or common local/alias names.
#[must_use]
pub fn country(text: &str) -> Option<&'static str> {
    let text = trimmed(text)?;
    alpha2(text)
        .or_else(|| alpha3(text))
        .or_else(|| NAMES.get(&key(text)).copied().flatten())
}

fn alpha2(text: &str) -> Option<&'static str> {
    let code = text.to_ascii_uppercase();
    COUNTRIES
        .binary_search_by(|(c, _)| c.cmp(&code.as_str()))
        .ok()
        .map(|i| COUNTRIES[i].0)
}

fn alpha3(text: &str) -> Option<&'static str> {
    ALPHA3
        .iter()
        .find(|(a3, _)| a3.eq_ignore_ascii_case(text))
        .map(|(_, a2)| *a2)
}

/// Every name and alias by its key; `None` marks a key two countries share, which names neither.
static NAMES: LazyLock<HashMap<String, Option<&'static str>>> = LazyLock::new(|| {
    let names = COUNTRIES.iter().map(|(code, name)| (*name, *code));
    let mut table = HashMap::new();
    for (name, code) in names.chain(ALIASES.iter().copied()) {
        table
            .entry(key(name))
            .and_modify(|known: &mut Option<&str>| {
                if *known != Some(code) {
                    *known = None;
                }
            })
            .or_insert(Some(code));
    }
    table
});

/// A name reduced to its ASCII letters and digits, so spelling variants meet. "The" (leading,
/// or trailing as in "Gambia, The"), "and"/"&" and "St" tell no two countries apart.
fn key(name: &str) -> String {
    let plain = deunicode::deunicode(name).to_ascii_lowercase();
    let words: Vec<&str> = plain
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let words = match words.as_slice() {
        ["the", rest @ ..] | [rest @ .., "the"] if !rest.is_empty() => rest,
        all => all,
    };
    let words = words.iter().filter(|w| **w != "and");
    words
        .map(|w| if *w == "st" { "saint" } else { w })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::NumberStyle::{Apostrophe, Comma, Dot, Plain, Space};
    use super::super::{format_decimal, money};
    use super::*;
    use proptest::prelude::*;

    /// Random case and the padding exports leave around a cell.
    fn disguised(text: &str, upper: bool, pad: &str) -> String {
        let text = if upper {
            text.to_uppercase()
        } else {
            text.to_lowercase()
        };
        format!("{pad}{text}{pad}")
    }

    fn pads() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec!["", " ", "\u{a0}", "\t \u{202f}"])
    }

    #[test]
    fn every_code_in_the_tables_is_one_the_portal_knows() {
        let named = SYMBOLS.iter().filter_map(|(_, code)| *code);
        for code in named.chain(CURRENCY_NAMES.iter().map(|(_, code)| *code)) {
            assert!(CURRENCIES.contains(&code), "{code}");
        }
        for (_, code) in ALPHA3.iter().chain(ALIASES) {
            assert_eq!(alpha2(code), Some(*code), "{code}");
        }
        assert!(
            SHARED
                .iter()
                .all(|s| SYMBOLS.iter().any(|(symbol, _)| symbol == s))
        );
    }

    #[test]
    fn names_currencies_by_symbol_and_english_name() {
        #[rustfmt::skip]
        let cases = [
            ("$", Some("USD")), ("€", Some("EUR")), ("ZŁ", Some("PLN")), ("kč", Some("CZK")),
            ("euro", Some("EUR")), ("Euros", Some("EUR")), ("US Dollar", Some("USD")),
            ("U.S. dollars", Some("USD")), ("dollar", Some("USD")), ("Pound Sterling", Some("GBP")),
            ("pounds sterling", Some("GBP")), ("pound", Some("GBP")), ("YEN", Some("JPY")),
            ("Swiss Franc", Some("CHF")), ("swiss francs", Some("CHF")), (" sek ", Some("SEK")),
            ("kr", None), ("", None), ("RUB", None), ("US", None), ("franc", None), ("$$", None),
        ];
        for (text, code) in cases {
            assert_eq!(currency(text), code, "{text:?}");
        }
    }

    #[test]
    fn names_countries_by_code_alias_and_local_name() {
        for (name, code) in ALIASES {
            assert_eq!(country(name), Some(*code), "{name:?}");
        }
        #[rustfmt::skip]
        let variants = [
            ("usa", "US"), ("u.s.a", "US"), ("GBR", "GB"), ("united kingdom", "GB"), ("de", "DE"),
            ("DEU", "DE"), ("the  netherlands", "NL"), ("NLD", "NL"), ("Espana", "ES"),
            ("CHE", "CH"), ("osterreich", "AT"), ("CESKO", "CZ"), ("KOR", "KR"), ("U.A.E.", "AE"),
            ("ARE", "AE"), ("TUR", "TR"), ("LUX", "LU"), ("COTE D'IVOIRE", "CI"),
            ("cote divoire", "CI"), ("Guinea Bissau", "GW"), ("Bosnia & Herzegovina", "BA"),
            ("St. Lucia", "LC"), ("Gambia, The", "GM"), ("North Korea", "KP"), ("Niger", "NE"),
        ];
        for (name, code) in variants {
            assert_eq!(country(name), Some(code), "{name:?}");
        }
        for text in [
            "",
            "Atlantis",
            "XX",
            "ZZZ",
            "the",
            "Korea North",
            "U.S.S.R.",
            "Europe",
        ] {
            assert_eq!(country(text), None, "{text:?}");
        }
    }

    #[test]
    fn no_name_is_shared_by_two_countries() {
        let ambiguous: Vec<&String> = NAMES
            .iter()
            .filter(|(_, c)| c.is_none())
            .map(|(k, _)| k)
            .collect();
        assert!(ambiguous.is_empty(), "{ambiguous:?}");
    }

    proptest! {
        #[test]
        fn every_country_reads_back_from_code_and_name(
            i in 0..COUNTRIES.len(), upper: bool, plain: bool, the: bool, pad in pads()
        ) {
            let (code, name) = COUNTRIES[i];
            prop_assert_eq!(country(&disguised(code, upper, pad)), Some(code));
            let name = if plain { deunicode::deunicode(name) } else { name.to_owned() };
            let name = if the { format!("The {name}") } else { name };
            prop_assert_eq!(country(&disguised(&name, upper, pad)), Some(code), "{:?}", name);
        }

        #[test]
        fn every_code_and_symbol_reads_back_alone_and_beside_an_amount(
            i in 0..CURRENCIES.len() + SYMBOLS.len(), upper: bool, pad in pads(),
            cents in -10_i64.pow(12)..10_i64.pow(12), before: bool, gap in pads(),
            style in prop::sample::select(&[Plain, Comma, Dot, Space, Apostrophe][..]),
        ) {
            let codes = CURRENCIES.iter().map(|code| (*code, Some(*code)));
            let (mark, code) = codes.chain(SYMBOLS.iter().copied()).nth(i).unwrap();
            prop_assert_eq!(currency(&disguised(mark, upper, pad)), code);
            let (mark, amount) = (disguised(mark, upper, ""), format_decimal(cents, 2, style));
            let text = if before { mark.clone() + gap + &amount } else { amount + gap + &mark };
            prop_assert_eq!(money(&text), Some((cents, code)), "{:?}", text);
        }
    }
}
