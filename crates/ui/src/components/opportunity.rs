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

/// What both sides see.
#[component]
pub fn SharedFacts(o: PartnerOpportunity) -> impl IntoView {
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
