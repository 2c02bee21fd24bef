//! `/settings/payouts`: where the organization is paid. Its partner admins give an IBAN with
//! its BIC, or another account reference, each checked as typed (the IBAN's and BIC's check
//! digits) and again by the server; everyone else is told who manages it.

use leptos::prelude::*;
use portico_api::Role;
use portico_api::payee::{Payee, PayeeInput};

use portico_ui::api;
use portico_ui::components::field::{begin_submit, show_error, show_field_errors};
use portico_ui::components::{
    ErrorNotice, Facts, FieldState, FormError, Loaded, Loading, RadioGroup, SubmitButton, TextField,
};
use portico_ui::dom::{Spawner, on_submit, set_title, spawn};
use portico_ui::format::format_day;
use portico_ui::session::use_session;

use crate::text;

#[component]
pub fn PayeePage() -> impl IntoView {
    set_title(text::payee::TITLE);
    let session = use_session();
    let organization = session.me().and_then(|me| me.organization).map(|o| o.id);
    let body = match (session.role(), organization) {
        (Some(Role::PartnerAdmin), Some(id)) => view! { <Account organization_id=id /> }.into_any(),
        _ => view! { <p class="notice notice-info" id="payee-admins-only">{text::payee::ADMINS_ONLY}</p> }
            .into_any(),
    };
    view! {
        <section class="page">
            <h1>{text::payee::TITLE}</h1>
            <p class="muted">{text::payee::INTRO}</p>
            {body}
        </section>
    }
}

#[component]
fn Account(organization_id: i64) -> impl IntoView {
    // `None` inside: no account given yet.
    let current = RwSignal::new(Loaded::Loading);
    let page = Spawner::here();
    let load = Callback::new(move |()| {
        page.spawn(async move {
            current.set(match api::payee(organization_id).await {
                Ok(payee) => Loaded::Ready(Some(payee)),
                Err(e) if e.is_not_found() => Loaded::Ready(None),
                Err(e) => Loaded::Failed(e),
            });
        });
    });
    load.run(());
    view! {
        {move || match current.get() {
            Loaded::Loading => view! { <Loading label=text::payee::LOADING /> }.into_any(),
            Loaded::Failed(e) => view! { <ErrorNotice message=e.message retry=load /> }.into_any(),
            Loaded::Ready(None) => view! { <p class="empty" id="payee-none">{text::payee::NONE_YET}</p> }.into_any(),
            Loaded::Ready(Some(payee)) => view! { <Current payee /> }.into_any(),
        }}
        <PayeeForm organization_id saved=Callback::new(move |payee| current.set(Loaded::Ready(Some(payee)))) />
    }
}

#[component]
fn Current(payee: Payee) -> impl IntoView {
    let mut facts = vec![
        (text::payee::HOLDER, payee.account_holder),
        (text::payee::ACCOUNT, payee.account),
    ];
    facts.extend(payee.bic.map(|bic| (text::payee::BIC, bic)));
    facts.push((text::payee::UPDATED, format_day(&payee.updated_at)));
    view! {
        <section class="panel" id="payee-current" aria-labelledby="payee-current-heading">
            <h2 class="section-title" id="payee-current-heading">{text::payee::CURRENT}</h2>
            <Facts facts />
        </section>
    }
}

#[component]
fn PayeeForm(organization_id: i64, saved: Callback<Payee>) -> impl IntoView {
    let session = use_session();
    let how = FieldState::plain("payee-how", "iban");
    let holder = FieldState::plain("payee-holder", "");
    let iban = FieldState::plain("payee-iban", "");
    let bic = FieldState::plain("payee-bic", "");
    let other = FieldState::plain("payee-other", "");
    let by_iban = move || how.value.get() == "iban";
    let fields = [
        ("account_holder", holder),
        ("iban", iban),
        ("bic", bic),
        ("other_reference", other),
    ];
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let done = RwSignal::new(false);
    let submit = move || {
        done.set(false);
        if !begin_submit(busy, form_error, &[]) {
            return;
        }
        let filled = |field: FieldState, on: bool| on.then(|| field.get());
        let sepa = how.get() == "iban";
        let input = PayeeInput {
            account_holder: holder.get(),
            iban: filled(iban, sepa),
            bic: filled(bic, sepa),
            other_reference: filled(other, !sepa),
        };
        for (_, field) in fields {
            field.error.set(None);
        }
        if let Err(errors) = input.validate() {
            show_field_errors(&errors, &fields);
            return;
        }
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::save_payee(&csrf, organization_id, &input).await;
            busy.set(false);
            match result {
                Ok(payee) => {
                    done.set(true);
                    saved.run(payee);
                }
                Err(e) => show_error(e, &fields, form_error),
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="payee-form-heading">
            <h2 class="section-title" id="payee-form-heading">{text::payee::FORM_TITLE}</h2>
            <FormError error=form_error />
            <form class="form form-grid" id="payee-form" novalidate on:submit=on_submit(submit)>
                <RadioGroup field=how legend=text::payee::HOW
                    options=vec![("iban", text::payee::BY_IBAN), ("other", text::payee::BY_OTHER)] />
                <TextField field=holder label=text::payee::HOLDER autocomplete="name" />
                <Show when=by_iban fallback=move || view! {
                    <TextField field=other label=text::payee::OTHER hint=text::payee::OTHER_HINT autocomplete="off" />
                }>
                    <TextField field=iban label=text::payee::IBAN hint=text::payee::IBAN_HINT autocomplete="off" />
                    <TextField field=bic label=text::payee::BIC autocomplete="off" />
                </Show>
                <SubmitButton id="payee-save" label=text::payee::SAVE busy_label=text::payee::SAVING busy />
            </form>
            <p id="payee-saved" class="notice notice-success" role="status" hidden=move || !done.get()>
                {text::payee::SAVED}
            </p>
        </section>
    }
}
