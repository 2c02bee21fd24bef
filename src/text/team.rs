//! A partner admin's team card on the home page.

pub const TITLE: &str = "Your team";

// One sentence around the link to the registration link.
pub const LINK_BEFORE: &str = "Share your organization's ";
pub const LINK: &str = "registration link";
pub const LINK_AFTER: &str = " with sellers who register deals without an account.";

pub const INVITE: &str = "Invite a colleague";
pub const INVITING: &str = "Sending the invitation…";
pub const EMAIL: &str = "Their e-mail address";
pub const ROLE: &str = "Role";

/// The first part of a sentence that ends with the date the link stops working.
pub fn sent(email: &str) -> String {
    format!("Invitation sent to {email}. The link in it works until ")
}
pub const SENT_AFTER_DATE: &str = ".";

pub const PENDING: &str = "Invitations waiting";
pub const PENDING_LOADING: &str = "Loading the invitations…";
pub const PENDING_EMPTY: &str =
    "No invitations waiting. Colleagues you invite appear here until they join.";
pub const EXPIRES: &str = "link works until ";
