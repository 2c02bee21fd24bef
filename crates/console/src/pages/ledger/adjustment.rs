//! Adding an adjustment to a partner's ledger: an amount in either direction, in a currency,
//! with the reason.

use leptos::prelude::*;
use portico_api::ledger::NewAdjustment;
use portico_api::numbers::cents;

use portico_ui::api;
use portico_ui::components::field::{FieldError, begin_submit, show_error, show_field_errors};
use portico_ui::components::{FieldState, FormError, SubmitButton, TextArea, TextField};
use portico_ui::dom::{on_submit, spawn};
use portico_ui::session::use_session;

use crate::text;

#[component]
pub(super) fn AdjustmentForm(
    partners: RwSignal<Vec<(String, String)>>,
    organization: Option<i64>,
    reload: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let chosen = organization.map(|id| id.to_string()).unwrap_or_default();
    let partner = FieldState::new("adjust-partner", |v| {
        v.is_empty()
            .then(|| text::ledger::CHOOSE_PARTNER.to_owned())
    });
    partner.value.set(chosen);
    let currency = FieldState::plain("adjust-currency", "EUR");
    let amount = FieldState::new("adjust-amount", |v| {
        cents(v)
            .is_none()
            .then(|| text::ledger::AMOUNT_NEEDED.to_owned())
    });
    let rationale = FieldState::plain("adjust-rationale", "");
    let fields = [
        ("organization_id", partner),
        ("currency", currency),
        ("amount", amount),
        ("rationale", rationale),
    ];
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let done = RwSignal::new(false);
    let submit = move || {
        done.set(false);
        if !begin_submit(busy, form_error, &[partner, amount]) {
            return;
        }
        let body = NewAdjustment {
            organization_id: partner.get().parse().unwrap_or_default(),
            currency: currency.get().trim().to_uppercase(),
            amount: cents(&amount.get()).unwrap_or_default(),
            rationale: rationale.get(),
        };
        if let Err(errors) = body.validate() {
            show_field_errors(&errors, &fields);
            return;
        }
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::adjust_ledger(&csrf, &body).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    done.set(true);
                    amount.value.set(String::new());
                    rationale.value.set(String::new());
                    reload.run(());
                }
                Err(e) => show_error(e, &fields, form_error),
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="adjust-heading">
            <h2 class="section-title" id="adjust-heading">{text::ledger::ADJUST_TITLE}</h2>
            <p class="muted">{text::ledger::ADJUST_INTRO}</p>
            <FormError error=form_error />
            <form class="form form-grid" id="adjust-form" novalidate on:submit=on_submit(submit)>
                <div class="field">
                    <label for="adjust-partner">{text::ledger::PARTNER}</label>
                    <select id="adjust-partner" aria-describedby="adjust-partner-error" on:change=move |ev| partner.input(event_target_value(&ev))>
                        <option value="">{text::ledger::CHOOSE_PARTNER}</option>
                        {move || partners.get().into_iter().map(|(value, name)| {
                            let selected = partner.value.get_untracked() == value;
                            view! { <option value=value selected=selected>{name}</option> }
                        }).collect_view()}
                    </select>
                    <FieldError field=partner />
                </div>
                <TextField field=currency label=text::ledger::CURRENCY autocomplete="off" />
                <TextField field=amount label=text::ledger::AMOUNT hint=text::ledger::AMOUNT_HINT
                    autocomplete="off" />
                <TextArea field=rationale label=text::ledger::RATIONALE />
                <SubmitButton id="adjust-save" label=text::ledger::ADD busy_label=text::ledger::ADDING busy />
            </form>
            <p id="adjust-saved" class="notice notice-success" role="status" hidden=move || !done.get()>
                {text::ledger::ADDED}
            </p>
        </section>
    }
}
