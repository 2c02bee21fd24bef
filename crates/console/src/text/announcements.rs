//! `/manage/announcements`: the list, a new announcement, one announcement's page and the
//! form they share.

pub const TITLE: &str = "Announcements";
pub const NEW: &str = "New announcement";
pub const BACK: &str = "← Announcements";

// --- The announcement's state, followed by a time

pub const PUBLISHED: &str = "Published";
pub const SCHEDULED: &str = "Scheduled";
/// Between "Scheduled" and the time it goes out.
pub const SCHEDULED_FOR: &str = " for ";

// --- The list

pub const LOADING_LIST: &str = "Loading announcements…";
pub const EMPTY: &str = "No announcements yet. Write the first one to tell partners about \
                         program changes.";
pub const HEADERS: [&str; 5] = ["Title", "Status", "Reached", "Read", "Acknowledged"];

// --- One announcement

pub const ONE_TITLE: &str = "Announcement";
pub const LOADING: &str = "Loading the announcement…";
/// After the state: " · version 3".
pub const VERSION_AFTER_STATE: &str = " · version ";
pub const EDIT: &str = "Edit";
pub const EDIT_PUBLISHED: &str = "It is published: partners see the new text, marked as edited; \
                                  the audience and acknowledgment stay.";
pub const REACHED: &str = "Reached";
pub const READ: &str = "Read";
pub const ACKNOWLEDGED: &str = "Acknowledged";

pub fn reminders_sent(n: i64) -> String {
    match n {
        1 => "One reminder is on its way.".to_owned(),
        n => format!("{n} reminders are on their way."),
    }
}

pub const NOT_ACKNOWLEDGED: &str = "Not acknowledged yet";
pub const LOADING_PEOPLE: &str = "Loading…";
pub const ALL_ACKNOWLEDGED: &str = "Everyone it reached has acknowledged it.";
pub const REMIND: &str = "E-mail a reminder to them";
pub const SENDING: &str = "Sending…";
pub const REMIND_QUESTION: &str = "Send a reminder e-mail to everyone listed?";
pub const CONFIRM_REMIND: &str = "Yes, send reminders";
/// Before the time a person read it.
pub const READ_AT: &str = "read ";
pub const NOT_READ: &str = "not read";
pub const HISTORY: &str = "History";

pub fn version(n: i64) -> String {
    format!("Version {n}")
}

pub const VERSION_TEXT: &str = "Text";

// --- The form

pub const TITLE_MISSING: &str = "Give the announcement a title.";
pub const BODY_MISSING: &str = "Write the announcement.";
pub const PUBLISH_AT_MISSING: &str = "Choose the date and time to publish.";
pub const PUBLISH: &str = "Publish";
pub const PUBLISHING: &str = "Publishing…";
pub const SAVE_CHANGES: &str = "Save changes";
pub const SAVING: &str = "Saving…";
pub const TITLE_LABEL: &str = "Title";
pub const BODY: &str = "Text";
pub const BODY_HINT: &str = "Markdown: headings, lists, links, bold.";
pub const REQUIRES_ACK: &str = "Partners must acknowledge it (it then always goes out by e-mail)";
pub const WHEN: &str = "When";
pub const PUBLISH_NOW: &str = "Publish now";
pub const AT_SET_TIME: &str = "At a set time";
pub const PUBLISH_AT: &str = "Publish at";
pub const WHO_FOR: &str = "Who it is for";
pub const AUDIENCE: &str = "Audience";
pub const ALL_PARTNERS: &str = "All partners";
pub const SEGMENTS: &str = "Tiers and motions";
pub const CHOSEN_ORGANIZATIONS: &str = "Chosen organizations";
pub const TIERS: &str = "Tiers";
pub const TIERS_HINT: &str = "None checked: every tier.";
pub const MOTIONS: &str = "Motions";
pub const MOTIONS_HINT: &str = "None checked: every motion.";
pub const ORGANIZATIONS: &str = "Organizations";
pub const LOADING_ORGANIZATIONS: &str = "Loading organizations…";
