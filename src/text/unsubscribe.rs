//! Stopping e-mails of one category from the link at the foot of an e-mail (`/unsubscribe`).
//! `category` is the category's label as it reads in the middle of a sentence.

pub const TITLE: &str = "Stop e-mails";

pub fn heading(category: &str) -> String {
    format!("Stop e-mails about {category}")
}

pub fn what_stops(category: &str) -> String {
    format!(
        "You will no longer get {category} by e-mail. Other messages keep coming, and you can \
         still see everything in the portal."
    )
}

pub const ALWAYS_SENT: &str = "Sign-in links, invitations and announcements that must be \
    acknowledged always come by e-mail.";
pub const STOP: &str = "Stop these e-mails";
pub const STOPPING: &str = "Stopping…";

// These three form one sentence around the link.
pub fn stopped_before_link(category: &str) -> String {
    format!("You will no longer get {category} by e-mail. Change this any time under ")
}
pub const STOPPED_LINK: &str = "Notifications";
pub const STOPPED_AFTER_LINK: &str = ".";

// --- A link that does not work
pub const INVALID_HEADING: &str = "This unsubscribe link does not work";
// These three form one sentence around the link.
pub const INVALID_BEFORE_LINK: &str = "It may have been cut short when it was copied. Open it again \
    from the e-mail, or sign in and choose your e-mails under ";
pub const INVALID_LINK: &str = "Notifications";
pub const INVALID_AFTER_LINK: &str = ".";
