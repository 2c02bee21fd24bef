//! The tier program as a form: window, grace period, promotion policy, each tier's name,
//! benefits, protection and rules, and the exchange rates. Saved whole; the server checks it
//! again and its messages name the tier and rule they are about.

use leptos::prelude::*;
use portico_api::places::CURRENCIES;
use portico_api::tiers::{ExchangeRate, Measure, Promotion, Rule, TierProgram, TierProgramView};

use portico_ui::api;
use portico_ui::dom::{on_click, on_submit, spawn};
use portico_ui::session::use_session;

use portico_ui::components::{ErrorNotice, Loading, SubmitButton};

use super::rule_fields::{Certifications, RuleFields};
use crate::text;

/// The program, and the certifications its rules may name.
#[component]
pub fn ProgramSection() -> impl IntoView {
    let loaded = RwSignal::new(None::<Result<TierProgramView, String>>);
    let certifications = RwSignal::new(Certifications::default());
    provide_context(certifications);
    let load = Callback::new(move |()| {
        spawn(async move {
            let read = async {
                let list = api::certifications().await?;
                certifications.set(Certifications::of(list));
                api::tier_program().await
            };
            loaded.set(Some(read.await.map_err(|e| e.message)));
        });
    });
    load.run(());
    view! {
        <h2 class="section-title" id="program-heading">{text::tiers::PROGRAM}</h2>
        {move || match loaded.get() {
            None => view! { <Loading label=text::tiers::PROGRAM_LOADING /> }.into_any(),
            Some(Err(message)) => view! { <ErrorNotice message retry=load /> }.into_any(),
            Some(Ok(view)) => view! { <ProgramForm view /> }.into_any(),
        }}
    }
}

#[component]
fn ProgramForm(view: TierProgramView) -> impl IntoView {
    let session = use_session();
    let program = RwSignal::new(view.program);
    let in_force = RwSignal::new(view.in_force);
    let busy = RwSignal::new(false);
    let problems = RwSignal::new(Vec::<String>::new());
    let saved = RwSignal::new(false);
    let submit = move || {
        if busy.get_untracked() {
            return;
        }
        saved.set(false);
        let body = program.get_untracked();
        if let Err(errors) = body.validate() {
            problems.set(describe(&body, errors.into_iter()));
            return;
        }
        problems.set(Vec::new());
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::save_tier_program(&csrf, &body).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    in_force.set(true);
                    saved.set(true);
                }
                Err(e) => {
                    let mut list = vec![e.message];
                    list.extend(describe(&body, e.fields.into_iter()));
                    problems.set(list);
                }
            }
        });
    };
    view! {
        <form class="form tier-program" id="tier-program" aria-labelledby="program-heading" novalidate on:submit=on_submit(submit)>
            {move || (!in_force.get()).then(|| view! { <p class="notice notice-warning" id="tier-starter">{text::tiers::STARTER}</p> })}
            <div role="alert" id="tier-program-problems">
                {move || {
                    let list = problems.get();
                    (!list.is_empty()).then(|| view! {
                        <ul class="form-error">{list.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    })
                }}
            </div>
            <Policy program />
            {(0..4).map(|i| view! { <TierFields program i /> }).collect_view()}
            <Rates program />
            <SubmitButton id="tier-program-save" label=text::tiers::SAVE_PROGRAM busy_label=text::tiers::SAVING busy />
            <p aria-live="polite" id="tier-program-saved">
                {move || saved.get().then_some(text::tiers::SAVED)}
            </p>
        </form>
    }
}

/// The server's field paths ("tiers[2].rules[0].at_least") as people read them.
fn describe(program: &TierProgram, errors: impl Iterator<Item = (String, String)>) -> Vec<String> {
    errors
        .map(|(path, message)| {
            let place = if let Some(rest) = path.strip_prefix("tiers[") {
                let i: usize = rest
                    .split(']')
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                let tier = program.tiers.get(i).map_or("", |t| t.name.as_str());
                match rest
                    .split("rules[")
                    .nth(1)
                    .and_then(|r| r.split(']').next())
                {
                    Some(j) => text::tiers::rule_of(tier, j.parse::<usize>().unwrap_or(0) + 1),
                    None => tier.to_owned(),
                }
            } else if let Some(rest) = path.strip_prefix("exchange_rates[") {
                let i: usize = rest
                    .split(']')
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                text::tiers::rate_n(i + 1)
            } else {
                path
            };
            format!("{place}: {message}")
        })
        .collect()
}

pub(super) fn number<T: std::str::FromStr + Default>(ev: &leptos::ev::Event) -> T {
    event_target_value(ev).trim().parse().unwrap_or_default()
}

#[component]
fn Policy(program: RwSignal<TierProgram>) -> impl IntoView {
    let start = program.get_untracked();
    let currencies = CURRENCIES
        .iter()
        .map(|c| view! { <option value=*c selected=*c == start.currency>{*c}</option> })
        .collect_view();
    let automatic = start.promotion == Promotion::Automatic;
    view! {
        <div class="form-grid">
            <div class="field">
                <label for="tier-currency">{text::tiers::CURRENCY}</label>
                <select id="tier-currency" on:change=move |ev| program.update(|p| p.currency = event_target_value(&ev))>
                    {currencies}
                </select>
            </div>
            <div class="field">
                <label for="tier-window">{text::tiers::WINDOW}</label>
                <input id="tier-window" type="number" min="1" max="36" value=start.window_months
                    on:input=move |ev| program.update(|p| p.window_months = number(&ev)) />
            </div>
            <div class="field">
                <label for="tier-grace">{text::tiers::GRACE}</label>
                <input id="tier-grace" type="number" min="0" max="365" value=start.grace_days
                    on:input=move |ev| program.update(|p| p.grace_days = number(&ev)) />
            </div>
            <div class="field">
                <label for="tier-promotion">{text::tiers::PROMOTION}</label>
                <select id="tier-promotion" on:change=move |ev| {
                    let approval = event_target_value(&ev) == "approval";
                    program.update(|p| p.promotion = if approval { Promotion::Approval } else { Promotion::Automatic });
                }>
                    <option value="automatic" selected=automatic>{text::tiers::AUTOMATIC}</option>
                    <option value="approval" selected=!automatic>{text::tiers::APPROVAL}</option>
                </select>
            </div>
        </div>
    }
}

#[component]
fn TierFields(program: RwSignal<TierProgram>, i: usize) -> impl IntoView {
    let start = program.with_untracked(|p| p.tiers[i].clone());
    let id = |field: &str| format!("tier-{i}-{field}");
    let lowest = i == 0;
    // Rows are drawn again only when one is added or removed, so typing keeps the focus.
    let count = Memo::new(move |_| program.with(|p| p.tiers[i].rules.len()));
    let add = move |_| program.update(|p| p.tiers[i].rules.push(Rule::of(Measure::WonDeals, 1)));
    view! {
        <fieldset class="form-section" id=id("fields")>
            <legend>{start.tier.label()}</legend>
            <div class="form-grid">
                <div class="field">
                    <label for=id("name")>{text::tiers::NAME}</label>
                    <input id=id("name") type="text" value=start.name.clone()
                        on:input=move |ev| program.update(|p| p.tiers[i].name = event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for=id("protection")>{text::tiers::PROTECTION_DAYS}</label>
                    <input id=id("protection") type="number" min="1" max="365"
                        value=start.protection_days.map(|d| d.to_string()).unwrap_or_default()
                        on:input=move |ev| {
                            let days = event_target_value(&ev).trim().parse().ok();
                            program.update(|p| p.tiers[i].protection_days = days);
                        } />
                </div>
            </div>
            <div class="field">
                <label for=id("benefits")>{text::tiers::BENEFITS}</label>
                <textarea id=id("benefits") rows="2"
                    on:input=move |ev| program.update(|p| p.tiers[i].benefits = event_target_value(&ev))>
                    {start.benefits.clone()}
                </textarea>
            </div>
            <p class="label">{text::tiers::RULES}</p>
            {if lowest {
                view! { <p class="muted">{text::tiers::NO_RULES}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list rule-rows">
                        {move || (0..count.get()).map(|j| view! { <RuleFields program i j /> }).collect_view()}
                    </ul>
                    <button type="button" class="secondary small" id=id("add-rule") on:click=on_click(add)>
                        {text::tiers::ADD_RULE}
                    </button>
                }
                    .into_any()
            }}
        </fieldset>
    }
}

#[component]
fn Rates(program: RwSignal<TierProgram>) -> impl IntoView {
    let count = Memo::new(move |_| program.with(|p| p.exchange_rates.len()));
    let add = move |_| {
        program.update(|p| {
            p.exchange_rates.push(ExchangeRate {
                currency: String::new(),
                from: String::new(),
                rate: String::new(),
            })
        })
    };
    view! {
        <fieldset class="form-section" id="tier-rates">
            <legend>{text::tiers::RATES}</legend>
            <p class="muted">{text::tiers::RATES_HINT}</p>
            <ul class="plain-list rule-rows">
                {move || (0..count.get()).map(|k| view! { <RateFields program k /> }).collect_view()}
            </ul>
            <button type="button" class="secondary small" id="tier-add-rate" on:click=on_click(add)>
                {text::tiers::ADD_RATE}
            </button>
        </fieldset>
    }
}

#[component]
fn RateFields(program: RwSignal<TierProgram>, k: usize) -> impl IntoView {
    let rate = program.with_untracked(|p| p.exchange_rates[k].clone());
    let id = |field: &str| format!("tier-rate-{k}-{field}");
    let currencies = CURRENCIES
        .iter()
        .map(|c| view! { <option value=*c selected=*c == rate.currency>{*c}</option> })
        .collect_view();
    let remove = move |_| {
        program.update(|p| {
            p.exchange_rates.remove(k);
        })
    };
    view! {
        <li class="rule-row">
            <div class="field">
                <label for=id("currency")>{text::tiers::RATE_CURRENCY}</label>
                <select id=id("currency") on:change=move |ev| program.update(|p| p.exchange_rates[k].currency = event_target_value(&ev))>
                    <option value="" selected=rate.currency.is_empty()></option>
                    {currencies}
                </select>
            </div>
            <div class="field">
                <label for=id("from")>{text::tiers::RATE_FROM}</label>
                <input id=id("from") type="date" value=rate.from.clone()
                    on:input=move |ev| program.update(|p| p.exchange_rates[k].from = event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for=id("rate")>{text::tiers::RATE}</label>
                <input id=id("rate") type="text" inputmode="decimal" value=rate.rate.clone()
                    on:input=move |ev| program.update(|p| p.exchange_rates[k].rate = event_target_value(&ev)) />
            </div>
            <button type="button" class="secondary small" on:click=on_click(remove)>
                {text::tiers::REMOVE}
            </button>
        </li>
    }
}
