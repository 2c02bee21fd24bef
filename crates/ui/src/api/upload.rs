//! Form uploads with progress, which `fetch` cannot report.

use super::ApiError;
use super::assets::Progress;
use super::request::{Answer, On401, checked};
use crate::text;
use portico_api::FieldErrors;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{FormData, ProgressEvent, XmlHttpRequest};

/// A request under way. Dropping it (the page went away) stops the upload and its reports.
struct Sending {
    xhr: XmlHttpRequest,
    _progress: Closure<dyn FnMut(ProgressEvent)>,
}

impl Drop for Sending {
    fn drop(&mut self) {
        if let Ok(upload) = self.xhr.upload() {
            upload.set_onprogress(None);
        }
        if self.xhr.ready_state() != XmlHttpRequest::DONE {
            let _ = self.xhr.abort();
        }
    }
}

pub(super) async fn send_form(
    url: &str,
    csrf: &str,
    form: &FormData,
    progress: Progress,
) -> Result<Answer, JsValue> {
    let xhr = XmlHttpRequest::new()?;
    xhr.open("POST", url)?;
    xhr.set_with_credentials(true);
    xhr.set_request_header("X-CSRF-Token", csrf)?;
    let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
        if e.length_computable() && e.total() > 0.0 {
            progress((e.loaded() / e.total() * 100.0).clamp(0.0, 100.0) as u8);
        }
    });
    xhr.upload()?
        .set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    let sending = Sending {
        xhr,
        _progress: on_progress,
    };
    // `loadend` comes once, after success, failure or abort.
    let finished = js_sys::Promise::new(&mut |resolve, _| {
        let done = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        sending.xhr.set_onloadend(Some(done.unchecked_ref()));
    });
    sending.xhr.send_with_opt_form_data(Some(form))?;
    JsFuture::from(finished).await?;
    let status = sending.xhr.status()?;
    if status == 0 {
        return Err(JsValue::NULL);
    }
    let body = sending
        .xhr
        .response_text()?
        .and_then(|t| js_sys::JSON::parse(&t).ok())
        .unwrap_or(JsValue::UNDEFINED);
    Ok(Answer { status, body })
}

/// Sends a form with `XMLHttpRequest`, the browser API that reports upload progress (`fetch`
/// does not), and checks the answer like every other call's.
pub(super) async fn upload_form(
    url: &str,
    csrf: &str,
    form: &FormData,
    progress: Progress,
    max_bytes: u64,
) -> Result<Answer, ApiError> {
    let answer = send_form(url, csrf, form, progress)
        .await
        .map_err(|_| ApiError::network())?;
    match checked(answer, On401::Expire) {
        // A limit in front of the application may answer without the JSON error body.
        Err(e) if e.status == 413 && e.code == "bad_response" => Err(ApiError {
            status: 413,
            code: "payload_too_large".to_owned(),
            message: text::api::file_too_large(max_bytes / (1024 * 1024)),
            fields: FieldErrors::new(),
        }),
        answer => answer,
    }
}
