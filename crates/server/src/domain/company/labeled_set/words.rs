//! The word lists the generator draws names from: brands, common words, people and places,
//! trades, legal forms, abbreviations, and words that look alike.

#[rustfmt::skip]
pub(super) const BRANDS: &[&str] = &[
    "Fjordline", "Velora", "Quartzite", "Meridian", "Progressa", "Harborline", "Castellan",
    "Brightwater", "Norvale", "Stonebridge", "Kestrel", "Aldergrove", "Lumira", "Corvanta",
    "Veridian", "Tessara", "Ombrella", "Calderon", "Pellucid", "Marisol", "Zephyra", "Orinoco",
    "Halvorsen", "Brantley", "Wexford", "Quillon", "Sarandos", "Ventura", "Arcadia", "Lindqvist",
    "Osterby", "Ravensworth", "Tamarind", "Solvang", "Crestmont", "Dunmore", "Elmstead",
    "Fairhaven", "Glenrock", "Hollisten", "Ironvale", "Jarrow", "Kinsale", "Larkspur", "Montclair",
    "Northgate", "Oakhurst", "Penrose", "Quenby", "Rosslyn", "Sandoval", "Thornbury", "Umberto",
    "Valdosta", "Westbrook", "Yarrowby", "Zellwood", "Amberly", "Belvedere", "Carraway",
    "Dovetail", "Everlund", "Foxhollow", "Graniteview", "Heathrow", "Invicta", "Juniper",
    "Kilbride", "Lochmere", "Marchetti", "Novaris", "Obelisk", "Paragon", "Quintara", "Rivendale",
    "Silvanus", "Tarragon", "Ulverston", "Vantrell", "Woodmere", "Xanadu", "Yellowfin", "Zanzibar",
    "Axelrod", "Borealis", "Cygnet", "Daventry", "Emberly", "Falconer", "Galloway", "Hartwell",
];

#[rustfmt::skip]
pub(super) const COMMON: &[&str] = &[
    "Harbor", "Summit", "Pioneer", "Liberty", "Keystone", "Cascade", "Frontier", "Heritage",
    "Pinnacle", "Patriot", "Guardian", "Beacon", "Atlas", "Horizon", "Granite", "Redwood",
    "Sequoia", "Prairie", "Compass", "Anchor", "Meadow", "Lakeside", "Riverside", "Canyon",
];

#[rustfmt::skip]
pub(super) const SURNAMES: &[&str] = &[
    "Schmidt", "Berkeley", "Hollister", "Pemberton", "Whitaker", "Gallagher", "Lindgren",
    "Okafor", "Brennan", "Castillo", "Delacroix", "Ferreira", "Gustafson", "Haverford",
    "Iverson", "Jankowski", "Kowalczyk", "Lachance", "Montague", "Nakamura", "Oyelaran",
    "Pritchard", "Quintero", "Rasmussen", "Sorensen", "Tremblay", "Underhill", "Valentine",
    "Winslow", "Yamamoto", "Zimmerman", "Abernathy", "Blackwood", "Carrington", "Donnelly",
];

#[rustfmt::skip]
pub(super) const GIVEN: &[&str] = &[
    "Henry", "Walter", "Margaret", "Oscar", "Eleanor", "Franklin", "Harriet", "Ignatius",
    "Josephine", "Leopold", "Matilda", "Nathaniel", "Penelope", "Rupert", "Theodora", "Victor",
];

#[rustfmt::skip]
pub(super) const CITIES: &[&str] = &[
    "Omaha", "Tacoma", "Dayton", "Spokane", "Wichita", "Toledo", "Fresno", "Boise", "Savannah",
    "Lexington", "Madison", "Richmond", "Syracuse", "Topeka", "Knoxville", "Chattanooga",
    "Pueblo", "Yakima", "Duluth", "Peoria", "Rockford", "Billings", "Missoula", "Amarillo",
    "Lubbock", "Shreveport", "Mobile", "Pensacola", "Augusta", "Charleston", "Asheville",
    "Roanoke", "Scranton", "Allentown", "Hartford", "Burlington", "Portland", "Bangor",
];

/// Industry words that name what a company does: different ones make different companies.
#[rustfmt::skip]
pub(super) const TRADES: &[&str] = &[
    "Foods", "Motor", "Pharmaceuticals", "Communications", "Financial", "Bank", "Insurance",
    "Energy", "Capital", "Media", "Retail", "Mining", "Airlines", "Shipping", "Steel", "Paper",
    "Chemicals", "Apparel", "Electronics", "Dental", "Medical", "Brewing", "Bakeries", "Dairy",
    "Petroleum", "Homes", "Furniture", "Realty", "Textiles", "Aerospace", "Robotics", "Logistics",
    "Health", "Semiconductor", "Water", "Power", "Trucking", "Lumber", "Publishing", "Marine",
];

/// Words a company's name may carry or drop without becoming another company.
#[rustfmt::skip]
pub(super) const DESCRIPTIVE: &[&str] = &[
    "Industries", "Services", "Systems", "Technologies", "Laboratories", "Holdings", "Group",
    "International", "Enterprises", "Solutions", "Partners", "Global",
];

#[rustfmt::skip]
pub(super) const LEGAL: &[&str] = &[
    "Inc", "Inc.", "Incorporated", "Corp", "Corp.", "Corporation", "Co", "Co.", "Company", "Ltd",
    "Ltd.", "Limited", "LLC", "L.L.C.", "PLC",
];

#[rustfmt::skip]
pub(super) const STATES: &[&str] = &[
    "Ohio", "Del", "Delaware", "NY", "N.J.", "Pa", "Md", "Calif", "Mass", "Mich", "Minn", "Va",
    "Wis", "Tex", "Fla", "Ill", "Ind", "DE", "NV",
];

/// Full words and the abbreviations official lists use for them.
pub(super) const ABBREVIATED: &[(&str, &[&str])] = &[
    ("General", &["Genl", "Gen'l"]),
    ("Industries", &["Indus"]),
    ("Financial", &["Finl", "Fin'l"]),
    ("Services", &["Svc", "Svcs"]),
    ("Group", &["Grp", "Gp"]),
    ("Holdings", &["Hldgs", "Hldg"]),
    ("Manufacturing", &["Mfg"]),
    ("National", &["Natl", "Nat'l"]),
    ("American", &["Amer"]),
    ("Bancorporation", &["Bancorp"]),
    ("Brothers", &["Bros", "Bros."]),
    ("Laboratories", &["Labs", "Lab"]),
    ("Systems", &["Sys"]),
    ("Technologies", &["Tech", "Techs"]),
    ("Communications", &["Comm", "Comms"]),
    ("Pharmaceuticals", &["Pharm", "Pharma"]),
    ("Entertainment", &["Ent"]),
    ("Management", &["Mgmt"]),
    ("International", &["Intl", "Int'l", "Intl."]),
];

pub(super) const LEADING: &[&str] = &["General", "National", "American", "International"];

/// Words that make up longer names whose initials are used as a name ("IBX").
#[rustfmt::skip]
pub(super) const INITIALED: &[&str] = &[
    "International", "Business", "Xchange", "Automated", "Data", "Systems", "United", "Pacific",
    "Northern", "Consolidated", "Allied", "Federal", "Electric", "Freight", "Western", "Mutual",
    "Resources", "Quantum", "Applied", "Signal", "Regional", "Transit", "Metro", "Power",
    "Vector", "Kinetic", "Orbital", "Zenith", "Yield", "Juniper", "Harbor", "Logic", "Marine",
];

/// Two words often written as one ("Ever Green", "Du Mont").
pub(super) const COMPOUNDS: &[(&str, &str)] = &[
    ("Ever", "Green"),
    ("Blue", "Water"),
    ("Sun", "Rise"),
    ("Gold", "Field"),
    ("Stone", "Bridge"),
    ("Fair", "View"),
    ("Bay", "Side"),
    ("North", "Star"),
    ("Red", "Wood"),
    ("Key", "Stone"),
    ("Water", "Front"),
    ("Star", "Light"),
    ("Green", "Field"),
    ("High", "Land"),
    ("Spring", "Field"),
    ("Silver", "Line"),
    ("Clear", "Water"),
    ("Pine", "Crest"),
    ("Oak", "Ridge"),
    ("Data", "Point"),
    ("Du", "Mont"),
    ("De", "Luca"),
    ("La", "Salle"),
    ("Van", "Dyke"),
    ("Mac", "Arthur"),
    ("Le", "Blanc"),
];

/// Near-identical words that name different things, more than a typo apart (different
/// companies a typo apart exist too, but their share in a set is whatever its author picks:
/// the typo class already says how they fare).
pub(super) const LOOK_ALIKES: &[(&str, &str)] = &[
    ("Industries", "Indemnity"),
    ("Insurance", "Instruments"),
    ("Petroleum", "Petrolia"),
    ("Medical", "Medicine"),
    ("Energy", "Energia"),
    ("Dental", "Rental"),
    ("Power", "Tower"),
    ("Health", "Wealth"),
    ("Airlines", "Airways"),
    ("Logistics", "Logic"),
    ("Brewing", "Brewery"),
    ("Chemicals", "Chemists"),
    ("Electronics", "Electrodes"),
    ("Realty", "Royalty"),
    ("Marine", "Maritime"),
    ("Trucking", "Trekking"),
    ("Motor", "Motel"),
    ("Lumber", "Lumen"),
];
