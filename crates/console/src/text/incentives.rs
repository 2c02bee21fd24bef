//! `/manage/incentives`: the commission plans.

pub const TITLE: &str = "Commission plans";
pub const INTRO: &str = "How a won deal turns into money owed. The first plan whose tiers and \
                         motions include the deal's partner pays (none chosen means all). Saving \
                         makes a new version: what was earned keeps the version that produced it.";
pub const LOADING: &str = "Loading the plans…";
pub fn version(n: i64) -> String {
    if n == 0 {
        "No plan saved yet: won deals earn nothing.".to_owned()
    } else {
        format!("Version {n} is in force.")
    }
}
pub const HOLD_DAYS: &str = "Approve automatically after (days)";
pub const HOLD_DAYS_HINT: &str = "Earnings nobody questions are approved this many days after \
                                  they accrue, e.g. 30 for a refund window. Empty: managers \
                                  approve every earning.";
pub const NO_PLANS: &str = "No plans. Add one: until then won deals earn nothing.";
pub const ADD_PLAN: &str = "Add a plan";
pub const SAVE: &str = "Save as a new version";
pub const SAVING: &str = "Saving…";
pub fn saved(version: i64) -> String {
    format!("Saved as version {version}.")
}
pub const NUMBER_NEEDED: &str = "Enter a number such as 12.5.";

// --- One plan

pub fn plan(n: usize) -> String {
    format!("Plan {n}")
}
pub const NAME: &str = "Name";
pub const STRUCTURE: &str = "Structure";
pub const REVENUE_SHARE: &str = "Revenue share";
pub const FLAT: &str = "Flat amount per won deal";
pub const INSTALLMENTS: &str = "Monthly installments";
pub const SOURCED_PERCENT: &str = "Sourced (%)";
pub const INFLUENCED_PERCENT: &str = "Influenced (%)";
pub const RECURRING: &str = "Every month for (months)";
pub const RECURRING_HINT: &str = "For subscriptions: the deal's value is a month's; empty pays \
                                  once.";
pub const SOURCED_AMOUNT: &str = "Sourced amount";
pub const INFLUENCED_AMOUNT: &str = "Influenced amount";
pub const SOURCED_TOTAL: &str = "Sourced total";
pub const INFLUENCED_TOTAL: &str = "Influenced total";
pub const CURRENCY: &str = "Currency";
pub const MONTHS: &str = "Months";
pub const TIERS: &str = "Tiers";
pub const MOTIONS: &str = "Motions";
pub const EVERY: &str = "None chosen: every one.";
pub const MOVE_UP: &str = "Move up";
/// Each begins with the button's visible text, which speech input users say.
pub fn move_up(n: usize) -> String {
    format!("Move up plan {n}")
}
pub const REMOVE_PLAN: &str = "Remove plan";
pub fn remove_plan(n: usize) -> String {
    format!("Remove plan {n}")
}

// --- Bonuses

pub const BONUSES: &str = "Bonuses (SPIFFs)";
pub const ADD_BONUS: &str = "Add a bonus";
pub const BONUS_NAME: &str = "Bonus name";
pub const PRODUCT: &str = "Product";
pub const ANY_PRODUCT: &str = "Any product";
pub const MOTION: &str = "Motion";
pub const ANY_MOTION: &str = "Any motion";
pub const FROM: &str = "Closed from";
pub const TO: &str = "Closed until";
pub const BONUS_KIND: &str = "Bonus";
pub const PERCENT: &str = "A further share (%)";
pub const AMOUNT: &str = "A further amount";
pub const VALUE: &str = "Value";
pub const REMOVE_BONUS: &str = "Remove the bonus";
