//! Pairs that name one company, written two ways: one maker per kind of variation.

use super::words::{
    ABBREVIATED, BRANDS, COMMON, COMPOUNDS, DESCRIPTIVE, GIVEN, INITIALED, LEADING, STATES,
    SURNAMES, TRADES,
};
use super::{Rng, base, legal, shout};

pub(super) fn legal_form_and_case(rng: &mut Rng) -> (String, String) {
    let name = base(rng);
    let a = format!("{name} {}", legal(rng));
    let b = match rng.below(3) {
        0 => format!("{} {}", name.to_uppercase(), legal(rng).to_uppercase()),
        1 => format!("{name}, {}", legal(rng)),
        _ => name.clone(),
    };
    (a, b)
}

pub(super) fn trailing_article(rng: &mut Rng) -> (String, String) {
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

pub(super) fn companies_cos(rng: &mut Rng) -> (String, String) {
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

pub(super) fn share_class_listing(rng: &mut Rng) -> (String, String) {
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

pub(super) fn short_long(rng: &mut Rng) -> (String, String) {
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

pub(super) fn abbreviation(rng: &mut Rng) -> (String, String) {
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

pub(super) fn initialism(rng: &mut Rng) -> (String, String) {
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

pub(super) fn inverted(rng: &mut Rng) -> (String, String) {
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

pub(super) fn split_joined(rng: &mut Rng) -> (String, String) {
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

pub(super) fn punctuation_after_legal(rng: &mut Rng) -> (String, String) {
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
pub(super) fn typo(rng: &mut Rng) -> (String, String) {
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

pub(super) fn misspell(rng: &mut Rng, word: &mut Vec<char>, at: usize) {
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
