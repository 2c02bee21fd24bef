//! Whether two company records name the same customer: a normalized name key, the registrable
//! domain, and a token-aware similarity that catches near misses ("Globex Intl" ~ "Globex
//! International") without joining different companies that share a word ("Acme Cloud" vs
//! "Acme Bank").

use std::collections::HashSet;
use std::sync::LazyLock;

/// Words that only say what legal form a company has.
#[rustfmt::skip]
const LEGAL_FORMS: &[&str] = &[
    "inc", "incorporated", "llc", "llp", "lp", "pllc", "ltd", "limited", "ltee", "gmbh", "mbh",
    "ag", "kg", "kgaa", "ohg", "gbr", "ug", "sa", "sas", "sasu", "sarl", "srl", "spa", "sl", "slu",
    "bv", "nv", "pty", "plc", "ulc", "corp", "corporation", "co", "company", "oy", "oyj", "ab", "as",
    "asa", "aps", "kk", "pte", "pvt", "private", "se", "kft", "zrt", "sro", "doo", "ooo", "pjsc",
    "jsc", "lda", "ltda", "sdn", "bhd", "tbk", "cv", "sapi", "holding", "group",
    "aktiengesellschaft", "na",
    // What is left of "Amazon.com" once the dot is a space.
    "com",
];

/// Legal forms written as several words once dots and slashes are gone ("B. V.", "A/S",
/// "Sp. z o. o.", "S.A.B. de C.V.").
const LEGAL_PHRASES: &[&[&str]] = &[
    &["sp", "z", "o", "o"],
    &["sab", "de", "cv"],
    &["sa", "de", "cv"],
    &["kabushiki", "kaisha"],
    &["sp", "z", "oo"],
    &["s", "r", "o"],
    &["s", "p", "a"],
    &["b", "v"],
    &["n", "v"],
    &["s", "a"],
    &["a", "s"],
];

/// Legal forms that stand before the name ("Kabushiki Kaisha Toshiba", "PJSC Gazprom").
const LEADING_LEGAL_PHRASES: &[&[&str]] = &[
    &["kabushiki", "kaisha"],
    &["ooo"],
    &["oao"],
    &["zao"],
    &["pao"],
    &["pjsc"],
];

/// Abbreviations and their full word, so both spellings give one key.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("intl", "international"),
    ("int", "international"),
    ("tech", "technology"),
    ("technologies", "technology"),
    ("mfg", "manufacturing"),
    ("svc", "service"),
    ("sys", "system"),
    ("grp", "group"),
    ("hldg", "holding"),
    ("hldgs", "holding"),
    ("natl", "national"),
    ("amer", "american"),
    ("assoc", "associate"),
    ("assn", "association"),
    ("bros", "brother"),
    ("ctr", "center"),
    ("centre", "center"),
    ("mgmt", "management"),
    ("mktg", "marketing"),
    ("engg", "engineering"),
    ("engr", "engineering"),
    ("univ", "university"),
    ("hosp", "hospital"),
    ("dept", "department"),
    ("pharma", "pharmaceutical"),
    ("labs", "lab"),
    ("laboratories", "lab"),
    ("laboratory", "lab"),
    // Leading "St." and "Mt." in names are saints and mountains, rarely streets.
    ("st", "saint"),
    ("mt", "mount"),
    ("ft", "fort"),
];

/// Words that describe rather than name: one extra of these (not the first word) makes names
/// similar, not different.
#[rustfmt::skip]
pub(crate) const DESCRIPTORS: &[&[&str]] = &[
    &["international"], &["global"], &["worldwide"], &["group"], &["holding"], &["service"],
    &["solution"], &["system"], &["technology"], &["lab"], &["partner"], &["enterprise"],
    &["industrie"], &["industry"], &["consulting"], &["software"], &["digital"],
    // Regional arms: "Siemens USA", "Toyota Motor North America".
    &["north", "america"], &["latin", "america"], &["asia", "pacific"], &["america"], &["europe"],
    &["emea"], &["apac"], &["usa"], &["uk"], &["canada"], &["deutschland"], &["india"],
];

/// Consumer mail providers: their domains never identify a company.
#[rustfmt::skip]
const FREE_MAIL: &[&str] = &[
    "gmail.com", "googlemail.com", "outlook.com", "live.com", "msn.com", "aol.com", "aim.com",
    "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "protonmail.ch", "pm.me",
    "web.de", "t-online.de", "freenet.de", "posteo.de", "mailbox.org", "mail.ru", "bk.ru",
    "inbox.ru", "list.ru", "rambler.ru", "ya.ru", "qq.com", "foxmail.com", "163.com", "126.com",
    "yeah.net", "sina.com", "sohu.com", "zoho.com", "zohomail.com", "fastmail.com", "fastmail.fm",
    "hey.com", "tutanota.com", "tutanota.de", "tuta.io", "tuta.com", "hushmail.com", "duck.com",
    "mail.com", "email.com", "inbox.com", "gmx.net", "hotmail.com", "yandex.ru", "ymail.com",
    "rocketmail.com", "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr", "libero.it",
    "virgilio.it", "seznam.cz", "wp.pl", "o2.pl", "interia.pl", "onet.pl", "ukr.net", "abv.bg",
    "naver.com", "daum.net", "hanmail.net", "rediffmail.com", "bluewin.ch", "btinternet.com",
    "sky.com", "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "bigpond.com",
    "optusnet.com.au", "shaw.ca", "rogers.com", "uol.com.br", "bol.com.br", "terra.com.br",
];
/// Providers with a domain per country (yahoo.co.uk, hotmail.fr, gmx.de …).
const FREE_MAIL_BRANDS: &[&str] = &["yahoo", "hotmail", "gmx", "yandex", "outlook", "live"];

static LEGAL: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| LEGAL_FORMS.iter().copied().collect());

/// The name reduced to what identifies the company, for equality and [`compare_names`]:
/// lower-case ASCII (accents dropped, umlauts spelled out), `&` read as "and" and "and" dropped,
/// punctuation turned into spaces with dotted initials joined, abbreviations expanded and plural
/// `s` dropped per word, a leading "the" removed, and legal forms ("Inc", "GmbH", "Sp. z o.o.")
/// removed from the end in any order — but never the last word, so "Limited" stays "limited".
/// Idempotent: `name_key(&name_key(x)) == name_key(x)`.
pub fn name_key(name: &str) -> String {
    let words: Vec<String> = words(name).iter().map(|w| canonical(w)).collect();
    let mut words = drop_joiners(words);
    strip_leading(&mut words);
    strip_legal_forms(&mut words);
    words.join(" ")
}

/// Lower-case ASCII words: umlauts spelled out (ü → ue) so "Müller" and "Mueller" agree, other
/// accents dropped, `&` read as "and", apostrophes and dotted initials joining ("L'Oréal" →
/// "loreal", "A.B.C." → "abc") while a dot between words parts them ("Amazon.com").
fn words(name: &str) -> Vec<String> {
    transliterate(name)
        .split_whitespace()
        .flat_map(split_dots)
        .collect()
}

/// ASCII letters, digits, dots and spaces only.
fn transliterate(name: &str) -> String {
    let mut text = String::with_capacity(name.len() + 8);
    for c in name.chars() {
        match c {
            'ä' | 'Ä' => text.push_str("ae"),
            'ö' | 'Ö' => text.push_str("oe"),
            'ü' | 'Ü' => text.push_str("ue"),
            // A decomposed umlaut (NFD input) must give the same key as a composed one.
            '\u{308}' if text.ends_with(['a', 'o', 'u']) => text.push('e'),
            '\u{300}'..='\u{36f}' => {}
            '&' | '+' => text.push_str(" and "),
            '.' => text.push('.'),
            '\'' | '’' | '`' | '´' => {}
            c => push_ascii(&mut text, deunicode::deunicode_char(c).unwrap_or(" ")),
        }
    }
    text
}

fn push_ascii(text: &mut String, piece: &str) {
    for c in piece.chars() {
        if c.is_ascii_alphanumeric() || c == '.' {
            text.push(c.to_ascii_lowercase());
        } else {
            text.push(' ');
        }
    }
}

/// "j.p." → "jp", "e.on" → "eon", "amazon.com" → "amazon com": a single letter beside a dot is
/// an initial and joins, longer parts are words of their own.
fn split_dots(token: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut last_len = 0;
    for part in token.split('.').filter(|p| !p.is_empty()) {
        match words.last_mut() {
            Some(word) if last_len == 1 || part.len() == 1 => word.push_str(part),
            _ => words.push(part.to_owned()),
        }
        last_len = part.len();
    }
    words
}

/// One spelling per word: abbreviations expanded, a plural `s` dropped ("traders" → "trader").
/// Repeated until nothing changes, so that keys stay idempotent ("intls" → "intl" →
/// "international").
fn canonical(word: &str) -> String {
    let mut word = word.to_owned();
    for _ in 0..4 {
        let next = canonical_step(&word);
        if next == word {
            break;
        }
        word = next;
    }
    word
}

fn canonical_step(word: &str) -> String {
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

/// "Johnson & Johnson" and "Johnson and Johnson" both become "johnson johnson".
fn drop_joiners(words: Vec<String>) -> Vec<String> {
    let kept: Vec<String> = words.iter().filter(|w| *w != "and").cloned().collect();
    if kept.is_empty() { words } else { kept }
}

/// Drops a leading "the" and leading legal forms, as often as they come, but never the last word.
fn strip_leading(words: &mut Vec<String>) {
    loop {
        let n = if words.first().is_some_and(|w| w == "the") {
            1
        } else {
            LEADING_LEGAL_PHRASES
                .iter()
                .find(|p| starts_with(words, p))
                .map_or(0, |p| p.len())
        };
        if n == 0 || n >= words.len() {
            return;
        }
        words.drain(..n);
    }
}

/// Removes legal forms from the end, in any order and number, but never the last word left.
fn strip_legal_forms(words: &mut Vec<String>) {
    loop {
        let n = LEGAL_PHRASES
            .iter()
            .find(|p| p.len() < words.len() && ends_with(words, p))
            .map(|p| p.len())
            .or_else(|| {
                let single = words.len() > 1 && words.last().is_some_and(|w| LEGAL.contains(&**w));
                single.then_some(1)
            });
        match n {
            Some(n) => words.truncate(words.len() - n),
            None => return,
        }
    }
}

fn starts_with(words: &[String], phrase: &[&str]) -> bool {
    words.len() >= phrase.len() && phrase.iter().zip(words).all(|(p, w)| p == w)
}

fn ends_with(words: &[String], phrase: &[&str]) -> bool {
    words.len() >= phrase.len() && starts_with(&words[words.len() - phrase.len()..], phrase)
}

/// The registrable domain (public-suffix aware) of a URL, host or e-mail address; `None` when
/// there is none or it is a consumer mail provider.
pub fn registrable_domain(input: &str) -> Option<String> {
    let host = portico_api::validate::company_domain(input).ok()?;
    // Host::parse applies IDNA, so Unicode and punycode spellings give one ASCII form.
    let ascii = match url::Host::parse(&host).ok()? {
        url::Host::Domain(ascii) => ascii,
        _ => return None,
    };
    let registrable = psl::domain_str(&ascii)?.to_owned();
    // "www" names a web server, not a company; it would also lose its "www." when fed back in.
    let usable = !registrable.starts_with("www.") && !is_free_mail(&registrable);
    usable.then_some(registrable)
}

/// Whether a registrable domain belongs to a consumer mail provider.
pub fn is_free_mail(registrable_domain: &str) -> bool {
    let domain = registrable_domain.trim_end_matches('.');
    let brand = domain.split('.').next().unwrap_or_default();
    FREE_MAIL.iter().any(|d| d.eq_ignore_ascii_case(domain))
        || FREE_MAIL_BRANDS
            .iter()
            .any(|b| b.eq_ignore_ascii_case(brand))
}

/// How alike two name keys are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NameMatch {
    Same,
    /// With a score from 0 to 1.
    Similar(f64),
    Different,
}

/// Names match when their words pair up in order, equal or a typo apart, with at most one
/// descriptive word ("International") left over; weak evidence (typos, the extra word) must be
/// outweighed by words that agree exactly.
pub fn compare_names(a_key: &str, b_key: &str) -> NameMatch {
    if a_key.is_empty() || b_key.is_empty() {
        return NameMatch::Different;
    }
    if a_key == b_key {
        return NameMatch::Same;
    }
    // Short names collide by chance ("Meta" vs "Metal"), and every alignment starts with the
    // first letters agreeing: both cheap ways out of the 10,000-key scan.
    if a_key.len().min(b_key.len()) <= 4 || a_key.as_bytes()[0] != b_key.as_bytes()[0] {
        return NameMatch::Different;
    }
    let a: Vec<&str> = a_key.split_whitespace().collect();
    let b: Vec<&str> = b_key.split_whitespace().collect();
    if a.len().max(b.len()) > MAX_WORDS {
        return NameMatch::Different;
    }
    match align(&a, &b, true, true) {
        Some(tally) if tally.convincing() => NameMatch::Similar(strsim::jaro_winkler(a_key, b_key)),
        _ => NameMatch::Different,
    }
}

/// Longer "names" are not names; the limit keeps the word pairing's recursion shallow.
const MAX_WORDS: usize = 32;

/// What pairing the words of two names found.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    exact: u32,
    typos: u32,
    skipped: u32,
    /// Paired words that are not descriptors: a name is more than "Global Software".
    anchors: u32,
}

impl Tally {
    fn convincing(self) -> bool {
        self.anchors > 0 && self.typos + self.skipped <= self.exact + 1
    }

    /// Exact words against guesses, then anchors: the order in which alignments are preferred.
    fn strength(self) -> (i64, u32) {
        let weak = i64::from(self.typos + self.skipped);
        (i64::from(self.exact) - weak, self.anchors)
    }

    fn paired(mut self, x: &str, y: &str, typo: bool) -> Tally {
        if typo {
            self.typos += 1;
        } else {
            self.exact += 1;
        }
        if !is_descriptor(&[x]) && !is_descriptor(&[y]) {
            self.anchors += 1;
        }
        self
    }
}

fn stronger(x: Option<Tally>, y: Option<Tally>) -> Option<Tally> {
    match (x, y) {
        (Some(x), Some(y)) if y.strength() > x.strength() => Some(y),
        (x, y) => x.or(y),
    }
}

/// Pairs the words of both names in order, keeping the strongest way to do it. The first words
/// must pair; after that one descriptor phrase may be left over on either side (`may_skip`).
fn align(a: &[&str], b: &[&str], may_skip: bool, at_start: bool) -> Option<Tally> {
    if a.is_empty() || b.is_empty() {
        return align_rest(a, b, may_skip);
    }
    let paired = pair(a, b, may_skip);
    // The first word of a name is what it is called, never a droppable descriptor
    // ("International Paper" is not "Paper").
    if !may_skip || at_start {
        return paired;
    }
    let skipped = stronger(skip_descriptor(a, b), skip_descriptor(b, a));
    stronger(paired, skipped)
}

/// Pairs the first word of each name (or one word with two or three run together, "Data Dog"
/// and "Datadog"), then the rest.
fn pair(a: &[&str], b: &[&str], may_skip: bool) -> Option<Tally> {
    let (x, y) = (a[0], b[0]);
    let (m, n, typo) = match word_match(x, y) {
        WordMatch::Equal => (1, 1, false),
        WordMatch::Typo => (1, 1, true),
        WordMatch::Different => {
            let (m, n) = run_together(a, y)
                .map(|m| (m, 1))
                .or_else(|| run_together(b, x).map(|n| (1, n)))?;
            (m, n, false)
        }
    };
    // A run-together word is compared whole: "data dog" is as much a name as "datadog".
    let (x, y) = if m > 1 {
        (y, y)
    } else if n > 1 {
        (x, x)
    } else {
        (x, y)
    };
    align(&a[m..], &b[n..], may_skip, false).map(|t| t.paired(x, y, typo))
}

/// How many leading words of `words` (two or three) spell `joined` when run together.
fn run_together(words: &[&str], joined: &str) -> Option<usize> {
    (2..=3.min(words.len())).find(|&k| {
        let mut rest = joined;
        words[..k].iter().all(|w| match rest.strip_prefix(w) {
            Some(r) => {
                rest = r;
                true
            }
            None => false,
        }) && rest.is_empty()
    })
}

/// Leaves out a descriptor phrase at the front of `a` and pairs what follows.
fn skip_descriptor(a: &[&str], b: &[&str]) -> Option<Tally> {
    let n = DESCRIPTORS
        .iter()
        .filter(|d| d.len() <= a.len() && d.iter().zip(a).all(|(d, w)| d == w))
        .map(|d| d.len())
        .max()?;
    let mut tally = align(&a[n..], b, false, false)?;
    tally.skipped += 1;
    Some(tally)
}

/// Words left over once the other name is used up: fine only if they are one descriptor.
fn align_rest(a: &[&str], b: &[&str], may_skip: bool) -> Option<Tally> {
    let rest = if a.is_empty() { b } else { a };
    if rest.is_empty() {
        Some(Tally::default())
    } else if may_skip && is_descriptor(rest) {
        Some(Tally {
            skipped: 1,
            ..Tally::default()
        })
    } else {
        None
    }
}

fn is_descriptor(words: &[&str]) -> bool {
    DESCRIPTORS.contains(&words)
}

enum WordMatch {
    Equal,
    Typo,
    Different,
}

/// Equal (or the same word in another form: "industry"/"industrie"), or a typo apart: one edit
/// in words of five letters or more, two from ten.
fn word_match(a: &str, b: &str) -> WordMatch {
    if a == b || ie_is_y(a, b) || ie_is_y(b, a) {
        return WordMatch::Equal;
    }
    let allowed = typo_budget(a.len().min(b.len()));
    // The first letter is rarely the typo, and digits are never one ("Acme 10001").
    let plausible = allowed > 0
        && a.len().abs_diff(b.len()) <= allowed
        && a.as_bytes()[0] == b.as_bytes()[0]
        && a.bytes().chain(b.bytes()).all(|c| c.is_ascii_alphabetic());
    if plausible && strsim::osa_distance(a, b) <= allowed {
        WordMatch::Typo
    } else {
        WordMatch::Different
    }
}

/// How many edits a word of this length may be from another and still be the same word.
pub(crate) fn typo_budget(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=9 => 1,
        _ => 2,
    }
}

/// "industrie" (what the plural rule leaves of "industries") and "industry" are one word.
pub(crate) fn ie_is_y(a: &str, b: &str) -> bool {
    match (a.strip_suffix("ie"), b.strip_suffix('y')) {
        (Some(a), Some(b)) => a.len() > 2 && a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Words that exercise every rule of `name_key`, for the property tests.
    #[rustfmt::skip]
    const TRICKY: &[&str] = &[
        "the", "The", "and", "&", "Co", "co", "Inc", "Ltd", "S", "A", "a", "s", "B", "V", "sp", "z",
        "o", "oo", "de", "cv", "sab", "kabushiki", "kaisha", "ooo", "intls", "intl", "grps",
        "techs", "labs", "ies", "industries", "industry", "Acme", "acme", "Müller", "Mu\u{308}ller",
        "com", "amazon", "st", "sts", "ss", "sss", "l'", "E", "ON", "Global", "Software", "north",
        "america", "data", "dog", "datadog", "stark", "starks",
    ];

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
            ("Mu\u{308}ller", "Müller"),
            ("Amazon.com, Inc.", "Amazon"),
            ("J.P. Morgan", "JP Morgan"),
            ("E.ON SE", "EON"),
            ("Novo Nordisk A/S", "Novo Nordisk"),
            ("Henkel AG & Co. KGaA", "Henkel"),
            ("Grupo Bimbo, S.A.B. de C.V.", "Grupo Bimbo"),
            ("Orlen Sp. z o. o.", "Orlen Sp. z o.o."),
            ("Kabushiki Kaisha Toshiba", "Toshiba"),
            ("St. Jude Medical", "Saint Jude Medical"),
            ("Smith Bros", "Smith Brothers"),
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
            ("Stark Industry", "Stark Industries"),
            ("Data Dog", "Datadog"),
            ("Toyota Motor North America", "Toyota Motor"),
        ] {
            assert!(similar(a, b), "{a} ~ {b}");
        }
    }

    #[test]
    fn equal_keys_are_the_same_and_near_ones_only_similar() {
        assert_eq!(compare_names("acme", "acme"), NameMatch::Same);
        let NameMatch::Similar(score) = compare_names("stark industrie", "stark industire") else {
            panic!("a typo should be similar");
        };
        assert!(score > 0.9 && score < 1.0, "{score}");
        assert_eq!(compare_names("", ""), NameMatch::Different);
        assert_eq!(compare_names("", "acme"), NameMatch::Different);
    }

    #[test]
    fn weak_evidence_needs_a_name_word_that_agrees() {
        for (a, b) in [
            // A typo plus an extra word is two guesses with nothing exact behind them.
            ("Canon", "Cannon Industries"),
            // The first word is the name, not a descriptor to drop.
            ("International Paper", "Paper Source"),
            ("Global Software", "Global"),
            // Numbers are identifiers, not typos.
            ("Acme 10001", "Acme 10002"),
        ] {
            assert!(!similar(a, b), "{a} vs {b}");
        }
    }

    #[test]
    fn absurdly_long_names_are_compared_only_for_equality() {
        let long = "word ".repeat(10_000);
        let key = name_key(&long);
        assert_eq!(compare_names(&key, &key), NameMatch::Same);
        assert_eq!(
            compare_names(&key, &format!("{key} more")),
            NameMatch::Different
        );
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
            ("https://www.XN--MNCHEN-3YA.de/", "xn--mnchen-3ya.de"),
            ("acme.com.", "acme.com"),
            ("jane@acme.com", "acme.com"),
            ("mailto:jane@acme.com", "acme.com"),
            ("acme.com", "acme.com"),
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
            "bob@googlemail.com",
            "jane@yahoo.com",
            "x@proton.me",
            "",
            "http://[::1]:8080/",
            "shop.www.de",
        ] {
            assert_eq!(registrable_domain(none), None, "{none}");
        }
    }

    #[test]
    fn free_mail_is_told_apart_from_companies() {
        for free in [
            "gmail.com",
            "GMAIL.COM",
            "yahoo.fr",
            "hotmail.co.uk",
            "gmx.de",
            "qq.com",
        ] {
            assert!(is_free_mail(free), "{free}");
        }
        for company in ["acme.com", "google.com", "mailchimp.com", "protonic.com"] {
            assert!(!is_free_mail(company), "{company}");
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
        fn name_keys_of_tricky_words_are_idempotent(
            parts in proptest::collection::vec(proptest::sample::select(TRICKY.to_vec()), 0..7),
            separators in proptest::collection::vec(proptest::sample::select(vec![" ", ".", ". ", "&", ", ", "-"]), 7),
        ) {
            let name: String = parts.iter().zip(&separators).flat_map(|(p, s)| [*p, *s]).collect();
            let key = name_key(&name);
            prop_assert_eq!(name_key(&key), key.clone(), "{:?}", name);
            prop_assert_eq!(compare_names(&key, &key) == NameMatch::Same, !key.is_empty());
        }

        #[test]
        fn comparison_is_symmetric(
            a in proptest::collection::vec(proptest::sample::select(TRICKY.to_vec()), 1..5),
            b in proptest::collection::vec(proptest::sample::select(TRICKY.to_vec()), 1..5),
        ) {
            let (a, b) = (name_key(&a.join(" ")), name_key(&b.join(" ")));
            let forward = compare_names(&a, &b) == NameMatch::Different;
            prop_assert_eq!(forward, compare_names(&b, &a) == NameMatch::Different, "{} / {}", a, b);
        }

        #[test]
        fn legal_form_order_does_not_matter(base in "[A-Za-z]{3,12}( [A-Za-z]{3,12})?", forms in proptest::sample::subsequence(vec!["Ltd", "Inc.", "GmbH", "Co", "LLC", "S.A."], 0..4)) {
            // A base made only of joiners and legal forms ("And GmbH LLC") has no name to keep.
            prop_assume!(base.split(' ').any(|w| {
                let w = w.to_lowercase();
                !LEGAL.contains(w.as_str()) && w != "and" && w != "the"
            }));
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
