//! `/manage/certifications`: definitions, recording what people earned, importing completions.

pub const TITLE: &str = "Certifications";
pub const INTRO: &str = "What partners' people earn, how long it lasts, and which motions and \
                         products need someone holding it before a deal can be registered.";
pub const LOADING: &str = "Loading the certifications…";

// --- The definitions

pub const DEFINITIONS: &str = "Definitions";
pub const HEADERS: &[&str] = &[
    "Name",
    "Kind",
    "Valid for",
    "Renewal",
    "Required for",
    "Holders",
    "Actions",
];
pub fn months(n: u32) -> String {
    if n == 1 {
        "1 month".to_owned()
    } else {
        format!("{n} months")
    }
}
/// "After Acme 5 (2026-06-01)"
pub fn renewal(release: &str, released_on: &str) -> String {
    format!("After {release} ({released_on})")
}
/// "Reseller, Tech; 2 products", or "Nothing"
pub fn required_for(motions: &[&str], products: usize) -> String {
    let products = match products {
        0 => String::new(),
        1 => "1 product".to_owned(),
        n => format!("{n} products"),
    };
    let parts: Vec<String> = [motions.join(", "), products]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        "Nothing".to_owned()
    } else {
        parts.join("; ")
    }
}
pub const EDIT: &str = "Edit";
pub fn edit(name: &str) -> String {
    format!("Edit {name}")
}

// --- The definition form

pub const NEW: &str = "New certification";
pub fn editing(name: &str) -> String {
    format!("Change {name}")
}
pub const NAME: &str = "Name";
pub const NAME_NEEDED: &str = "Name the certification.";
pub const KIND: &str = "Kind";
pub const VALIDITY: &str = "Valid for (months)";
pub const RELEASE: &str = "Renew after release";
pub const RELEASE_HINT: &str =
    "Holders who earned it before this release must renew within 90 days of it.";
pub const RELEASED_ON: &str = "Release day";
pub const HOW_TO_EARN: &str = "How to earn it";
pub const HOW_TO_EARN_HINT: &str = "Shown to partners whose filing needs it.";
pub const REQUIRED_FOR_MOTIONS: &str = "Every filing of these motions needs it";
pub const REQUIRED_FOR_PRODUCTS: &str = "Filings naming these products need it";
pub const SAVE: &str = "Save certification";
pub const SAVING: &str = "Saving…";
pub const CANCEL: &str = "Cancel";
pub fn saved(name: &str) -> String {
    format!("{name} saved.")
}

// --- Recording one

pub const RECORD_TITLE: &str = "Record a certification";
pub const PARTNER: &str = "Partner";
pub const CHOOSE_PARTNER: &str = "Choose a partner";
pub const PEOPLE: &str = "Its people's certifications";
pub const PERSON: &str = "Person";
pub const CHOOSE_PERSON: &str = "Choose a person.";
pub const CERTIFICATION: &str = "Certification";
pub const CHOOSE_CERTIFICATION: &str = "Choose a certification.";
pub const EARNED_ON: &str = "Earned on";
pub const CHOOSE_DAY: &str = "Enter the day it was earned.";
pub const RECORD: &str = "Record";

// --- Importing completions

pub const IMPORT_TITLE: &str = "Import completions";
pub const IMPORT_INTRO: &str = "A learning system's CSV with the columns email, certification \
                                (its name) and completed_at. If any row is wrong, nothing is \
                                recorded and every bad row is listed.";
/// "Recorded 12 completions; 3 were recorded already."
pub fn imported(recorded: usize, already: usize) -> String {
    let recorded = match recorded {
        1 => "Recorded 1 completion".to_owned(),
        n => format!("Recorded {n} completions"),
    };
    match already {
        0 => format!("{recorded}."),
        1 => format!("{recorded}; 1 was recorded already."),
        n => format!("{recorded}; {n} were recorded already."),
    }
}
