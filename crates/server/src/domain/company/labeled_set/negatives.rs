//! Hard negatives: pairs of different companies whose names look alike.

use super::variations::initialism;
use super::words::{BRANDS, CITIES, COMMON, GIVEN, LOOK_ALIKES, SURNAMES, TRADES};
use super::{Rng, legal, shout};

pub(super) fn two_of<'a>(rng: &mut Rng, words: &[&'a str]) -> (&'a str, &'a str) {
    let first = rng.pick(words);
    loop {
        let second = rng.pick(words);
        if second != first {
            return (first, second);
        }
    }
}

pub(super) fn distinguishing_word(rng: &mut Rng) -> (String, String) {
    let head = if rng.chance(60) {
        rng.pick(BRANDS)
    } else {
        rng.pick(COMMON)
    };
    let (x, y) = two_of(rng, TRADES);
    let a = format!("{head} {x}");
    let b = format!("{head} {y} {}", legal(rng));
    (a, shout(rng, b))
}

pub(super) fn place(rng: &mut Rng) -> (String, String) {
    let (x, y) = two_of(rng, CITIES);
    let pattern = rng.pick(&[
        "First National Bank of {}",
        "Bank of {}",
        "{} Power & Light",
        "{} Savings Bank",
        "Community Trust of {}",
        "{} Gas & Electric Co",
    ]);
    (pattern.replace("{}", x), pattern.replace("{}", y))
}

pub(super) fn look_alike(rng: &mut Rng) -> (String, String) {
    let (x, y) = LOOK_ALIKES[rng.below(LOOK_ALIKES.len())];
    let head = if rng.chance(50) {
        rng.pick(COMMON)
    } else {
        rng.pick(BRANDS)
    };
    (format!("{head} {x}"), format!("{head} {y} {}", legal(rng)))
}

pub(super) fn people(rng: &mut Rng) -> (String, String) {
    let given = rng.pick(GIVEN);
    let (x, y) = two_of(rng, SURNAMES);
    match rng.below(3) {
        0 => (format!("{given} {x}"), format!("{given} {y}")),
        1 => (format!("{x} & Sons"), format!("{y} & Sons")),
        _ => (format!("{x} ({given})"), format!("{given} {y}")),
    }
}

/// A short name against a longer one whose initials differ in one letter.
pub(super) fn initials_differ(rng: &mut Rng) -> (String, String) {
    let (mut short, long) = initialism(rng);
    let first = short.remove(0);
    let other = if first == 'Q' { 'Z' } else { 'Q' };
    (format!("{other}{short}"), long)
}

pub(super) fn numbered(rng: &mut Rng) -> (String, String) {
    let brand = rng.pick(BRANDS);
    let (x, y) = two_of(
        rng,
        &["I", "II", "III", "IV", "V", "VI", "2", "3", "4", "5"],
    );
    let kind = rng.pick(&["Fund", "Trust", "Partners", "Capital Fund"]);
    (
        format!("{brand} {kind} {x} LP"),
        format!("{brand} {kind} {y} LP"),
    )
}
