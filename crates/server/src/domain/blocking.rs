//! Blocking keys: what the conflict check looks candidates up by, so that it reads the few
//! registrations and accounts that might match instead of all of them.
//!
//! The guarantee the store relies on: when [`compare_names`](super::company::compare_names)
//! does not call two name keys different, their blocking keys share at least one value. Every
//! match pairs the first words (equal, a typo apart, or one run together from the other's first
//! two or three words), and then the next words, whose first letters agree, unless a
//! descriptor ("International") is left out. So a key is the first word's first letters, as
//! written or with a typo deleted (the "deletion neighbourhood" of spelling correctors: two
//! words a typo apart share a variant with it deleted), followed by the first letter of what
//! may come next. The second part keeps a common first word ("Global", "First") from making a
//! block of thousands.

use std::collections::BTreeSet;

use super::company::{DESCRIPTORS, typo_budget};

/// How much of the first word a key keeps: long words differ from their typos within these
/// letters or not at all (a typo further on leaves the head alone).
const HEAD: usize = 7;

/// Bump when `name_key`, `registrable_domain` or `blocking_keys` change what they return for
/// any input: the stored keys of every account and registration are then computed again at
/// start-up. The test `fingerprint_changes_only_with_the_version` notices a forgotten bump.
pub const MATCHING_VERSION: i64 = 2;

/// The blocking keys of a `company::name_key`, sorted and without duplicates.
pub fn blocking_keys(name_key: &str) -> Vec<String> {
    let words: Vec<&str> = name_key.split_whitespace().collect();
    let Some(first) = words.first() else {
        return Vec::new();
    };
    let mut heads = BTreeSet::new();
    deletions(head(first), typo_budget(first.len()), &mut heads);
    // "industrie" and "industry" are one word to the comparison.
    if let Some(stem) = first.strip_suffix("ie").filter(|s| s.len() > 2) {
        heads.insert(head(&format!("{stem}y")).to_owned());
    }
    let mut keys = BTreeSet::new();
    combine(&heads, &words[1..], &mut keys);
    // "Data Dog" pairs with "Datadog".
    for k in 2..=3.min(words.len()) {
        let joined = BTreeSet::from([head(&words[..k].concat()).to_owned()]);
        combine(&joined, &words[k..], &mut keys);
    }
    keys.into_iter().collect()
}

/// Each head followed by each letter that may come after it.
fn combine(heads: &BTreeSet<String>, rest: &[&str], keys: &mut BTreeSet<String>) {
    let next = next_letters(rest);
    for head in heads {
        for letter in &next {
            keys.insert(format!("{head} {letter}"));
        }
    }
}

/// What the word after the first may start with in a name this one matches: the first letter
/// of the next word, or of the word after a descriptor there, or `$` for the end of the name.
fn next_letters(rest: &[&str]) -> BTreeSet<char> {
    let start = |words: &[&str]| words.first().and_then(|w| w.chars().next()).unwrap_or('$');
    let mut letters = BTreeSet::from([start(rest)]);
    for descriptor in DESCRIPTORS {
        if rest.len() >= descriptor.len() && rest.iter().zip(*descriptor).all(|(w, d)| w == d) {
            letters.insert(start(&rest[descriptor.len()..]));
        }
    }
    letters
}

fn head(word: &str) -> &str {
    word.char_indices()
        .nth(HEAD)
        .map_or(word, |(end, _)| &word[..end])
}

/// `word` and every string made from it by deleting up to `budget` letters, never the first
/// (a typo in the first letter is not one the comparison forgives).
fn deletions(word: &str, budget: usize, keys: &mut BTreeSet<String>) {
    if !keys.insert(word.to_owned()) || budget == 0 {
        return;
    }
    for (at, c) in word.char_indices().skip(1) {
        let shorter = format!("{}{}", &word[..at], &word[at + c.len_utf8()..]);
        deletions(&shorter, budget - 1, keys);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::company::{NameMatch, compare_names, name_key, registrable_domain};
    use proptest::prelude::*;
    use sha2::{Digest, Sha256};

    fn share_a_key(a: &str, b: &str) -> bool {
        let b_keys = blocking_keys(b);
        blocking_keys(a).iter().any(|k| b_keys.contains(k))
    }

    fn matched(a: &str, b: &str) -> bool {
        compare_names(a, b) != NameMatch::Different
    }

    #[test]
    fn keys_cover_the_first_word_its_typos_run_together_words_and_what_follows() {
        assert_eq!(blocking_keys(""), Vec::<String>::new());
        assert_eq!(blocking_keys("acme"), ["acme $"]);
        assert_eq!(
            blocking_keys("stark cloud"),
            [
                "sark c",
                "stak c",
                "star c",
                "stark c",
                "starkcl $",
                "strk c"
            ]
        );
        // A descriptor may be left out: "Stark Industries" is "Stark".
        assert!(blocking_keys("stark industrie").contains(&"stark $".to_owned()));
        assert_eq!(
            blocking_keys("acme international cloud"),
            ["acme c", "acme i", "acmeint $", "acmeint c"]
        );
    }

    #[test]
    fn matching_names_share_a_key() {
        for (a, b) in [
            ("stark industrie", "stark industire"),
            ("microsoft", "microsfot"),
            ("microsoft", "mcrosoft"),
            ("globex", "globex international"),
            ("datadog", "data dog"),
            (
                "international businesse machine",
                "internatoinal business machine",
            ),
            ("xyzie data", "xyzy data"),
        ] {
            let (a, b) = (name_key(a), name_key(b));
            assert!(matched(&a, &b), "{a} / {b} should match");
            assert!(share_a_key(&a, &b), "{a} / {b} share no key");
        }
    }

    #[test]
    fn every_labeled_match_shares_a_key() {
        let pairs = include_str!("company_pairs.tsv")
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty());
        for line in pairs {
            let fields: Vec<&str> = line.split('\t').collect();
            let (a, b) = (name_key(fields[1]), name_key(fields[2]));
            if matched(&a, &b) {
                assert!(share_a_key(&a, &b), "{a} / {b} share no key");
            }
        }
    }

    /// The keys every stored account and registration was given. A change here without a
    /// bump of `MATCHING_VERSION` would leave stored keys that new ones no longer meet.
    #[test]
    fn fingerprint_changes_only_with_the_version() {
        let mut hash = Sha256::new();
        for line in include_str!("company_pairs.tsv").lines() {
            for field in line.split('\t').skip(1) {
                let key = name_key(field);
                hash.update(key.as_bytes());
                hash.update(blocking_keys(&key).join(",").as_bytes());
                hash.update(registrable_domain(field).unwrap_or_default().as_bytes());
            }
        }
        let fingerprint = hex::encode(hash.finalize());
        assert_eq!(
            (MATCHING_VERSION, &fingerprint[..16]),
            (2, "cd9e82617929d344"),
            "matching changed: bump MATCHING_VERSION and record the new fingerprint"
        );
    }

    /// Words that pair in every way the comparison knows: typos, run together, descriptors.
    #[rustfmt::skip]
    const LOOK_ALIKE: &[&str] = &[
        "acme", "acne", "globex", "glebex", "globexs", "data", "dog", "datadog", "datadgo",
        "international", "north", "america", "group", "holding", "cloud", "cloudbank", "bank",
        "industries", "industry", "stark", "starck", "software", "lab", "the", "and", "inc",
        "northwind", "nothwind", "traders", "trader", "microsoft", "micro", "soft",
    ];

    /// A word with up to two random typos after its first letter.
    fn typo_pair() -> impl Strategy<Value = (String, String)> {
        (
            "[a-z]{5,13}",
            proptest::collection::vec((0u8..4, 1usize..14, "[a-z]"), 0..3),
        )
            .prop_map(|(word, edits)| {
                let mut typo: Vec<char> = word.chars().collect();
                for (kind, at, c) in edits {
                    let at = 1 + (at - 1) % (typo.len() - 1).max(1);
                    let c = c.chars().next().unwrap_or('x');
                    match kind {
                        0 if at < typo.len() => typo[at] = c,
                        1 => typo.insert(at.min(typo.len()), c),
                        2 if at < typo.len() && typo.len() > 2 => {
                            typo.remove(at);
                        }
                        _ if at + 1 < typo.len() => typo.swap(at, at + 1),
                        _ => {}
                    }
                }
                (word, typo.into_iter().collect())
            })
    }

    proptest! {
        #[test]
        fn names_a_typo_apart_share_a_key(
            (a, b) in typo_pair(),
            rest in proptest::sample::select(vec!["", " data", " industrie", " international", " cloud bank"]),
            extra in proptest::sample::select(vec!["", " international", " north america", " group holding", " datax"]),
        ) {
            let (a, b) = (format!("{a}{rest}"), format!("{b}{extra}{rest}"));
            if matched(&a, &b) {
                prop_assert!(share_a_key(&a, &b), "{} / {}", a, b);
            }
        }

        #[test]
        fn names_of_look_alike_words_that_match_share_a_key(
            a in proptest::collection::vec(proptest::sample::select(LOOK_ALIKE.to_vec()), 1..5),
            b in proptest::collection::vec(proptest::sample::select(LOOK_ALIKE.to_vec()), 1..5),
        ) {
            let (a, b) = (name_key(&a.join(" ")), name_key(&b.join(" ")));
            if matched(&a, &b) {
                prop_assert!(share_a_key(&a, &b), "{} / {}", a, b);
            }
        }

        #[test]
        fn run_together_names_share_a_key(words in proptest::collection::vec("[a-z]{2,6}", 2..4)) {
            let (spaced, joined) = (words.join(" "), words.concat());
            if matched(&spaced, &joined) {
                prop_assert!(share_a_key(&spaced, &joined), "{} / {}", spaced, joined);
            }
        }
    }
}
