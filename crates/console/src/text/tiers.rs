//! `/manage/tiers`: the tier program, every partner's standing, approvals and overrides.

pub const TITLE: &str = "Tiers";
pub const INTRO: &str = "Partners are placed in tiers by rules over what they did in a trailing \
                         window. A partner that stops qualifying keeps its tier through a grace \
                         period. The evaluation runs every six hours; run it now after a change.";

// --- Standings
pub const STANDINGS: &str = "Standings";
pub const LOADING: &str = "Loading the standings…";
pub const EVALUATE: &str = "Evaluate now";
pub const EVALUATING: &str = "Evaluating…";
pub fn evaluated(partners: u32, changes: usize) -> String {
    match changes {
        0 => format!("Evaluated {partners} partners: nothing changed."),
        1 => format!("Evaluated {partners} partners: 1 change."),
        n => format!("Evaluated {partners} partners: {n} changes."),
    }
}
pub const HEADERS: [&str; 6] = [
    "Partner",
    "Tier",
    "Rules reach",
    "Next tier",
    "Status",
    "Actions",
];
pub fn distribution(tier: &str, count: usize) -> String {
    format!("{tier}: {count}")
}
pub fn next_progress(tier: &str, percent: u8) -> String {
    format!("{tier}, {percent}%")
}
pub const TOP: &str = "At the top";
pub fn proposed(tier: &str) -> String {
    format!("Promotion to {tier} proposed")
}
pub const IN_GRACE_UNTIL: &str = "In grace until ";
pub const OVERRIDDEN_UNTIL: &str = "Set by a manager until ";
pub const APPROVE: &str = "Approve";
pub const APPROVING: &str = "Approving…";
pub const OVERRIDE: &str = "Set tier";
pub fn override_label(partner: &str) -> String {
    format!("Set the tier of {partner}")
}
pub const OVERRIDE_TIER: &str = "Tier";
pub const OVERRIDE_UNTIL: &str = "Last day";
pub const OVERRIDE_RATIONALE: &str = "Why";
pub const SAVE: &str = "Save";
pub const SAVING: &str = "Saving…";
pub const CANCEL: &str = "Cancel";

// --- The program
pub const PROGRAM: &str = "Program";
pub const PROGRAM_LOADING: &str = "Loading the program…";
pub const STARTER: &str = "This is the starter ladder: nothing is evaluated until you save it.";
pub const CURRENCY: &str = "Currency of the revenue rules";
pub const WINDOW: &str = "Window (months)";
pub const GRACE: &str = "Grace period (days)";
pub const PROMOTION: &str = "Promotions";
pub const AUTOMATIC: &str = "Automatic";
pub const APPROVAL: &str = "When a manager approves";
pub const NAME: &str = "Name";
pub const BENEFITS: &str = "Benefits";
pub const PROTECTION_DAYS: &str = "Protection (days, optional)";
pub const RULES: &str = "Rules, all to be met";
pub const NO_RULES: &str = "Every partner starts here: no rules.";
pub const MEASURE: &str = "Measure";
pub const AT_LEAST: &str = "At least";
pub const CERTIFICATION: &str = "Certification";
pub const REMOVE: &str = "Remove";
pub const ADD_RULE: &str = "Add a rule";
pub const RATES: &str = "Exchange rates";
pub const RATES_HINT: &str = "Program-currency units per unit of another currency, from a day on; \
                              a deal converts at the rate of the day it closed.";
pub const RATE_CURRENCY: &str = "Currency";
pub const RATE_FROM: &str = "From";
pub const RATE: &str = "Rate";
pub const ADD_RATE: &str = "Add a rate";
pub const SAVE_PROGRAM: &str = "Save the program";
pub const SAVED: &str = "Saved: the program is in force.";
pub fn rule_of(tier: &str, n: usize) -> String {
    format!("{tier}, rule {n}")
}
pub fn rate_n(n: usize) -> String {
    format!("Exchange rate {n}")
}
pub const OVERRIDE_UNTIL_ERROR: &str = "Enter the last day the tier holds.";
pub const OVERRIDE_RATIONALE_ERROR: &str = "Say why the tier is set by hand.";
pub const HISTORY: &str = "History";
pub const HISTORY_LOADING: &str = "Loading the history…";
pub const HISTORY_EMPTY: &str = "No change yet.";
pub const BY_EVALUATION: &str = "the evaluation";
/// After the time: " · Promoted: Silver → Gold, by Morgan Manager"
pub fn history_line(event: &str, from: &str, to: &str, who: &str) -> String {
    format!(" · {event}: {from} → {to}, by {who}")
}
pub fn because(rationale: &str) -> String {
    format!(" ({rationale})")
}
