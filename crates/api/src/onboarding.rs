//! Onboarding plans: per motion, the steps a new partner takes in its first days, each due a
//! number of days after it joined, and each partner's progress through its motion's plan.

use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::organizations::{Motion, OrganizationRef};
use crate::validate::Fields;

/// What completes a step: something Portico sees the partner do, or a manager's tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    SignIn,
    ReadAsset,
    DownloadAsset,
    EarnCertification,
    RegisterDeal,
    DealApproved,
    InviteColleague,
    AcknowledgeAnnouncement,
    /// A manager ticks it (a kickoff call, a signed agreement).
    Manual,
}

string_enum!(StepKind {
    SignIn => "sign_in" / "Sign in",
    ReadAsset => "read_asset" / "Open an asset in the content hub",
    DownloadAsset => "download_asset" / "Download an asset",
    EarnCertification => "earn_certification" / "Earn a certification",
    RegisterDeal => "register_deal" / "Register a first deal",
    DealApproved => "deal_approved" / "Have a deal approved",
    InviteColleague => "invite_colleague" / "Invite a colleague",
    AcknowledgeAnnouncement => "acknowledge_announcement" / "Acknowledge an announcement",
    Manual => "manual" / "Ticked by a partner manager",
});

/// One step of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PlanStep {
    /// Stable within the plan; progress and ticks are kept by it. Lower-case letters, digits
    /// and `-`.
    pub key: String,
    pub title: String,
    /// Due this many days after the organization joined (1 to 365).
    pub due_day: u32,
    pub kind: StepKind,
    /// For `earn_certification`: a certification id, or any certification when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certification_id: Option<i64>,
}

/// `PUT /api/onboarding/plans/{motion}`: the whole plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OnboardingPlan {
    pub steps: Vec<PlanStep>,
}

pub const MAX_STEPS: usize = 30;
pub const MAX_DUE_DAY: u32 = 365;

impl OnboardingPlan {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = Fields::default();
        if self.steps.is_empty() || self.steps.len() > MAX_STEPS {
            f.add("steps", "Give the plan 1 to 30 steps.");
        }
        for (i, step) in self.steps.iter().enumerate() {
            let at = |field: &str| format!("steps[{i}].{field}");
            let key_ok = (1..=40).contains(&step.key.len())
                && step
                    .key
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !key_ok {
                f.add(
                    &at("key"),
                    "Use 1 to 40 lower-case letters, digits or dashes.",
                );
            } else if self.steps[..i].iter().any(|s| s.key == step.key) {
                f.add(&at("key"), "Each step needs its own key.");
            }
            let title = step.title.trim();
            if title.is_empty() || title.chars().count() > 100 {
                f.add(&at("title"), "Name the step in 1 to 100 characters.");
            }
            if !(1..=MAX_DUE_DAY).contains(&step.due_day) {
                f.add(&at("due_day"), "Choose a day from 1 to 365.");
            }
            if step.certification_id.is_some() && step.kind != StepKind::EarnCertification {
                f.add(
                    &at("certification_id"),
                    "Only a certification step names a certification.",
                );
            }
        }
        f.finish()
    }
}

/// `GET /api/onboarding/plans/{motion}`: the plan, and whether managers saved it or it is the
/// starter plan shown until they do (which applies all the same).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OnboardingPlanView {
    pub motion: Motion,
    pub plan: OnboardingPlan,
    pub saved: bool,
}

/// One step as one organization stands on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepProgress {
    pub key: String,
    pub title: String,
    pub kind: StepKind,
    /// `YYYY-MM-DD`.
    pub due_on: String,
    /// `YYYY-MM-DD`, when done.
    pub done_on: Option<String>,
    /// Not done and past its day.
    pub overdue: bool,
}

/// One organization's progress through its motion's plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OnboardingProgress {
    pub organization: OrganizationRef,
    pub motion: Motion,
    /// `YYYY-MM-DD`.
    pub joined_on: String,
    pub steps: Vec<StepProgress>,
}

impl OnboardingProgress {
    pub fn done(&self) -> usize {
        self.steps.iter().filter(|s| s.done_on.is_some()).count()
    }

    pub fn overdue(&self) -> usize {
        self.steps.iter().filter(|s| s.overdue).count()
    }
}

/// `GET /api/onboarding/progress`: a partner's own progress; for managers, every organization
/// that joined in the last `NEW_PARTNER_DAYS` days (or the one `?organization=` names).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OnboardingOverview {
    pub partners: Vec<OnboardingProgress>,
}

/// `GET /api/onboarding/progress` filters (managers).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ProgressQuery {
    /// One organization, however long ago it joined.
    pub organization: Option<i64>,
}

/// A partner counts as new, and its plan is followed, for this long.
pub const NEW_PARTNER_DAYS: i64 = 120;

#[cfg(test)]
mod tests {
    use super::*;

    fn step(key: &str, kind: StepKind) -> PlanStep {
        PlanStep {
            key: key.into(),
            title: "Kickoff call".into(),
            due_day: 30,
            kind,
            certification_id: None,
        }
    }

    #[test]
    fn a_plan_names_every_bad_step_field() {
        let plan = OnboardingPlan {
            steps: vec![step("kickoff", StepKind::Manual)],
        };
        assert_eq!(plan.validate(), Ok(()));
        let bad = OnboardingPlan {
            steps: vec![
                step("kickoff", StepKind::Manual),
                PlanStep {
                    due_day: 0,
                    certification_id: Some(1),
                    ..step("kickoff", StepKind::RegisterDeal)
                },
                step("Bad Key", StepKind::SignIn),
            ],
        };
        let errors = bad.validate().unwrap_err();
        let fields: Vec<&str> = errors.keys().map(String::as_str).collect();
        assert_eq!(
            fields,
            [
                "steps[1].certification_id",
                "steps[1].due_day",
                "steps[1].key",
                "steps[2].key"
            ]
        );
        assert!(OnboardingPlan { steps: vec![] }.validate().is_err());
    }
}
