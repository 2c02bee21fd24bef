//! Precision and recall on the labeled set (`labeled_pairs.tsv`), class by class, beside a
//! common fuzzy-matching baseline computed in the same run: token-set ratio of 85 or more over
//! cleaned names. Run with `--nocapture` to see the table.

use std::collections::{BTreeMap, BTreeSet};

use super::{NameMatch, compare_names, name_key};

struct Labeled {
    class: &'static str,
    same: bool,
    a: &'static str,
    b: &'static str,
}

fn labeled() -> Vec<Labeled> {
    include_str!("labeled_pairs.tsv")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(|line| {
            let fields: Vec<&'static str> = line.split('\t').collect();
            let [class, label, a, b] = fields[..] else {
                panic!("malformed line {line:?}");
            };
            Labeled {
                class,
                same: label == "same",
                a,
                b,
            }
        })
        .collect()
}

/// What each matcher found for one class.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    pairs: u32,
    /// Any finding, `possible` included.
    matched: u32,
    /// `same name` or `strong` findings.
    strong: u32,
    baseline: u32,
}

/// Precision and recall from per-class tallies; `pick` chooses the matcher.
fn precision_recall(
    classes: &BTreeMap<&str, (bool, Tally)>,
    pick: fn(&Tally) -> u32,
) -> (f64, f64) {
    let (mut found, mut wrong, mut positives) = (0, 0, 0);
    for (same, tally) in classes.values() {
        if *same {
            found += pick(tally);
            positives += tally.pairs;
        } else {
            wrong += pick(tally);
        }
    }
    let precision = f64::from(found) / f64::from((found + wrong).max(1));
    (precision, f64::from(found) / f64::from(positives.max(1)))
}

#[test]
fn the_matcher_finds_the_labeled_variants_and_keeps_different_companies_apart() {
    let mut classes: BTreeMap<&str, (bool, Tally)> = BTreeMap::new();
    let mut wrong = Vec::new();
    for pair in labeled() {
        let found = compare_names(&name_key(pair.a), &name_key(pair.b));
        let baseline = token_set_ratio(&clean(pair.a), &clean(pair.b)) >= 85.0;
        let (_, tally) = classes
            .entry(pair.class)
            .or_insert((pair.same, Tally::default()));
        tally.pairs += 1;
        tally.matched += u32::from(found.is_match());
        tally.strong += u32::from(matches!(found, NameMatch::Same | NameMatch::Strong(_)));
        tally.baseline += u32::from(baseline);
        if found.is_match() != pair.same {
            wrong.push(format!(
                "{}: {} / {} ({found:?})",
                pair.class, pair.a, pair.b
            ));
        }
    }
    println!(
        "{:<26} {:>6} {:>9} {:>9} {:>9}",
        "class", "pairs", "any", "strong", "baseline"
    );
    for (class, (same, t)) in &classes {
        let share = |n: u32| 100.0 * f64::from(n) / f64::from(t.pairs);
        let what = if *same { "found" } else { "joined" };
        println!(
            "{class:<26} {:>6} {:>8.1}% {:>8.1}% {:>8.1}%  ({what})",
            t.pairs,
            share(t.matched),
            share(t.strong),
            share(t.baseline)
        );
    }
    let (precision, recall) = precision_recall(&classes, |t| t.matched);
    let (strong_precision, strong_recall) = precision_recall(&classes, |t| t.strong);
    let (base_precision, base_recall) = precision_recall(&classes, |t| t.baseline);
    println!("matcher, any finding:     precision {precision:.4}, recall {recall:.4}");
    println!(
        "matcher, strong or same:  precision {strong_precision:.4}, recall {strong_recall:.4}"
    );
    println!("baseline (token set 85):  precision {base_precision:.4}, recall {base_recall:.4}");
    for line in &wrong {
        println!("  wrong: {line}");
    }
    assert!(recall >= 0.97, "recall {recall}");
    assert!(precision >= 0.99, "precision {precision}");
    for (class, (same, t)) in &classes {
        let share = f64::from(t.matched) / f64::from(t.pairs);
        if *same {
            assert!(share >= 0.9, "{class}: found {share}");
        } else {
            assert!(share <= 0.02, "{class}: joined {share}");
        }
    }
}

/// The older hand-made file of real company names (`company_pairs.tsv`). Some of its different
/// companies are one the other's short form ("Amazon" and "Amazon Lumber"): those draw a
/// `possible` finding by design, so precision is asked of the strong matches.
#[test]
fn known_company_pairs_are_matched_and_only_short_forms_joined() {
    let (mut any, mut strong, mut positives) = ((0, 0), (0, 0), 0);
    let pairs = include_str!("company_pairs.tsv")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty());
    for line in pairs {
        let fields: Vec<&str> = line.split('\t').collect();
        let [label, a, b] = fields[..] else {
            panic!("malformed line {line:?}");
        };
        let same = label == "same";
        let found = compare_names(&name_key(a), &name_key(b));
        let is_strong = matches!(found, NameMatch::Same | NameMatch::Strong(_));
        positives += u32::from(same);
        for (tally, hit) in [(&mut any, found.is_match()), (&mut strong, is_strong)] {
            match (same, hit) {
                (true, true) => tally.0 += 1,
                (false, true) => tally.1 += 1,
                _ => {}
            }
        }
        if found.is_match() != same {
            println!(
                "  {}: {a} / {b} ({found:?})",
                if same { "missed" } else { "joined" }
            );
        }
    }
    let rates = |(found, wrong): (u32, u32)| {
        let precision = f64::from(found) / f64::from((found + wrong).max(1));
        (precision, f64::from(found) / f64::from(positives))
    };
    let ((precision, recall), (strong_precision, strong_recall)) = (rates(any), rates(strong));
    println!("any finding: precision {precision:.3}, recall {recall:.3}");
    println!("strong or same: precision {strong_precision:.3}, recall {strong_recall:.3}");
    assert!(recall >= 0.95, "recall {recall}");
    assert!(strong_precision >= 0.98, "precision {strong_precision}");
}

/// The baseline's cleaning: lower-case ASCII words without punctuation or legal forms.
fn clean(name: &str) -> Vec<String> {
    const DROPPED: &[&str] = &[
        "the",
        "and",
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "companies",
        "ltd",
        "limited",
        "llc",
        "plc",
        "lp",
    ];
    deunicode::deunicode(name)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !DROPPED.contains(w))
        .map(str::to_owned)
        .collect()
}

/// RapidFuzz's `token_set_ratio`: the best Indel similarity among the sorted shared words, and
/// them followed by either name's other words; 100 when one name's words contain the other's.
fn token_set_ratio(a: &[String], b: &[String]) -> f64 {
    let a: BTreeSet<&str> = a.iter().map(String::as_str).collect();
    let b: BTreeSet<&str> = b.iter().map(String::as_str).collect();
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared: Vec<&str> = a.intersection(&b).copied().collect();
    let only_a: Vec<&str> = a.difference(&b).copied().collect();
    let only_b: Vec<&str> = b.difference(&a).copied().collect();
    if !shared.is_empty() && (only_a.is_empty() || only_b.is_empty()) {
        return 100.0;
    }
    let (diff_a, diff_b) = (only_a.join(" "), only_b.join(" "));
    let sect = shared.join(" ").len();
    let joiner = usize::from(sect > 0);
    let (sect_a, sect_b) = (sect + joiner + diff_a.len(), sect + joiner + diff_b.len());
    let normalized = |distance: usize, total: usize| {
        if total == 0 {
            100.0
        } else {
            100.0 - 100.0 * distance as f64 / total as f64
        }
    };
    let diffs = normalized(indel_distance(&diff_a, &diff_b), sect_a + sect_b);
    if sect == 0 {
        return diffs;
    }
    let with_a = normalized(joiner + diff_a.len(), sect + sect_a);
    let with_b = normalized(joiner + diff_b.len(), sect + sect_b);
    diffs.max(with_a).max(with_b)
}

/// Insertions and deletions that turn one string into the other.
fn indel_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    a.len() + b.len() - 2 * row[b.len()]
}

#[test]
fn the_baseline_is_rapidfuzz_token_set_ratio() {
    let ratio = |a: &str, b: &str| token_set_ratio(&clean(a), &clean(b));
    // Figures RapidFuzz 3 gives for the same cleaned words.
    assert_eq!(ratio("Acme Cloud", "Acme"), 100.0);
    assert_eq!(ratio("fuzzy was a bear", "fuzzy fuzzy was a bear"), 100.0);
    assert_eq!(ratio("Acme Cloud", "Acme Bank"), 61.53846153846154);
    assert_eq!(
        ratio("Globex Intl", "Globex International"),
        70.96774193548387
    );
    assert_eq!(ratio("Stark", "Bank"), 44.44444444444444);
    assert_eq!(ratio("Kitten", "Sitting"), 61.53846153846154);
    assert_eq!(indel_distance("kitten", "sitting"), 5);
}
