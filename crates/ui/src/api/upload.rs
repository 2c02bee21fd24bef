//! Form uploads with progress, which `fetch` cannot report.

use super::assets::Progress;
use super::request::Answer;
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
