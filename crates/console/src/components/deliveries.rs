//! What the delivery lists share, a webhook endpoint's and the administrators' messages: the
//! state filter in the address, the state badge, a delivery's times and its replays.

use std::future::Future;

use leptos::prelude::*;
use portico_api::Page;
use portico_api::integrations::DeliveryState;

use portico_ui::api::ApiError;
use portico_ui::components::{ActionButton, Time};
use portico_ui::dom::spawn;
use portico_ui::location::Location;

use crate::text;

/// The delivery state in the address, if any.
pub fn state_in(location: Location) -> Option<DeliveryState> {
    location
        .query("state")
        .as_deref()
        .and_then(DeliveryState::parse)
}

fn state_href(path: &str, state: Option<DeliveryState>) -> String {
    match state {
        Some(state) => format!("{path}?state={}", state.as_str()),
        None => path.to_owned(),
    }
}

/// Links to each state's list at `path`; the current one is marked.
#[component]
pub fn StateTabs(path: String, state: Option<DeliveryState>) -> impl IntoView {
    let choices = std::iter::once((None, text::deliveries::ALL))
        .chain(DeliveryState::ALL.iter().map(|s| (Some(*s), s.label())))
        .map(|(choice, label)| {
            view! {
                <a href=state_href(&path, choice) aria-current=(choice == state).then_some("page")>
                    {label}
                </a>
            }
        })
        .collect_view();
    view! {
        <nav class="tabs" aria-label=text::deliveries::STATES>
            {choices}
        </nav>
    }
}

/// What an empty list of one state (or of all) says.
pub fn empty_text(state: Option<DeliveryState>) -> &'static str {
    match state {
        None => text::deliveries::EMPTY_ALL,
        Some(DeliveryState::Pending) => text::deliveries::EMPTY_PENDING,
        Some(DeliveryState::Delivered) => text::deliveries::EMPTY_DELIVERED,
        Some(DeliveryState::Dead) => text::deliveries::EMPTY_DEAD,
    }
}

#[component]
pub fn StateBadge(state: DeliveryState) -> impl IntoView {
    view! { <span class=format!("badge badge-delivery-{}", state.as_str())>{state.label()}</span> }
}

/// When the delivery arrived, or when it is tried next.
#[component]
pub fn DeliveryTime(
    delivered_at: Option<String>,
    next_attempt_at: Option<String>,
) -> impl IntoView {
    match (delivered_at, next_attempt_at) {
        (Some(value), _) => view! { {text::deliveries::DELIVERED} <Time value /> }.into_any(),
        (None, Some(value)) => view! { {text::deliveries::NEXT_ATTEMPT} <Time value /> }.into_any(),
        (None, None) => text::deliveries::NO_TIME.into_any(),
    }
}

/// What "Replay all dead" did, in words.
pub fn replayed_text(replayed: u64) -> String {
    text::deliveries::replayed(replayed)
}

/// A replay button's state: whether its replay is under way, and what went wrong.
#[derive(Clone, Copy)]
pub struct Replay {
    pub busy: RwSignal<bool>,
    pub error: RwSignal<Option<String>>,
}

/// A page of deliveries, each with its replay state. The state lives with the row, so "Load
/// more", which draws the rows again, keeps a replay's progress and error.
pub fn with_replays<T>(page: Page<T>) -> Page<(T, Replay)> {
    Page {
        items: page
            .items
            .into_iter()
            .map(|item| {
                let replay = Replay {
                    busy: RwSignal::new(false),
                    error: RwSignal::new(None),
                };
                (item, replay)
            })
            .collect(),
        next_cursor: page.next_cursor,
    }
}

/// What the replays of one list share: how to start them and what to do after.
#[derive(Clone, Copy)]
pub struct Replays {
    /// The list's owner, so a row redrawn meanwhile (by "Load more") does not cancel a replay.
    owner: StoredValue<Owner>,
    /// After a replay: says what happened (and loads the list again).
    done: Callback<String>,
}

impl Replays {
    /// Replays for the list of the current component.
    pub fn new(done: Callback<String>) -> Replays {
        Replays {
            owner: StoredValue::new(Owner::current().expect("a component has an owner")),
            done,
        }
    }

    /// Sends a replay; `send` answers what it did, in words.
    pub fn run(
        self,
        replay: Replay,
        send: impl Future<Output = Result<String, ApiError>> + 'static,
    ) {
        replay.busy.set(true);
        replay.error.set(None);
        let done = self.done;
        self.owner.get_value().with(|| {
            spawn(async move {
                let result = send.await;
                replay.busy.set(false);
                match result {
                    Ok(what) => done.run(what),
                    Err(e) => replay.error.set(Some(e.message)),
                }
            })
        });
    }
}

/// A row's "Replay" button and its error; none for a pending delivery, which is retried on its
/// own.
#[component]
pub fn ReplayButton(
    #[prop(into)] id: String,
    /// The id of what names the row.
    described_by: String,
    state: DeliveryState,
    replay: Replay,
    run: Callback<()>,
) -> impl IntoView {
    (state != DeliveryState::Pending).then(|| {
        view! {
            <ActionButton
                id
                label=text::deliveries::REPLAY
                busy_label=text::deliveries::REPLAYING
                busy=replay.busy
                run
                described_by
                class="secondary small"
            />
            <p class="error-text" role="alert">{replay.error}</p>
        }
    })
}
