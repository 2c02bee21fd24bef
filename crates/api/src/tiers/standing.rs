//! Where organizations stand on the ladder: a partner's own tier and progress, the managers'
//! views (standings, one organization's tier and history), evaluation results and overrides.

use serde::{Deserialize, Serialize};

use super::Measure;
use crate::error::FieldErrors;
use crate::organizations::{OrganizationRef, Tier};
use crate::validate::Fields;

/// One rule of the next tier and how far the organization is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RuleProgress {
    pub measure: Measure,
    /// For `certified_people`: the certification's name.
    pub certification: Option<String>,
    pub current: i64,
    pub required: i64,
    pub met: bool,
}

/// A tier's name and benefits as partners read them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TierSummary {
    pub tier: Tier,
    pub name: String,
    pub benefits: String,
}

/// `GET /api/program/my-tier`: the partner's tier and the way to the next one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyTier {
    pub current: TierSummary,
    /// Revenue figures are in this currency.
    pub currency: String,
    pub window_months: u32,
    /// The next tier up and each of its rules; none at the top.
    pub next: Option<TierSummary>,
    pub progress: Vec<RuleProgress>,
    /// RFC 3339: the organization no longer qualifies for its tier and moves down then, unless
    /// it qualifies again before.
    pub grace_until: Option<String>,
}

/// Why an organization's tier changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TierEvent {
    Promoted,
    PromotionProposed,
    GraceStarted,
    GraceLifted,
    MovedDown,
    Overridden,
    OverrideExpired,
}

string_enum!(TierEvent {
    Promoted => "promoted" / "Promoted",
    PromotionProposed => "promotion_proposed" / "Promotion proposed",
    GraceStarted => "grace_started" / "Grace period started",
    GraceLifted => "grace_lifted" / "Qualified again",
    MovedDown => "moved_down" / "Moved down",
    Overridden => "overridden" / "Set by a manager",
    OverrideExpired => "override_expired" / "Manager's setting expired",
});

/// One entry of an organization's tier history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TierHistoryEntry {
    pub event: TierEvent,
    pub from: Tier,
    pub to: Tier,
    /// Who did it; none for the evaluation.
    pub actor: Option<String>,
    pub rationale: Option<String>,
    /// RFC 3339.
    pub at: String,
}

/// A manager's choice of tier until it expires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TierOverride {
    pub tier: Tier,
    /// RFC 3339.
    pub until: String,
    pub rationale: String,
}

/// `GET /api/organizations/{id}/tier`: computed and assigned tier, grace, override, history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganizationTier {
    pub organization: OrganizationRef,
    pub assigned: Tier,
    /// What the rules reach today.
    pub eligible: Tier,
    pub proposed: Option<Tier>,
    /// RFC 3339.
    pub grace_until: Option<String>,
    #[serde(rename = "override")]
    pub manual: Option<TierOverride>,
    /// Newest first.
    pub history: Vec<TierHistoryEntry>,
}

/// `GET /api/program/tiers/standings`: one organization on the ladder, for managers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TierStanding {
    pub organization: OrganizationRef,
    pub assigned: Tier,
    /// What the rules reach today.
    pub eligible: Tier,
    pub proposed: Option<Tier>,
    /// RFC 3339.
    pub grace_until: Option<String>,
    /// RFC 3339: a manager's override holds until then.
    pub override_until: Option<String>,
    /// The tier above the assigned one, and how far the least advanced of its rules is, 0 to
    /// 100; none at the top.
    pub next: Option<Tier>,
    pub next_progress: Option<u8>,
}

/// One change an evaluation made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TierChange {
    pub organization: OrganizationRef,
    pub event: TierEvent,
    pub from: Tier,
    pub to: Tier,
}

/// `POST /api/program/tiers/evaluate`: what the evaluation changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TierEvaluation {
    pub evaluated: u32,
    pub changes: Vec<TierChange>,
}

/// `PUT /api/organizations/{id}/tier/override`: a manager's tier until a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetTierOverride {
    pub tier: Tier,
    /// `YYYY-MM-DD`: the last day the override holds (it ends at the day's end, UTC).
    pub until: String,
    pub rationale: String,
}

impl SetTierOverride {
    pub fn validate(&self, today: crate::date::Date) -> Result<(), FieldErrors> {
        let mut f = Fields::default();
        match crate::date::Date::parse(&self.until) {
            Some(day) if day > today => {}
            Some(_) => f.add("until", "Choose a day after today."),
            None => f.add("until", "Enter the last day as YYYY-MM-DD."),
        }
        let rationale = self.rationale.trim();
        if rationale.is_empty() || rationale.chars().count() > 1000 {
            f.add("rationale", "Say why, in at most 1,000 characters.");
        }
        f.finish()
    }
}
