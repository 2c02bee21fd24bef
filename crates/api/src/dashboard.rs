//! `GET /api/dashboard`: what the signed-in person should look at first. Every number in it
//! is the size of a list the apps link to, so each one is counted the way that list filters.

use serde::{Deserialize, Serialize};

use crate::onboarding::OnboardingProgress;
use crate::organizations::Motion;
use crate::registrations::{ExtensionStatus, Protection, RegistrationStatus};

/// How far ahead a partner's home warns about protection ending.
pub const PROTECTION_ENDING_DAYS: i64 = 14;
/// How many registrations a partner's home lists under each heading.
pub const BRIEF_ITEMS: usize = 5;

/// The dashboard answers partners and vendor staff with their own types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum Dashboard {
    Manager(ManagerDashboard),
    Partner(PartnerDashboard),
}

/// A partner organization's home: only its own data, nothing a partner may not see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerDashboard {
    /// The organization's registrations per status, every status listed, in `ALL` order.
    pub registrations: Vec<StatusCount>,
    /// Waiting for the partner: a manager's open question, oldest first, then extensions
    /// decided in the last 14 days; at most `BRIEF_ITEMS`.
    pub to_answer: Vec<RegistrationBrief>,
    /// Approved registrations whose protection ends within `PROTECTION_ENDING_DAYS`, soonest
    /// first; at most `BRIEF_ITEMS`.
    pub protection_ending: Vec<RegistrationBrief>,
    pub protection_ending_total: i64,
    pub unread_announcements: i64,
    /// Announcements, read or not, that still wait for the person's acknowledgment.
    pub to_acknowledge: i64,
    /// Published content the person may see, newer than their last visit to the hub.
    pub new_content: i64,
    /// Open deals per motion and stage, with the value the partner registered per currency.
    pub pipeline: Vec<StageTotal>,
    /// In the organization's first `NEW_PARTNER_DAYS` days: its progress through its
    /// onboarding plan; `None` afterwards.
    pub onboarding: Option<OnboardingProgress>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusCount {
    pub status: RegistrationStatus,
    pub count: i64,
}

/// A registration as a home page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationBrief {
    pub id: i64,
    /// E.g. `R-1042`.
    pub number: String,
    pub company_name: String,
    pub status: RegistrationStatus,
    /// A manager's open question.
    pub question: Option<String>,
    pub protection: Option<Protection>,
    pub extension: Option<ExtensionStatus>,
}

/// Open deals of one motion's stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageTotal {
    pub motion: Motion,
    /// The stage's slug.
    pub stage: String,
    pub deals: i64,
    /// The registered value of those deals, per currency, largest first; deals registered
    /// without a value add nothing.
    pub values: Vec<Amount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Amount {
    /// ISO 4217.
    pub currency: String,
    /// Whole units.
    pub value: i64,
}

/// The counts a manager's home shows; the weekly review and the program's numbers have their
/// own endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManagerDashboard {
    /// Undecided registrations (the approval queue).
    pub to_decide: i64,
    /// Of those, past their approval SLA.
    pub past_sla: i64,
    /// Of those, with a competing claim or a matching account to review.
    pub with_conflicts: i64,
    /// Approved registrations whose partner asked for a longer protection.
    pub extension_requests: i64,
    /// Open deals whose next step was due before today.
    pub overdue_next_steps: i64,
    /// Partners older than 30 days with nothing in the last 30.
    pub stalled_partners: i64,
    /// Partners in their first 30 days that have not registered anything yet.
    pub activating_partners: i64,
}
