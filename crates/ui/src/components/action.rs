//! A button that starts a write outside a form (replay, new secret), optionally asking first.

use leptos::prelude::*;

use crate::dom::{focus_soon, on_click};
use crate::text;

/// Says what it is doing while `busy` and ignores clicks meanwhile. With a `question`, the
/// first click asks it, with a button to go ahead and one to cancel; focus moves between them
/// so keyboard users stay in place.
#[component]
pub fn ActionButton(
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<String>,
    busy_label: &'static str,
    busy: RwSignal<bool>,
    run: Callback<()>,
    /// Asked before running, when there is one, e.g. because the old secret stops working.
    #[prop(optional, into)]
    question: MaybeProp<String>,
    /// The go-ahead button's text, e.g. "Yes, make a new secret".
    #[prop(optional)]
    confirm_label: &'static str,
    #[prop(default = "secondary")] class: &'static str,
    /// The id of what the button acts on, when its text alone does not say (a table row's).
    #[prop(optional, into)]
    described_by: Option<String>,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let confirm_id = format!("{id}-confirm");
    let aria_busy = Signal::derive(move || busy.get().then_some("true"));
    let text = Signal::derive(move || {
        if busy.get() {
            busy_label.to_owned()
        } else {
            label.get()
        }
    });
    let start = {
        let confirm_id = confirm_id.clone();
        move |_| {
            if busy.get_untracked() {
                return;
            }
            if question.get_untracked().is_some() {
                asking.set(true);
                focus_soon(confirm_id.clone());
            } else {
                run.run(());
            }
        }
    };
    // Back to the button, which now says what is under way.
    let back = {
        let id = id.clone();
        move || {
            asking.set(false);
            focus_soon(id.clone());
        }
    };
    let go = {
        let back = back.clone();
        move |_| {
            if !busy.get_untracked() {
                back();
                run.run(());
            }
        }
    };
    view! {
        <button
            id=id
            type="button"
            class=class
            hidden=asking
            aria-disabled=aria_busy
            aria-busy=aria_busy
            aria-describedby=described_by
            on:click=on_click(start)
        >
            {text}
        </button>
        <div class="confirm" role="group" aria-label=label hidden=move || !asking.get()>
            <span>{move || question.get()}</span>
            <button id=confirm_id type="button" class="danger small" on:click=on_click(go)>
                {confirm_label}
            </button>
            <button type="button" class="secondary small" on:click=on_click(move |_| back())>
                {text::common::CANCEL}
            </button>
        </div>
    }
}
