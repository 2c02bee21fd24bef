//! Who the deal credits: partners, each in a role with a share, changed with a reason; and,
//! for a won deal, recording the customer's refund, which reverses what it earned.

use leptos::prelude::*;
use portico_api::ledger::{Attribution, CreditInput, Refund, SetAttribution, comment};
use portico_api::numbers::cents;
use portico_api::registrations::PartnerRole;

use portico_ui::api;
use portico_ui::components::field::{begin_submit, owned_pairs, show_error, show_field_errors};
use portico_ui::components::{
    FieldState, Loaded, Loading, SubmitButton, TextArea, partner_choices,
};
use portico_ui::dom::{Spawner, on_click, on_submit, spawn};
use portico_ui::session::use_session;

use crate::text;

/// A credit as typed: the partner's id, the role and the share in percent.
#[derive(Clone, PartialEq)]
struct Row {
    key: usize,
    partner: String,
    role: String,
    share: String,
}

impl Row {
    fn input(&self) -> Option<CreditInput> {
        Some(CreditInput {
            organization_id: self.partner.parse().ok()?,
            role: PartnerRole::parse(&self.role)?,
            // Hundredths of a percent are basis points.
            share_bp: u32::try_from(cents(&self.share)?).ok()?,
        })
    }
}

#[component]
pub(super) fn AttributionPanel(id: i64, won: bool) -> impl IntoView {
    let current = RwSignal::new(Loaded::Loading);
    let page = Spawner::here();
    let load = Callback::new(move |()| {
        page.spawn(async move {
            current.set(match api::attribution(id).await {
                Ok(a) => Loaded::Ready(a),
                Err(e) => Loaded::Failed(e),
            });
        });
    });
    load.run(());
    // Outside the form, so the confirmation stays while the credits load again.
    let done = RwSignal::new(false);
    view! {
        <section class="panel" aria-labelledby="attribution-heading">
            <h2 class="section-title" id="attribution-heading">{text::attribution::TITLE}</h2>
            <p class="muted">{text::attribution::INTRO}</p>
            {move || match current.get() {
                Loaded::Loading => view! { <Loading label=text::attribution::LOADING /> }.into_any(),
                Loaded::Failed(e) => view! { <p class="error-text">{e.message}</p> }.into_any(),
                Loaded::Ready(a) => view! { <CreditsForm attribution=a saved=load done /> }.into_any(),
            }}
            <p id="attribution-saved" class="notice notice-success" role="status" hidden=move || !done.get()>
                {text::attribution::SAVED}
            </p>
            {won.then(|| view! { <RefundForm id /> })}
        </section>
    }
}

#[component]
fn CreditsForm(
    attribution: Attribution,
    saved: Callback<()>,
    done: RwSignal<bool>,
) -> impl IntoView {
    let session = use_session();
    let partners = partner_choices();
    let id = attribution.opportunity_id;
    let rows = RwSignal::new(
        attribution
            .credits
            .into_iter()
            .enumerate()
            .map(|(key, c)| Row {
                key,
                partner: c.organization.id.to_string(),
                role: c.role.as_str().to_owned(),
                share: format!("{}.{:02}", c.share_bp / 100, c.share_bp % 100),
            })
            .collect::<Vec<_>>(),
    );
    let next_key = StoredValue::new(rows.with_untracked(Vec::len));
    let rationale = FieldState::new("attribution-rationale", |v| {
        comment(v)
            .is_err()
            .then(|| text::ledger::RATIONALE_NEEDED.to_owned())
    });
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let add = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        rows.update(|r| {
            r.push(Row {
                key,
                partner: String::new(),
                role: PartnerRole::Sourced.as_str().to_owned(),
                share: "100".to_owned(),
            })
        });
    };
    let submit = move || {
        done.set(false);
        if !begin_submit(busy, form_error, &[rationale]) {
            return;
        }
        let Some(credits) =
            rows.with_untracked(|r| r.iter().map(Row::input).collect::<Option<Vec<_>>>())
        else {
            form_error.set(Some(text::attribution::BAD_ROW.to_owned()));
            return;
        };
        let body = SetAttribution {
            credits,
            rationale: rationale.get(),
        };
        if let Err(errors) = body.validate() {
            if !show_field_errors(&errors, &[("rationale", rationale)]) {
                form_error.set(errors.values().next().cloned());
            }
            return;
        }
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::set_attribution(&csrf, id, &body).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    done.set(true);
                    saved.run(());
                }
                Err(e) => show_error(e, &[("rationale", rationale)], form_error),
            }
        });
    };
    view! {
        // Not the page's form error: the deal's own form above has it.
        <p class="form-error" id="attribution-error" role="alert">{form_error}</p>
        <form class="form" id="attribution-form" novalidate on:submit=on_submit(submit)>
            <p class="muted" hidden=move || rows.with(|r| !r.is_empty())>{text::attribution::NOBODY}</p>
            <ol class="plain-list credit-rows">
                <For each=move || rows.get() key=|row| row.key let:row>
                    <CreditRow row rows partners />
                </For>
            </ol>
            <button type="button" class="secondary" id="attribution-add" on:click=on_click(add)>
                {text::attribution::ADD}
            </button>
            <TextArea field=rationale label=text::attribution::RATIONALE />
            <SubmitButton id="attribution-save" label=text::attribution::SAVE
                busy_label=text::attribution::SAVING busy />
        </form>
    }
}

#[component]
fn CreditRow(
    row: Row,
    rows: RwSignal<Vec<Row>>,
    partners: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    let key = row.key;
    let edit = move |change: &dyn Fn(&mut Row)| {
        rows.update(|all| all.iter_mut().filter(|r| r.key == key).for_each(change))
    };
    let n = move || rows.with(|all| all.iter().position(|r| r.key == key).unwrap_or(0) + 1);
    let chosen = row.partner.clone();
    let role_options = owned_pairs(PartnerRole::ALL, PartnerRole::as_str, PartnerRole::label);
    let field = |name: &str| format!("credit-{key}-{name}");
    view! {
        <li class="form-grid credit-row">
            <div class="field">
                <label for=field("partner")>{text::attribution::PARTNER}</label>
                <select id=field("partner") on:change=move |ev| {
                    let value = event_target_value(&ev);
                    edit(&|r| r.partner = value.clone());
                }>
                    <option value="">{text::attribution::CHOOSE_PARTNER}</option>
                    {move || partners.get().into_iter().map(|(value, name)| {
                        let selected = value == chosen;
                        view! { <option value=value selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=field("role")>{text::attribution::ROLE}</label>
                <select id=field("role") on:change=move |ev| {
                    let value = event_target_value(&ev);
                    edit(&|r| r.role = value.clone());
                }>
                    {role_options.into_iter().map(|(value, label)| {
                        let selected = value == row.role;
                        view! { <option value=value selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=field("share")>{text::attribution::SHARE}</label>
                <input id=field("share") inputmode="decimal" autocomplete="off" value=row.share.clone()
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        edit(&|r| r.share = value.clone());
                    } />
            </div>
            <button type="button" class="secondary small" aria-label=move || text::attribution::remove(n())
                on:click=on_click(move |_| rows.update(|all| all.retain(|r| r.key != key)))>
                {text::attribution::REMOVE}
            </button>
        </li>
    }
}

#[component]
fn RefundForm(id: i64) -> impl IntoView {
    let session = use_session();
    let reason = FieldState::new("refund-reason", |v| {
        comment(v)
            .is_err()
            .then(|| text::ledger::RATIONALE_NEEDED.to_owned())
    });
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let done = RwSignal::new(None::<String>);
    let submit = move || {
        if !begin_submit(busy, form_error, &[reason]) {
            return;
        }
        let body = Refund {
            rationale: reason.get(),
        };
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::refund(&csrf, id, &body).await;
            busy.set(false);
            match result {
                Ok(r) => done.set(Some(text::attribution::refunded(r.reversed))),
                Err(e) => show_error(e, &[("rationale", reason)], form_error),
            }
        });
    };
    view! {
        <h3 class="card-subtitle" id="refund-heading">{text::attribution::REFUND_TITLE}</h3>
        <p class="muted">{text::attribution::REFUND_INTRO}</p>
        <form class="form" id="refund-form" novalidate on:submit=on_submit(submit)
            aria-labelledby="refund-heading">
            <p class="error-text" role="alert">{form_error}</p>
            <TextArea field=reason label=text::attribution::REFUND_REASON />
            <SubmitButton id="refund-save" label=text::attribution::REFUND
                busy_label=text::attribution::REFUNDING busy />
        </form>
        <p id="refund-done" class="notice notice-success" role="status" hidden=move || done.get().is_none()>
            {done}
        </p>
    }
}
