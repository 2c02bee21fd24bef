//! Whether two name keys name one company: the same key, a strong match (the same words up to
//! typos, run-together words and one descriptor, "Globex Intl" ~ "Globex International"), a
//! possible one (one name the short form or the initials of the other, "Velora" ~ "Velora
//! Communications", "IBX" ~ "International Business Xchange"), or different companies that
//! share a word ("Acme Cloud" vs "Acme Bank").

use super::normalize::singular;
use super::vocabulary::{DESCRIPTORS, is_descriptor, is_distinctive};

/// How alike two name keys are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NameMatch {
    Same,
    /// The same words up to typos, run-together words or one descriptor; with the names'
    /// similarity from 0 to 1.
    Strong(f64),
    /// One name is the other's short form or initials, never more than that on its own; with
    /// the names' similarity from 0 to 1.
    Possible(f64),
    Different,
}

impl NameMatch {
    pub fn is_match(self) -> bool {
        self != NameMatch::Different
    }
}

/// Initials say little about how alike the names are otherwise.
const INITIALS_SIMILARITY: f64 = 0.5;

/// Names match when their words pair up in order, equal or a typo apart, with at most one
/// descriptive word ("International") left over; weak evidence (typos, the extra word) must be
/// outweighed by words that agree exactly. Short of that, a name may be the other's short form
/// (its words all found, in order, in the other) or its initials.
pub fn compare_names(a_key: &str, b_key: &str) -> NameMatch {
    if a_key.is_empty() || b_key.is_empty() {
        return NameMatch::Different;
    }
    if a_key == b_key {
        return NameMatch::Same;
    }
    if is_initialism(a_key, b_key) || is_initialism(b_key, a_key) {
        return NameMatch::Possible(INITIALS_SIMILARITY);
    }
    // Every match starts with the first letters agreeing: a cheap way out of the 10,000-key
    // scan.
    let shorter = a_key.len().min(b_key.len());
    if shorter < 3 || a_key.as_bytes()[0] != b_key.as_bytes()[0] {
        return NameMatch::Different;
    }
    let a: Vec<&str> = a_key.split_whitespace().collect();
    let b: Vec<&str> = b_key.split_whitespace().collect();
    if a.len().max(b.len()) > MAX_WORDS {
        return NameMatch::Different;
    }
    let similarity = || strsim::jaro_winkler(a_key, b_key);
    // Short names collide by chance ("Meta" vs "Metal"): they can only be a short form.
    let aligned = (shorter > 4).then(|| align(&a, &b, true, true)).flatten();
    match aligned {
        Some(tally) if tally.convincing() => NameMatch::Strong(similarity()),
        _ if contained(&a, &b) || contained(&b, &a) => NameMatch::Possible(similarity()),
        _ => NameMatch::Different,
    }
}

/// Longer "names" are not names; the limit keeps the word pairing's recursion shallow.
const MAX_WORDS: usize = 32;

/// How long a name written as initials is ("GE", "IBX", "ADP").
pub(crate) const INITIALS: std::ops::RangeInclusive<usize> = 2..=5;

/// The initials of a key of as many words as initials may be long, as `name_key` would write
/// them ("qtms" loses its `s` like a plural).
pub(crate) fn initials_of(key: &str) -> Option<String> {
    let words: Vec<&str> = key.split_whitespace().collect();
    INITIALS.contains(&words.len()).then(|| {
        let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
        singular(&initials).to_owned()
    })
}

/// A key that may be initials: one word of two to five letters.
pub(crate) fn may_be_initials(key: &str) -> bool {
    INITIALS.contains(&key.len()) && key.bytes().all(|b| b.is_ascii_lowercase())
}

/// "ibx" and "international business xchange".
fn is_initialism(short: &str, long: &str) -> bool {
    may_be_initials(short) && initials_of(long).is_some_and(|i| i == short)
}

/// Whether `short`'s words are all in `long`, in order: the same first word, the second
/// following it (or one descriptor after it, as the blocking keys expect), typos outweighed by
/// words that agree, and at least one word that is not a common one ("First" is not the short
/// form of "First Solar").
fn contained(short: &[&str], long: &[&str]) -> bool {
    if short.len() >= long.len() || short[0] != long[0] {
        return false;
    }
    let (rest, tail) = (&short[1..], &long[1..]);
    let in_order = match rest.first() {
        None => true,
        Some(next) => descriptor_lengths(tail).any(|skip| {
            let tail = &tail[skip..];
            let Some(first) = tail.first() else {
                return false;
            };
            let paired = match word_match(next, first) {
                WordMatch::Equal => 1,
                WordMatch::Typo => 0,
                WordMatch::Different => return false,
            };
            // Each of `short`'s words pairs once; typos at most the exact words less one.
            embedded_exactly(&rest[1..], &tail[1..])
                .is_some_and(|exact| 2 * (1 + paired + exact) > short.len() as i32)
        }),
    };
    in_order && short.iter().any(|w| is_distinctive(w))
}

/// 0, and the length of each descriptor phrase `words` starts with.
fn descriptor_lengths<'a>(words: &'a [&str]) -> impl Iterator<Item = usize> + 'a {
    let descriptors = DESCRIPTORS
        .iter()
        .filter(move |d| d.len() <= words.len() && d.iter().zip(words).all(|(d, w)| d == w))
        .map(|d| d.len());
    std::iter::once(0).chain(descriptors)
}

/// The most words of `short` that pair exactly when all of them pair, in order, with words of
/// `long` (the others a typo apart); `None` when they cannot all pair.
fn embedded_exactly(short: &[&str], long: &[&str]) -> Option<i32> {
    // best[i][j]: the answer for short[i..] in long[j..].
    let mut best = vec![vec![None; long.len() + 1]; short.len() + 1];
    best[short.len()] = vec![Some(0); long.len() + 1];
    for i in (0..short.len()).rev() {
        for j in (0..long.len()).rev() {
            let skip = best[i][j + 1];
            let pair = match word_match(short[i], long[j]) {
                WordMatch::Equal => best[i + 1][j + 1].map(|n| n + 1),
                WordMatch::Typo => best[i + 1][j + 1],
                WordMatch::Different => None,
            };
            best[i][j] = skip.max(pair);
        }
    }
    best[0][0]
}

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
    let n = descriptor_lengths(a).max().filter(|&n| n > 0)?;
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordMatch {
    Equal,
    Typo,
    Different,
}

/// Equal (or the same word in another form: "xyzie"/"xyzy"), or a typo apart: one edit in
/// words of five to eight letters, two from nine. The longer word says what was meant: "diry"
/// is "dairy" with a letter lost.
fn word_match(a: &str, b: &str) -> WordMatch {
    if a == b || ie_is_y(a, b) || ie_is_y(b, a) {
        return WordMatch::Equal;
    }
    let allowed = typo_budget(a.len().max(b.len()));
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
        5..=8 => 1,
        _ => 2,
    }
}

/// "xyzie" (what the plural rule leaves of "xyzies") and "xyzy" are one word.
fn ie_is_y(a: &str, b: &str) -> bool {
    match (a.strip_suffix("ie"), b.strip_suffix('y')) {
        (Some(a), Some(b)) => a.len() > 2 && a == b,
        _ => false,
    }
}
