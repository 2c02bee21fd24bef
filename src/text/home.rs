//! The partner's home page (the team card has its own file).

pub const TITLE: &str = "Home";
pub fn welcome(name: &str) -> String {
    format!("Welcome, {name}")
}
pub const REGISTER_DEAL: &str = "Register a deal";
pub const LOADING: &str = "Loading your overview…";

pub fn get_started(done: usize, of: usize) -> String {
    format!("Get started: {done} of {of} done")
}
pub const STEP_DONE: &str = " (done)";
pub const STEP_TO_DO: &str = " (to do)";
pub fn due_on(day: &str) -> String {
    format!("due {day}")
}
pub fn done_on(day: &str) -> String {
    format!("done {day}")
}
pub const OVERDUE: &str = "Late";

pub const TO_ANSWER: &str = "Waiting for you";
pub const TO_ANSWER_EMPTY: &str = "Nothing waits for your answer.";
pub fn manager_asks(question: &str) -> String {
    format!("A partner manager asks: {question}")
}

pub const PROTECTION_ENDING: &str = "Protection ending soon";
pub fn protection_ending_empty(days: i64) -> String {
    format!("No protection ends in the next {days} days.")
}
pub fn all(total: i64) -> String {
    format!("All {total}")
}

pub const REGISTRATIONS: &str = "Your registrations";
// One sentence around the link to the registration form.
pub const NO_REGISTRATIONS_BEFORE_LINK: &str = "No registrations yet. ";
pub const NO_REGISTRATIONS_AFTER_LINK: &str = " to protect your claim on a customer.";

pub const NEWS: &str = "News";
pub const UNREAD: &str = "unread announcements";
pub const TO_ACKNOWLEDGE: &str = "to acknowledge";
pub const NEW_CONTENT: &str = "new in the content hub";

pub const PIPELINE: &str = "Open pipeline";
pub const PIPELINE_EMPTY: &str = "No open deals yet: an approved deal registration opens one.";
pub const WHOLE_PIPELINE: &str = "The whole pipeline";
pub fn deals(n: i64) -> String {
    if n == 1 {
        "1 deal".to_owned()
    } else {
        format!("{n} deals")
    }
}
pub const REGISTERED_VALUE_AFTER: &str = " registered";
