//! The weekly review and the program's numbers, for managers.

use serde::{Deserialize, Serialize};

use super::ManagerOpportunity;
use crate::organizations::{Motion, OrganizationRef};

/// A deal for the weekly review list, with why it is on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewList<T> {
    /// How many there are in all; `items` holds the first 20.
    pub total: i64,
    pub items: Vec<T>,
}

/// A registration still undecided after its approval SLA.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LateApproval {
    pub registration_id: i64,
    /// E.g. `R-1042`.
    pub number: String,
    pub organization: OrganizationRef,
    pub company_name: String,
    /// RFC 3339.
    pub decide_by: String,
}

/// `GET /api/pipeline/review` (managers): the weekly partner pipeline review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PipelineReview {
    /// Protection ending within 7 days.
    pub expiring: ReviewList<ManagerOpportunity>,
    /// Open deals without activity for `stale_days`.
    pub stale: ReviewList<ManagerOpportunity>,
    pub stale_days: u32,
    pub late_approvals: ReviewList<LateApproval>,
    /// Open deals whose registration needs conflict review.
    pub duplicates: ReviewList<ManagerOpportunity>,
}

/// Open pipeline of one motion, split by the partner's role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MotionPipeline {
    pub motion: Motion,
    pub sourced_count: i64,
    pub sourced_value: i64,
    pub influenced_count: i64,
    pub influenced_value: i64,
}

/// Closed deals of one motion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MotionOutcomes {
    pub motion: Motion,
    pub won: i64,
    pub lost: i64,
    /// Won per hundred closed, rounded; absent with nothing closed.
    pub win_rate_percent: Option<i64>,
    /// Whole days from creation to close, averaged over won deals.
    pub average_cycle_days: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuarterRevenue {
    /// E.g. `2026-Q3`.
    pub quarter: String,
    /// Won partner-sourced deals in the CRM, by the day each closed.
    pub value: i64,
    /// Sales partners were credited with in channel reports, by the day each was made, less
    /// those of a deal the CRM records as won (its own figure counts it): the two add up
    /// without counting a deal twice.
    pub reported: i64,
}

/// A partner that joined in the last 90 days and how soon it registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewPartner {
    pub organization: OrganizationRef,
    /// RFC 3339.
    pub joined_at: String,
    /// Whole days from joining to the first registration; absent before one.
    pub days_to_first_registration: Option<i64>,
}

/// `GET /api/program/numbers?currency=` (managers). Values are whole units of `currency`;
/// deals in other currencies are counted under their own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgramNumbers {
    pub currency: String,
    /// Every currency deals are recorded in, most used first, then those only reports use.
    pub currencies: Vec<String>,
    pub pipeline_by_motion: Vec<MotionPipeline>,
    pub outcomes_by_motion: Vec<MotionOutcomes>,
    /// Partner revenue by quarter, oldest first, last 8 quarters.
    pub sourced_revenue_by_quarter: Vec<QuarterRevenue>,
    pub new_partners: Vec<NewPartner>,
}

/// `?currency=` for the program numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct NumbersQuery {
    /// ISO 4217; the most used currency when absent.
    pub currency: Option<String>,
}
