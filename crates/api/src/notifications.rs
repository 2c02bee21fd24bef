//! Messages the portal sends people: registration decisions, protection reminders, late
//! approvals. Shown in the portal; delivery by e-mail and chat reads the same outbox.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: i64,
    /// `registration_decision`, `protection_reminder` or `approval_sla`.
    pub category: String,
    pub subject: String,
    pub body: String,
    pub registration_id: Option<i64>,
    /// RFC 3339.
    pub created_at: String,
}
