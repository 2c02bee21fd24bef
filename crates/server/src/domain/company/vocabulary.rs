//! The words name normalization and comparison know: legal forms, listing markers,
//! abbreviations, descriptors and common words. All lower-case ASCII, as `name_key` writes them.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::normalize::canonical;

/// Words that only say what legal form a company has.
#[rustfmt::skip]
const LEGAL_FORMS: &[&str] = &[
    "inc", "incorporated", "llc", "llp", "lp", "pllc", "ltd", "limited", "ltee", "gmbh", "mbh",
    "ag", "kg", "kgaa", "ohg", "gbr", "ug", "sa", "sas", "sasu", "sarl", "srl", "spa", "sl", "slu",
    "bv", "nv", "pty", "plc", "ulc", "corp", "corporation", "co", "company", "companies", "cos",
    "oy", "oyj", "ab", "as", "asa", "aps", "kk", "pte", "pvt", "private", "se", "kft", "zrt", "sro",
    "doo", "ooo", "pjsc", "jsc", "lda", "ltda", "sdn", "bhd", "tbk", "cv", "sapi", "holding",
    "group", "aktiengesellschaft", "na",
    // What is left of "Amazon.com" once the dot is a space.
    "com",
];

/// The legal forms of a corporation with shares, beside which a lone letter is a share class
/// ("Meridian A Corp", "Meridian Corp-C"); a fund's "Series A LP" is another fund.
#[rustfmt::skip]
const SHARE_ISSUERS: &[&str] = &[
    "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "plc",
];

/// Legal forms written as several words once dots and slashes are gone ("Sp. z o. o.",
/// "S.A.B. de C.V."); initials written apart ("B. V.") are joined before these are looked for.
pub const LEGAL_PHRASES: &[&[&str]] = &[
    &["sp", "z", "oo"],
    &["sp", "zoo"],
    &["sab", "de", "cv"],
    &["sa", "de", "cv"],
    &["kabushiki", "kaisha"],
];

/// Legal forms that stand before the name ("Kabushiki Kaisha Toshiba", "PJSC Gazprom").
pub const LEADING_LEGAL_PHRASES: &[&[&str]] = &[
    &["kabushiki", "kaisha"],
    &["ooo"],
    &["oao"],
    &["zao"],
    &["pao"],
    &["pjsc"],
];

/// What listings add after the legal form: a new or old listing, ordinary shares.
const LISTING_MARKERS: &[&str] = &["new", "old", "ord", "adr", "ads"];

/// Share classes: "Class A", "Cl B", "-C".
const SHARE_CLASSES: &[&str] = &["a", "b", "c"];
pub const CLASS_WORDS: &[&str] = &["class", "cl"];

/// US states, as listings write them after the legal form ("Corp, Ohio", "Inc /DE/").
#[rustfmt::skip]
const STATES: &[&str] = &[
    "al", "alabama", "ak", "alaska", "az", "ariz", "arizona", "ar", "ark", "arkansas", "ca",
    "cal", "calif", "california", "colo", "colorado", "ct", "conn", "connecticut", "de", "del",
    "delaware", "dc", "fl", "fla", "florida", "ga", "georgia", "hi", "hawaii", "id", "idaho", "il",
    "ill", "illinois", "ind", "indiana", "ia", "iowa", "ks", "kan", "kansas", "ky", "kentucky", "la",
    "louisiana", "me", "maine", "md", "maryland", "ma", "mass", "massachusetts", "mi", "mich",
    "michigan", "mn", "minn", "minnesota", "ms", "miss", "mississippi", "mo", "missouri", "mt",
    "mont", "montana", "ne", "neb", "nebraska", "nv", "nev", "nevada", "nh", "nj", "nm", "ny", "nc",
    "nd", "oh", "ohio", "ok", "okla", "oklahoma", "or", "ore", "oregon", "pa", "penn",
    "pennsylvania", "ri", "sc", "sd", "tn", "tenn", "tennessee", "tx", "tex", "texas", "ut",
    "utah", "vt", "vermont", "va", "virginia", "wa", "wash", "washington", "wv", "wi", "wis",
    "wisconsin", "wy", "wyo", "wyoming",
];

/// Abbreviations and their full word, so both spellings give one key.
pub const ABBREVIATIONS: &[(&str, &str)] = &[
    ("intl", "international"),
    ("int", "international"),
    ("internat", "international"),
    ("tech", "technology"),
    ("technologies", "technology"),
    ("mfg", "manufacturing"),
    ("svc", "service"),
    ("sys", "system"),
    ("grp", "group"),
    ("gp", "group"),
    ("hldg", "holding"),
    ("hldgs", "holding"),
    ("natl", "national"),
    ("amer", "american"),
    ("genl", "general"),
    ("finl", "financial"),
    // "industries" loses its plural `s` like other words, and its typos stay a typo apart.
    ("indus", "industrie"),
    ("industry", "industrie"),
    ("comm", "communication"),
    ("pharm", "pharmaceutical"),
    ("pharma", "pharmaceutical"),
    ("ent", "entertainment"),
    ("bancorporation", "bancorp"),
    ("assoc", "associate"),
    ("assn", "association"),
    ("bros", "brother"),
    ("ctr", "center"),
    ("centre", "center"),
    ("mgmt", "management"),
    ("mktg", "marketing"),
    ("engg", "engineering"),
    ("engr", "engineering"),
    ("univ", "university"),
    ("hosp", "hospital"),
    ("dept", "department"),
    ("labs", "lab"),
    ("laboratories", "lab"),
    ("laboratory", "lab"),
    // Leading "St." and "Mt." in names are saints and mountains, rarely streets.
    ("st", "saint"),
    ("mt", "mount"),
    ("ft", "fort"),
];

/// Words that describe rather than name: one extra of these (not the first word) makes names
/// similar, not different.
#[rustfmt::skip]
pub const DESCRIPTORS: &[&[&str]] = &[
    &["international"], &["global"], &["worldwide"], &["group"], &["holding"], &["service"],
    &["solution"], &["system"], &["technology"], &["lab"], &["partner"], &["enterprise"],
    &["industrie"], &["consulting"], &["software"], &["digital"],
    // Regional arms: "Siemens USA", "Toyota Motor North America".
    &["north", "america"], &["latin", "america"], &["asia", "pacific"], &["america"], &["europe"],
    &["emea"], &["apac"], &["usa"], &["us"], &["uk"], &["canada"], &["deutschland"], &["india"],
];

/// Words many unrelated companies start with: a name made only of these and descriptors is too
/// plain to be the short form of a longer one ("First" is not "First Solar").
#[rustfmt::skip]
const COMMON_WORDS: &[&str] = &[
    "first", "second", "american", "national", "united", "general", "new", "north", "south",
    "east", "west", "northern", "southern", "eastern", "western", "central", "pacific", "atlantic",
    "great", "royal", "standard", "union", "citizen", "people", "community", "security", "capital",
    "home", "state", "city", "county", "bank", "trust", "financial", "energy", "health", "medical",
    "star", "sun", "blue", "green", "golden", "silver", "premier", "prime", "summit", "alpha",
    "delta", "omega", "apex", "smart", "advanced", "applied", "integrated", "universal", "mutual",
    "federal", "metro", "express", "allied", "continental",
];

/// Common first names, for "Schmidt (Henry)": a parenthesised first name comes first. Names
/// that are also places ("Austin", "Victoria") are left out: "(Shanghai)" stays in place.
#[rustfmt::skip]
const GIVEN_NAMES: &[&str] = &[
    "aaron", "adam", "albert", "alexander", "alfred", "alice", "andrew", "ann", "anna", "anne",
    "anthony", "arthur", "barbara", "benjamin", "bernard", "betty", "carl", "carol", "catherine",
    "charles", "christopher", "daniel", "david", "dennis", "donald", "dorothy", "douglas",
    "edward", "edwin", "elizabeth", "ellen", "emily", "emma", "eric", "ernest", "eugene",
    "evelyn", "frank", "frederick", "gary", "george", "gerald", "gregory", "harold", "harry",
    "helen", "henry", "herbert", "howard", "hugh", "isaac", "jacob", "james", "jane", "janet",
    "jean", "jeffrey", "jennifer", "jerome", "joan", "john", "jonathan", "joseph", "joyce",
    "judith", "julia", "karen", "kenneth", "lawrence", "leonard", "leopold", "lewis", "linda",
    "louis", "louise", "margaret", "maria", "marie", "mark", "martha", "martin", "mary",
    "matthew", "michael", "nancy", "nathaniel", "nicholas", "oliver", "oscar", "patricia",
    "patrick", "paul", "peter", "philip", "ralph", "raymond", "richard", "robert", "roger",
    "ronald", "rose", "ruth", "samuel", "sarah", "stephen", "steven", "susan", "theodore",
    "thomas", "timothy", "victor", "walter", "william", "eleanor", "franklin", "harriet",
    "josephine", "rupert", "matilda", "penelope", "clara", "edith", "irene", "agnes", "beatrice",
    "cecil", "clarence", "claude", "cyril", "dudley", "felix", "gilbert", "gordon", "harvey",
    "horace", "ivan", "jack", "karl", "lloyd", "luke", "marcus", "milton", "morris", "neil",
    "norman", "otto", "percy", "roy", "russell", "sidney", "simon", "stanley", "vincent",
    "wallace", "warren", "wilbur", "abigail", "amelia", "cora", "edna", "ella", "esther", "ethel",
    "gertrude", "hannah", "hazel", "lillian", "lucy", "mabel", "mildred", "sophia", "vera",
];

static LEGAL: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| LEGAL_FORMS.iter().copied().collect());
/// As `name_key` spells them: "Mass" and "Texas" lose their `s` like plurals do.
static STATE: LazyLock<HashSet<String>> = LazyLock::new(|| canonical_set(STATES));
static COMMON: LazyLock<HashSet<String>> = LazyLock::new(|| canonical_set(COMMON_WORDS));
static GIVEN: LazyLock<HashSet<String>> = LazyLock::new(|| canonical_set(GIVEN_NAMES));

fn canonical_set(words: &[&str]) -> HashSet<String> {
    words.iter().map(|w| canonical(w)).collect()
}

pub fn is_legal_form(word: &str) -> bool {
    LEGAL.contains(word)
}

pub fn issues_shares(word: &str) -> bool {
    SHARE_ISSUERS.contains(&word)
}

pub fn is_share_class(word: &str) -> bool {
    SHARE_CLASSES.contains(&word)
}

/// What a listing writes after the legal form: a state, or a listing marker.
pub fn is_listing_suffix(word: &str) -> bool {
    STATE.contains(word) || LISTING_MARKERS.contains(&word)
}

pub fn is_given_name(word: &str) -> bool {
    GIVEN.contains(word)
}

pub fn is_descriptor(words: &[&str]) -> bool {
    DESCRIPTORS.contains(&words)
}

/// Neither a descriptor nor a word that starts names by the thousand.
pub fn is_distinctive(word: &str) -> bool {
    !is_descriptor(&[word]) && !COMMON.contains(word)
}
