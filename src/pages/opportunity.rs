//! `/opportunities/{id}`: one deal of the shared pipeline. Its partner reads the safe fields and
//! the shared notes and adds notes; vendor staff also see the commercial and internal fields,
//! confirm the current stage's exit criteria and move the deal on.

use leptos::prelude::*;
use portico_api::integrations::CardSubject;
use portico_api::pipeline::{
    LOST, ManagerOpportunity, ManagerOpportunityDetail, NoteRequest, OpportunityDetail,
    OpportunityPatch, PartnerOpportunity, PartnerOpportunityDetail, SharedNote, Stage, stage_label,
};
use portico_api::registrations::PartnerRole;
use portico_api::{FieldErrors, Role};
use portico_ui::route::Route;

use crate::components::CardLinkPanel;
use portico_ui::api;
use portico_ui::components::field::{show_error, show_field_errors};
use portico_ui::components::{Facts, StatusBadge, record_page};
use portico_ui::components::{
    FieldState, FormError, SelectField, SubmitButton, TextArea, TextField, Time,
};
use portico_ui::deal::currency_options;
use portico_ui::deal::parse_number;
use portico_ui::deal::role_label;
use portico_ui::deal::{money, next_step, protection, stage_options};
use portico_ui::dom::{on_submit, set_title, spawn};
use portico_ui::session::use_session;

#[component]
pub fn OpportunityPage(id: i64) -> impl IntoView {
    set_title("Opportunity");
    // Outside the record, so the confirmation stays while the saved deal loads again.
    let saved = RwSignal::new(None::<String>);
    let manager = use_session().role().is_some_and(Role::is_vendor);
    view! {
        <section class="page">
            <p id="opp-status" class="notice notice-success status-line" role="status">
                {saved}
            </p>
            {record_page(
                move || api::opportunity(manager, id),
                "Loading the opportunity…",
                move |detail, reload| view! { <Detail detail reload saved /> }.into_any(),
            )}
        </section>
    }
}

#[component]
fn Detail(
    detail: OpportunityDetail,
    reload: Callback<()>,
    saved: RwSignal<Option<String>>,
) -> impl IntoView {
    let (o, manager, notes) = match detail {
        OpportunityDetail::Manager(ManagerOpportunityDetail { opportunity, notes }) => {
            (opportunity.opportunity.clone(), Some(opportunity), notes)
        }
        OpportunityDetail::Partner(PartnerOpportunityDetail { opportunity, notes }) => {
            (opportunity, None, notes)
        }
    };
    set_title(&o.customer_name);
    let id = o.id;
    let vendor = manager.is_some();
    let back = if vendor {
        Route::ManagePipeline.href()
    } else {
        Route::Pipeline.href()
    };
    view! {
        <p>
            <a href=back>"← Pipeline"</a>
        </p>
        <h1 id="opp-heading">{o.customer_name.clone()}</h1>
        <SharedFacts o />
        {manager.map(|m| view! {
            <ManagerFacts m=m.clone() />
            <EditForm m reload saved />
            <CardLinkPanel subject=CardSubject::Opportunity(id) />
        })}
        <Notes id notes vendor />
    }
}

/// What both sides see.
#[component]
fn SharedFacts(o: PartnerOpportunity) -> impl IntoView {
    let stage = stage_label(o.motion, &o.stage).to_owned();
    let step = next_step(o.next_step, o.next_step_due).unwrap_or_else(|| "None yet".to_owned());
    view! {
        <dl class="facts" id="opp-facts">
            <dt>"Motion"</dt>
            <dd>{o.motion.label()}</dd>
            <dt>"Stage"</dt>
            <dd id="opp-stage-label">{stage}</dd>
            <dt>"In this stage since"</dt>
            <dd><Time value=o.stage_entered_at /></dd>
            <dt>"Vendor owner"</dt>
            <dd>{o.owner_name.unwrap_or_else(|| "Not assigned yet".to_owned())}</dd>
            <dt>"Next step"</dt>
            <dd id="opp-next-step-text" class="prose">{step}</dd>
            <dt>"Registration"</dt>
            <dd>
                {match o.registration_status {
                    Some(status) => view! { <StatusBadge status /> }.into_any(),
                    None => "None: added by the vendor".into_any(),
                }}
            </dd>
            <dt>"Protection"</dt>
            <dd>{protection(o.protection_status, o.protection_ends)}</dd>
            <dt>"Last updated"</dt>
            <dd><Time value=o.updated_at /></dd>
        </dl>
    }
}

/// What only vendor staff see.
#[component]
fn ManagerFacts(m: ManagerOpportunity) -> impl IntoView {
    let role = match (m.partner_role, m.attribution_percent) {
        (Some(role), Some(p)) => format!("{} · {p}% attributed", role_label(role)),
        (Some(role), None) => format!("{} · attribution not set", role_label(role)),
        (None, _) => "Not decided yet".to_owned(),
    };
    let mut facts = vec![
        ("Partner", m.organization.name),
        (
            "Amount",
            money(m.amount, m.currency.as_deref()).unwrap_or_else(|| "Not set".to_owned()),
        ),
        (
            "Discount band",
            m.discount_band.unwrap_or_else(|| "None".to_owned()),
        ),
        (
            "Price protection",
            if m.price_protection { "Yes" } else { "No" }.to_owned(),
        ),
        ("Partner role", role),
        (
            "Conflict check",
            m.conflict
                .map_or("No registration", |c| c.label())
                .to_owned(),
        ),
    ];
    if let Some(reason) = m.loss_reason {
        facts.push(("Loss reason", reason));
    }
    if !m.internal_notes.is_empty() {
        facts.push(("Internal notes", m.internal_notes));
    }
    let registration = m.registration_id.map(|id| {
        view! {
            <p>
                <a href=Route::ManageRegistration { id }.href()>"Open the registration"</a>
            </p>
        }
    });
    view! {
        <section class="panel" aria-labelledby="opp-internal-heading">
            <h2 class="section-title" id="opp-internal-heading">"Vendor only"</h2>
            <Facts facts />
            {registration}
        </section>
    }
}

/// The manager's edit form. It sends only what changed, plus which exit criteria are met.
#[component]
fn EditForm(
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
            amount: number(5, "Enter a whole amount in digits, like 250000."),
            // Out of range stays out of range, for the shared rule to word.
            attribution_percent: number(9, "Enter a percentage from 0 to 100.")
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
                    saved.set(Some("Saved.".to_owned()));
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
                <legend>{format!("Exit criteria of {current_label}")}</legend>
                <p class="hint">"Confirm each before the deal moves on to a later stage."</p>
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
            <h2 class="section-title" id="opp-edit-heading">"Update the deal"</h2>
            <FormError error=form_error />
            <form class="form form-grid" id="opp-form" novalidate on:submit=on_submit(submit)>
                {checklist}
                <SelectField field=stage label="Stage" options=stage_options(Some(motion)) />
                {move || (stage.value.get() == LOST).then(|| view! {
                    <TextField field=loss_reason label="Why was it lost?" />
                })}
                <TextField field=owner label="Vendor owner" optional=true />
                <TextField field=step label="Next step" optional=true />
                <TextField field=due label="Next step due" kind="date" optional=true />
                <TextField field=amount label="Amount" optional=true />
                <SelectField field=currency label="Currency" options=currencies placeholder="No currency" />
                <TextField field=discount label="Discount band" optional=true />
                <SelectField field=role label="Partner role" options=roles placeholder="Not decided yet" />
                <TextField field=attribution label="Attribution (%)" kind="number" optional=true />
                <label class="choice" for="opp-price-protection">
                    <input
                        type="checkbox"
                        id="opp-price-protection"
                        prop:checked=price_protection
                        on:change=move |ev| price_protection.set(event_target_checked(&ev))
                    />
                    "Price protection"
                </label>
                <TextArea field=notes label="Internal notes" hint="Vendor staff only; the partner never sees them." optional=true />
                <SubmitButton id="opp-save" label="Save changes" busy_label="Saving…" busy />
            </form>
        </section>
    }
}

/// The notes both sides read, and the form to add one.
#[component]
fn Notes(id: i64, notes: Vec<SharedNote>, vendor: bool) -> impl IntoView {
    let session = use_session();
    let notes = RwSignal::new(notes);
    let body = FieldState::new("opp-note-body", |v| {
        NoteRequest { body: v.to_owned() }
            .validate()
            .err()
            .and_then(|e| e.into_values().next())
    });
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move || {
        if busy.get_untracked() {
            return;
        }
        error.set(None);
        status.set(None);
        if !body.validate() {
            portico_ui::dom::focus_by_id("opp-note-body");
            return;
        }
        let request = NoteRequest { body: body.get() };
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::add_note(&csrf, id, &request).await;
            busy.set(false);
            match result {
                Ok(note) => {
                    notes.update(|n| n.push(note));
                    body.value.set(String::new());
                    status.set(Some("Note added.".to_owned()));
                }
                Err(e) => show_error(e, &[("body", body)], error),
            }
        });
    };
    let audience = if vendor {
        "The partner reads these notes too."
    } else {
        "The vendor's team reads these notes too."
    };
    view! {
        <section aria-labelledby="opp-notes-heading">
            <h2 class="section-title" id="opp-notes-heading">"Shared notes"</h2>
            <p class="muted">{audience}</p>
            <ol id="opp-notes" class="notes">
                {move || notes.get().into_iter().map(|n| view! {
                    <li class:note-vendor=n.side == portico_api::pipeline::NoteSide::Vendor>
                        <p class="note-meta">
                            <strong>{n.author_name}</strong> " (" {n.side.label()} ") · " <Time value=n.created_at />
                        </p>
                        <p class="prose">{n.body}</p>
                    </li>
                }).collect_view()}
            </ol>
            {move || notes.with(Vec::is_empty).then(|| view! { <p class="empty">"No notes yet."</p> })}
            <form class="form" novalidate on:submit=on_submit(submit)>
                <TextArea field=body label="Add a note" />
                <p class="error-text" role="alert">{error}</p>
                <p class="muted" role="status" id="opp-note-status">{status}</p>
                <SubmitButton id="opp-note-submit" label="Add note" busy_label="Adding…" busy />
            </form>
        </section>
    }
}
