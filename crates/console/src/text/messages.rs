//! `/manage/messages`: every e-mail and Slack message on its way, and the mailbox.

pub const TITLE: &str = "Messages";
pub const DELIVERIES: &str = "Deliveries";
pub const DELIVERIES_INTRO: &str = "Every e-mail and Slack message Portico sends, newest first. A \
                                    failed delivery is retried for a day, then becomes a dead \
                                    letter you can replay.";
pub const MAILBOX: &str = "Mailbox";
pub const LOADING_MAILBOX: &str = "Loading the mailbox…";

// --- Deliveries

pub const LOADING: &str = "Loading deliveries…";
pub const HEADERS: [&str; 10] = [
    "Subject",
    "Recipient",
    "Channel",
    "Category",
    "State",
    "Attempts",
    "Last error",
    "Created",
    "Delivered or next attempt",
    "Actions",
];
pub const REPLAY_ALL: &str = "Replay all dead";
pub const REPLAYING: &str = "Replaying…";
pub const REPLAY_ALL_QUESTION: &str = "Send every dead message again, by e-mail and Slack?";
pub const CONFIRM_REPLAY_ALL: &str = "Yes, replay all dead";

/// A message as the status line names it: "“Welcome” to dana@example.com".
pub fn message_to(subject: &str, recipient: &str) -> String {
    format!("“{subject}” to {recipient}")
}

/// `what` is [`message_to`]'s text.
pub fn queued_again(what: &str) -> String {
    format!("{what} is queued to be sent again.")
}

// --- The mailbox

pub const WHY_MAILBOX: &str = "Without an SMTP server, Portico writes each e-mail to the \
                               mailbox/ folder in its data directory instead of sending it; the \
                               latest 200 are listed here, newest first.";
// With WHY_MAILBOX between them, these form the empty mailbox's text.
pub const EMPTY_BEFORE: &str = "The mailbox is empty. ";
pub const EMPTY_AFTER: &str = " With an SMTP server set, e-mail is sent and nothing appears here.";
/// After WHY_MAILBOX, above the list.
pub const OPEN_ONE: &str = " Open one to read it and follow its links.";
pub const MAILBOX_HEADERS: [&str; 3] = ["Subject", "To", "Written"];
pub const OPENING: &str = "Opening the e-mail…";
pub const GONE: &str = "This e-mail is no longer in the mailbox.";
pub const FROM: &str = "From";
pub const TO: &str = "To";
pub const LINKS: &str = "Links in this e-mail";
