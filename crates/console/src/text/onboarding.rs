//! `/manage/onboarding`: new partners' progress and each motion's plan.

pub const TITLE: &str = "Onboarding";
pub const INTRO: &str = "New partners follow their motion's 30-60-90-day plan; Portico ticks \
                         each step when the partner takes it, and you tick the manual ones.";
pub const LOADING: &str = "Loading new partners' progress…";

// --- Progress

pub const PROGRESS: &str = "New partners (last 120 days)";
pub const NO_NEW_PARTNERS: &str = "No partner joined in the last 120 days.";
pub const HEADERS: &[&str] = &["Partner", "Motion", "Joined", "Steps", "Late"];
/// "3 of 7 done"
pub fn done_of(done: usize, total: usize) -> String {
    format!("{done} of {total} done")
}
/// "2 late"
pub fn late(n: usize) -> String {
    format!("{n} late")
}
pub const LATE: &str = "Late";
pub fn due_on(day: &str) -> String {
    format!("due {day}")
}
pub fn done_on(day: &str) -> String {
    format!("done {day}")
}
pub fn mark_done(step: &str) -> String {
    format!("Mark “{step}” done")
}
pub const MARKING: &str = "Marking…";

// --- Plans

pub const PLANS: &str = "Plans";
pub const MOTION: &str = "Motion";
pub const PLAN_LOADING: &str = "Loading the plan…";
pub const STARTER: &str =
    "This is the starter plan, which applies until you save one for this motion.";
pub const STEP_TITLE: &str = "Step";
pub const KEY: &str = "Key";
pub const DUE_DAY: &str = "Due on day";
pub const KIND: &str = "Done when";
pub const CERTIFICATION: &str = "Certification";
pub const ANY_CERTIFICATION: &str = "Any certification";
pub const REMOVE: &str = "Remove";
pub const ADD_STEP: &str = "Add a step";
pub const SAVE: &str = "Save the plan";
pub const SAVING: &str = "Saving…";
pub const SAVED: &str = "Plan saved.";
/// "Step 3: Name the step in 1 to 100 characters."
pub fn step_problem(step: usize, message: &str) -> String {
    format!("Step {step}: {message}")
}
