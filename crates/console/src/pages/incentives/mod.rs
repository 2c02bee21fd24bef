//! `/manage/incentives`: the commission plans in the order they are tried, each with its
//! structure, rates, tiers, motions and bonuses, and the hold period after which unquestioned
//! earnings are approved. Saving makes a new version; the server checks every field again.

use leptos::prelude::*;
use portico_api::incentives::{IncentivePlans, PlansView};
use portico_api::registrations::Product;

use portico_ui::api;
use portico_ui::components::field::{begin_submit, show_error, show_field_errors};
use portico_ui::components::{
    ErrorNotice, FieldState, FormError, Loaded, Loading, SubmitButton, TextField,
};
use portico_ui::dom::{on_click, on_submit, set_title, spawn};
use portico_ui::session::use_session;

use crate::text;

mod draft;
mod plan_fields;

use draft::PlanDraft;
use plan_fields::PlanFields;

#[component]
pub fn IncentivesPage() -> impl IntoView {
    set_title(text::incentives::TITLE);
    let loaded = RwSignal::new(Loaded::Loading);
    let load = Callback::new(move |()| {
        spawn(async move {
            loaded.set(match api::incentive_plans().await {
                Ok(view) => Loaded::Ready(view),
                Err(e) => Loaded::Failed(e),
            });
        });
    });
    load.run(());
    let catalog = RwSignal::new(Vec::<Product>::new());
    spawn(async move {
        if let Ok(list) = api::products().await {
            catalog.set(list);
        }
    });
    view! {
        <section class="page">
            <h1>{text::incentives::TITLE}</h1>
            <p class="muted">{text::incentives::INTRO}</p>
            {move || match loaded.get() {
                Loaded::Loading => view! { <Loading label=text::incentives::LOADING /> }.into_any(),
                Loaded::Failed(e) => view! { <ErrorNotice message=e.message retry=load /> }.into_any(),
                Loaded::Ready(view) => view! { <PlansForm view catalog /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn PlansForm(view: PlansView, catalog: RwSignal<Vec<Product>>) -> impl IntoView {
    let session = use_session();
    let version = RwSignal::new(view.version);
    let hold = FieldState::plain(
        "hold-days",
        &view.hold_days.map(|d| d.to_string()).unwrap_or_default(),
    );
    let plans = RwSignal::new(
        view.plans
            .iter()
            .map(|p| PlanDraft::new(Some(p)))
            .collect::<Vec<_>>(),
    );
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let saved = RwSignal::new(None::<String>);
    let submit = move || {
        saved.set(None);
        if !begin_submit(busy, form_error, &[]) {
            return;
        }
        let drafts = plans.get_untracked();
        let hold_days = hold.get().trim().parse().ok();
        let read: Vec<_> = drafts.iter().map(|p| p.plan()).collect();
        let Some(list) = read.into_iter().collect::<Option<Vec<_>>>() else {
            return;
        };
        let body = IncentivePlans {
            plans: list,
            hold_days,
        };
        let fields = named_fields(hold, &drafts);
        if let Err(errors) = body.validate() {
            show_field_errors(&errors, &borrowed(&fields));
            return;
        }
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::save_incentive_plans(&csrf, &body).await;
            busy.set(false);
            match result {
                Ok(view) => {
                    version.set(view.version);
                    saved.set(Some(text::incentives::saved(view.version)));
                }
                Err(e) => show_error(e, &borrowed(&fields), form_error),
            }
        });
    };
    let add = move |_| plans.update(|all| all.push(PlanDraft::new(None)));
    view! {
        <p id="plans-version">{move || text::incentives::version(version.get())}</p>
        <FormError error=form_error />
        <form class="form" id="plans-form" novalidate on:submit=on_submit(submit)>
            <div class="form-grid">
                <TextField field=hold label=text::incentives::HOLD_DAYS kind="number" optional=true
                    hint=text::incentives::HOLD_DAYS_HINT />
            </div>
            <p class="empty" hidden=move || plans.with(|p| !p.is_empty())>{text::incentives::NO_PLANS}</p>
            <For each=move || plans.get() key=|p| p.key let:plan>
                <PlanFields plan plans catalog />
            </For>
            <div class="row-actions">
                <button type="button" class="secondary" id="plan-add" on:click=on_click(add)>
                    {text::incentives::ADD_PLAN}
                </button>
                <SubmitButton id="plans-save" label=text::incentives::SAVE busy_label=text::incentives::SAVING busy />
            </div>
        </form>
        <p id="plans-saved" class="notice notice-success" role="status" hidden=move || saved.get().is_none()>
            {saved}
        </p>
    }
}

/// Every field by the name the API gives its errors: the hold period and each plan's.
fn named_fields(hold: FieldState, plans: &[PlanDraft]) -> Vec<(String, FieldState)> {
    let mut fields = vec![("hold_days".to_owned(), hold)];
    for (i, plan) in plans.iter().enumerate() {
        fields.extend(plan.fields(i));
    }
    fields
}

fn borrowed(fields: &[(String, FieldState)]) -> Vec<(&str, FieldState)> {
    fields.iter().map(|(n, f)| (n.as_str(), *f)).collect()
}
