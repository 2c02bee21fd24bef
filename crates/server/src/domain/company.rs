//! Whether two company records name the same customer: a normalized name key, the registrable
//! domain, and a token-aware similarity that catches near misses ("Globex Intl" ~ "Globex
//! International") without joining different companies that share a word ("Acme Cloud" vs
//! "Acme Bank").

use std::collections::HashSet;
use std::sync::LazyLock;

/// Words that only say what legal form a company has.
#[rustfmt::skip]
const LEGAL_FORMS: &[&str] = &[
    "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "gmbh", "mbh", "ag", "kg", "ohg",
    "gbr", "ug", "sa", "sas", "sasu", "sarl", "srl", "spa", "sl", "slu", "bv", "nv", "pty", "plc",
    "corp", "corporation", "co", "company", "oy", "oyj", "ab", "as", "asa", "aps", "kk", "pte",
    "pvt", "private", "se", "kft", "zrt", "sro", "doo", "ooo", "pjsc", "jsc", "lda", "ltda", "sdn",
    "bhd", "tbk", "cv", "sapi", "holding", "group", "aktiengesellschaft", "na",
];

/// Legal forms written as several words once dots are gone ("B. V.", "Sp. z o.o.").
const LEGAL_PHRASES: &[&[&str]] = &[
    &["b", "v"],
    &["n", "v"],
    &["s", "a"],
    &["s", "r", "o"],
    &["sp", "z", "oo"],
];

/// Abbreviations and their full word, so both spellings give one key.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("intl", "international"),
    ("int", "international"),
    ("tech", "technology"),
    ("techs", "technology"),
    ("technologies", "technology"),
    ("mfg", "manufacturing"),
    ("svc", "service"),
    ("svcs", "service"),
    ("sys", "system"),
    ("grp", "group"),
    ("hldgs", "holding"),
    ("hldg", "holding"),
    ("natl", "national"),
    ("assoc", "associate"),
    ("bros", "brother"),
    ("ctr", "center"),
    ("centre", "center"),
    ("mgmt", "management"),
    ("univ", "university"),
    ("dept", "department"),
    ("labs", "lab"),
    ("laboratories", "lab"),
    ("laboratory", "lab"),
];

/// Words that describe rather than name: one extra of these makes names similar, not different.
#[rustfmt::skip]
const DESCRIPTORS: &[&str] = &[
    "international", "global", "worldwide", "group", "holding", "service", "solution", "system",
    "technology", "lab", "partner", "enterprise", "industrie", "consulting", "software", "digital",
    "north america", "america", "europe", "usa", "uk",
];

/// Consumer mail providers: their domains never identify a company.
#[rustfmt::skip]
const FREE_MAIL: &[&str] = &[
    "gmail.com", "googlemail.com", "outlook.com", "live.com", "msn.com", "aol.com", "icloud.com",
    "me.com", "mac.com", "proton.me", "protonmail.com", "pm.me", "web.de", "mail.ru", "qq.com",
    "163.com", "126.com", "zoho.com", "fastmail.com", "hey.com", "tutanota.com", "tuta.io",
    "mail.com", "inbox.com", "t-online.de", "orange.fr", "free.fr", "laposte.net", "libero.it",
    "seznam.cz", "naver.com", "daum.net", "rediffmail.com", "ymail.com", "rocketmail.com",
    "gmx.net", "hotmail.com", "yandex.ru",
];
/// Providers with a domain per country (yahoo.co.uk, hotmail.fr, gmx.de …).
const FREE_MAIL_BRANDS: &[&str] = &["yahoo", "hotmail", "gmx", "yandex", "outlook", "live"];

static LEGAL: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| LEGAL_FORMS.iter().copied().collect());

/// The name reduced to what identifies the company. Idempotent.
pub fn name_key(name: &str) -> String {
    let words = words(name);
    let mut words: Vec<String> = words.iter().map(|w| canonical(w)).collect();
    words = drop_joiners(words);
    drop_leading_the(&mut words);
    strip_legal_forms(&mut words);
    words.join(" ")
}

/// Lower-case ASCII words: umlauts spelled out (ü → ue) so "Müller" and "Mueller" agree, other
/// accents dropped, `&` read as "and", dots and apostrophes joining ("A.B.C." → "abc").
fn words(name: &str) -> Vec<String> {
    let mut text = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            'ä' | 'Ä' => text.push_str("ae"),
            'ö' | 'Ö' => text.push_str("oe"),
            'ü' | 'Ü' => text.push_str("ue"),
            '&' | '+' => text.push_str(" and "),
            '.' | '\'' | '’' => {}
            c => text.push_str(&deunicode::deunicode_char(c).unwrap_or(" ").to_lowercase()),
        }
    }
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// One spelling per word: abbreviations expanded, a plural `s` dropped ("traders" → "trader").
fn canonical(word: &str) -> String {
    if let Some((_, full)) = ABBREVIATIONS.iter().find(|(short, _)| *short == word) {
        return (*full).to_owned();
    }
    if LEGAL.contains(word) {
        return word.to_owned();
    }
    match word.strip_suffix('s') {
        Some(stem) if word.len() > 3 && !stem.ends_with('s') => stem.to_owned(),
        _ => word.to_owned(),
    }
}

fn drop_leading_the(words: &mut Vec<String>) {
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
}

/// "Johnson & Johnson" and "Johnson and Johnson" both become "johnson johnson".
fn drop_joiners(words: Vec<String>) -> Vec<String> {
    let kept: Vec<String> = words.iter().filter(|w| *w != "and").cloned().collect();
    if kept.is_empty() { words } else { kept }
}

/// Removes legal forms from the end, in any order and number, but never the last word left.
fn strip_legal_forms(words: &mut Vec<String>) {
    loop {
        let phrase = LEGAL_PHRASES
            .iter()
            .map(|p| p.len())
            .find(|&n| n < words.len() && ends_with(words, LEGAL_PHRASES, n));
        let single = words.len() > 1 && words.last().is_some_and(|w| LEGAL.contains(w.as_str()));
        match (phrase, single) {
            (Some(n), _) => words.truncate(words.len() - n),
            (None, true) => {
                words.pop();
            }
            (None, false) => return,
        }
    }
}

fn ends_with(words: &[String], phrases: &[&[&str]], n: usize) -> bool {
    let tail = &words[words.len() - n..];
    phrases
        .iter()
        .filter(|p| p.len() == n)
        .any(|p| p.iter().zip(tail).all(|(a, b)| *a == b))
}

/// The registrable domain (public-suffix aware) of a URL, host or e-mail address; `None` when
/// there is none or it is a consumer mail provider.
pub fn registrable_domain(input: &str) -> Option<String> {
    let host = portico_api::validate::company_domain(input).ok()?;
    let ascii = match url::Host::parse(&host).ok()? {
        url::Host::Domain(ascii) => ascii,
        _ => return None,
    };
    let registrable = psl::domain_str(&ascii)?.to_owned();
    (!is_free_mail(&registrable)).then_some(registrable)
}

pub fn is_free_mail(registrable_domain: &str) -> bool {
    let brand = registrable_domain.split('.').next().unwrap_or_default();
    FREE_MAIL.contains(&registrable_domain) || FREE_MAIL_BRANDS.contains(&brand)
}

/// How alike two name keys are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NameMatch {
    Same,
    /// With a score from 0 to 1.
    Similar(f64),
    Different,
}

/// Names match when every distinctive word of one has its counterpart in the other, equal or
/// a typo away; one extra descriptive word ("International") still counts as similar.
pub fn compare_names(a_key: &str, b_key: &str) -> NameMatch {
    if a_key.is_empty() || b_key.is_empty() {
        return NameMatch::Different;
    }
    if a_key == b_key {
        return NameMatch::Same;
    }
    let score = strsim::jaro_winkler(a_key, b_key);
    // Short names collide by chance ("Meta" vs "Metal"): only an exact key counts.
    if a_key.len().min(b_key.len()) <= 4 {
        return NameMatch::Different;
    }
    if a_key.replace(' ', "") == b_key.replace(' ', "") {
        return NameMatch::Similar(score);
    }
    let a: Vec<&str> = a_key.split(' ').collect();
    let b: Vec<&str> = b_key.split(' ').collect();
    if words_correspond(&a, &b) {
        NameMatch::Similar(score)
    } else {
        NameMatch::Different
    }
}

/// Pairs the words of both names in order; at most one unpaired word, and only a descriptor.
fn words_correspond(a: &[&str], b: &[&str]) -> bool {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    match long.len() - short.len() {
        0 => long.iter().zip(short).all(|(x, y)| same_word(x, y)),
        1 => (0..long.len()).any(|skip| {
            DESCRIPTORS.contains(&long[skip])
                && long
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != skip)
                    .zip(short)
                    .all(|((_, x), y)| same_word(x, y))
        }),
        _ => false,
    }
}

/// Equal, or a typo apart: one edit in words of five letters or more, two from ten.
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let shorter = a.len().min(b.len());
    let allowed = match shorter {
        0..=4 => 0,
        5..=9 => 1,
        _ => 2,
    };
    // The first letter is rarely the typo, and differing first letters name different words.
    allowed > 0
        && a.as_bytes()[0] == b.as_bytes()[0]
        && strsim::damerau_levenshtein(a, b) <= allowed
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn similar(a: &str, b: &str) -> bool {
        compare_names(&name_key(a), &name_key(b)) != NameMatch::Different
    }

    #[test]
    fn legal_forms_case_accents_and_punctuation_do_not_matter() {
        for (a, b) in [
            ("ACME Corporation", "Acme Corp"),
            ("Hooli", "Hooli Inc."),
            ("Müller GmbH", "Mueller"),
            ("Société Générale SA", "Societe Generale"),
            ("Johnson & Johnson", "Johnson and Johnson"),
            ("The Boring Company", "Boring Co"),
            ("Acme Ltd Co", "Acme Co Ltd"),
            ("Philips N.V.", "Philips"),
            ("Globex Intl", "Globex International"),
            ("Initech Technologies", "Initech Tech"),
            ("Northwind Traders", "Northwind Trader"),
        ] {
            assert_eq!(name_key(a), name_key(b), "{a} / {b}");
        }
    }

    #[test]
    fn near_misses_are_similar() {
        for (a, b) in [
            ("Stark Industries", "Stark Industires"),
            ("Globex International", "Globex"),
            ("Northwind", "North Wind"),
            ("Massive Dynamic Corporation", "Massive Dynamics"),
        ] {
            assert!(similar(a, b), "{a} ~ {b}");
        }
    }

    #[test]
    fn different_companies_with_shared_words_are_not() {
        for (a, b) in [
            ("Acme Cloud", "Acme Bank"),
            ("Acme Cloud", "Acme"),
            ("Globex Consulting", "Globex Logistics"),
            ("Northwind Health", "Northwind Traders"),
            ("Blue Origin", "Blue Apron"),
            ("Delta Air Lines", "Delta Dental"),
            ("American Express", "American Airlines"),
            ("Meta", "Metal"),
            ("Alpha", "Alphabet"),
        ] {
            assert!(!similar(a, b), "{a} vs {b}");
        }
    }

    #[test]
    fn a_name_that_is_only_a_legal_form_keeps_a_word() {
        assert_eq!(name_key("Limited"), "limited");
        assert_eq!(name_key("The The"), "the");
        assert_eq!(name_key("Co Inc"), "co");
    }

    #[test]
    fn registrable_domains_are_public_suffix_aware() {
        for (input, domain) in [
            ("https://www.Acme.com/about", "acme.com"),
            ("shop.acme.co.uk", "acme.co.uk"),
            ("a.b.acme.com.au", "acme.com.au"),
            ("jane@sales.acme.de", "acme.de"),
            ("WWW.ACME.COM:8080", "acme.com"),
            ("münchen.de", "xn--mnchen-3ya.de"),
        ] {
            assert_eq!(
                registrable_domain(input).as_deref(),
                Some(domain),
                "{input}"
            );
        }
        for none in [
            "gmail.com",
            "jane@gmail.com",
            "yahoo.co.uk",
            "hotmail.fr",
            "not a domain",
            "192.168.0.1",
            "localhost",
            "co.uk",
        ] {
            assert_eq!(registrable_domain(none), None, "{none}");
        }
    }

    /// Precision and recall on the labeled pairs in `company_pairs.tsv`; run with
    /// `--nocapture` to see the figures.
    #[test]
    fn labeled_pairs_are_matched_with_high_precision_and_recall() {
        let (mut true_pos, mut false_pos, mut false_neg, mut true_neg) = (0, 0, 0, 0);
        let mut misses = Vec::new();
        let pairs = include_str!("company_pairs.tsv")
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty());
        for line in pairs {
            let fields: Vec<&str> = line.split('\t').collect();
            let [label, a, b] = fields[..] else {
                panic!("malformed line {line:?}");
            };
            match (label == "same", similar(a, b)) {
                (true, true) => true_pos += 1,
                (false, false) => true_neg += 1,
                (true, false) => {
                    false_neg += 1;
                    misses.push(format!("missed: {a} / {b}"));
                }
                (false, true) => {
                    false_pos += 1;
                    misses.push(format!("wrongly joined: {a} / {b}"));
                }
            }
        }
        let precision = f64::from(true_pos) / f64::from(true_pos + false_pos);
        let recall = f64::from(true_pos) / f64::from(true_pos + false_neg);
        println!(
            "{} pairs: precision {precision:.3}, recall {recall:.3} ({true_pos} found, {false_pos} wrongly joined, {false_neg} missed, {true_neg} kept apart)",
            true_pos + false_pos + false_neg + true_neg
        );
        for miss in &misses {
            println!("  {miss}");
        }
        assert!(precision >= 0.95, "precision {precision}");
        assert!(recall >= 0.90, "recall {recall}");
    }

    proptest! {
        #[test]
        fn name_keys_are_idempotent(name in "\\PC{0,40}") {
            let key = name_key(&name);
            prop_assert_eq!(name_key(&key), key);
        }

        #[test]
        fn legal_form_order_does_not_matter(base in "[A-Za-z]{3,12}( [A-Za-z]{3,12})?", forms in proptest::sample::subsequence(vec!["Ltd", "Inc.", "GmbH", "Co", "LLC", "S.A."], 0..4)) {
            let mut reversed = forms.clone();
            reversed.reverse();
            let forward = format!("{base} {}", forms.join(" "));
            let backward = format!("{base} {}", reversed.join(" "));
            prop_assert_eq!(name_key(&forward), name_key(&backward));
        }

        #[test]
        fn case_and_accents_do_not_matter(name in "[a-z]{3,10}( [a-z]{3,10}){0,2}") {
            prop_assert_eq!(name_key(&name.to_uppercase()), name_key(&name));
            let accented = name.replace('e', "é").replace('c', "ç");
            prop_assert_eq!(name_key(&accented), name_key(&name));
        }

        #[test]
        fn registrable_domains_are_idempotent(host in "[a-z]{1,8}(\\.[a-z]{1,8}){1,3}") {
            if let Some(domain) = registrable_domain(&host) {
                prop_assert_eq!(registrable_domain(&domain), Some(domain.clone()));
            }
        }
    }
}
