//! Onboarding: the starter plan of each motion, and how an organization stands on its plan
//! from what it did (the first time of each kind of step), the certifications its people
//! earned and the steps managers ticked.

use std::collections::HashMap;

use portico_api::date::Date;
use portico_api::onboarding::{OnboardingPlan, PlanStep, StepKind, StepProgress};
use portico_api::organizations::{Activation, ActivationStep, Motion};

use crate::clock::Timestamp;

const DAY: Timestamp = 24 * 60 * 60;
/// The engagement model's first steps are the plan's steps due in this many days.
pub const FIRST_STEPS_DAYS: u32 = 30;

/// What an organization did, as onboarding reads it.
#[derive(Debug, Clone, Default)]
pub struct Observed {
    /// The first time it did each kind of step Portico sees.
    pub firsts: HashMap<StepKind, Timestamp>,
    /// The first day its people earned each certification, by certification id.
    pub certifications: HashMap<i64, Date>,
    /// When managers ticked each manual step, by step key.
    pub ticks: HashMap<String, Timestamp>,
}

impl Observed {
    /// The day the step was done, if it was.
    fn done_on(&self, step: &PlanStep) -> Option<Date> {
        match step.kind {
            StepKind::Manual => self.ticks.get(&step.key).map(|at| Date::from_unix(*at)),
            StepKind::EarnCertification => match step.certification_id {
                Some(id) => self.certifications.get(&id).copied(),
                None => self.certifications.values().min().copied(),
            },
            kind => self.firsts.get(&kind).map(|at| Date::from_unix(*at)),
        }
    }
}

/// Every step of the plan with its due day (counted from joining), the day it was done, and
/// whether it is late on `today`.
pub fn progress(
    plan: &OnboardingPlan,
    joined_at: Timestamp,
    observed: &Observed,
    today: Date,
) -> Vec<StepProgress> {
    plan.steps
        .iter()
        .map(|step| {
            let due_on = Date::from_unix(joined_at + i64::from(step.due_day) * DAY);
            let done_on = observed.done_on(step);
            StepProgress {
                key: step.key.clone(),
                title: step.title.clone(),
                kind: step.kind,
                due_on: due_on.to_string(),
                done_on: done_on.map(|d| d.to_string()),
                overdue: done_on.is_none() && today > due_on,
            }
        })
        .collect()
}

/// The engagement model's first steps: the plan's steps due in the first 30 days.
pub fn first_steps(plan: &OnboardingPlan, observed: &Observed) -> Activation {
    Activation {
        steps: plan
            .steps
            .iter()
            .filter(|step| step.due_day <= FIRST_STEPS_DAYS)
            .map(|step| ActivationStep {
                title: step.title.clone(),
                done: observed.done_on(step).is_some(),
            })
            .collect(),
    }
}

/// The plan a motion follows until managers save one: a 30-60-90-day path, with a
/// certification for every motion but referral partners, who only introduce customers.
pub fn starter_plan(motion: Motion) -> OnboardingPlan {
    let step = |key: &str, title: &str, due_day, kind| PlanStep {
        key: key.into(),
        title: title.into(),
        due_day,
        kind,
        certification_id: None,
    };
    let mut steps = vec![
        step(
            "first-sign-in",
            "Sign in to the portal",
            3,
            StepKind::SignIn,
        ),
        step(
            "kickoff-call",
            "Kickoff call with your partner manager",
            7,
            StepKind::Manual,
        ),
        step(
            "read-content",
            "Read the program's enablement content",
            14,
            StepKind::ReadAsset,
        ),
        step(
            "invite-colleague",
            "Invite a colleague",
            21,
            StepKind::InviteColleague,
        ),
        step(
            "first-registration",
            "Register your first deal",
            30,
            StepKind::RegisterDeal,
        ),
    ];
    if motion != Motion::Referral {
        steps.push(step(
            "first-certification",
            "Earn your first certification",
            60,
            StepKind::EarnCertification,
        ));
    }
    steps.push(step(
        "first-approval",
        "Have a deal approved",
        90,
        StepKind::DealApproved,
    ));
    OnboardingPlan { steps }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JOINED: Timestamp = 1_796_083_200; // 2026-12-01

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn steps_are_due_from_joining_and_done_by_what_was_observed() {
        let plan = starter_plan(Motion::Reseller);
        let mut observed = Observed::default();
        observed.firsts.insert(StepKind::SignIn, JOINED + DAY);
        observed
            .ticks
            .insert("kickoff-call".into(), JOINED + 10 * DAY);
        observed.certifications.insert(4, day("2026-11-20"));
        let steps = progress(&plan, JOINED, &observed, day("2026-12-20"));
        let by_key = |key: &str| steps.iter().find(|s| s.key == key).unwrap();
        assert_eq!(by_key("first-sign-in").due_on, "2026-12-04");
        assert_eq!(
            by_key("first-sign-in").done_on.as_deref(),
            Some("2026-12-02")
        );
        assert_eq!(
            by_key("kickoff-call").done_on.as_deref(),
            Some("2026-12-11")
        );
        assert_eq!(
            by_key("first-certification").done_on.as_deref(),
            Some("2026-11-20"),
            "any certification, even one earned before joining"
        );
        assert!(by_key("read-content").overdue, "due 2026-12-15");
        assert!(!by_key("invite-colleague").overdue, "due 2026-12-22");
        assert!(!by_key("first-sign-in").overdue);
    }

    #[test]
    fn a_step_naming_a_certification_needs_that_one() {
        let plan = OnboardingPlan {
            steps: vec![PlanStep {
                key: "architect".into(),
                title: "Certify an architect".into(),
                due_day: 45,
                kind: StepKind::EarnCertification,
                certification_id: Some(2),
            }],
        };
        let mut observed = Observed::default();
        observed.certifications.insert(1, day("2026-12-02"));
        let steps = progress(&plan, JOINED, &observed, day("2026-12-03"));
        assert_eq!(steps[0].done_on, None);
        observed.certifications.insert(2, day("2026-12-03"));
        let steps = progress(&plan, JOINED, &observed, day("2026-12-03"));
        assert_eq!(steps[0].done_on.as_deref(), Some("2026-12-03"));
    }

    #[test]
    fn the_first_steps_are_the_plans_first_thirty_days() {
        let plan = starter_plan(Motion::Referral);
        assert!(plan.validate().is_ok());
        assert!(
            !plan
                .steps
                .iter()
                .any(|s| s.kind == StepKind::EarnCertification)
        );
        let mut observed = Observed::default();
        observed.firsts.insert(StepKind::RegisterDeal, JOINED);
        let first = first_steps(&plan, &observed);
        let titles: Vec<&str> = first.steps.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles.len(), 5);
        assert_eq!(first.done(), 1);
        assert!(starter_plan(Motion::Services).validate().is_ok());
    }
}
