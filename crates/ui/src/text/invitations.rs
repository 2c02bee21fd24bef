//! Revoking a pending invitation.

pub const REVOKE: &str = "Revoke";
pub const REVOKING: &str = "Revoking…";
pub const REVOKE_QUESTION: &str = "Revoke this invitation? Its link stops working.";
pub const REVOKE_CONFIRM: &str = "Yes, revoke it";
