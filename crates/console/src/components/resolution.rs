//! Deciding a conflict in one step: for each open competing claim, approve this registration
//! and decline that one, or the other way round; and going on to the next registration to
//! decide after a decision.

use leptos::prelude::*;
use portico_api::registrations::ResolutionRequest;
use portico_ui::api;
use portico_ui::components::field::show_error;
use portico_ui::components::{FieldState, FormError, TextArea};
use portico_ui::dom::{on_click, spawn};
use portico_ui::location::Location;
use portico_ui::route::Route;
use portico_ui::session::use_session;

use crate::text;

/// A registration as the resolution names it: id and number.
pub type Claim = (i64, String);

/// The one-step choices between `this` registration and each of its open competing claims.
#[component]
pub fn Resolution(this: Claim, competing: Vec<Claim>, reload: Callback<()>) -> impl IntoView {
    let session = use_session();
    let rationale = FieldState::plain("resolution-rationale", "");
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let choices = competing
        .into_iter()
        .flat_map(|other| [(this.clone(), other.clone()), (other, this.clone())])
        .enumerate()
        .map(|(n, (winner, loser))| {
            let label = text::registration::approve_and_decline(&winner.1, &loser.1);
            let id = format!("resolve-{n}");
            let csrf = move || session.csrf();
            let resolve = move |_| resolve(csrf(), (winner.0, loser.0), rationale, busy, error, reload);
            view! {
                <button id=id type="button" class:primary=n == 0 class:secondary=n != 0 disabled=busy on:click=on_click(resolve)>
                    {label}
                </button>
            }
        })
        .collect_view();
    view! {
        <section class="panel" id="resolution" aria-labelledby="resolution-heading">
            <h2 id="resolution-heading" class="section-title">
                {text::registration::RESOLUTION}
            </h2>
            <p class="muted">
                {text::registration::RESOLUTION_INTRO}
            </p>
            <FormError error />
            <TextArea
                field=rationale
                label=text::registration::RESOLUTION_RATIONALE
                hint=text::registration::RESOLUTION_RATIONALE_HINT
                optional=true
            />
            <div class="actions">{choices}</div>
        </section>
    }
}

fn resolve(
    csrf: String,
    (winner, loser): (i64, i64),
    rationale: FieldState,
    busy: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    reload: Callback<()>,
) {
    if busy.get_untracked() {
        return;
    }
    let body = ResolutionRequest {
        decline: vec![loser],
        rationale: Some(rationale.get()).filter(|r| !r.trim().is_empty()),
    };
    busy.set(true);
    error.set(None);
    spawn(async move {
        let result = api::resolve_conflict(&csrf, winner, &body).await;
        busy.set(false);
        match result {
            Ok(_) => reload.run(()),
            // A claim that no longer competes (the conflict changed meanwhile) is said in words,
            // as the page has no field for it.
            Err(e) => match e.fields.get("decline") {
                Some(why) => error.set(Some(why.clone())),
                None => show_error(e, &[("rationale", rationale)], error),
            },
        }
    });
}

/// Opens the oldest registration still waiting for a decision, or the queue when none is.
pub fn open_next(location: Location, current: i64) {
    spawn(async move {
        let href = match api::next_to_decide(current).await {
            Ok(Some(id)) => Route::ManageRegistration { id }.href(),
            _ => Route::ApprovalQueue.href(),
        };
        location.go(&href);
    });
}
