//! The partner's main navigation.

pub const HOME: &str = "Home";
pub const REGISTRATIONS: &str = "Registrations";
pub const PIPELINE: &str = "Pipeline";
pub const CONTENT: &str = "Content";
pub const EARNINGS: &str = "Earnings";
pub const ANNOUNCEMENTS: &str = "Announcements";
/// Read after the badge's number by screen readers.
pub const UNREAD_AFTER_COUNT: &str = " unread";
