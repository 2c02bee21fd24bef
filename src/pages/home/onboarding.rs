//! A new organization's onboarding checklist on the home page: every step of its plan with
//! its due day, what is done and what is late, each linking to where it is taken.

use leptos::prelude::*;
use portico_api::onboarding::{OnboardingProgress, StepKind, StepProgress};
use portico_ui::format::format_day;
use portico_ui::route::Route;

use crate::text;

#[component]
pub fn OnboardingChecklist(progress: OnboardingProgress, admin: bool) -> impl IntoView {
    let (done, total) = (progress.done(), progress.steps.len());
    let steps = progress
        .steps
        .into_iter()
        .map(|step| view! { <Step step admin /> })
        .collect_view();
    view! {
        <section class="panel" id="onboarding" aria-labelledby="onboarding-heading">
            <h2 id="onboarding-heading" class="card-title">
                {text::home::get_started(done, total)}
            </h2>
            <ol class="steps onboarding-steps">{steps}</ol>
        </section>
    }
}

#[component]
fn Step(step: StepProgress, admin: bool) -> impl IntoView {
    let StepProgress {
        key,
        title,
        kind,
        due_on,
        done_on,
        overdue,
    } = step;
    let done = done_on.is_some();
    let name = match (done, link(kind, admin)) {
        (false, Some(href)) => view! { <a href=href>{title}</a> }.into_any(),
        _ => view! { <span>{title}</span> }.into_any(),
    };
    let when = match done_on {
        Some(day) => text::home::done_on(&format_day(&day)),
        None => text::home::due_on(&format_day(&due_on)),
    };
    view! {
        <li class:done=done class:overdue=overdue id=format!("onboarding-{key}")>
            {name}
            <span class="muted step-when">{when}</span>
            {overdue.then(|| view! { <span class="badge badge-late">{text::home::OVERDUE}</span> })}
            <span class="visually-hidden">
                {if done { text::home::STEP_DONE } else { text::home::STEP_TO_DO }}
            </span>
        </li>
    }
}

/// Where the partner takes the step; manual steps and sign-in have nowhere to go.
fn link(kind: StepKind, admin: bool) -> Option<String> {
    match kind {
        StepKind::ReadAsset | StepKind::DownloadAsset => Some(Route::Content.href()),
        StepKind::RegisterDeal => Some(Route::Register.href()),
        StepKind::DealApproved => Some(Route::MyRegistrations.href()),
        StepKind::AcknowledgeAnnouncement => Some(Route::Feed.href()),
        StepKind::InviteColleague if admin => Some("#home-team".to_owned()),
        StepKind::InviteColleague
        | StepKind::SignIn
        | StepKind::EarnCertification
        | StepKind::Manual => None,
    }
}
