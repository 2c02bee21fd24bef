//! How a registration reads: the partner's view, the manager's with the conflict findings,
//! and the lists and details each side gets.

use serde::{Deserialize, Serialize};

use super::{
    ConflictLevel, DeclineReason, ExtensionStatus, PartnerRole, RegistrationKind,
    RegistrationStatus, Verdict, products::Product,
};
pub use crate::findings::ConflictFinding;
use crate::organizations::{Motion, OrganizationRef};
use crate::page::Page;

/// The window in which the registering partner is protected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Protection {
    /// RFC 3339.
    pub ends_at: String,
    /// Whole days until it ends; 0 on the last day and after.
    pub days_left: i64,
    /// RFC 3339: from when the partner may ask for an extension (its last days; asked earlier,
    /// the answer would be a guess).
    pub extension_opens_at: String,
}

/// A manager's decision as the partner reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Decision {
    pub decision: Verdict,
    pub reason: Option<DeclineReason>,
    pub rationale: Option<String>,
    /// RFC 3339.
    pub decided_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Extension {
    pub status: ExtensionStatus,
    pub justification: String,
    /// RFC 3339.
    pub requested_at: String,
    /// The manager's words on approving or declining it.
    pub rationale: Option<String>,
}

/// One registration as its own partner organization sees it: its own data, the decision, and
/// only the level of the conflict check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerRegistration {
    pub id: i64,
    /// E.g. `R-1042`.
    pub number: String,
    pub kind: RegistrationKind,
    pub status: RegistrationStatus,
    pub conflict: ConflictLevel,
    /// The conflict check's result in words, e.g. "No conflict found."
    pub conflict_message: String,
    pub company_name: String,
    pub company_domain: String,
    pub country: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_title: Option<String>,
    pub motion: Motion,
    pub products: Vec<Product>,
    pub estimated_value: Option<i64>,
    pub currency: Option<String>,
    pub expected_close: Option<String>,
    pub description: String,
    pub partner_role: PartnerRole,
    pub submitted_by: String,
    /// RFC 3339.
    pub submitted_at: String,
    pub decision: Option<Decision>,
    /// The partner manager's question while the status is `info_requested`.
    pub open_question: Option<String>,
    pub protection: Option<Protection>,
    pub extension: Option<Extension>,
}

/// A registration with the conflict findings and approval clock that only managers see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManagerRegistration {
    pub registration: PartnerRegistration,
    pub organization: OrganizationRef,
    /// RFC 3339: when the approval SLA runs out.
    pub decide_by: String,
    /// Still undecided after `decide_by`.
    pub sla_breached: bool,
    /// Whole hours it has waited for a decision; absent once decided or withdrawn.
    pub waiting_hours: Option<i64>,
    /// The other registrations claiming the same customer, by id: those its conflict check
    /// named and those filed later whose check named it.
    pub competing_claims: Vec<i64>,
}

impl ManagerRegistration {
    /// The conflict as a manager reads it now: open competing claims are counted, a decided
    /// registration's conflict is resolved.
    pub fn conflict_summary(&self) -> String {
        let r = &self.registration;
        let claims = self.competing_claims.len();
        match (claims, r.conflict, r.status.is_open()) {
            (0, ConflictLevel::None, _) => "No conflict".to_owned(),
            (_, _, false) => "Resolved".to_owned(),
            (0, ConflictLevel::Review, true) => "Needs review".to_owned(),
            (1, _, true) => "1 competing claim".to_owned(),
            (n, _, true) => format!("{n} competing claims"),
        }
    }
}

/// One event in a registration's life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineEntry {
    /// RFC 3339.
    pub at: String,
    pub what: String,
    /// Who did it: a name for the partner's own people, "Partner manager" for vendor staff
    /// when a partner asks.
    pub who: Option<String>,
    pub rationale: Option<String>,
}

/// `GET /api/registrations/{id}` for a partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerRegistrationDetail {
    pub registration: PartnerRegistration,
    pub timeline: Vec<TimelineEntry>,
}

/// `GET /api/registrations/{id}` for a manager: the claim, the competing claims side by side,
/// and what the conflict rules suggest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManagerRegistrationDetail {
    pub registration: ManagerRegistration,
    pub findings: Vec<ConflictFinding>,
    /// The registrations the findings name, to read side by side.
    pub matches: Vec<ManagerRegistration>,
    /// Registrations filed later whose conflict check named this one.
    pub later_claims: Vec<ManagerRegistration>,
    /// The accounts the findings name.
    pub accounts: Vec<crate::accounts::Account>,
    pub suggestion: Option<String>,
    pub timeline: Vec<TimelineEntry>,
}

/// `GET /api/registrations` filters; partners can use all but `organization_id` (they see
/// only their own organization's).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct RegistrationQuery {
    pub status: Option<RegistrationStatus>,
    /// Only the undecided, oldest first (the approval queue).
    pub queue: Option<bool>,
    /// Only the undecided past their approval SLA.
    pub late: Option<bool>,
    pub conflict: Option<ConflictLevel>,
    pub extension: Option<ExtensionStatus>,
    /// Managers: one partner organization.
    pub organization_id: Option<i64>,
    pub cursor: Option<String>,
    /// 1 to 100; 25 when absent.
    pub limit: Option<u32>,
}

impl RegistrationQuery {
    pub fn page(&self) -> crate::page::PageQuery {
        crate::page::PageQuery {
            cursor: self.cursor.clone(),
            limit: self.limit,
        }
    }
}

/// `GET /api/registrations` answers partners and managers with their own types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum RegistrationPage {
    Partner(Page<PartnerRegistration>),
    Manager(Page<ManagerRegistration>),
}

/// `GET /api/registrations/{id}`, by the caller's side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum RegistrationDetail {
    // Boxed, as the two differ in size by hundreds of bytes.
    Partner(Box<PartnerRegistrationDetail>),
    Manager(Box<ManagerRegistrationDetail>),
}
