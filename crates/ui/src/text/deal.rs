//! How a deal reads wherever it shows: outcomes, partner roles, next steps and protection.

pub const WON: &str = "Won";
pub const LOST: &str = "Lost";
pub const SOURCED: &str = "Sourced";
pub const INFLUENCED: &str = "Influenced";

/// "Send the proposal (due Dec 1, 2026)"
pub fn step_due(step: &str, due: &str) -> String {
    format!("{step} (due {due})")
}

/// "Due Dec 1, 2026", for a due date without a step.
pub fn due(day: &str) -> String {
    format!("Due {day}")
}

/// "Protected until Feb 21, 2027"; `status` is the protection status's label.
pub fn protected_until(status: &str, day: &str) -> String {
    format!("{status} until {day}")
}
