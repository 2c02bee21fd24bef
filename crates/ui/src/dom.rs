//! Small pieces of browser plumbing every page uses: tasks, event handlers, the title, focus.

use std::future::Future;
use std::pin::Pin;

use leptos::ev::{MouseEvent, SubmitEvent};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::text;

/// Runs a task for the current component; it is dropped if the component goes away first.
pub fn spawn(task: impl Future<Output = ()> + 'static) {
    spawn_boxed(Box::pin(task));
}

/// Where work a component starts runs: under the component that made this, so work asked for
/// from a part of the page that goes away meanwhile (a row that asks its list to reload, a form
/// that closes on saving) is not dropped with that part.
#[derive(Clone)]
pub struct Spawner(Owner);

impl Spawner {
    pub fn here() -> Spawner {
        Spawner(Owner::current().unwrap_or_default())
    }

    pub fn spawn(&self, task: impl Future<Output = ()> + 'static) {
        self.0.with(|| spawn(task));
    }
}

// One non-generic spawner for every task keeps the bundle small.
fn spawn_boxed(task: Pin<Box<dyn Future<Output = ()>>>) {
    leptos::task::spawn_local_scoped_with_cancellation(task);
}

/// A click handler; boxed so that every button shares one copy of the event plumbing.
pub fn on_click(handler: impl FnMut(MouseEvent) + 'static) -> Box<dyn FnMut(MouseEvent)> {
    Box::new(handler)
}

/// A form's submit handler: the page handles it, the browser does not navigate.
pub fn on_submit(mut handler: impl FnMut() + 'static) -> Box<dyn FnMut(SubmitEvent)> {
    Box::new(move |ev: SubmitEvent| {
        ev.prevent_default();
        handler();
    })
}

/// Sets the document title, e.g. "Users · Portico".
pub fn set_title(page: &str) {
    document().set_title(&text::common::page_title(page));
}

pub fn focus_by_id(id: &str) {
    if let Some(element) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Focuses an element once the current update has been drawn.
pub fn focus_soon(id: String) {
    request_animation_frame(move || focus_by_id(&id));
}

/// Waits `ms` milliseconds, for pages that look again at work under way.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .map(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms));
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
