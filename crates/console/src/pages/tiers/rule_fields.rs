//! One rule of a tier in the program form: what it measures (and, for certified people, which
//! certification) and how much it needs.

use leptos::prelude::*;
use portico_api::certifications::CertificationList;
use portico_api::tiers::{Measure, TierProgram};

use portico_ui::dom::on_click;

use super::program_form::number;
use crate::text;

/// The certifications a certified-people rule may name, (id, name); loaded with the program.
#[derive(Debug, Clone, Default)]
pub struct Certifications(Vec<(i64, String)>);

impl Certifications {
    pub fn of(list: CertificationList) -> Certifications {
        Certifications(
            list.certifications
                .into_iter()
                .map(|c| (c.id, c.name))
                .collect(),
        )
    }
}

#[component]
pub fn RuleFields(program: RwSignal<TierProgram>, i: usize, j: usize) -> impl IntoView {
    let rule = program.with_untracked(|p| p.tiers[i].rules[j]);
    let id = |field: &str| format!("tier-{i}-rule-{j}-{field}");
    let measures = Measure::ALL
        .iter()
        .map(
            |m| view! { <option value=m.as_str() selected=*m == rule.measure>{m.label()}</option> },
        )
        .collect_view();
    let known = use_context::<RwSignal<Certifications>>()
        .map(|c| c.get_untracked().0)
        .unwrap_or_default();
    let first_known = known.first().map(|(id, _)| *id);
    let choose_measure = move |ev| {
        if let Some(m) = Measure::parse(&event_target_value(&ev)) {
            program.update(|p| {
                let rule = &mut p.tiers[i].rules[j];
                rule.measure = m;
                rule.certification_id = (m == Measure::CertifiedPeople)
                    .then(|| rule.certification_id.or(first_known))
                    .flatten();
            });
        }
    };
    let certified = Memo::new(move |_| {
        program
            .with(|p| p.tiers[i].rules.get(j).map(|r| r.measure) == Some(Measure::CertifiedPeople))
    });
    let options = known
        .into_iter()
        .map(|(value, name)| {
            let selected = rule.certification_id == Some(value);
            view! { <option value=value.to_string() selected=selected>{name}</option> }
        })
        .collect_view();
    let remove = move |_| {
        program.update(|p| {
            p.tiers[i].rules.remove(j);
        })
    };
    view! {
        <li class="rule-row">
            <div class="field">
                <label for=id("measure")>{text::tiers::MEASURE}</label>
                <select id=id("measure") on:change=choose_measure>
                    {measures}
                </select>
            </div>
            <div class="field" hidden=move || !certified.get()>
                <label for=id("certification")>{text::tiers::CERTIFICATION}</label>
                <select id=id("certification") on:change=move |ev| {
                    let chosen = event_target_value(&ev).parse().ok();
                    program.update(|p| p.tiers[i].rules[j].certification_id = chosen);
                }>
                    {options}
                </select>
            </div>
            <div class="field">
                <label for=id("at-least")>{text::tiers::AT_LEAST}</label>
                <input id=id("at-least") type="number" min="0" value=rule.at_least
                    on:input=move |ev| program.update(|p| p.tiers[i].rules[j].at_least = number(&ev)) />
            </div>
            <button type="button" class="secondary small" on:click=on_click(remove)>
                {text::tiers::REMOVE}
            </button>
        </li>
    }
}
