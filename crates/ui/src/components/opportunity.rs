//! What both sides see of a deal of the shared pipeline: its safe fields, and the shared notes
//! with the form to add one.

use leptos::prelude::*;
use portico_api::pipeline::{NoteRequest, PartnerOpportunity, SharedNote, stage_label};

use crate::api;
use crate::components::StatusBadge;
use crate::components::field::show_error;
use crate::components::{FieldState, SubmitButton, TextArea, Time};
use crate::deal::{next_step, protection};
use crate::dom::{on_submit, spawn};
use crate::session::use_session;
use crate::text;

/// What both sides see.
#[component]
pub fn SharedFacts(o: PartnerOpportunity) -> impl IntoView {
    let stage = stage_label(o.motion, &o.stage).to_owned();
    let step = next_step(o.next_step, o.next_step_due)
        .unwrap_or_else(|| text::opportunity::NO_NEXT_STEP.to_owned());
    view! {
        <dl class="facts" id="opp-facts">
            <dt>{text::opportunity::MOTION}</dt>
            <dd>{o.motion.label()}</dd>
            <dt>{text::opportunity::STAGE}</dt>
            <dd id="opp-stage-label">{stage}</dd>
            <dt>{text::opportunity::IN_STAGE_SINCE}</dt>
            <dd><Time value=o.stage_entered_at /></dd>
            <dt>{text::opportunity::VENDOR_OWNER}</dt>
            <dd>{o.owner_name.unwrap_or_else(|| text::opportunity::NO_OWNER.to_owned())}</dd>
            <dt>{text::opportunity::NEXT_STEP}</dt>
            <dd id="opp-next-step-text" class="prose">{step}</dd>
            <dt>{text::opportunity::REGISTRATION}</dt>
            <dd>
                {match o.registration_status {
                    Some(status) => view! { <StatusBadge status /> }.into_any(),
                    None => text::opportunity::NO_REGISTRATION.into_any(),
                }}
            </dd>
            <dt>{text::opportunity::PROTECTION}</dt>
            <dd>{protection(o.protection_status, o.protection_ends)}</dd>
            <dt>{text::opportunity::LAST_UPDATED}</dt>
            <dd><Time value=o.updated_at /></dd>
        </dl>
    }
}

/// The notes both sides read, and the form to add one.
#[component]
pub fn Notes(id: i64, notes: Vec<SharedNote>, vendor: bool) -> impl IntoView {
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
            crate::dom::focus_by_id("opp-note-body");
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
                    status.set(Some(text::opportunity::NOTE_ADDED.to_owned()));
                }
                Err(e) => show_error(e, &[("body", body)], error),
            }
        });
    };
    let audience = if vendor {
        text::opportunity::PARTNER_READS_NOTES
    } else {
        text::opportunity::VENDOR_READS_NOTES
    };
    view! {
        <section aria-labelledby="opp-notes-heading">
            <h2 class="section-title" id="opp-notes-heading">{text::opportunity::NOTES}</h2>
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
            {move || notes.with(Vec::is_empty).then(|| view! { <p class="empty">{text::opportunity::NO_NOTES}</p> })}
            <form class="form" novalidate on:submit=on_submit(submit)>
                <TextArea field=body label=text::opportunity::ADD_A_NOTE />
                <p class="error-text" role="alert">{error}</p>
                <p class="muted" role="status" id="opp-note-status">{status}</p>
                <SubmitButton
                    id="opp-note-submit"
                    label=text::opportunity::ADD_NOTE
                    busy_label=text::opportunity::ADDING
                    busy
                />
            </form>
        </section>
    }
}
