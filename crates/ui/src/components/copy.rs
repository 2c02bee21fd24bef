//! Text to copy by hand or with a button: links, endpoint URLs and the secrets the server shows
//! once.

use std::future::Future;

use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::api::ApiError;
use crate::components::ActionButton;
use crate::dom::{focus_soon, on_click, spawn};
use crate::text;

/// Read-only text in a box, with a button that copies it and a line saying whether it worked.
#[component]
pub fn CopyText(
    /// The box's id.
    #[prop(into)]
    id: String,
    text: String,
    /// The button's name, saying what it copies, e.g. "Copy link".
    #[prop(into)]
    label: String,
) -> impl IntoView {
    let copied = RwSignal::new(None::<&'static str>);
    let copy = {
        let text = text.clone();
        move |_| {
            let promise = window().navigator().clipboard().write_text(&text);
            spawn(async move {
                let copied_ok = JsFuture::from(promise).await.is_ok();
                copied.set(Some(if copied_ok {
                    text::copy::COPIED
                } else {
                    text::copy::COPY_REFUSED
                }));
            });
        }
    };
    view! {
        <div class="copy-row">
            <code id=id class="link-box">
                {text}
            </code>
            <button type="button" class="secondary small" on:click=on_click(copy)>
                {label}
            </button>
        </div>
        <p class="muted copy-status" role="status">
            {copied}
        </p>
    }
}

/// A secret the server has just made and will never show again: the warning, the secret with
/// its copy button, and a button to hide it once copied. Nothing shows while `secret` is empty.
#[component]
pub fn OneTimeSecret(
    /// The notice's id; the secret's box is `{id}-value`.
    #[prop(into)]
    id: String,
    /// What the secret is, e.g. "The new signing secret".
    what: &'static str,
    secret: RwSignal<Option<String>>,
) -> impl IntoView {
    let notice = move |value: String| {
        focus_soon(id.clone());
        view! {
            <div id=id.clone() class="notice notice-warning one-time-secret" tabindex="-1">
                <p>
                    <strong>{text::copy::shown_only_once(what)}</strong>
                    {text::copy::COPY_IT_NOW}
                </p>
                <CopyText id=format!("{id}-value") text=value label=text::copy::COPY_SECRET />
                <button type="button" class="secondary small" on:click=on_click(move |_| secret.set(None))>
                    {text::copy::COPIED_IT}
                </button>
            </div>
        }
    };
    view! { <div aria-live="polite">{move || secret.get().map(&notice)}</div> }
}

/// A button that makes a new secret with `make` (given the CSRF token) and shows it once; the
/// old secret stops working, so with a `question` it asks first. The notice's id is `{id}-new`.
#[component]
pub fn SecretMaker<F, Fut>(
    #[prop(into)] id: String,
    label: &'static str,
    busy_label: &'static str,
    #[prop(optional, into)] question: MaybeProp<String>,
    /// What the secret is, e.g. "The new signing secret".
    what: &'static str,
    make: F,
) -> impl IntoView
where
    F: Fn(String) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<String, ApiError>> + 'static,
{
    let session = crate::session::use_session();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let secret = RwSignal::new(None::<String>);
    let run = Callback::new(move |()| {
        busy.set(true);
        error.set(None);
        secret.set(None);
        let csrf = session.csrf();
        spawn(async move {
            match make(csrf).await {
                Ok(made) => secret.set(Some(made)),
                Err(e) => error.set(Some(e.message)),
            }
            busy.set(false);
        });
    });
    view! {
        <ActionButton
            id=id.clone()
            label=label
            busy_label
            busy
            run
            question
            confirm_label=text::copy::CONFIRM_NEW_SECRET
        />
        <p class="error-text" role="alert">{error}</p>
        <OneTimeSecret id=format!("{id}-new") what secret />
    }
}
