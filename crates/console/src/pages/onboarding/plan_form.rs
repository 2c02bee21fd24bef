//! Each motion's onboarding plan as a form: its steps with their keys, titles, due days and
//! what completes them. Saved whole; progress follows the saved plan at once.

use leptos::prelude::*;
use portico_api::certifications::CertificationList;
use portico_api::onboarding::{OnboardingPlan, PlanStep, StepKind};
use portico_api::organizations::Motion;

use portico_ui::api;
use portico_ui::components::{SubmitButton, record_page};
use portico_ui::dom::{on_click, on_submit, spawn};
use portico_ui::session::use_session;

use crate::text;

/// The motion chosen and its plan.
#[component]
pub(super) fn PlanSection() -> impl IntoView {
    let motion = RwSignal::new(Motion::Reseller);
    let motions = Motion::ALL
        .iter()
        .map(|m| view! { <option value=m.as_str() selected=*m == Motion::Reseller>{m.label()}</option> })
        .collect_view();
    view! {
        <h2 class="section-title" id="plan-heading">{text::onboarding::PLANS}</h2>
        <div class="field">
            <label for="plan-motion">{text::onboarding::MOTION}</label>
            <select id="plan-motion" on:change=move |ev| {
                if let Some(m) = Motion::parse(&event_target_value(&ev)) {
                    motion.set(m);
                }
            }>{motions}</select>
        </div>
        {move || {
            let chosen = motion.get();
            record_page(
                move || async move {
                    let certifications = api::certifications().await?;
                    Ok((api::onboarding_plan(chosen).await?, certifications))
                },
                text::onboarding::PLAN_LOADING,
                move |(view, certifications), _| {
                    view! { <PlanForm motion=chosen plan=view.plan saved=view.saved certifications /> }.into_any()
                },
            )
        }}
    }
}

#[component]
fn PlanForm(
    motion: Motion,
    plan: OnboardingPlan,
    saved: bool,
    certifications: CertificationList,
) -> impl IntoView {
    let session = use_session();
    let plan = RwSignal::new(plan);
    let saved = RwSignal::new(saved);
    let busy = RwSignal::new(false);
    let problems = RwSignal::new(Vec::<String>::new());
    let done = RwSignal::new(false);
    let certifications = StoredValue::new(
        certifications
            .certifications
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect::<Vec<_>>(),
    );
    let submit = move || {
        if busy.get_untracked() {
            return;
        }
        done.set(false);
        let body = plan.get_untracked();
        if let Err(errors) = body.validate() {
            problems.set(describe(errors.into_iter()));
            return;
        }
        problems.set(Vec::new());
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::save_onboarding_plan(&csrf, motion, &body).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    saved.set(true);
                    done.set(true);
                }
                Err(e) => {
                    let mut list = vec![e.message];
                    list.extend(describe(e.fields.into_iter()));
                    problems.set(list);
                }
            }
        });
    };
    let count = Memo::new(move |_| plan.with(|p| p.steps.len()));
    let add = move |_| {
        plan.update(|p| {
            let n = p.steps.len() + 1;
            p.steps.push(PlanStep {
                key: format!("step-{n}"),
                title: String::new(),
                due_day: 30,
                kind: StepKind::Manual,
                certification_id: None,
            })
        })
    };
    view! {
        <form class="form" id="plan-form" aria-labelledby="plan-heading" novalidate on:submit=on_submit(submit)>
            {move || (!saved.get()).then(|| view! { <p class="notice notice-warning" id="plan-starter">{text::onboarding::STARTER}</p> })}
            <div role="alert" id="plan-problems">
                {move || {
                    let list = problems.get();
                    (!list.is_empty()).then(|| view! {
                        <ul class="form-error">{list.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    })
                }}
            </div>
            <ol class="plain-list rule-rows">
                {move || (0..count.get()).map(|i| view! { <StepFields plan i certifications=certifications.get_value() /> }).collect_view()}
            </ol>
            <button type="button" class="secondary small" id="plan-add-step" on:click=on_click(add)>
                {text::onboarding::ADD_STEP}
            </button>
            <SubmitButton id="plan-save" label=text::onboarding::SAVE busy_label=text::onboarding::SAVING busy />
            <p aria-live="polite" id="plan-saved">{move || done.get().then_some(text::onboarding::SAVED)}</p>
        </form>
    }
}

/// "steps[2].title" as "Step 3: …".
fn describe(errors: impl Iterator<Item = (String, String)>) -> Vec<String> {
    errors
        .map(|(path, message)| {
            let step = path
                .strip_prefix("steps[")
                .and_then(|rest| rest.split(']').next())
                .and_then(|n| n.parse::<usize>().ok());
            match step {
                Some(i) => text::onboarding::step_problem(i + 1, &message),
                None => message,
            }
        })
        .collect()
}

#[component]
fn StepFields(
    plan: RwSignal<OnboardingPlan>,
    i: usize,
    certifications: Vec<(i64, String)>,
) -> impl IntoView {
    let step = plan.with_untracked(|p| p.steps[i].clone());
    let id = |field: &str| format!("plan-step-{i}-{field}");
    let kinds = StepKind::ALL
        .iter()
        .map(|k| view! { <option value=k.as_str() selected=*k == step.kind>{k.label()}</option> })
        .collect_view();
    let earns = Memo::new(move |_| {
        plan.with(|p| p.steps.get(i).map(|s| s.kind) == Some(StepKind::EarnCertification))
    });
    let options = certifications
        .into_iter()
        .map(|(value, name)| {
            let selected = step.certification_id == Some(value);
            view! { <option value=value.to_string() selected=selected>{name}</option> }
        })
        .collect_view();
    let remove = move |_| {
        plan.update(|p| {
            p.steps.remove(i);
        })
    };
    view! {
        <li class="rule-row">
            <div class="field">
                <label for=id("title")>{text::onboarding::STEP_TITLE}</label>
                <input id=id("title") type="text" value=step.title.clone()
                    on:input=move |ev| plan.update(|p| p.steps[i].title = event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for=id("key")>{text::onboarding::KEY}</label>
                <input id=id("key") type="text" value=step.key.clone()
                    on:input=move |ev| plan.update(|p| p.steps[i].key = event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for=id("day")>{text::onboarding::DUE_DAY}</label>
                <input id=id("day") type="number" min="1" max="365" value=step.due_day
                    on:input=move |ev| plan.update(|p| p.steps[i].due_day = event_target_value(&ev).trim().parse().unwrap_or(0)) />
            </div>
            <div class="field">
                <label for=id("kind")>{text::onboarding::KIND}</label>
                <select id=id("kind") on:change=move |ev| {
                    if let Some(kind) = StepKind::parse(&event_target_value(&ev)) {
                        plan.update(|p| {
                            p.steps[i].kind = kind;
                            if kind != StepKind::EarnCertification {
                                p.steps[i].certification_id = None;
                            }
                        });
                    }
                }>{kinds}</select>
            </div>
            <div class="field" hidden=move || !earns.get()>
                <label for=id("certification")>{text::onboarding::CERTIFICATION}</label>
                <select id=id("certification") on:change=move |ev| {
                    let chosen = event_target_value(&ev).parse().ok();
                    plan.update(|p| p.steps[i].certification_id = chosen);
                }>
                    <option value="" selected=step.certification_id.is_none()>{text::onboarding::ANY_CERTIFICATION}</option>
                    {options}
                </select>
            </div>
            <button type="button" class="secondary small" on:click=on_click(remove)>
                {text::onboarding::REMOVE}
            </button>
        </li>
    }
}
