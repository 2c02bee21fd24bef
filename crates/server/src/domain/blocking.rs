//! Blocking keys: what the conflict check looks candidates up by, so that it reads the few
//! registrations and accounts that might match instead of all of them.
//!
//! The guarantee the store relies on: when [`compare_names`](super::company::compare_names)
//! does not call two name keys different, the probe keys of each share a value with the index
//! keys of the other. Every strong match pairs the first words (equal, a typo apart, or one run
//! together from the other's first two or three words), and then the next words, whose first
//! letters agree, unless a descriptor ("International") is left out. So a key is the first
//! word's first letters, as written or with a typo deleted (the "deletion neighbourhood" of
//! spelling correctors: two words a typo apart share a variant with it deleted), followed by
//! the first letter of what may come next. The second part keeps a common first word
//! ("Global", "First") from making a block of thousands. Both sides have these keys.
//!
//! Possible matches need more, kept apart so that ordinary lookups stay small: a short form
//! shares its exact first word with the longer name ("Velora" and "Velora Communications"), so
//! every name is indexed under its first word followed by `*`, which only one-word probes read,
//! and every probe reads its first word followed by `$`, where one-word names are. Initials
//! ("IBX") are indexed as `=ibx` and found by the longer name's probe of its initials; longer
//! names are indexed by their initials as `^ibx`, which only a probe of initials reads.

use std::collections::BTreeSet;

use super::company::{DESCRIPTORS, initials_of, is_distinctive, may_be_initials, typo_budget};

/// How much of the first word a key keeps: long words differ from their typos within these
/// letters or not at all (a typo further on leaves the head alone). Eight, not fewer: two
/// letters deleted from a shorter head leave a stub that thousands of names share.
const HEAD: usize = 8;

/// Bump when `name_key`, `registrable_domain`, `index_keys` or `probe_keys` change what they
/// return for any input: the stored keys of every account and registration are then computed
/// again at start-up. The test `fingerprint_changes_only_with_the_version` notices a forgotten
/// bump.
pub const MATCHING_VERSION: i64 = 3;

/// The keys a stored `company::name_key` is found by, sorted and without duplicates.
pub fn index_keys(name_key: &str) -> Vec<String> {
    let words: Vec<&str> = name_key.split_whitespace().collect();
    let mut keys = shared_keys(&words);
    match words[..] {
        [word] => {
            keys.insert(format!("{} !", head(word)));
        }
        [first, _, ..] => {
            keys.insert(format!("{} *", head(first)));
        }
        [] => {}
    }
    if let Some(initials) = initials_of(name_key) {
        keys.insert(format!("^{initials}"));
    }
    if may_be_initials(name_key) {
        keys.insert(format!("={name_key}"));
    }
    keys.into_iter().collect()
}

/// The keys to look up the candidates of a `company::name_key` by, sorted and without
/// duplicates.
pub fn probe_keys(name_key: &str) -> Vec<String> {
    let words: Vec<&str> = name_key.split_whitespace().collect();
    let mut keys = shared_keys(&words);
    match words[..] {
        [word] if name_key.len() >= 3 && is_distinctive(word) => {
            keys.insert(format!("{} *", head(word)));
        }
        [first, _, ..] => {
            keys.insert(format!("{} !", head(first)));
        }
        _ => {}
    }
    if let Some(initials) = initials_of(name_key) {
        keys.insert(format!("={initials}"));
    }
    if may_be_initials(name_key) {
        keys.insert(format!("^{name_key}"));
    }
    keys.into_iter().collect()
}

/// The keys both sides have: those of strong matches.
fn shared_keys(words: &[&str]) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    let Some(first) = words.first() else {
        return keys;
    };
    let mut heads = BTreeSet::new();
    deletions(head(first), deletion_budget(first.len()), &mut heads);
    // "xyzie" and "xyzy" are one word to the comparison.
    if let Some(stem) = first.strip_suffix("ie").filter(|s| s.len() > 2) {
        heads.insert(head(&format!("{stem}y")).to_owned());
    }
    combine(&heads, &words[1..], &mut keys);
    // "Data Dog" pairs with "Datadog".
    for k in 2..=3.min(words.len()) {
        let joined = BTreeSet::from([head(&words[..k].concat()).to_owned()]);
        combine(&joined, &words[k..], &mut keys);
    }
    keys
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

/// The most typos a word of this length may be from a word it matches. The longer word sets
/// the comparison's budget, and a head cut at `HEAD` letters needs as many deletions as the
/// other's: "delacroi(x)" and "dlacoix" meet at "dlacoi".
fn deletion_budget(len: usize) -> usize {
    (0..=2)
        .filter(|&longer| longer <= typo_budget(len + longer))
        .map(|longer| typo_budget(len + longer))
        .max()
        .unwrap_or(0)
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

    /// Whether each name, looked up by its probe keys, finds the other stored by its index keys.
    fn findable(a: &str, b: &str) -> bool {
        let meets = |probe: &str, stored: &str| {
            let stored = index_keys(stored);
            probe_keys(probe).iter().any(|k| stored.contains(k))
        };
        meets(a, b) && meets(b, a)
    }

    fn matched(a: &str, b: &str) -> bool {
        compare_names(a, b) != NameMatch::Different
    }

    #[test]
    fn keys_cover_the_first_word_its_typos_run_together_words_and_what_follows() {
        assert_eq!(index_keys(""), Vec::<String>::new());
        assert_eq!(probe_keys(""), Vec::<String>::new());
        // Four letters may be "acmes" with a letter lost: one deletion.
        assert_eq!(
            index_keys("acme"),
            ["=acme", "ace $", "acm $", "acme !", "acme $", "ame $"]
        );
        assert_eq!(
            probe_keys("acme"),
            ["^acme", "ace $", "acm $", "acme $", "acme *", "ame $"]
        );
        assert_eq!(
            index_keys("stark cloud"),
            [
                "^sc",
                "sark c",
                "stak c",
                "star c",
                "stark *",
                "stark c",
                "starkclo $",
                "strk c"
            ]
        );
        assert_eq!(
            probe_keys("stark cloud"),
            [
                "=sc",
                "sark c",
                "stak c",
                "star c",
                "stark !",
                "stark c",
                "starkclo $",
                "strk c"
            ]
        );
        // A descriptor may be left out: "Stark Industries" is "Stark".
        assert!(index_keys("stark industrie").contains(&"stark $".to_owned()));
        assert!(index_keys("acme international cloud").contains(&"acme c".to_owned()));
        // A plain word is nobody's short form, so its probe does not read every name it starts.
        assert!(!probe_keys("first").contains(&"first *".to_owned()));
    }

    #[test]
    fn matching_names_are_found_either_way() {
        for (a, b) in [
            ("Stark Industries", "Stark Industires"),
            ("Microsoft", "Microsfot"),
            ("Microsoft", "Mcrosoft"),
            ("Globex", "Globex International"),
            ("Datadog", "Data Dog"),
            (
                "International Businesse Machines",
                "Internatoinal Business Machines",
            ),
            ("Xyzies Data", "Xyzy Data"),
            // Two typos in nine letters.
            ("Gallagher Textiles", "Gallaghherr Textiles"),
            // Short forms, initials, inverted names.
            ("Velora", "Velora Communications Group"),
            ("Velora Comms", "Velora Global Communications Media"),
            ("IBX", "International Business Xchange"),
            ("Berkeley (W.R.)", "W.R. Berkeley Corp"),
        ] {
            let (a, b) = (name_key(a), name_key(b));
            assert!(matched(&a, &b), "{a} / {b} should match");
            assert!(findable(&a, &b), "{a} / {b} are not found");
        }
    }

    fn labeled_names(file: &'static str, skip: usize) -> impl Iterator<Item = (String, String)> {
        file.lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .map(move |line| {
                let fields: Vec<&str> = line.split('\t').skip(skip).collect();
                (name_key(fields[0]), name_key(fields[1]))
            })
    }

    #[test]
    fn every_labeled_match_is_found_either_way() {
        let known = labeled_names(include_str!("company/company_pairs.tsv"), 1);
        let generated = labeled_names(include_str!("company/labeled_pairs.tsv"), 2);
        for (a, b) in known.chain(generated) {
            if matched(&a, &b) {
                assert!(findable(&a, &b), "{a} / {b} are not found");
            }
        }
    }

    /// The keys every stored account and registration was given. A change here without a
    /// bump of `MATCHING_VERSION` would leave stored keys that new ones no longer meet.
    #[test]
    fn fingerprint_changes_only_with_the_version() {
        let mut hash = Sha256::new();
        let files = [
            include_str!("company/company_pairs.tsv"),
            include_str!("company/labeled_pairs.tsv"),
        ];
        // Comment lines are left out: a header's wording is not matching.
        let pairs = files.iter().flat_map(|f| f.lines());
        for line in pairs.filter(|l| !l.starts_with('#')) {
            for field in line.split('\t') {
                let key = name_key(field);
                hash.update(key.as_bytes());
                hash.update(index_keys(&key).join(",").as_bytes());
                hash.update(probe_keys(&key).join(",").as_bytes());
                hash.update(registrable_domain(field).unwrap_or_default().as_bytes());
            }
        }
        let fingerprint = hex::encode(hash.finalize());
        assert_eq!(
            (MATCHING_VERSION, &fingerprint[..16]),
            (3, "570fac73e7423b0f"),
            "matching changed: bump MATCHING_VERSION and record the new fingerprint"
        );
    }

    /// Words that pair in every way the comparison knows: typos, run together, descriptors,
    /// short forms and initials.
    #[rustfmt::skip]
    const LOOK_ALIKE: &[&str] = &[
        "acme", "acne", "globex", "glebex", "globexs", "data", "dog", "datadog", "datadgo",
        "international", "north", "america", "group", "holding", "cloud", "cloudbank", "bank",
        "industries", "industry", "stark", "starck", "software", "lab", "the", "and", "inc",
        "northwind", "nothwind", "traders", "trader", "microsoft", "micro", "soft", "ibc", "ic",
        "sdn", "gcd", "first", "velora", "comms", "communications", "cl", "a", "corp", "new",
        "(henry)", "henry", "schmidt", "ohio", "cos", "companies",
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
        fn names_a_typo_apart_are_found(
            (a, b) in typo_pair(),
            rest in proptest::sample::select(vec!["", " data", " industrie", " international", " cloud bank"]),
            extra in proptest::sample::select(vec!["", " international", " north america", " group holding", " datax"]),
        ) {
            let (a, b) = (format!("{a}{rest}"), format!("{b}{extra}{rest}"));
            if matched(&a, &b) {
                prop_assert!(findable(&a, &b), "{} / {}", a, b);
            }
        }

        #[test]
        fn names_of_look_alike_words_that_match_are_found(
            a in proptest::collection::vec(proptest::sample::select(LOOK_ALIKE.to_vec()), 1..6),
            b in proptest::collection::vec(proptest::sample::select(LOOK_ALIKE.to_vec()), 1..6),
        ) {
            let (a, b) = (name_key(&a.join(" ")), name_key(&b.join(" ")));
            if matched(&a, &b) {
                prop_assert!(findable(&a, &b), "{} / {}", a, b);
            }
        }

        #[test]
        fn run_together_names_are_found(words in proptest::collection::vec("[a-z]{2,6}", 2..4)) {
            let (spaced, joined) = (words.join(" "), words.concat());
            if matched(&spaced, &joined) {
                prop_assert!(findable(&spaced, &joined), "{} / {}", spaced, joined);
            }
        }

        #[test]
        fn short_forms_are_found(
            short in proptest::collection::vec("[a-z]{3,9}", 1..3),
            inserted in proptest::collection::vec("[a-z]{3,9}", 0..2),
            descriptor in proptest::sample::select(vec!["", "global ", "north america "]),
            tail in proptest::collection::vec("[a-z]{3,9}", 1..3),
        ) {
            // The short form's words in order, with a descriptor after the first and other
            // words after the second or at the end.
            let mut long = vec![short[0].clone()];
            long.extend(descriptor.split_whitespace().map(str::to_owned));
            long.extend(short[1..].iter().cloned());
            long.extend(inserted);
            long.extend(tail);
            let (a, b) = (name_key(&short.join(" ")), name_key(&long.join(" ")));
            if matched(&a, &b) {
                prop_assert!(findable(&a, &b), "{} / {}", a, b);
            }
        }

        #[test]
        fn initials_are_found(words in proptest::collection::vec("[a-z]{3,9}", 2..6)) {
            let long = name_key(&words.join(" "));
            let short: String = long.split(' ').filter_map(|w| w.chars().next()).collect();
            if matched(&short, &long) {
                prop_assert!(findable(&short, &long), "{} / {}", short, long);
            }
        }
    }
}
