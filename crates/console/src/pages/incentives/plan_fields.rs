//! One plan's fields: its name, structure and rates, the tiers and motions it applies to, and
//! its bonuses; with buttons to move it up the order or remove it.

use leptos::prelude::*;
use portico_api::organizations::{Motion, Tier};
use portico_api::registrations::Product;

use portico_ui::components::field::pairs;
use portico_ui::components::{CheckGroup, SelectField, TextField};
use portico_ui::dom::on_click;

use super::draft::{AMOUNT, FLAT, INSTALLMENTS, PERCENT, PlanDraft, REVENUE_SHARE, SpiffDraft};
use crate::text;

fn choices(options: &[(&str, &str)]) -> Vec<(String, String)> {
    options
        .iter()
        .map(|(v, l)| ((*v).to_owned(), (*l).to_owned()))
        .collect()
}

#[component]
pub(super) fn PlanFields(
    plan: PlanDraft,
    plans: RwSignal<Vec<PlanDraft>>,
    catalog: RwSignal<Vec<Product>>,
) -> impl IntoView {
    let key = plan.key;
    let n = move || plans.with(|all| all.iter().position(|p| p.key == key).unwrap_or(0) + 1);
    let up = move |_| {
        plans.update(|all| {
            if let Some(i) = all.iter().position(|p| p.key == key).filter(|i| *i > 0) {
                all.swap(i, i - 1);
            }
        })
    };
    let remove = move |_| plans.update(|all| all.retain(|p| p.key != key));
    let add_bonus = move |_| plan.spiffs.update(|s| s.push(SpiffDraft::new(None)));
    let kinds = choices(&[
        (REVENUE_SHARE, text::incentives::REVENUE_SHARE),
        (FLAT, text::incentives::FLAT),
        (INSTALLMENTS, text::incentives::INSTALLMENTS),
    ]);
    let bonuses_id = format!("plan-{key}-bonuses");
    view! {
        <fieldset class="panel plan" id=format!("plan-{key}")>
            <legend>{move || text::incentives::plan(n())}</legend>
            <div class="form-grid">
                <TextField field=plan.name label=text::incentives::NAME autocomplete="off" />
                <SelectField field=plan.kind label=text::incentives::STRUCTURE options=kinds />
                <StructureFields plan />
            </div>
            <CheckGroup id=format!("plan-{key}-tiers") legend=text::incentives::TIERS
                hint=text::incentives::EVERY options=pairs(&Tier::ALL, Tier::as_str, Tier::label)
                chosen=plan.tiers />
            <CheckGroup id=format!("plan-{key}-motions") legend=text::incentives::MOTIONS
                hint=text::incentives::EVERY options=pairs(&Motion::ALL, Motion::as_str, Motion::label)
                chosen=plan.motions />
            <h3 class="card-subtitle" id=bonuses_id.clone()>{text::incentives::BONUSES}</h3>
            <ul class="plain-list" aria-labelledby=bonuses_id>
                <For each=move || plan.spiffs.get() key=|s| s.key let:spiff>
                    <SpiffFields spiff spiffs=plan.spiffs catalog />
                </For>
            </ul>
            <div class="row-actions">
                <button type="button" class="secondary small" id=format!("plan-{key}-add-bonus")
                    on:click=on_click(add_bonus)>{text::incentives::ADD_BONUS}</button>
                <button type="button" class="secondary small" on:click=on_click(up)
                    aria-label=move || text::incentives::move_up(n()) hidden=move || n() == 1>
                    {text::incentives::MOVE_UP}
                </button>
                <button type="button" class="secondary small" on:click=on_click(remove)
                    aria-label=move || text::incentives::remove_plan(n())>
                    {text::incentives::REMOVE_PLAN}
                </button>
            </div>
        </fieldset>
    }
}

/// The rates or amounts the plan's structure takes, labelled for it.
#[component]
fn StructureFields(plan: PlanDraft) -> impl IntoView {
    move || {
        match plan.kind.value.get().as_str() {
        FLAT => view! {
            <TextField field=plan.sourced label=text::incentives::SOURCED_AMOUNT autocomplete="off" />
            <TextField field=plan.influenced label=text::incentives::INFLUENCED_AMOUNT autocomplete="off" />
            <TextField field=plan.currency label=text::incentives::CURRENCY autocomplete="off" />
        }
        .into_any(),
        INSTALLMENTS => view! {
            <TextField field=plan.sourced label=text::incentives::SOURCED_TOTAL autocomplete="off" />
            <TextField field=plan.influenced label=text::incentives::INFLUENCED_TOTAL autocomplete="off" />
            <TextField field=plan.currency label=text::incentives::CURRENCY autocomplete="off" />
            <TextField field=plan.months label=text::incentives::MONTHS kind="number" />
        }
        .into_any(),
        _ => view! {
            <TextField field=plan.sourced label=text::incentives::SOURCED_PERCENT autocomplete="off" />
            <TextField field=plan.influenced label=text::incentives::INFLUENCED_PERCENT autocomplete="off" />
            <TextField field=plan.months label=text::incentives::RECURRING kind="number" optional=true
                hint=text::incentives::RECURRING_HINT />
        }
        .into_any(),
    }
    }
}

#[component]
fn SpiffFields(
    spiff: SpiffDraft,
    spiffs: RwSignal<Vec<SpiffDraft>>,
    catalog: RwSignal<Vec<Product>>,
) -> impl IntoView {
    let key = spiff.key;
    let remove = move |_| spiffs.update(|all| all.retain(|s| s.key != key));
    let motions: Vec<(String, String)> = Motion::ALL
        .iter()
        .map(|m| (m.as_str().to_owned(), m.label().to_owned()))
        .collect();
    let kinds = choices(&[
        (PERCENT, text::incentives::PERCENT),
        (AMOUNT, text::incentives::AMOUNT),
    ]);
    let products = move || {
        let options: Vec<(String, String)> = catalog
            .get()
            .into_iter()
            .map(|p| (p.id.to_string(), p.name))
            .collect();
        view! { <SelectField field=spiff.product label=text::incentives::PRODUCT options
        placeholder=text::incentives::ANY_PRODUCT /> }
    };
    view! {
        <li class="form-grid spiff" id=format!("spiff-{key}")>
            <TextField field=spiff.name label=text::incentives::BONUS_NAME autocomplete="off" />
            {products}
            <SelectField field=spiff.motion label=text::incentives::MOTION options=motions
                placeholder=text::incentives::ANY_MOTION />
            <TextField field=spiff.from label=text::incentives::FROM kind="date" />
            <TextField field=spiff.to label=text::incentives::TO kind="date" />
            <SelectField field=spiff.kind label=text::incentives::BONUS_KIND options=kinds />
            <TextField field=spiff.value label=text::incentives::VALUE autocomplete="off" />
            <Show when=move || spiff.kind.value.get() == AMOUNT>
                <TextField field=spiff.currency label=text::incentives::CURRENCY autocomplete="off" />
            </Show>
            <div class="actions">
                <button type="button" class="secondary small" on:click=on_click(remove)>
                    {text::incentives::REMOVE_BONUS}
                </button>
            </div>
        </li>
    }
}
