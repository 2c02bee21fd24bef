//! The shared pipeline: opportunities with motion-specific stages, as partners and managers
//! see them, and the program's numbers.
//!
//! Partners get `PartnerOpportunity`, which has no room for pricing, discounts, internal notes,
//! attribution or anything about another partner; managers get `ManagerOpportunity`, which
//! wraps the partner's view and adds those.

use serde::{Deserialize, Serialize};

use crate::organizations::{Motion, OrganizationRef};
use crate::page::Page;
use crate::registrations::{ConflictLevel, PartnerRole, RegistrationStatus};

pub const TEXT_MAX: usize = 200;
pub const NOTE_MAX: usize = 2000;
pub const INTERNAL_NOTES_MAX: usize = 4000;
/// Days before its end from which a protection window counts as expiring.
pub const EXPIRING_DAYS: i64 = 7;
/// Days without activity after which managers see a deal as stale, unless they choose.
pub const STALE_DAYS: u32 = 14;
pub const WON: &str = "won";
pub const LOST: &str = "lost";

mod changes;
mod numbers;
mod stages;
pub use changes::{
    NewOpportunity, NoteRequest, OpportunityPatch, TextChange, ValidNewOpportunity, ValidPatch,
    amount,
};
pub use numbers::{
    LateApproval, MotionOutcomes, MotionPipeline, NewPartner, NumbersQuery, PipelineReview,
    ProgramNumbers, QuarterRevenue, ReviewList,
};
pub use stages::{Stage, StageDef, stage_label, stages};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProtectionStatus {
    /// Created by a manager without a registration: nothing to protect.
    None,
    Active,
    /// Ends within 7 days.
    Expiring,
    Expired,
}

string_enum!(ProtectionStatus {
    None => "none" / "No registration",
    Active => "active" / "Protected",
    Expiring => "expiring" / "Expiring soon",
    Expired => "expired" / "Expired",
});

/// Who wrote a shared note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoteSide {
    Partner,
    Vendor,
}

string_enum!(NoteSide { Partner => "partner" / "Partner", Vendor => "vendor" / "Vendor" });

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PipelineSort {
    /// Most recently updated first.
    #[default]
    Updated,
    /// Customer name, A to Z.
    Customer,
    /// Most recently entered stage first.
    StageEntered,
    /// Soonest next-step due date first; deals without one last.
    NextStepDue,
}

string_enum!(PipelineSort {
    Updated => "updated" / "Last updated",
    Customer => "customer" / "Customer",
    StageEntered => "stage_entered" / "Stage entered",
    NextStepDue => "next_step_due" / "Next step due",
});

/// One opportunity as its own partner organization sees it: only the safe fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerOpportunity {
    pub id: i64,
    pub customer_name: String,
    pub motion: Motion,
    /// A stage slug of the motion (see `stages`), or `won` / `lost`.
    pub stage: String,
    /// RFC 3339.
    pub stage_entered_at: String,
    /// The vendor seller who owns the deal.
    pub owner_name: Option<String>,
    pub next_step: Option<String>,
    /// `YYYY-MM-DD`.
    pub next_step_due: Option<String>,
    /// Absent for deals a manager created without a registration.
    pub registration_status: Option<RegistrationStatus>,
    pub protection_status: ProtectionStatus,
    /// RFC 3339.
    pub protection_ends: Option<String>,
    /// RFC 3339.
    pub updated_at: String,
}

/// A note both sides read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SharedNote {
    pub id: i64,
    pub side: NoteSide,
    pub author_name: String,
    pub body: String,
    /// RFC 3339.
    pub created_at: String,
}

/// `GET /api/opportunities/{id}` for a partner: the safe fields and the shared notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerOpportunityDetail {
    #[serde(flatten)]
    pub opportunity: PartnerOpportunity,
    pub notes: Vec<SharedNote>,
}

/// One exit criterion of the deal's current stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExitCriterion {
    pub label: String,
    pub met: bool,
}

/// An opportunity with everything vendor staff see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManagerOpportunity {
    pub opportunity: PartnerOpportunity,
    pub organization: OrganizationRef,
    pub registration_id: Option<i64>,
    /// Whole units of `currency`.
    pub amount: Option<i64>,
    pub currency: Option<String>,
    pub discount_band: Option<String>,
    pub price_protection: bool,
    /// Absent until a manager decides it for a deal created without a registration.
    pub partner_role: Option<PartnerRole>,
    pub attribution_percent: Option<u8>,
    pub internal_notes: String,
    pub loss_reason: Option<String>,
    /// The registration's conflict check; absent without a registration.
    pub conflict: Option<ConflictLevel>,
    /// The current stage's criteria and which a manager confirmed.
    pub exit_criteria: Vec<ExitCriterion>,
    /// RFC 3339: the last edit or note by either side.
    pub last_activity_at: String,
    /// RFC 3339.
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManagerOpportunityDetail {
    #[serde(flatten)]
    pub opportunity: ManagerOpportunity,
    pub notes: Vec<SharedNote>,
}

/// `GET /api/opportunities/{id}`, by the caller's side. Manager first: a partner's answer
/// lacks the manager's fields, so it can never be read as one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
#[allow(
    clippy::large_enum_variant,
    reason = "built once per response and moved straight into JSON"
)]
pub enum OpportunityDetail {
    Manager(ManagerOpportunityDetail),
    Partner(PartnerOpportunityDetail),
}

/// `GET /api/pipeline`, by the caller's side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum PipelinePage {
    Manager(Page<ManagerOpportunity>),
    Partner(Page<PartnerOpportunity>),
}

/// `GET /api/pipeline` and `GET /api/pipeline.csv` filters. Partners can use the first five;
/// the rest are for managers and ignored for partners.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct PipelineQuery {
    /// A stage slug, `won` or `lost`; with several motions it matches each one's stage of that name.
    pub stage: Option<String>,
    pub motion: Option<Motion>,
    pub protection: Option<ProtectionStatus>,
    /// Part of the customer's name.
    pub q: Option<String>,
    pub sort: Option<PipelineSort>,
    /// Managers: one partner organization.
    pub organization_id: Option<i64>,
    /// Managers: only deals whose registration needs conflict review.
    pub conflict: Option<bool>,
    /// Managers: only open deals without activity for this many days.
    pub stale_days: Option<u32>,
    /// Managers: only open deals whose next step was due before today.
    pub overdue: Option<bool>,
    pub cursor: Option<String>,
    /// 1 to 100; 25 when absent.
    pub limit: Option<u32>,
}

impl PipelineQuery {
    pub fn page(&self) -> crate::page::PageQuery {
        crate::page::PageQuery {
            cursor: self.cursor.clone(),
            limit: self.limit,
        }
    }

    /// The customer search, trimmed; absent when blank.
    pub fn search(&self) -> Option<&str> {
        self.q.as_deref().map(str::trim).filter(|q| !q.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_motion_has_five_distinct_stages_with_criteria() {
        for motion in Motion::ALL {
            let defs = stages(motion);
            for (i, def) in defs.iter().enumerate() {
                assert_eq!(Stage::parse(motion, def.slug), Some(Stage::Open(i)));
                assert!(!def.exit_criteria.is_empty(), "{}", def.label);
                assert_ne!(def.slug, WON);
                assert_ne!(def.slug, LOST);
            }
        }
    }

    #[test]
    fn stage_slugs_belong_to_their_motion() {
        assert_eq!(
            Stage::parse(Motion::Referral, "intro_logged"),
            Some(Stage::FIRST)
        );
        assert_eq!(Stage::parse(Motion::Reseller, "intro_logged"), None);
        assert_eq!(Stage::parse(Motion::Tech, "won"), Some(Stage::Won));
    }

    #[test]
    fn a_patch_reports_every_bad_field() {
        let patch = OpportunityPatch {
            stage: Some("nowhere".into()),
            criteria_met: Some(vec![0, 7]),
            next_step_due: Some("tomorrow".into()),
            amount: Some(-1),
            attribution_percent: Some(101),
            ..OpportunityPatch::default()
        };
        let errors = patch.validate(Motion::Referral, Stage::FIRST).unwrap_err();
        for field in [
            "stage",
            "criteria_met",
            "next_step_due",
            "amount",
            "attribution_percent",
        ] {
            assert!(errors.contains_key(field), "{field}: {errors:?}");
        }
    }

    #[test]
    fn moving_to_lost_needs_a_reason_and_empty_text_clears() {
        let lost = OpportunityPatch {
            stage: Some(LOST.into()),
            ..OpportunityPatch::default()
        };
        let errors = lost.validate(Motion::Tech, Stage::Open(2)).unwrap_err();
        assert!(errors.contains_key("loss_reason"));
        let clear = OpportunityPatch {
            next_step: Some("  ".into()),
            next_step_due: Some(String::new()),
            criteria_met: Some(vec![1]),
            ..OpportunityPatch::default()
        };
        let valid = clear.validate(Motion::Tech, Stage::Open(2)).unwrap();
        assert_eq!(valid.next_step, Some(None));
        assert_eq!(valid.next_step_due, Some(None));
        assert_eq!(valid.criteria_met, Some(0b10));
    }

    #[test]
    fn an_approved_registration_meets_only_the_approval_criterion() {
        assert_eq!(Stage::FIRST.met_by_approval(Motion::Reseller), 0b01);
        assert_eq!(Stage::Open(1).met_by_approval(Motion::Reseller), 0);
        assert_eq!(Stage::FIRST.met_by_approval(Motion::Referral), 0);
        assert_eq!(Stage::Won.met_by_approval(Motion::Reseller), 0);
    }
}
