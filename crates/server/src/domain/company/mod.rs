//! Whether two company records name the same customer: a normalized name key that is the same
//! for the ways official lists write one company, the registrable domain, and a token-aware
//! comparison that catches near misses ("Globex Intl" ~ "Globex International"), short forms
//! and initials, without joining different companies that share a word ("Acme Cloud" vs
//! "Acme Bank").

mod compare;
mod normalize;
mod vocabulary;
mod web_domain;

#[cfg(test)]
mod evaluation;
#[cfg(test)]
mod labeled_set;

pub use compare::{NameMatch, compare_names};
pub(crate) use compare::{initials_of, may_be_initials, typo_budget};
pub use normalize::name_key;
pub(crate) use vocabulary::{DESCRIPTORS, is_distinctive};
pub use web_domain::{is_free_mail, registrable_domain};

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Words that exercise every rule of `name_key`, for the property tests.
    #[rustfmt::skip]
    const TRICKY: &[&str] = &[
        "the", "The", "and", "&", "Co", "co", "Inc", "Ltd", "S", "A", "a", "s", "B", "V", "sp", "z",
        "o", "oo", "de", "cv", "sab", "kabushiki", "kaisha", "ooo", "intls", "intl", "grps",
        "techs", "labs", "ies", "industries", "industry", "Acme", "acme", "Müller", "Mu\u{308}ller",
        "com", "amazon", "st", "sts", "ss", "sss", "l'", "E", "ON", "Global", "Software", "north",
        "america", "data", "dog", "datadog", "stark", "starks", "Cos", "Companies", "Cl", "Class",
        "C", "New", "Ord", "Ohio", "DE", "Mass", "Henry", "W.R.", "Schmidt", "(", ")", "(The)",
        "GroupCompanies", "PepsiCo", "Genl", "Indus", "Comms", "Bancorporation", "UK",
    ];

    fn matched(a: &str, b: &str) -> NameMatch {
        compare_names(&name_key(a), &name_key(b))
    }

    fn same_key(pairs: &[(&str, &str)]) {
        for (a, b) in pairs {
            assert_eq!(name_key(a), name_key(b), "{a} / {b}");
        }
    }

    #[test]
    fn legal_forms_case_accents_and_punctuation_do_not_matter() {
        same_key(&[
            ("ACME Corporation", "Acme Corp"),
            ("Hooli", "Hooli Inc."),
            ("Müller GmbH", "Mueller"),
            ("Société Générale SA", "Societe Generale"),
            ("Johnson & Johnson", "Johnson and Johnson"),
            ("The Boring Company", "Boring Co"),
            ("Acme Ltd Co", "Acme Co Ltd"),
            ("Philips N.V.", "Philips"),
            ("Philips N. V.", "Philips"),
            ("Globex Intl", "Globex International"),
            ("Initech Technologies", "Initech Tech"),
            ("Northwind Traders", "Northwind Trader"),
            ("Mu\u{308}ller", "Müller"),
            ("Amazon.com, Inc.", "Amazon"),
            ("J.P. Morgan", "JP Morgan"),
            ("J. P. Morgan", "JP Morgan"),
            ("E.ON SE", "EON"),
            ("Novo Nordisk A/S", "Novo Nordisk"),
            ("Henkel AG & Co. KGaA", "Henkel"),
            ("Grupo Bimbo, S.A.B. de C.V.", "Grupo Bimbo"),
            ("Orlen Sp. z o. o.", "Orlen Sp. z o.o."),
            ("Orlen Sp. z o. o.", "Orlen"),
            ("Kabushiki Kaisha Toshiba", "Toshiba"),
            ("St. Jude Medical", "Saint Jude Medical"),
            ("Smith Bros", "Smith Brothers"),
        ]);
    }

    #[test]
    fn a_trailing_article_goes_like_a_leading_one() {
        same_key(&[
            ("Harbor Foods Company (The)", "The Harbor Foods Company"),
            ("Gap, The", "The Gap"),
            ("HARBOR FOODS CO, THE", "Harbor Foods"),
            ("Harbor Foods (The) Inc", "Harbor Foods"),
        ]);
        // Never the last word.
        assert_eq!(name_key("The The"), "the");
    }

    #[test]
    fn companies_and_cos_are_legal_forms() {
        same_key(&[
            ("Meridian Cos.", "Meridian Companies"),
            ("Meridian Cos Inc", "Meridian"),
            ("MERIDIAN COS., INC.", "The Meridian Companies"),
        ]);
    }

    #[test]
    fn share_classes_and_listing_markers_go() {
        same_key(&[
            ("Meridian Corp (Class A)", "Meridian"),
            ("Meridian Cl A", "Meridian"),
            ("Meridian Inc Class B", "Meridian"),
            ("Meridian Corp-C", "Meridian"),
            ("Meridian A Corp", "Meridian"),
            ("Meridian (New)", "Meridian"),
            ("Meridian Corp (New)", "Meridian"),
            ("Meridian Corp New", "Meridian"),
            ("Meridian Ltd (Ord)", "Meridian"),
            ("Meridian Corp, Ohio", "Meridian"),
            ("Meridian Inc, Mass.", "Meridian"),
            ("Meridian Corp (Class A) (New)", "Meridian Corp"),
        ]);
        // A letter or a state is part of the name unless a legal form says otherwise.
        for (a, b) in [
            ("Meridian A", "meridian a"),
            ("Bank of Ohio", "bank of ohio"),
            ("New Meridian", "new meridian"),
            ("Velora Fund A LP", "velora fund a"),
        ] {
            assert_eq!(name_key(a), b, "{a}");
        }
    }

    #[test]
    fn punctuation_after_the_legal_form_does_not_matter() {
        same_key(&[
            ("Progressa Corp,Ohio", "Progressa Corporation"),
            ("Progressa Corp.(De)", "Progressa"),
            ("PROGRESSA INC /DE/", "Progressa Inc."),
            ("Progressa Inc.-Del", "Progressa"),
            ("Progressa Co.,Ltd.", "Progressa"),
        ]);
    }

    #[test]
    fn abbreviations_of_official_lists_are_spelled_out() {
        same_key(&[
            ("Pemberton Genl Indus", "Pemberton General Industries"),
            ("Pemberton Gen'l Industry", "Pemberton General Industries"),
            ("Okafor Finl Svcs", "Okafor Financial Services"),
            ("Okafor Fin'l Svc", "Okafor Financial Service"),
            ("Kestrel Grp Hldgs", "Kestrel"),
            ("Kestrel Gp Ltd", "Kestrel Group"),
            ("Amer Natl Mfg", "American National Manufacturing"),
            ("First Midwest Bancorp", "First Midwest Bancorporation"),
            ("Hale Bros", "Hale Brothers"),
            ("Hale Labs", "Hale Laboratories"),
            ("Hale Sys", "Hale Systems"),
            ("Hale Techs", "Hale Technologies"),
            ("Hale Comms", "Hale Communications"),
            ("Hale Comm", "Hale Communications"),
            ("Hale Pharm", "Hale Pharmaceuticals"),
            ("Hale Pharma", "Hale Pharmaceuticals"),
            ("Hale Ent", "Hale Entertainment"),
            ("Hale Mgmt", "Hale Management"),
            ("Hale Int'l", "Hale International"),
            ("Hale Intl.", "Hale International"),
        ]);
    }

    #[test]
    fn a_parenthesised_first_name_comes_first() {
        same_key(&[
            ("Schmidt (Henry)", "Henry Schmidt"),
            ("Berkeley (W.R.)", "W. R. Berkeley"),
            ("Berkeley (W.R.) Corp", "W.R. Berkeley Corporation"),
            ("SCHMIDT (HENRY) TRUCKING", "Henry Schmidt Trucking"),
        ]);
        // A place or a region in parentheses is not a first name.
        assert_eq!(name_key("Acme (Shanghai) Co., Ltd."), "acme shanghai");
        assert_eq!(name_key("Acme (UK) Ltd"), "acme uk");
        assert_eq!(name_key("Acme (US)"), "acme us");
    }

    #[test]
    fn words_run_together_or_apart_match() {
        same_key(&[
            ("Meridian GroupCompanies", "Meridian Group Companies"),
            ("PepsiCo", "Pepsi Co."),
            ("A&B Foods", "AB Foods"),
        ]);
        // A brand written so stays whole.
        assert_eq!(name_key("DuMont"), "dumont");
        for (a, b) in [
            ("Du Mont", "DuMont"),
            ("Ever Green Foods", "Evergreen Foods"),
            ("Kestrel Blue Water Capital", "Kestrel BlueWater Capital"),
            ("Northwind", "North Wind"),
            ("Data Dog", "Datadog"),
        ] {
            assert!(matches!(matched(a, b), NameMatch::Strong(_)), "{a} ~ {b}");
        }
    }

    #[test]
    fn near_misses_are_strong_matches() {
        for (a, b) in [
            ("Stark Industries", "Stark Industires"),
            ("Globex International", "Globex"),
            ("Massive Dynamic Corporation", "Massive Dynamcs"),
            ("Toyota Motor North America", "Toyota Motor"),
            // Two typos in a word of nine letters.
            ("Gallagher Textiles", "GALLAGHHERR TEXTILES"),
            ("Blackwood Retail", "Blackwwpod Retail"),
        ] {
            assert!(matches!(matched(a, b), NameMatch::Strong(_)), "{a} ~ {b}");
        }
        // Two typos in eight letters are too many.
        assert_eq!(
            matched("Halvorsen Shipping", "Halvorsen Shpipnig"),
            NameMatch::Different
        );
    }

    #[test]
    fn a_short_form_is_a_possible_match() {
        for (a, b) in [
            ("Fjordline", "Fjordline Motor Company"),
            ("Velora", "Velora Communications"),
            ("Quartzite", "QUARTZITE PHARMACEUTICALS INC"),
            ("Acme Cloud", "Acme"),
            ("Velora Comms", "Velora Communications Group Media"),
            ("Pemberton Bank", "Pemberton Bank of Omaha"),
            ("Kestrel Foods", "Kestrel Global Foods Trading"),
        ] {
            assert!(matches!(matched(a, b), NameMatch::Possible(_)), "{a} ~ {b}");
        }
        for (a, b) in [
            // Each carries a word the other lacks.
            ("Acme Cloud", "Acme Bank"),
            (
                "First National Bank of Omaha",
                "First National Bank of Tacoma",
            ),
            // Too plain to be anyone's short form.
            ("First", "First Solar"),
            ("First National Bank", "First National Bank of Omaha"),
            ("Global Software", "Global"),
            // A typo and an extra word is too little.
            (
                "Velora Comunications",
                "Velora Communications Media Partners",
            ),
            // The second word must follow the first.
            ("Henry Schmidt", "Henry Oscar Schmidt"),
        ] {
            assert_eq!(matched(a, b), NameMatch::Different, "{a} vs {b}");
        }
    }

    #[test]
    fn initials_are_a_possible_match_never_more() {
        for (a, b) in [
            ("IBX", "International Business Xchange"),
            ("ADS Inc", "Automated Data Systems"),
            ("GE", "General Electric Company"),
        ] {
            assert_eq!(matched(a, b), NameMatch::Possible(0.5), "{a} ~ {b}");
        }
        for (a, b) in [
            ("IBE", "International Business Xchange"),
            ("IBXY", "International Business Xchange"),
            (
                "IBX",
                "International Business Xchange Trading Partners Fund",
            ),
        ] {
            assert_eq!(matched(a, b), NameMatch::Different, "{a} vs {b}");
        }
    }

    #[test]
    fn equal_keys_are_the_same_and_near_ones_only_strong() {
        assert_eq!(compare_names("acme", "acme"), NameMatch::Same);
        let NameMatch::Strong(score) = compare_names("stark industrie", "stark industire") else {
            panic!("a typo should be a strong match");
        };
        assert!(score > 0.9 && score < 1.0, "{score}");
        assert_eq!(compare_names("", ""), NameMatch::Different);
        assert_eq!(compare_names("", "acme"), NameMatch::Different);
    }

    #[test]
    fn weak_evidence_needs_a_name_word_that_agrees() {
        for (a, b) in [
            // A typo plus an extra word is two guesses with nothing exact behind them.
            ("Canon", "Cannon Industries"),
            // The first word is the name, not a descriptor to drop.
            ("International Paper", "Paper Source"),
            ("Global Software", "Global"),
            // Numbers are identifiers, not typos.
            ("Acme 10001", "Acme 10002"),
        ] {
            assert_eq!(matched(a, b), NameMatch::Different, "{a} vs {b}");
        }
    }

    #[test]
    fn absurdly_long_names_are_compared_only_for_equality() {
        let long = "word ".repeat(10_000);
        let key = name_key(&long);
        assert_eq!(compare_names(&key, &key), NameMatch::Same);
        assert_eq!(
            compare_names(&key, &format!("{key} more")),
            NameMatch::Different
        );
    }

    #[test]
    fn different_companies_with_shared_words_are_not() {
        for (a, b) in [
            ("Acme Cloud", "Acme Bank"),
            ("Globex Consulting", "Globex Logistics"),
            ("Northwind Health", "Northwind Traders"),
            ("Blue Origin", "Blue Apron"),
            ("Delta Air Lines", "Delta Dental"),
            ("American Express", "American Airlines"),
            ("Meta", "Metal"),
            ("Alpha", "Alphabet"),
            ("Global Industries", "Global Indemnity"),
            ("Velora Fund I LP", "Velora Fund II LP"),
        ] {
            assert_eq!(matched(a, b), NameMatch::Different, "{a} vs {b}");
        }
    }

    #[test]
    fn a_name_that_is_only_a_legal_form_keeps_a_word() {
        assert_eq!(name_key("Limited"), "limited");
        assert_eq!(name_key("Co Inc"), "co");
        assert_eq!(name_key("Corp (New)"), "corp");
    }

    #[test]
    fn rules_that_make_work_for_each_other_still_give_an_idempotent_key() {
        // "and.s" is a plural "and" only once its dot is gone; "A & B" has initials to join
        // only once its "and" is.
        for name in ["the Co and.S", "A & B Foods", "X and. Y"] {
            let key = name_key(name);
            assert_eq!(name_key(&key), key, "{name}");
        }
        assert_eq!(name_key("A & B Foods"), "ab food");
    }

    proptest! {
        #[test]
        fn name_keys_are_idempotent(name in "\\PC{0,40}") {
            let key = name_key(&name);
            prop_assert_eq!(name_key(&key), key);
        }

        #[test]
        fn name_keys_of_tricky_words_are_idempotent(
            parts in proptest::collection::vec(proptest::sample::select(TRICKY.to_vec()), 0..7),
            separators in proptest::collection::vec(proptest::sample::select(vec![" ", ".", ". ", "&", ", ", "-", " (", ") ", "/"]), 7),
        ) {
            let name: String = parts.iter().zip(&separators).flat_map(|(p, s)| [*p, *s]).collect();
            let key = name_key(&name);
            prop_assert_eq!(name_key(&key), key.clone(), "{:?}", name);
            prop_assert_eq!(compare_names(&key, &key) == NameMatch::Same, !key.is_empty());
        }

        #[test]
        fn comparison_is_symmetric(
            a in proptest::collection::vec(proptest::sample::select(TRICKY.to_vec()), 1..5),
            b in proptest::collection::vec(proptest::sample::select(TRICKY.to_vec()), 1..5),
        ) {
            let (a, b) = (name_key(&a.join(" ")), name_key(&b.join(" ")));
            prop_assert_eq!(compare_names(&a, &b), compare_names(&b, &a), "{} / {}", a, b);
        }

        #[test]
        fn legal_form_order_does_not_matter(base in "[A-Za-z]{3,12}( [A-Za-z]{3,12})?", forms in proptest::sample::subsequence(vec!["Ltd", "Inc.", "GmbH", "Co", "LLC", "S.A.", "Cos"], 0..4)) {
            // A base made only of joiners, legal forms and listing words ("And GmbH LLC") has
            // no name to keep.
            prop_assume!(base.split(' ').any(|w| {
                let key = name_key(w);
                key == w.to_lowercase() && !["and", "the"].contains(&key.as_str())
            }));
            let mut reversed = forms.clone();
            reversed.reverse();
            let forward = format!("{base} {}", forms.join(" "));
            let backward = format!("{base} {}", reversed.join(" "));
            prop_assert_eq!(name_key(&forward), name_key(&backward));
        }

        #[test]
        fn case_and_accents_do_not_matter(name in "[a-z]{3,10}( [a-z]{3,10}){0,2}") {
            prop_assert_eq!(name_key(&name.to_uppercase()), name_key(&name));
            let accented = name.replace('e', "é").replace('c', "ç");
            prop_assert_eq!(name_key(&accented), name_key(&name));
        }

        #[test]
        fn listing_additions_do_not_change_the_key(
            base in "[A-Z][a-z]{4,10} [A-Z][a-z]{4,10}",
            form in proptest::sample::select(vec!["Inc", "Corp.", "Co", "Ltd"]),
            suffix in proptest::sample::select(vec![" (Class A)", " Cl B", "-C", " (New)", " New", ", Ohio", " /DE/", ".(De)", ", The", " (The)"]),
        ) {
            prop_assume!(name_key(&base).split(' ').count() == 2);
            prop_assert_eq!(name_key(&format!("{base} {form}{suffix}")), name_key(&base));
        }
    }
}
