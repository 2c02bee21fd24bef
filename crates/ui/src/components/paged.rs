//! A cursor-paginated list: the first page loads at once, "Load more" appends the next one.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;
use portico_api::Page;

use crate::api::ApiError;
use crate::components::{ErrorNotice, Loading};
use crate::dom::{Spawner, on_click};
use crate::text;

type PageFuture<T> = Pin<Box<dyn Future<Output = Result<Page<T>, ApiError>>>>;
type Fetch<T> = Arc<dyn Fn(Option<String>) -> PageFuture<T> + Send + Sync>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListState {
    /// The first page is on its way.
    Loading,
    Ready,
    LoadingMore,
    /// The first page failed: nothing to show.
    Failed(String),
    /// A further page failed: the rows so far stay.
    MoreFailed(String),
}

pub struct Paged<T: Send + Sync + 'static> {
    pub items: RwSignal<Vec<T>>,
    state: RwSignal<ListState>,
    next: RwSignal<Option<String>>,
    /// Bumped on reload so an answer for an older request is dropped.
    generation: StoredValue<u32>,
    fetch: StoredValue<Fetch<T>>,
    /// Loads run under the list's page, so a reload a row asks for (which the reload removes)
    /// is not dropped with that row.
    spawner: StoredValue<Spawner>,
}

impl<T: Send + Sync + 'static> Clone for Paged<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Paged<T> {}

impl<T: Send + Sync + 'static> Paged<T> {
    /// Starts loading the first page.
    pub fn new<F, Fut>(fetch: F) -> Paged<T>
    where
        F: Fn(Option<String>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Page<T>, ApiError>> + 'static,
    {
        let fetch: Fetch<T> = Arc::new(move |cursor| Box::pin(fetch(cursor)));
        let paged = Paged {
            items: RwSignal::new(Vec::new()),
            state: RwSignal::new(ListState::Loading),
            next: RwSignal::new(None),
            generation: StoredValue::new(0),
            fetch: StoredValue::new(fetch),
            spawner: StoredValue::new(Spawner::here()),
        };
        paged.reload();
        paged
    }

    /// Loads the first page again, e.g. after a change.
    pub fn reload(self) {
        self.generation.update_value(|g| *g += 1);
        self.state.set(ListState::Loading);
        self.load(None);
    }

    pub fn load_more(self) {
        let Some(cursor) = self.next.get_untracked() else {
            return;
        };
        if self.state.get_untracked() != ListState::LoadingMore {
            self.state.set(ListState::LoadingMore);
            self.load(Some(cursor));
        }
    }

    fn load(self, cursor: Option<String>) {
        let first = cursor.is_none();
        let generation = self.generation.get_value();
        let future = self.fetch.with_value(|fetch| fetch(cursor));
        self.spawner.get_value().spawn(async move {
            let result = future.await;
            if self.generation.try_get_value() != Some(generation) {
                return;
            }
            match result {
                Ok(page) => {
                    self.items.update(|items| {
                        if first {
                            items.clear();
                        }
                        items.extend(page.items);
                    });
                    self.next.set(page.next_cursor);
                    self.state.set(ListState::Ready);
                }
                Err(e) if first => self.state.set(ListState::Failed(e.message)),
                Err(e) => self.state.set(ListState::MoreFailed(e.message)),
            }
        });
    }

    /// What [`PagedList`] needs, without the item type.
    pub fn controls(self) -> ListControls {
        ListControls {
            state: self.state,
            has_more: Signal::derive(move || self.next.with(Option::is_some)),
            empty: Signal::derive(move || self.items.with(Vec::is_empty)),
            more: Callback::new(move |()| self.load_more()),
            retry: Callback::new(move |()| self.reload()),
        }
    }
}

#[derive(Clone, Copy)]
pub struct ListControls {
    state: RwSignal<ListState>,
    has_more: Signal<bool>,
    empty: Signal<bool>,
    more: Callback<()>,
    retry: Callback<()>,
}

/// What a list shows around its rows: loading, error with retry, empty text, or the rows with
/// a "Load more" button.
#[component]
pub fn PagedList(
    list: ListControls,
    /// Said while the first page loads, e.g. "Loading users…".
    loading: &'static str,
    /// Said when the list is empty.
    empty: &'static str,
    /// The rows, once there are some.
    children: ChildrenFn,
) -> impl IntoView {
    let ListControls {
        state,
        has_more,
        empty: is_empty,
        more,
        retry,
    } = list;
    #[derive(Clone, Copy, PartialEq)]
    enum Phase {
        Loading,
        Failed,
        Empty,
        Rows,
    }
    let phase = Memo::new(move |_| match state.get() {
        ListState::Loading => Phase::Loading,
        ListState::Failed(_) => Phase::Failed,
        _ if is_empty.get() => Phase::Empty,
        _ => Phase::Rows,
    });
    let loading_more = Signal::derive(move || state.get() == ListState::LoadingMore);
    let aria_busy = Signal::derive(move || loading_more.get().then_some("true"));
    let more_label = Signal::derive(move || {
        if loading_more.get() {
            text::common::LOADING
        } else {
            text::common::LOAD_MORE
        }
    });
    let more_error = Signal::derive(move || match state.get() {
        ListState::MoreFailed(message) => Some(message),
        _ => None,
    });
    let hide_more = Signal::derive(move || !(has_more.get() && phase.get() == Phase::Rows));
    view! {
        {move || match phase.get() {
            Phase::Loading => view! { <Loading label=loading /> }.into_any(),
            Phase::Failed => {
                let message = state.with_untracked(|s| match s {
                    ListState::Failed(m) => m.clone(),
                    _ => String::new(),
                });
                view! { <ErrorNotice message retry /> }.into_any()
            }
            Phase::Empty => view! { <p class="empty">{empty}</p> }.into_any(),
            Phase::Rows => children(),
        }}
        <div class="list-footer">
            <p class="error-text" role="alert">
                {more_error}
            </p>
            <button
                type="button"
                class="secondary"
                hidden=hide_more
                aria-disabled=aria_busy
                aria-busy=aria_busy
                on:click=on_click(move |_| more.run(()))
            >
                {more_label}
            </button>
        </div>
    }
}
