//! `name_key`: a company name reduced to what identifies the company, the same for the ways
//! lists write one company ("Harbor Foods Company (The)", "HARBOR FOODS CO CL A", "The Harbor
//! Foods Co., Ohio").

use super::vocabulary::{
    ABBREVIATIONS, CLASS_WORDS, LEADING_LEGAL_PHRASES, LEGAL_PHRASES, is_given_name, is_legal_form,
    is_listing_suffix, is_share_class, issues_shares,
};

/// The name reduced to what identifies the company, for equality and
/// [`compare_names`](super::compare_names): lower-case ASCII (accents dropped, umlauts spelled
/// out), `&` read as "and" and "and" dropped, punctuation turned into spaces with initials
/// joined ("W. R." → "wr"), abbreviations expanded and plural `s` dropped per word, a
/// parenthesised first name put first ("Schmidt (Henry)" → "henry schmidt"), and what lists add
/// around the name removed: a leading or trailing "the", legal forms ("Inc", "GmbH",
/// "Sp. z o.o.") in any order and number, share classes ("Class A", "Cl B", "-C", "A Corp"),
/// listing markers ("(New)", "(Ord)") and the state after the legal form ("Corp, Ohio",
/// "Inc /DE/") — but never the last word, so "Limited" stays "limited".
/// Idempotent: `name_key(&name_key(x)) == name_key(x)`.
pub fn name_key(name: &str) -> String {
    let mut key = normalize(name);
    // One rule can make work for another ("A & B" loses its "and", then its initials join):
    // normalizing again until nothing changes keeps keys idempotent.
    for _ in 0..3 {
        let again = normalize(&key);
        if again == key {
            break;
        }
        key = again;
    }
    key
}

fn normalize(name: &str) -> String {
    let tokens = transliterate(&split_glued_legal_forms(name));
    let words = join_initials(unparenthesize(tokens.split_whitespace()));
    let words: Vec<String> = words.iter().map(|w| canonical(w)).collect();
    let mut words = drop_joiners(words);
    strip_leading(&mut words);
    strip_trailing(&mut words);
    words.join(" ")
}

/// "GroupCompanies" → "Group Companies", "PepsiCo" → "Pepsi Co": a legal form run onto the
/// word before it, told by its capital letter. Brands written so ("DuMont", "FedEx") stay whole.
fn split_glued_legal_forms(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut text = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        let glued = i > 0 && c.is_uppercase() && chars[i - 1].is_lowercase() && {
            let run: String = chars[i..]
                .iter()
                .enumerate()
                .take_while(|&(j, c)| j == 0 || c.is_lowercase())
                .map(|(_, c)| c.to_ascii_lowercase())
                .collect();
            is_legal_form(&canonical(&run))
        };
        if glued {
            text.push(' ');
        }
        text.push(c);
    }
    text
}

const OPEN: &str = "(";
const CLOSE: &str = ")";

/// Lower-case ASCII letters, digits, dots, parentheses and spaces only: umlauts spelled out
/// (ü → ue) so "Müller" and "Mueller" agree, other accents dropped, `&` read as "and",
/// apostrophes dropped ("L'Oréal" → "loreal").
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
            '(' | '[' | '{' => text.push_str(" ( "),
            ')' | ']' | '}' => text.push_str(" ) "),
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

/// Words without parentheses, split at dots. What a group says about the listing ("(The)",
/// "(New)", "(Class A)", "(De)") goes; a first name or initials after a surname come first
/// ("Berkeley (W.R.)" is "W.R. Berkeley"); anything else ("(Shanghai)", "(UK)") stays where
/// it is.
fn unparenthesize<'a>(tokens: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut words = Vec::new();
    let mut group: Option<Vec<&str>> = None;
    for token in tokens {
        match (token, group.as_mut()) {
            (OPEN, None) => group = Some(Vec::new()),
            (CLOSE, Some(_)) => place_group(&mut words, group.take().unwrap_or_default()),
            // Nested or unmatched parentheses are only punctuation.
            (OPEN | CLOSE, _) => {}
            (_, Some(inner)) => inner.push(token),
            (_, None) => words.extend(split_dots(token)),
        }
    }
    words.extend(group.unwrap_or_default().into_iter().flat_map(split_dots));
    words
}

fn place_group(words: &mut Vec<String>, group: Vec<&str>) {
    let split: Vec<String> = group.iter().flat_map(|t| split_dots(t)).collect();
    let canonical: Vec<String> = join_initials(split.clone())
        .iter()
        .map(|w| canonical(w))
        .collect();
    // "C.L." is initials even where "CL" would be a share class.
    let initials = group.iter().all(|t| is_dotted_initials(t));
    let first_name =
        initials || (canonical.len() <= 2 && canonical.iter().all(|w| is_given_name(w)));
    if first_name && words.len() == 1 {
        words.splice(0..0, split);
    } else if !canonical.iter().all(|w| says_how_listed(w)) {
        words.extend(split);
    }
}

/// "w.r." or "a.": letters each followed by a dot.
fn is_dotted_initials(token: &str) -> bool {
    let bytes = token.as_bytes();
    !bytes.is_empty()
        && bytes.len().is_multiple_of(2)
        && bytes
            .chunks(2)
            .all(|pair| pair[0].is_ascii_alphabetic() && pair[1] == b'.')
}

/// A word that says how a company is listed, not which it is.
fn says_how_listed(word: &str) -> bool {
    word == "the"
        || word == "and"
        || is_legal_form(word)
        || is_listing_suffix(word)
        || is_share_class(word)
        || CLASS_WORDS.contains(&word)
}

/// "Johnson & Johnson" and "Johnson and Johnson" both become "johnson johnson".
fn drop_joiners(words: Vec<String>) -> Vec<String> {
    let kept: Vec<String> = words.iter().filter(|w| *w != "and").cloned().collect();
    if kept.is_empty() { words } else { kept }
}

/// "W R Berkeley" is "WR Berkeley", and "B V" the legal form "BV": single letters in a row
/// are initials of one word.
fn join_initials(words: Vec<String>) -> Vec<String> {
    let mut joined: Vec<String> = Vec::with_capacity(words.len());
    let mut last_was_letter = false;
    for word in words {
        let letter = word.len() == 1 && word.bytes().all(|b| b.is_ascii_alphabetic());
        match joined.last_mut() {
            Some(last) if letter && last_was_letter => last.push_str(&word),
            _ => joined.push(word),
        }
        last_was_letter = letter;
    }
    joined
}

/// One spelling per word: abbreviations expanded, a plural `s` dropped ("traders" → "trader").
/// Repeated until nothing changes, so that keys stay idempotent ("intls" → "intl" →
/// "international").
pub(super) fn canonical(word: &str) -> String {
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
    if is_legal_form(word) {
        return word.to_owned();
    }
    singular(word).to_owned()
}

/// Without a plural `s`: "traders" → "trader", but "ss" stays ("express") and so do short
/// words ("gas").
pub(super) fn singular(word: &str) -> &str {
    match word.strip_suffix('s') {
        Some(stem) if word.len() > 3 && !stem.ends_with('s') => stem,
        _ => word,
    }
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

/// Removes what lists write after the name, in any order and number, but never the last word
/// left: legal forms, a trailing "the", share classes, and listing markers or states after a
/// legal form.
fn strip_trailing(words: &mut Vec<String>) {
    // Whether the word just removed was a share-issuing legal form ("A" in "Meridian A Corp").
    let mut after_issuer = false;
    while words.len() > 1 {
        let n = trailing_noise(words, after_issuer);
        if n == 0 {
            return;
        }
        after_issuer = n == 1 && words.last().is_some_and(|w| issues_shares(w));
        words.truncate(words.len() - n);
    }
}

/// How many words at the end are noise (0 when none).
fn trailing_noise(words: &[String], after_issuer: bool) -> usize {
    let len = words.len();
    if let Some(phrase) = LEGAL_PHRASES
        .iter()
        .find(|p| p.len() < len && ends_with(words, p))
    {
        return phrase.len();
    }
    let last = words[len - 1].as_str();
    let before = words[len - 2].as_str();
    if is_legal_form(last) || last == "the" {
        1
    } else if is_share_class(last) && CLASS_WORDS.contains(&before) && len > 2 {
        2
    } else if (is_share_class(last) || is_listing_suffix(last)) && is_legal_form(before)
        || is_share_class(last) && after_issuer
    {
        1
    } else {
        0
    }
}

fn starts_with(words: &[String], phrase: &[&str]) -> bool {
    words.len() >= phrase.len() && phrase.iter().zip(words).all(|(p, w)| p == w)
}

fn ends_with(words: &[String], phrase: &[&str]) -> bool {
    words.len() >= phrase.len() && starts_with(&words[words.len() - phrase.len()..], phrase)
}
