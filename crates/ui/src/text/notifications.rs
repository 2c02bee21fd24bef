//! `/settings/notifications`: the channels each kind of message comes by, and a partner
//! organization's Slack channel.

pub const TITLE: &str = "Notifications";
pub const INTRO: &str = "Choose how Portico tells you about each kind of message. Announcements \
                         that must be acknowledged always come by e-mail, and so do sign-in links \
                         and invitations.";
pub const CHANNELS: &str = "Channels";
pub const LOADING_CHOICES: &str = "Loading your choices…";

// --- What each category's messages are about

pub const ABOUT_ANNOUNCEMENT: &str = "News from the partner program.";
pub const ABOUT_REGISTRATION_DECISION: &str = "A registration is approved or declined.";
pub const ABOUT_PROTECTION_REMINDER: &str = "A registration's protection is about to end.";
pub const ABOUT_APPROVAL_SLA: &str = "A registration waits longer than the approval target.";
pub const ABOUT_TIER_CHANGE: &str =
    "A promotion, a grace period, a move down or a tier set by a partner manager.";
pub const ABOUT_EARNING_QUESTION: &str =
    "When a partner questions what it earned, so you can answer on the Ledger page.";
pub const ABOUT_CERTIFICATION_EXPIRY: &str =
    "A month before a certification you hold expires, with how to renew it.";
/// In the Slack column of a category only ever e-mailed to the one person it concerns.
pub const EMAIL_ONLY: &str = "E-mail only";

// --- The table of choices

pub const SAVED: &str = "Saved.";
pub const HEADERS_WITH_SLACK: [&str; 3] = ["Messages about", "E-mail", "Slack"];
pub const HEADERS: [&str; 2] = ["Messages about", "E-mail"];
pub const NO_CHANNEL_ADMIN: &str = "Your organization has no Slack channel yet, so Slack messages \
                                    go nowhere until you connect one below.";
pub const NO_CHANNEL: &str = "Your organization has no Slack channel yet, so Slack messages go \
                              nowhere until one of its administrators connects one.";

/// A checkbox's name for screen readers: "Registration decisions by e-mail".
pub fn by_email(category: &str) -> String {
    format!("{category} by e-mail")
}

/// "Registration decisions in Slack"
pub fn in_slack(category: &str) -> String {
    format!("{category} in Slack")
}

// --- The organization's Slack channel

pub const SLACK_CHANNEL: &str = "Slack channel";
pub const SLACK_INTRO: &str = "Messages that people in your organization chose Slack for are \
                               posted to one channel. In Slack, add an incoming webhook to that \
                               channel and paste its URL here.";
pub const LOADING_SLACK: &str = "Loading the Slack channel…";
pub const CONNECTED: &str = "Connected: Slack messages go to this channel from now on.";
pub const DISCONNECTED: &str = "Disconnected: nothing is posted to Slack any more.";
pub const USE_ANOTHER: &str = "Use another channel";
pub const CONNECT_A_CHANNEL: &str = "Connect a channel";

// These pieces form one sentence around the channel's hint and a time: "Connected to <hint>,
// since <time>."
pub const CONNECTED_TO: &str = "Connected to ";
pub const CONNECTED_SINCE: &str = ", since ";
pub const CONNECTED_END: &str = ".";

pub const DISCONNECT: &str = "Disconnect";
pub const DISCONNECTING: &str = "Disconnecting…";
pub const DISCONNECT_QUESTION: &str = "Disconnect the Slack channel? Nothing is posted to Slack \
                                       until a channel is connected again.";
pub const CONFIRM_DISCONNECT: &str = "Yes, disconnect";
pub const NO_CHANNEL_CONNECTED: &str = "No channel is connected.";
pub const WEBHOOK_URL: &str = "Incoming webhook URL";
pub const WEBHOOK_URL_HINT: &str = "From Slack, e.g. https://hooks.slack.com/services/…; it is \
                                    kept sealed and shown only as a hint.";
pub const CONNECT: &str = "Connect";
pub const CONNECTING: &str = "Connecting…";
