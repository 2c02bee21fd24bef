//! A deal that vendor staff add for a partner, without a registration.

use leptos::prelude::*;
use portico_api::FieldErrors;
use portico_api::organizations::Motion;
use portico_api::pipeline::NewOpportunity;
use portico_api::registrations::{PartnerRole, company_name};
use portico_ui::route::Route;

use portico_ui::api::partner_options;
use portico_ui::api::{self};
use portico_ui::components::field::{show_error, show_field_errors};
use portico_ui::components::{
    FieldState, FormError, RadioGroup, SelectField, SubmitButton, TextField,
};
use portico_ui::deal::{currency_options, parse_number, role_label};
use portico_ui::dom::{focus_soon, on_click, on_submit, spawn};
use portico_ui::location::use_location;
use portico_ui::pipeline_list::options;
use portico_ui::session::use_session;

use crate::text;

/// A deal added by vendor staff for a partner, e.g. one the partner influenced, behind a button
/// so the pipeline stays first. The partner list loads when the form opens.
#[component]
pub(super) fn NewDeal() -> impl IntoView {
    let open = RwSignal::new(false);
    let toggle = move |_| open.update(|o| *o = !*o);
    view! {
        <p>
            <button
                type="button"
                id="new-deal-toggle"
                class="secondary"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls="new-deal"
                on:click=on_click(toggle)
            >
                {text::pipeline::NEW_DEAL}
            </button>
        </p>
        {move || open.get().then(|| view! { <NewDealForm /> })}
    }
}

#[component]
fn NewDealForm() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let names = [
        "organization_id",
        "customer_name",
        "motion",
        "partner_role",
        "attribution_percent",
        "owner_name",
        "amount",
        "currency",
    ];
    let ids = [
        "new-deal-organization",
        "new-deal-customer",
        "new-deal-motion",
        "new-deal-role",
        "new-deal-attribution",
        "new-deal-owner",
        "new-deal-amount",
        "new-deal-currency",
    ];
    // The customer's name is checked as typed, like every form's required text; the rest on
    // submit.
    let fields: [FieldState; 8] = std::array::from_fn(|i| match i {
        1 => FieldState::new(ids[i], |v| company_name(v).err().map(str::to_owned)),
        _ => FieldState::plain(ids[i], ""),
    });
    let map: [(&'static str, FieldState); 8] = std::array::from_fn(|i| (names[i], fields[i]));
    let [
        organization,
        customer,
        motion,
        role,
        attribution,
        owner,
        amount,
        currency,
    ] = fields;
    let partners = RwSignal::new(Vec::new());
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    spawn(async move {
        match partner_options().await {
            Ok(list) => {
                partners.set(list);
                focus_soon(ids[0].to_owned());
            }
            Err(e) => form_error.set(Some(e.message)),
        }
    });
    let submit = move || {
        if busy.get_untracked() {
            return;
        }
        form_error.set(None);
        for field in fields {
            field.error.set(None);
        }
        // What the request's types cannot hold is checked here; the rest by the shared rules.
        let mut errors = FieldErrors::new();
        let mut need = |ok: bool, name: &str, message: &str| {
            if !ok {
                errors.insert(name.to_owned(), message.to_owned());
            }
        };
        let number = |field: FieldState| {
            let value = field.get();
            (!value.trim().is_empty()).then(|| parse_number(&value))
        };
        let organization_id = organization.get().parse().ok();
        need(
            organization_id.is_some(),
            names[0],
            text::pipeline::CHOOSE_PARTNER_ERROR,
        );
        let chosen_motion = Motion::parse(&motion.get());
        need(
            chosen_motion.is_some(),
            names[2],
            text::pipeline::CHOOSE_MOTION_ERROR,
        );
        let partner_role = PartnerRole::parse(&role.get());
        need(
            partner_role.is_some(),
            names[3],
            text::pipeline::CHOOSE_ROLE_ERROR,
        );
        let percent = number(attribution);
        need(
            percent.is_none_or(|p| p.is_some()),
            names[4],
            text::pipeline::PERCENTAGE,
        );
        let value = number(amount);
        need(
            value.is_none_or(|a| a.is_some()),
            names[6],
            text::pipeline::WHOLE_AMOUNT,
        );
        let optional = |field: FieldState| Some(field.get()).filter(|v| !v.trim().is_empty());
        let request = NewOpportunity {
            organization_id: organization_id.unwrap_or_default(),
            customer_name: customer.get(),
            motion: chosen_motion.unwrap_or(Motion::Referral),
            partner_role: partner_role.unwrap_or(PartnerRole::Sourced),
            // Out of range stays out of range, for the shared rule to word.
            attribution_percent: percent
                .flatten()
                .map(|p| u8::try_from(p).unwrap_or(u8::MAX)),
            owner_name: optional(owner),
            amount: value.flatten(),
            currency: optional(currency),
        };
        if let Err(found) = request.validate() {
            for (name, message) in found {
                errors.entry(name).or_insert(message);
            }
        }
        if !errors.is_empty() {
            show_field_errors(&errors, &map);
            return;
        }
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::create_opportunity(&csrf, &request).await;
            busy.set(false);
            match result {
                Ok(created) => location.go(&Route::ManageOpportunity {
                    id: created.opportunity.opportunity.id,
                }
                .href()),
                Err(e) => show_error(e, &map, form_error),
            }
        });
    };
    let roles = PartnerRole::ALL
        .iter()
        .map(|r| (r.as_str(), role_label(*r)))
        .collect();
    view! {
        <section class="panel" id="new-deal" aria-labelledby="new-deal-heading">
            <h2 class="section-title" id="new-deal-heading">{text::pipeline::NEW_DEAL}</h2>
            <p class="muted">
                {text::pipeline::NEW_DEAL_INTRO}
            </p>
            <FormError error=form_error />
            <form class="form form-grid" novalidate on:submit=on_submit(submit)>
                {move || view! {
                    <SelectField
                        field=organization
                        label=text::pipeline::PARTNER
                        options=partners.get()
                        placeholder=text::pipeline::CHOOSE_PARTNER
                    />
                }}
                <TextField field=customer label=text::pipeline::CUSTOMER autocomplete="off" />
                <SelectField
                    field=motion
                    label=text::pipeline::MOTION
                    options=options(&Motion::ALL, Motion::as_str, Motion::label)
                    placeholder=text::pipeline::CHOOSE_MOTION
                />
                <RadioGroup field=role legend=text::pipeline::PARTNER_ROLE options=roles />
                <TextField
                    field=attribution
                    label=text::pipeline::ATTRIBUTION
                    kind="number"
                    optional=true
                />
                <TextField
                    field=owner
                    label=text::pipeline::VENDOR_OWNER
                    optional=true
                    autocomplete="off"
                />
                <TextField field=amount label=text::pipeline::AMOUNT optional=true autocomplete="off" />
                <SelectField
                    field=currency
                    label=text::pipeline::CURRENCY
                    options=currency_options()
                    placeholder=text::pipeline::NO_CURRENCY
                />
                <SubmitButton
                    id="new-deal-submit"
                    label=text::pipeline::ADD_DEAL
                    busy_label=text::pipeline::ADDING
                    busy
                />
            </form>
        </section>
    }
}
