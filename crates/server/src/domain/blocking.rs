//! Blocking keys: what the conflict check looks candidates up by, so that it reads the few
//! registrations and accounts that might match instead of all of them.
//!
//! The guarantee the store relies on: when [`compare_names`](super::company::compare_names)
//! does not call two name keys different, their blocking keys share at least one value. Every
//! match pairs the first words (equal, a typo apart, or one run together from the other's first
//! two or three words), so the keys describe the first word only: its first letters, and those
//! letters with each possible typo deleted (the "deletion neighbourhood" of spelling
//! correctors). Two words a typo apart always share a variant with that typo deleted.

use std::collections::BTreeSet;

use super::company::typo_budget;

/// How much of the first word a key keeps: long words differ from their typos within these
/// letters or not at all (a typo further on leaves the head alone).
const HEAD: usize = 7;

/// Bump when `name_key`, `registrable_domain` or `blocking_keys` change what they return for
/// any input: the stored keys of every account and registration are then computed again at
/// start-up. The test `fingerprint_changes_only_with_the_version` notices a forgotten bump.
pub const MATCHING_VERSION: i64 = 1;

/// The blocking keys of a `company::name_key`, sorted and without duplicates.
pub fn blocking_keys(name_key: &str) -> Vec<String> {
    let words: Vec<&str> = name_key.split_whitespace().collect();
    let Some(first) = words.first() else {
        return Vec::new();
    };
    let mut keys = BTreeSet::new();
    deletions(head(first), typo_budget(first.len()), &mut keys);
    // "industrie" and "industry" are one word to the comparison.
    if let Some(stem) = first.strip_suffix("ie").filter(|s| s.len() > 2) {
        keys.insert(head(&format!("{stem}y")).to_owned());
    }
    // "Data Dog" pairs with "Datadog".
    for k in 2..=3.min(words.len()) {
        keys.insert(head(&words[..k].concat()).to_owned());
    }
    keys.into_iter().collect()
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
    fn keys_cover_the_first_word_its_typos_and_run_together_words() {
        assert_eq!(blocking_keys(""), Vec::<String>::new());
        assert_eq!(blocking_keys("acme"), ["acme"]);
        assert_eq!(
            blocking_keys("stark industrie"),
            ["sark", "stak", "star", "stark", "starkin", "strk"]
        );
        assert_eq!(blocking_keys("acme data"), ["acme", "acmedat"]);
        assert!(blocking_keys("international paper").len() <= 1 + 6 + 15 + 1);
    }

    #[test]
    fn matching_names_share_a_key() {
        for (a, b) in [
            ("stark industrie", "stark industire"),
            ("microsoft", "microsfot"),
            ("microsoft", "mcrosoft"),
            ("globex", "globex international"),
            ("datadog", "data dog"),
            ("international businesse machine", "internatoinal business machine"),
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
            (1, "1a389cfe60e24bd4"),
            "matching changed: bump MATCHING_VERSION and record the new fingerprint"
        );
    }

    /// A word with up to two random typos after its first letter.
    fn typo_pair() -> impl Strategy<Value = (String, String)> {
        ("[a-z]{5,13}", proptest::collection::vec((0u8..4, 1usize..14, "[a-z]"), 0..3)).prop_map(
            |(word, edits)| {
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
            },
        )
    }

    proptest! {
        #[test]
        fn names_a_typo_apart_share_a_key(
            (a, b) in typo_pair(),
            rest in proptest::sample::select(vec!["", " data", " industrie", " international", " cloud bank"]),
        ) {
            let (a, b) = (format!("{a}{rest}"), format!("{b}{rest}"));
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
