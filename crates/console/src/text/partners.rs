//! `/manage/partners`: every partner organization with its engagement.

pub const TITLE: &str = "Partners";

// These three form one sentence around the state's name: "Showing only: <Stalled>. " and a
// link to every partner.
pub const SHOWING_ONLY: &str = "Showing only: ";
pub const SHOWING_ONLY_END: &str = ". ";
pub const SHOW_ALL: &str = "Show every partner";

pub const LOADING: &str = "Loading partners…";
pub const NONE_IN_STATE: &str = "No partner is in this state.";
pub const NONE_YET: &str = "No partner organizations yet.";
pub const INTRO: &str = "The engagement score, from 0 to 100, weighs what each partner did in \
                         the last 90 days: sign-ins, content viewed and downloaded, announcements \
                         read and acknowledged, registrations and notes on deals. Recent events \
                         count more; registrations count most. Partners with nothing in 30 days \
                         are marked stalled; partners in their first 30 days show their first \
                         steps instead.";
pub const HEADERS: [&str; 9] = [
    "Partner",
    "Country",
    "Tier",
    "Motion",
    "Users",
    "Score",
    "Trend",
    "Last activity",
    "Status",
];
pub const NEVER: &str = "Never";
pub const NO_COUNTRY: &str = "Not set";
pub const SAVE: &str = "Save";
pub const CANCEL: &str = "Cancel";
pub const SAVED: &str = "Saved";

/// The country control's name, with the partner's: "Where Northwind Partners is based".
pub fn country_of(partner: &str) -> String {
    format!("Where {partner} is based")
}
pub const STALLED: &str = "Stalled";

/// The score's trend for screen readers: "up 5 in 30 days".
pub fn trend(change: i16) -> String {
    match change {
        0 => "no change in 30 days".to_owned(),
        t if t > 0 => format!("up {t} in 30 days"),
        t => format!("down {} in 30 days", t.unsigned_abs()),
    }
}

/// "Activation 2 of 3"
pub fn activation(done: usize, steps: usize) -> String {
    format!("Activation {done} of {steps}")
}

/// After a first step's name, for screen readers.
pub const STEP_DONE: &str = ": done";
pub const STEP_NOT_YET: &str = ": not yet";
