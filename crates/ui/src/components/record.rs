//! A page showing one record loaded by id.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::{ErrorNotice, Loading, NotFound};
use crate::dom::spawn;

/// A record loaded by id: loading, failed (with retry), or ready.
#[derive(Clone)]
pub enum Loaded<T> {
    Loading,
    Ready(T),
    Failed(ApiError),
}

/// A page of one record loaded by id: loading, "not found", an error with a retry, or the
/// record drawn by `ready` (which gets a callback to load it again after a change).
pub fn record_page<T, Fut>(
    fetch: impl Fn() -> Fut + Copy + Send + Sync + 'static,
    loading: &'static str,
    ready: impl Fn(T, Callback<()>) -> AnyView + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, ApiError>> + 'static,
{
    let state = RwSignal::new(Loaded::Loading);
    let load = move || {
        spawn(async move {
            state.set(match fetch().await {
                Ok(record) => Loaded::Ready(record),
                Err(e) => Loaded::Failed(e),
            });
        });
    };
    load();
    let reload = Callback::new(move |()| load());
    move || match state.get() {
        Loaded::Loading => view! { <Loading label=loading /> }.into_any(),
        Loaded::Failed(e) if e.is_not_found() => view! { <NotFound /> }.into_any(),
        Loaded::Failed(e) => view! { <ErrorNotice message=e.message retry=reload /> }.into_any(),
        Loaded::Ready(record) => ready(record, reload),
    }
}
