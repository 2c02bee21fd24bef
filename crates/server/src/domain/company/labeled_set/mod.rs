//! The labeled set the matcher is measured on (`labeled_pairs.tsv`): made-up company names
//! written the ways official lists write one company over the years, one class per kind of
//! variation, and hard negatives, different companies with similar names. Generated from word
//! lists by a fixed-seed generator, so the file can be read and reviewed, and
//! `the_labeled_file_is_what_the_generator_makes` keeps the two in step
//! (`PORTICO_WRITE_LABELED_SET=1` writes the file again after a change here).

use std::collections::BTreeSet;

mod words;

use words::{
    ABBREVIATED, BRANDS, CITIES, COMMON, COMPOUNDS, DESCRIPTIVE, GIVEN, INITIALED, LEADING, LEGAL,
    LOOK_ALIKES, STATES, SURNAMES, TRADES,
};

/// One labeled pair: its class, whether both name one company, and the two names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub class: &'static str,
    pub same: bool,
    pub a: String,
    pub b: String,
}

/// splitmix64: a few lines, and the same numbers on every platform and every version.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// A class of pairs: its name, how many, and what makes one.
type Class = (&'static str, usize, fn(&mut Rng) -> (String, String));

/// The set: every class of variation, then the hard negatives.
pub fn generate() -> Vec<Pair> {
    let mut rng = Rng(0x5eed_2026);
    let mut pairs = Vec::new();
    let classes: &[Class] = &[
        ("legal_form_and_case", 100, legal_form_and_case),
        ("trailing_article", 150, trailing_article),
        ("companies_cos", 150, companies_cos),
        ("share_class_listing", 200, share_class_listing),
        ("short_long", 200, short_long),
        ("abbreviation", 250, abbreviation),
        ("initialism", 120, initialism),
        ("inverted", 150, inverted),
        ("split_joined", 150, split_joined),
        ("punctuation_after_legal", 120, punctuation_after_legal),
        ("typo", 200, typo),
    ];
    for &(class, count, make) in classes {
        add(&mut pairs, &mut rng, class, true, count, make);
    }
    let negatives: &[Class] = &[
        ("neg_distinguishing_word", 130, distinguishing_word),
        ("neg_place", 70, place),
        ("neg_look_alike", 80, look_alike),
        ("neg_people", 50, people),
        ("neg_initials", 40, initials_differ),
        ("neg_numbered", 30, numbered),
    ];
    for &(class, count, make) in negatives {
        add(&mut pairs, &mut rng, class, false, count, make);
    }
    pairs
}

/// `count` distinct pairs of a class; a generator that repeats itself is retried.
fn add(
    pairs: &mut Vec<Pair>,
    rng: &mut Rng,
    class: &'static str,
    same: bool,
    count: usize,
    make: fn(&mut Rng) -> (String, String),
) {
    let mut seen = BTreeSet::new();
    while seen.len() < count {
        let (a, b) = make(rng);
        if a != b && seen.insert((a.clone(), b.clone())) {
            pairs.push(Pair { class, same, a, b });
        }
    }
}

/// Official lists often write names in capitals.
fn shout(rng: &mut Rng, name: String) -> String {
    if rng.chance(30) {
        name.to_uppercase()
    } else {
        name
    }
}

fn legal(rng: &mut Rng) -> &'static str {
    rng.pick(LEGAL)
}

/// A name without a legal form: a brand, a common word, a city or a surname with a trade.
fn base(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => rng.pick(BRANDS).to_owned(),
        1 => format!("{} {}", rng.pick(BRANDS), rng.pick(TRADES)),
        2 => format!("{} {}", rng.pick(COMMON), rng.pick(TRADES)),
        3 => format!("{} {}", rng.pick(CITIES), rng.pick(TRADES)),
        _ => format!("{} {}", rng.pick(SURNAMES), rng.pick(TRADES)),
    }
}

fn legal_form_and_case(rng: &mut Rng) -> (String, String) {
    let name = base(rng);
    let a = format!("{name} {}", legal(rng));
    let b = match rng.below(3) {
        0 => format!("{} {}", name.to_uppercase(), legal(rng).to_uppercase()),
        1 => format!("{name}, {}", legal(rng)),
        _ => name.clone(),
    };
    (a, b)
}

fn trailing_article(rng: &mut Rng) -> (String, String) {
    let name = base(rng);
    let form = legal(rng);
    let a = match rng.below(4) {
        0 => format!("{name} {form} (The)"),
        1 => format!("{name}, The"),
        2 => format!("{name} {form}, The"),
        _ => format!("{name} (The)"),
    };
    let b = match rng.below(3) {
        0 => format!("The {name} {}", legal(rng)),
        1 => format!("The {name}"),
        _ => name,
    };
    (shout(rng, a), b)
}

fn companies_cos(rng: &mut Rng) -> (String, String) {
    let name = base(rng);
    let a = match rng.below(5) {
        0 => format!("{name} Cos."),
        1 => format!("{name} Cos"),
        2 => format!("{name} Cos Inc"),
        3 => format!("{name} Cos., Inc."),
        _ => format!("{name} Companies, Inc."),
    };
    let b = match rng.below(3) {
        0 => format!("{name} Companies"),
        1 => format!("The {name} Companies"),
        _ => format!("{name} Companies Inc"),
    };
    (shout(rng, a), b)
}

fn share_class_listing(rng: &mut Rng) -> (String, String) {
    let name = base(rng);
    let form = rng.pick(&["Inc", "Corp", "Co", "Ltd", "Corporation", "Inc."]);
    let class = rng.pick(&["A", "B", "C"]);
    let a = match rng.below(12) {
        0 => format!("{name} {form} (Class {class})"),
        1 => format!("{name} Cl {class}"),
        2 => format!("{name} {form} Cl {class}"),
        3 => format!("{name} {form} Class {class}"),
        4 => format!("{name} {form}-{class}"),
        5 => format!("{name} {class} {form}"),
        6 => format!("{name} (New)"),
        7 => format!("{name} {form} (New)"),
        8 => format!("{name} Ltd (Ord)"),
        9 => format!("{name} {form}, {}", rng.pick(STATES)),
        10 => format!("{name} {form} New"),
        _ => format!("{name} {form} (Class {class}) (New)"),
    };
    let b = if rng.chance(50) {
        format!("{name} {}", legal(rng))
    } else {
        name
    };
    (shout(rng, a), b)
}

fn short_long(rng: &mut Rng) -> (String, String) {
    let brand = rng.pick(BRANDS);
    let trade = rng.pick(TRADES);
    let (short, long) = match rng.below(5) {
        0 => (brand.to_owned(), format!("{brand} {trade} {}", legal(rng))),
        1 => (
            format!("{brand} {}", legal(rng)),
            format!("{brand} {trade}"),
        ),
        2 => (
            brand.to_owned(),
            format!("{brand} {trade} {}", rng.pick(DESCRIPTIVE)),
        ),
        3 => (
            format!("{brand} {trade}"),
            format!("{brand} {trade} {} {}", rng.pick(TRADES), legal(rng)),
        ),
        _ => (
            format!("The {brand} Company"),
            format!("{brand} {trade} Company"),
        ),
    };
    (short, shout(rng, long))
}

fn abbreviation(rng: &mut Rng) -> (String, String) {
    let (full, short) = ABBREVIATED[rng.below(ABBREVIATED.len())];
    let short = rng.pick(short);
    let head = if rng.chance(50) {
        rng.pick(BRANDS)
    } else {
        rng.pick(SURNAMES)
    };
    let (a, b) = match rng.below(4) {
        0 => (format!("{head} {full}"), format!("{head} {short}")),
        1 => {
            let trade = rng.pick(TRADES);
            (
                format!("{head} {full} {trade}"),
                format!("{head} {short} {trade}"),
            )
        }
        2 => {
            // A second abbreviation in the same name.
            let (full2, short2) = loop {
                let other = ABBREVIATED[rng.below(ABBREVIATED.len())];
                if other.0 != full {
                    break other;
                }
            };
            let short2 = rng.pick(short2);
            (
                format!("{head} {full} {full2}"),
                format!("{head} {short} {short2}"),
            )
        }
        // Only some of these words start a name ("American Kestrel").
        _ if LEADING.contains(&full) => (format!("{full} {head}"), format!("{short} {head}")),
        _ => (format!("{head} {full}"), format!("{head} {short}")),
    };
    let form = legal(rng);
    (format!("{a} {form}"), shout(rng, format!("{b} {form}")))
}

fn initialism(rng: &mut Rng) -> (String, String) {
    let n = 2 + rng.below(3);
    let mut words: Vec<&str> = Vec::new();
    while words.len() < n {
        let word = rng.pick(INITIALED);
        if !words.contains(&word) {
            words.push(word);
        }
    }
    let initials: String = words.iter().map(|w| &w[..1]).collect();
    let long = if rng.chance(50) {
        format!("{} {}", words.join(" "), legal(rng))
    } else {
        words.join(" ")
    };
    let short = if rng.chance(30) {
        format!("{initials} {}", legal(rng))
    } else {
        initials
    };
    (short, long)
}

fn inverted(rng: &mut Rng) -> (String, String) {
    let surname = rng.pick(SURNAMES);
    let given = rng.pick(GIVEN);
    let initials = format!(
        "{}.{}.",
        rng.pick(&["W", "R", "J", "A", "H", "T", "C"]),
        rng.pick(&["R", "E", "B", "L", "M", "S"])
    );
    let form = legal(rng);
    match rng.below(5) {
        0 => (format!("{surname} ({given})"), format!("{given} {surname}")),
        1 => (
            format!("{surname} ({initials})"),
            format!("{initials} {surname} {form}"),
        ),
        2 => (
            format!("{surname} ({initials}) {form}"),
            format!("{} {surname}", initials.replace('.', ". ").trim_end()),
        ),
        3 => (
            shout(rng, format!("{surname} ({given}) {form}")),
            format!("{given} {surname} {form}"),
        ),
        _ => {
            let trade = rng.pick(TRADES);
            (
                format!("{surname} ({given}) {trade}"),
                format!("{given} {surname} {trade}"),
            )
        }
    }
}

fn split_joined(rng: &mut Rng) -> (String, String) {
    let (x, y) = COMPOUNDS[rng.below(COMPOUNDS.len())];
    let trade = rng.pick(TRADES);
    let joined = if rng.chance(50) {
        format!("{x}{y}")
    } else {
        format!("{x}{}", y.to_lowercase())
    };
    let form = legal(rng);
    match rng.below(4) {
        0 => (
            format!("{x} {y} {trade}"),
            format!("{joined} {trade} {form}"),
        ),
        1 => (format!("{x} {y}"), format!("{joined} {form}")),
        2 => {
            let brand = rng.pick(BRANDS);
            (
                format!("{brand} {x} {y} {trade}"),
                format!("{brand} {joined} {trade}"),
            )
        }
        _ => {
            let brand = rng.pick(BRANDS);
            let parts = rng.pick(&["Group Companies", "Group Holdings", "Holdings Group"]);
            (
                format!("{brand} {}", parts.replace(' ', "")),
                format!("{brand} {parts}"),
            )
        }
    }
}

fn punctuation_after_legal(rng: &mut Rng) -> (String, String) {
    let name = base(rng);
    let state = rng.pick(&["Ohio", "DE", "De", "NY", "Del", "Md", "Pa"]);
    let a = match rng.below(6) {
        0 => format!("{name} Corp,{state}"),
        1 => format!("{name} Corp.({state})"),
        2 => format!("{name} Inc.-{state}"),
        3 => format!("{name} Co.,Ltd."),
        4 => format!("{name} Inc /{state}/"),
        _ => format!("{name} Ltd.,{state}"),
    };
    let b = if rng.chance(50) {
        format!("{name} {}", legal(rng))
    } else {
        name
    };
    (shout(rng, a), b)
}

/// One edit in words of five to eight letters, two in longer ones: a letter dropped,
/// doubled, swapped with the next or replaced by a neighbour on the keyboard.
fn typo(rng: &mut Rng) -> (String, String) {
    let name = match rng.below(3) {
        0 => format!("{} {}", rng.pick(BRANDS), rng.pick(TRADES)),
        1 => format!("{} {}", rng.pick(SURNAMES), rng.pick(TRADES)),
        _ => format!("{} {}", rng.pick(COMMON), rng.pick(TRADES)),
    };
    let words: Vec<&str> = name.split(' ').collect();
    let candidates: Vec<usize> = (0..words.len()).filter(|&i| words[i].len() >= 5).collect();
    let at = candidates[rng.below(candidates.len())];
    let edits = if words[at].len() >= 9 { 2 } else { 1 };
    let mut word: Vec<char> = words[at].chars().collect();
    let mut position = 1 + rng.below(word.len() - 2);
    for _ in 0..edits {
        misspell(rng, &mut word, position);
        // The second typo further on, as people make them.
        position = (position + 2 + rng.below(3)).min(word.len() - 1);
    }
    let typo: String = word.into_iter().collect();
    // Swapping or doubling a letter beside its twin changes nothing: try another.
    if typo == words[at] {
        return self::typo(rng);
    }
    let b = words
        .iter()
        .enumerate()
        .map(|(i, w)| if i == at { typo.as_str() } else { *w })
        .collect::<Vec<_>>()
        .join(" ");
    (format!("{name} {}", legal(rng)), shout(rng, b))
}

fn misspell(rng: &mut Rng, word: &mut Vec<char>, at: usize) {
    const NEIGHBOURS: &str = "qwertyuiopasdfghjklzxcvbnm";
    match rng.below(4) {
        0 => {
            word.remove(at);
        }
        1 => word.insert(at, word[at]),
        2 if at + 1 < word.len() => word.swap(at, at + 1),
        _ => {
            let i = NEIGHBOURS.find(word[at].to_ascii_lowercase()).unwrap_or(0);
            word[at] = NEIGHBOURS.chars().nth((i + 1) % 26).unwrap_or('x');
        }
    }
}

fn two_of<'a>(rng: &mut Rng, words: &[&'a str]) -> (&'a str, &'a str) {
    let first = rng.pick(words);
    loop {
        let second = rng.pick(words);
        if second != first {
            return (first, second);
        }
    }
}

fn distinguishing_word(rng: &mut Rng) -> (String, String) {
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

fn place(rng: &mut Rng) -> (String, String) {
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

fn look_alike(rng: &mut Rng) -> (String, String) {
    let (x, y) = LOOK_ALIKES[rng.below(LOOK_ALIKES.len())];
    let head = if rng.chance(50) {
        rng.pick(COMMON)
    } else {
        rng.pick(BRANDS)
    };
    (format!("{head} {x}"), format!("{head} {y} {}", legal(rng)))
}

fn people(rng: &mut Rng) -> (String, String) {
    let given = rng.pick(GIVEN);
    let (x, y) = two_of(rng, SURNAMES);
    match rng.below(3) {
        0 => (format!("{given} {x}"), format!("{given} {y}")),
        1 => (format!("{x} & Sons"), format!("{y} & Sons")),
        _ => (format!("{x} ({given})"), format!("{given} {y}")),
    }
}

/// A short name against a longer one whose initials differ in one letter.
fn initials_differ(rng: &mut Rng) -> (String, String) {
    let (mut short, long) = initialism(rng);
    let first = short.remove(0);
    let other = if first == 'Q' { 'Z' } else { 'Q' };
    (format!("{other}{short}"), long)
}

fn numbered(rng: &mut Rng) -> (String, String) {
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

/// The file's text: one pair per line, tab-separated class, label and names.
pub fn to_tsv(pairs: &[Pair]) -> String {
    let mut text = String::from(
        "# Generated by labeled_set.rs: class, \"same\" or \"different\", and two names.\n",
    );
    for p in pairs {
        let label = if p.same { "same" } else { "different" };
        text.push_str(&format!("{}\t{label}\t{}\t{}\n", p.class, p.a, p.b));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_labeled_file_is_what_the_generator_makes() {
        let generated = to_tsv(&generate());
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/domain/company/labeled_pairs.tsv"
        );
        if std::env::var_os("PORTICO_WRITE_LABELED_SET").is_some() {
            std::fs::write(path, &generated).unwrap();
        }
        assert!(
            generated == include_str!("../labeled_pairs.tsv"),
            "labeled_pairs.tsv is stale: run this test with PORTICO_WRITE_LABELED_SET=1"
        );
    }

    #[test]
    fn the_set_is_large_with_enough_hard_negatives() {
        let pairs = generate();
        assert!(pairs.len() >= 2_000, "{}", pairs.len());
        assert!(pairs.iter().filter(|p| !p.same).count() >= 300);
    }
}
