//! The one way every endpoint function talks to the server: a [`Call`] built from method, path,
//! CSRF token and body, sent with `fetch`, its error answers turned into [`ApiError`]s (telling
//! the app when the session ended) and its 2xx answers read into the caller's type.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::window;
use portico_api::ErrorBody;
use portico_api::integrations::DeliveryState;
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, Request, RequestInit, Response};

use super::{ApiError, PAGE_SIZE};
use crate::url::encode;

/// What the app asked to run when an answer reports something about the session.
type Hook = RefCell<Option<Rc<dyn Fn()>>>;

thread_local! {
    static ON_EXPIRED: Hook = const { RefCell::new(None) };
    static ON_TWO_FACTOR_REQUIRED: Hook = const { RefCell::new(None) };
}

/// Registers what to do when the portal turns out to require two-factor sign-in first.
pub fn on_two_factor_required(hook: impl Fn() + 'static) {
    ON_TWO_FACTOR_REQUIRED.with(|h| *h.borrow_mut() = Some(Rc::new(hook)));
}

/// Registers what to do when a request finds the session gone.
pub fn on_session_expired(hook: impl Fn() + 'static) {
    ON_EXPIRED.with(|h| *h.borrow_mut() = Some(Rc::new(hook)));
}

fn run_hook(hook: &'static std::thread::LocalKey<Hook>) {
    if let Some(hook) = hook.with(|h| h.borrow().clone()) {
        hook();
    }
}

/// Whether a 401 answer means "your session ended" (most endpoints) or is an ordinary answer
/// the caller handles itself (wrong password, not signed in yet).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum On401 {
    Expire,
    Return,
}

/// A request to the API: method, path and, for writes, the CSRF token and a body.
pub(super) struct Call<'a> {
    method: &'static str,
    url: &'a str,
    csrf: &'a str,
    /// The body and its media type.
    body: Option<(String, &'static str)>,
    /// A retried write with the same key is applied once.
    idempotency_key: Option<&'a str>,
    on_401: On401,
}

impl<'a> Call<'a> {
    pub(super) fn get(url: &'a str) -> Call<'a> {
        Call::write("GET", url, "")
    }

    pub(super) fn write(method: &'static str, url: &'a str, csrf: &'a str) -> Call<'a> {
        Call {
            method,
            url,
            csrf,
            body: None,
            idempotency_key: None,
            on_401: On401::Expire,
        }
    }

    pub(super) fn json<B: Serialize>(self, body: &B) -> Call<'a> {
        match json_text(body) {
            Some(text) => self.text(text, "application/json"),
            None => self,
        }
    }

    pub(super) fn text(self, body: String, media_type: &'static str) -> Call<'a> {
        Call {
            body: Some((body, media_type)),
            ..self
        }
    }

    pub(super) fn idempotent(self, key: &'a str) -> Call<'a> {
        Call {
            idempotency_key: Some(key),
            ..self
        }
    }

    /// A 401 is this call's own answer (sign-in, "who am I", public links), not a sign that the
    /// session ended.
    pub(super) fn own_401(self) -> Call<'a> {
        Call {
            on_401: On401::Return,
            ..self
        }
    }

    /// Sends the call; a 2xx answer as it came, any other as the server's error.
    pub(super) async fn answer(self) -> Result<Answer, ApiError> {
        let answer = fetch(&self).await.map_err(|_| ApiError::network())?;
        checked(answer, self.on_401)
    }

    /// Sends the call and reads its 2xx answer as `T`.
    pub(super) async fn read<T: DeserializeOwned>(self) -> Result<T, ApiError> {
        json(self.answer().await?)
    }

    /// Sends the call for its effect alone.
    pub(super) async fn done(self) -> Result<(), ApiError> {
        self.answer().await.map(drop)
    }

    fn request(&self) -> Result<Request, JsValue> {
        let headers = Headers::new()?;
        let init = RequestInit::new();
        init.set_method(self.method);
        if !self.csrf.is_empty() {
            headers.set("X-CSRF-Token", self.csrf)?;
        }
        if let Some(key) = self.idempotency_key {
            headers.set("Idempotency-Key", key)?;
        }
        if let Some((body, media_type)) = &self.body {
            headers.set("Content-Type", media_type)?;
            init.set_body(&JsValue::from_str(body));
        }
        init.set_headers(&headers);
        Request::new_with_str_and_init(self.url, &init)
    }
}

/// JSON text as serde_json writes it (`null` for `None`, objects for maps), built by the
/// browser's own JSON. Serializing the contract's plain structs cannot fail.
pub(super) fn json_text<B: Serialize>(body: &B) -> Option<String> {
    body.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()
        .and_then(|v| js_sys::JSON::stringify(&v).ok())
        .and_then(|v| v.as_string())
}

/// A complete answer from the server.
pub(super) struct Answer {
    pub(super) status: u16,
    pub(super) body: JsValue,
}

async fn fetch(call: &Call<'_>) -> Result<Answer, JsValue> {
    let sent = match early_answer(call) {
        Some(sent) => sent,
        None => window().fetch_with_request(&call.request()?),
    };
    let response: Response = JsFuture::from(sent).await?.dyn_into()?;
    let text = JsFuture::from(response.text()?).await?;
    let body = text
        .as_string()
        .and_then(|t| js_sys::JSON::parse(&t).ok())
        .unwrap_or(JsValue::UNDEFINED);
    Ok(Answer {
        status: response.status(),
        body,
    })
}

/// The answer to a `GET` that the page's loader already sent while the app was downloading
/// (`window.porticoEarly`, keyed by URL, written by an inline script in `index.html`): taken
/// once, so the first page does not wait for a round trip after the app starts.
fn early_answer(call: &Call<'_>) -> Option<js_sys::Promise> {
    if call.method != "GET" {
        return None;
    }
    let early = js_sys::Reflect::get(&window(), &JsValue::from_str("porticoEarly")).ok()?;
    let key = JsValue::from_str(call.url);
    let sent = js_sys::Reflect::get(&early, &key).ok()?.dyn_into().ok()?;
    js_sys::Reflect::delete_property(early.unchecked_ref::<js_sys::Object>(), &key).ok()?;
    Some(sent)
}

/// A 2xx answer as it came; any other as the server's error.
pub(super) fn checked(answer: Answer, on_401: On401) -> Result<Answer, ApiError> {
    if (200..300).contains(&answer.status) {
        return Ok(answer);
    }
    let status = answer.status;
    let error = match serde_wasm_bindgen::from_value::<ErrorBody>(answer.body) {
        Ok(body) => ApiError {
            status,
            code: body.error.code,
            message: body.error.message,
            fields: body.error.fields,
        },
        Err(_) => ApiError::bad_response(status),
    };
    if status == 401 && on_401 == On401::Expire {
        run_hook(&ON_EXPIRED);
    }
    if error.code == "two_factor_setup_required" {
        run_hook(&ON_TWO_FACTOR_REQUIRED);
    }
    Err(error)
}

pub(super) fn json<T: DeserializeOwned>(answer: Answer) -> Result<T, ApiError> {
    serde_wasm_bindgen::from_value(answer.body).map_err(|_| ApiError::bad_response(answer.status))
}

/// One member of an answer's JSON object, as an answer of its own.
pub(super) fn member(answer: &Answer, name: &str) -> Answer {
    Answer {
        status: answer.status,
        body: js_sys::Reflect::get(&answer.body, &JsValue::from_str(name))
            .unwrap_or(JsValue::UNDEFINED),
    }
}

pub(super) fn list_url(path: &str, cursor: Option<&str>, limit: u32) -> String {
    match cursor {
        Some(cursor) => format!("{path}?limit={limit}&cursor={}", encode(cursor, false)),
        None => format!("{path}?limit={limit}"),
    }
}

/// A page of deliveries, of one state when `state` is given.
pub(super) fn deliveries_url(
    path: &str,
    state: Option<DeliveryState>,
    cursor: Option<&str>,
) -> String {
    let mut url = list_url(path, cursor, PAGE_SIZE);
    if let Some(state) = state {
        url.push_str(&format!("&state={}", state.as_str()));
    }
    url
}
