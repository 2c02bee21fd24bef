//! What partners and managers both see of a registration: protection, facts and timeline.

/// The days of protection left, after its end date: "(90 days left)".
pub fn days_left(n: i64) -> String {
    match n {
        0 => "ends today or has ended".to_owned(),
        1 => "1 day left".to_owned(),
        n => format!("{n} days left"),
    }
}

// --- The facts

pub const CUSTOMER: &str = "Customer";
pub const DOMAIN: &str = "Domain";
pub const COUNTRY: &str = "Country";
pub const CONTACT: &str = "Contact";
pub const KIND_AND_MOTION: &str = "Kind and motion";
pub const PARTNER_ROLE: &str = "Partner role";
pub const PRODUCTS: &str = "Products";
pub const ESTIMATED_VALUE: &str = "Estimated value";
pub const EXPECTED_CLOSE: &str = "Expected close";
pub const USE_CASE: &str = "Use case";
pub const SUBMITTED: &str = "Submitted";

// --- The timeline

pub const TIMELINE: &str = "Timeline";

/// Who did a timeline entry's step, after what they did.
pub fn by(who: &str) -> String {
    format!(" by {who}")
}
