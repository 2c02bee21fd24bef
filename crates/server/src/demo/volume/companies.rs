//! Made-up companies built like real ones: an invented brand with an industry word and a
//! legal form, and a website unique to each, the same sequence for the same seed.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const SYLLABLES: [&str; 64] = [
    "ac", "al", "an", "ar", "bel", "bor", "cal", "cor", "dan", "del", "en", "fal", "gar", "hel",
    "in", "jor", "kal", "lor", "mar", "mel", "nor", "ol", "or", "pal", "quin", "ral", "sal", "sor",
    "tal", "tor", "ul", "van", "ver", "wel", "xan", "yor", "zan", "tek", "nix", "vo", "ba", "bi",
    "cu", "di", "fen", "gu", "hax", "ix", "ju", "ky", "lum", "mo", "nu", "ox", "pri", "ru", "sy",
    "tri", "um", "vex", "wy", "yu", "zo", "stra",
];
const INDUSTRIES: [&str; 24] = [
    "Logistics",
    "Health",
    "Software",
    "Foods",
    "Energy",
    "Capital",
    "Robotics",
    "Labs",
    "Analytics",
    "Media",
    "Motors",
    "Pharma",
    "Retail",
    "Systems",
    "Bank",
    "Insurance",
    "Consulting",
    "Networks",
    "Aerospace",
    "Textiles",
    "Mining",
    "Security",
    "Travel",
    "Cloud",
];
const LEGAL_FORMS: [&str; 10] = [
    "Inc", "LLC", "Ltd", "GmbH", "SA", "AG", "BV", "Pty Ltd", "PLC", "Corp",
];

/// Changes whenever `Companies` makes other names, so kept volume databases are built again.
pub const GENERATION: u32 = 2;

/// Made-up companies, the same sequence for the same seed.
pub struct Companies {
    rng: StdRng,
    made: u64,
}

/// A made-up company: its name and a website unique to it.
pub struct Company {
    pub name: String,
    pub domain: String,
}

impl Companies {
    pub fn new(seed: u64) -> Companies {
        Companies {
            rng: StdRng::seed_from_u64(seed),
            made: 0,
        }
    }
}

impl Iterator for Companies {
    type Item = Company;

    fn next(&mut self) -> Option<Company> {
        let syllables = self.rng.random_range(3..=4);
        let mut brand: String = (0..syllables)
            .map(|_| SYLLABLES[self.rng.random_range(0..SYLLABLES.len())])
            .collect();
        if let Some(first) = brand.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        let industry = INDUSTRIES[self.rng.random_range(0..INDUSTRIES.len())];
        let legal = LEGAL_FORMS[self.rng.random_range(0..LEGAL_FORMS.len())];
        self.made += 1;
        let domain = format!(
            "{}-{}-{}.example",
            brand.to_lowercase(),
            industry.to_lowercase(),
            self.made
        );
        Some(Company {
            name: format!("{brand} {industry} {legal}"),
            domain,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn companies_look_like_companies_and_repeat_for_a_seed() {
        let first: Vec<String> = Companies::new(7).take(3).map(|c| c.name).collect();
        let again: Vec<String> = Companies::new(7).take(3).map(|c| c.name).collect();
        assert_eq!(first, again);
        let company = Companies::new(7).next().unwrap();
        let words: Vec<&str> = company.name.split(' ').collect();
        assert!(words.len() >= 3, "{}", company.name);
        assert!(company.domain.ends_with("-1.example"), "{}", company.domain);
    }
}
