//! The program tier card on the partner's home page.

pub const TITLE: &str = "Your tier";

/// The heading above the next tier's rules.
pub fn to_reach(next: &str) -> String {
    format!("To reach {next}")
}

/// "$42,000 of $100,000"
pub fn of(current: &str, required: &str) -> String {
    format!("{current} of {required}")
}

pub const MET: &str = " (met)";

pub fn window(months: u32) -> String {
    format!("Measured over the last {months} months.")
}

// One sentence around the day the grace period ends.
pub fn grace_before_date(tier: &str) -> String {
    format!("Your organization no longer meets {tier}'s rules. It keeps {tier} until ")
}
pub const GRACE_AFTER_DATE: &str = ", and for good if it qualifies again before then.";

/// A certified-people rule: "People certified in Solutions Architect".
pub fn certified_in(certification: &str) -> String {
    format!("People certified in {certification}")
}
