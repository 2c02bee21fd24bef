//! The manager's edit form for a deal: stage with its exit criteria, owner, next step, amount
//! and the internal fields.

use leptos::prelude::*;
use portico_api::FieldErrors;
use portico_api::pipeline::{LOST, ManagerOpportunity, OpportunityPatch, Stage, stage_label};
use portico_api::registrations::PartnerRole;

use portico_ui::api;
use portico_ui::components::field::{show_error, show_field_errors};
use portico_ui::components::{
    CheckBox, FieldState, FormError, SelectField, SubmitButton, TextArea, TextField,
};
use portico_ui::deal::currency_options;
use portico_ui::deal::parse_number;
use portico_ui::deal::role_label;
use portico_ui::deal::stage_options;
use portico_ui::dom::{on_submit, spawn};
use portico_ui::session::use_session;

use crate::text;

/// The manager's edit form. It sends only what changed, plus which exit criteria are met.
#[component]
pub(super) fn EditForm(
    m: ManagerOpportunity,
    reload: Callback<()>,
    saved: RwSignal<Option<String>>,
) -> impl IntoView {
    let session = use_session();
    let o = &m.opportunity;
    let id = o.id;
    let motion = o.motion;
    let current = Stage::parse(motion, &o.stage);
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let initial = [
        o.stage.clone(),
        text(&m.loss_reason),
        text(&o.owner_name),
        text(&o.next_step),
        text(&o.next_step_due),
        m.amount.map(|a| a.to_string()).unwrap_or_default(),
        text(&m.currency),
        text(&m.discount_band),
        m.partner_role
            .map(|r| r.as_str().to_owned())
            .unwrap_or_default(),
        m.attribution_percent
            .map(|p| p.to_string())
            .unwrap_or_default(),
        m.internal_notes.clone(),
    ];
    let names = [
        "stage",
        "loss_reason",
        "owner_name",
        "next_step",
        "next_step_due",
        "amount",
        "currency",
        "discount_band",
        "partner_role",
        "attribution_percent",
        "internal_notes",
    ];
    let ids = [
        "opp-stage",
        "opp-loss-reason",
        "opp-owner",
        "opp-next-step",
        "opp-next-step-due",
        "opp-amount",
        "opp-currency",
        "opp-discount",
        "opp-role",
        "opp-attribution",
        "opp-internal-notes",
    ];
    let fields: [FieldState; 11] = std::array::from_fn(|i| FieldState::plain(ids[i], &initial[i]));
    let map: [(&'static str, FieldState); 11] = std::array::from_fn(|i| (names[i], fields[i]));
    let [
        stage,
        loss_reason,
        owner,
        step,
        due,
        amount,
        currency,
        discount,
        role,
        attribution,
        notes,
    ] = fields;
    let was_protected = m.price_protection;
    let price_protection = RwSignal::new(was_protected);
    let criteria = m
        .exit_criteria
        .iter()
        .map(|c| (c.label.clone(), RwSignal::new(c.met)))
        .collect::<Vec<_>>();
    let met = criteria.iter().map(|(_, met)| *met).collect::<Vec<_>>();
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move || {
        if busy.get_untracked() {
            return;
        }
        form_error.set(None);
        saved.set(None);
        for field in fields {
            field.error.set(None);
        }
        // The value when it differs from what the deal has; an emptied text clears it.
        let changed = |i: usize| {
            let value = fields[i].get();
            (value.trim() != initial[i].trim()).then_some(value)
        };
        let mut errors = FieldErrors::new();
        let mut number = |i: usize, message: &str| -> Option<i64> {
            let value = changed(i)?;
            if value.trim().is_empty() {
                return None;
            }
            let parsed = parse_number(&value);
            if parsed.is_none() {
                errors.insert(names[i].to_owned(), message.to_owned());
            }
            parsed
        };
        let patch = OpportunityPatch {
            amount: number(5, text::opportunity::WHOLE_AMOUNT),
            // Out of range stays out of range, for the shared rule to word.
            attribution_percent: number(9, text::opportunity::PERCENTAGE)
                .map(|p| u8::try_from(p).unwrap_or(u8::MAX)),
            stage: changed(0),
            loss_reason: changed(1),
            criteria_met: (!met.is_empty()).then(|| {
                (0u8..)
                    .zip(&met)
                    .filter(|(_, m)| m.get_untracked())
                    .map(|(i, _)| i)
                    .collect()
            }),
            owner_name: changed(2),
            next_step: changed(3),
            next_step_due: changed(4),
            currency: changed(6),
            discount_band: changed(7),
            partner_role: changed(8).and_then(|r| PartnerRole::parse(&r)),
            price_protection: Some(price_protection.get_untracked())
                .filter(|p| *p != was_protected),
            internal_notes: changed(10),
        };
        if let Err(found) = patch.validate(motion, current.unwrap_or(Stage::FIRST)) {
            errors.extend(found);
        }
        if !errors.is_empty() {
            if !show_field_errors(&errors, &map) {
                form_error.set(errors.into_values().next());
            }
            return;
        }
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::update_opportunity(&csrf, id, &patch).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    saved.set(Some(text::opportunity::SAVED.to_owned()));
                    reload.run(());
                }
                Err(e) => show_error(e, &map, form_error),
            }
        });
    };
    let current_label = stage_label(motion, &o.stage).to_owned();
    let currencies = currency_options();
    let roles = PartnerRole::ALL
        .iter()
        .map(|r| (r.as_str().to_owned(), role_label(*r).to_owned()))
        .collect();
    let checklist = (!criteria.is_empty()).then(|| {
        view! {
            <fieldset class="field field-wide choices criteria" id="opp-criteria">
                <legend>{text::opportunity::exit_criteria_of(&current_label)}</legend>
                <p class="hint">{text::opportunity::CRITERIA_HINT}</p>
                {criteria
                    .into_iter()
                    .enumerate()
                    .map(|(i, (label, met))| {
                        let id = format!("opp-criterion-{i}");
                        let label_for = id.clone();
                        view! {
                            <label class="choice" for=label_for>
                                <input
                                    type="checkbox"
                                    id=id
                                    prop:checked=met
                                    on:change=move |ev| met.set(event_target_checked(&ev))
                                />
                                {label}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
        }
    });
    view! {
        <section class="panel" aria-labelledby="opp-edit-heading">
            <h2 class="section-title" id="opp-edit-heading">
                {text::opportunity::UPDATE}
            </h2>
            <FormError error=form_error />
            <form class="form form-grid" id="opp-form" novalidate on:submit=on_submit(submit)>
                {checklist}
                <SelectField
                    field=stage
                    label=text::opportunity::STAGE
                    options=stage_options(Some(motion))
                />
                {move || (stage.value.get() == LOST).then(|| view! {
                    <TextField field=loss_reason label=text::opportunity::WHY_LOST />
                })}
                <TextField field=owner label=text::opportunity::VENDOR_OWNER optional=true />
                <TextField field=step label=text::opportunity::NEXT_STEP optional=true />
                <TextField
                    field=due
                    label=text::opportunity::NEXT_STEP_DUE
                    kind="date"
                    optional=true
                />
                <TextField field=amount label=text::opportunity::AMOUNT optional=true />
                <SelectField
                    field=currency
                    label=text::opportunity::CURRENCY
                    options=currencies
                    placeholder=text::opportunity::NO_CURRENCY
                />
                <TextField field=discount label=text::opportunity::DISCOUNT_BAND optional=true />
                <SelectField
                    field=role
                    label=text::opportunity::PARTNER_ROLE
                    options=roles
                    placeholder=text::opportunity::NOT_DECIDED
                />
                <TextField
                    field=attribution
                    label=text::opportunity::ATTRIBUTION
                    kind="number"
                    optional=true
                />
                <CheckBox
                    id="opp-price-protection"
                    label=text::opportunity::PRICE_PROTECTION
                    checked=price_protection
                />
                <TextArea
                    field=notes
                    label=text::opportunity::INTERNAL_NOTES
                    hint=text::opportunity::INTERNAL_NOTES_HINT
                    optional=true
                />
                <SubmitButton
                    id="opp-save"
                    label=text::opportunity::SAVE_CHANGES
                    busy_label=text::opportunity::SAVING
                    busy
                />
            </form>
        </section>
    }
}
