//! `/manage/onboarding`: every partner that joined in the last 120 days with its progress
//! through its motion's plan (late steps first to the eye, manual steps ticked here), and the
//! plan of each motion.

use leptos::prelude::*;
use portico_api::onboarding::{OnboardingOverview, OnboardingProgress, StepKind, StepProgress};

use portico_ui::api;
use portico_ui::components::{ActionButton, DataTable, record_page};
use portico_ui::dom::{set_title, spawn};
use portico_ui::format::format_day;
use portico_ui::session::use_session;

use crate::text;

mod plan_form;

use plan_form::PlanSection;

#[component]
pub fn OnboardingPage() -> impl IntoView {
    set_title(text::onboarding::TITLE);
    view! {
        <section class="page">
            <h1 id="onboarding-heading">{text::onboarding::TITLE}</h1>
            <p class="muted">{text::onboarding::INTRO}</p>
            <h2 class="section-title" id="progress-heading">{text::onboarding::PROGRESS}</h2>
            {record_page(
                api::onboarding_progress,
                text::onboarding::LOADING,
                |overview, reload| view! { <ProgressTable overview reload /> }.into_any(),
            )}
            <PlanSection />
        </section>
    }
}

#[component]
fn ProgressTable(overview: OnboardingOverview, reload: Callback<()>) -> impl IntoView {
    if overview.partners.is_empty() {
        return view! { <p class="empty">{text::onboarding::NO_NEW_PARTNERS}</p> }.into_any();
    }
    let rows = StoredValue::new(overview.partners);
    view! {
        <DataTable id="progress-table" labelled_by="progress-heading" headers=text::onboarding::HEADERS>
            {move || rows.get_value().into_iter().map(|progress| view! { <PartnerRow progress reload /> }).collect_view()}
        </DataTable>
    }
    .into_any()
}

#[component]
fn PartnerRow(progress: OnboardingProgress, reload: Callback<()>) -> impl IntoView {
    let (done, total, late) = (progress.done(), progress.steps.len(), progress.overdue());
    let organization = progress.organization.id;
    let steps = progress
        .steps
        .into_iter()
        .map(|step| view! { <StepItem step organization reload /> })
        .collect_view();
    view! {
        <tr id=format!("progress-{organization}")>
            <td>{progress.organization.name}</td>
            <td>{progress.motion.label()}</td>
            <td>{format_day(&progress.joined_on)}</td>
            <td>
                <details>
                    <summary>{text::onboarding::done_of(done, total)}</summary>
                    <ul class="plain-list onboarding-steps">{steps}</ul>
                </details>
            </td>
            <td>
                {(late > 0).then(|| view! { <span class="badge badge-late">{text::onboarding::late(late)}</span> })}
            </td>
        </tr>
    }
}

#[component]
fn StepItem(step: StepProgress, organization: i64, reload: Callback<()>) -> impl IntoView {
    let session = use_session();
    let busy = RwSignal::new(false);
    let key = step.key.clone();
    let tick = Callback::new(move |()| {
        let (csrf, key) = (session.csrf(), key.clone());
        busy.set(true);
        spawn(async move {
            let result = api::tick_onboarding_step(&csrf, organization, &key).await;
            busy.set(false);
            if result.is_ok() {
                reload.run(());
            }
        });
    });
    let when = match &step.done_on {
        Some(day) => text::onboarding::done_on(&format_day(day)),
        None => text::onboarding::due_on(&format_day(&step.due_on)),
    };
    let tickable = step.done_on.is_none() && step.kind == StepKind::Manual;
    view! {
        <li class:done=step.done_on.is_some() class:overdue=step.overdue>
            {step.title.clone()} " " <span class="muted">{when}</span>
            {step.overdue.then(|| view! { <span class="badge badge-late">{text::onboarding::LATE}</span> })}
            {tickable.then(|| view! {
                <ActionButton
                    id=format!("tick-{organization}-{}", step.key)
                    label=text::onboarding::mark_done(&step.title)
                    busy_label=text::onboarding::MARKING
                    busy
                    run=tick
                    class="secondary small"
                />
            })}
        </li>
    }
}
