//! The announcements feed (`/announcements`) and one announcement (`/announcements/{id}`).

// --- The feed
pub const TITLE: &str = "Announcements";
pub const LOADING: &str = "Loading announcements…";
pub const EMPTY: &str = "No announcements yet. News from your partner program will appear here.";
pub const UNREAD: &str = "Unread";
pub const PLEASE_ACKNOWLEDGE: &str = "Please acknowledge";

// --- One announcement
pub const ONE_TITLE: &str = "Announcement";
pub const LOADING_ONE: &str = "Loading the announcement…";
pub const BACK: &str = "← All announcements";
// "Published <date> · edited <date>": each piece comes before its date.
pub const PUBLISHED_BEFORE_TIME: &str = "Published ";
pub const EDITED_BEFORE_TIME: &str = " · edited ";
// These two form one sentence around the date.
pub const ACKNOWLEDGED_BEFORE_TIME: &str = "You acknowledged this on ";
pub const ACKNOWLEDGED_AFTER_TIME: &str = ".";
pub const ASKS_TO_ACKNOWLEDGE: &str =
    "Your partner manager asks you to confirm you have read this.";
pub const ACKNOWLEDGE: &str = "I acknowledge";
pub const RECORDING: &str = "Recording…";
