//! Reusable pieces: the page frame, route guards, form fields, checkbox groups, file uploads,
//! paginated lists, notices, action buttons, copyable text, CRM card links and what delivery
//! lists share.
//!
//! The pieces are plain (non-generic) components taking signals, so each is compiled once and
//! shared by every page: that keeps the WebAssembly bundle small.

pub mod action;
pub mod card_link;
pub mod checks;
pub mod copy;
pub mod deliveries;
pub mod field;
pub mod guard;
pub mod layout;
pub mod paged;
pub mod upload;

use std::future::Future;
use std::pin::Pin;

use leptos::ev::{MouseEvent, SubmitEvent};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub use action::ActionButton;
pub use card_link::CardLinkPanel;
pub use checks::CheckGroup;
pub use copy::{CopyText, OneTimeSecret, SecretMaker};
pub use field::{FieldState, RadioGroup, SelectField, TextArea, TextField};
pub use guard::RequireRole;
pub use layout::Layout;
pub use paged::{Paged, PagedList};
pub use upload::{FileUpload, Upload};

/// A scrollable, keyboard-reachable table with column headers; `children` are its rows.
#[component]
pub fn DataTable(
    /// The id of the heading that names the table.
    labelled_by: &'static str,
    headers: &'static [&'static str],
    #[prop(optional)] id: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    view! {
        <div class="table-wrap" role="region" aria-labelledby=labelled_by tabindex="0">
            <table id=(!id.is_empty()).then_some(id)>
                <thead>
                    <tr>
                        {headers.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}

/// A polite "working on it" line for content that is on its way.
#[component]
pub fn Loading(label: &'static str) -> impl IntoView {
    view! {
        <p class="loading" role="status">
            <span class="spinner" aria-hidden="true"></span>
            {label}
        </p>
    }
}

/// A failed load: the reason, and a button to try again.
#[component]
pub fn ErrorNotice(message: String, retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="notice notice-error" role="alert">
            <p>{message}</p>
            <button type="button" class="secondary" on:click=on_click(move |_| retry.run(()))>
                "Try again"
            </button>
        </div>
    }
}

/// The form-level message (wrong password, conflict, …), announced as it appears.
#[component]
pub fn FormError(error: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <div id="form-error" class="form-error" role="alert">
            {error}
        </div>
    }
}

/// A submit button that says what it is doing and ignores clicks meanwhile.
#[component]
pub fn SubmitButton(
    id: &'static str,
    label: &'static str,
    busy_label: &'static str,
    busy: RwSignal<bool>,
) -> impl IntoView {
    let text = Signal::derive(move || if busy.get() { busy_label } else { label });
    let aria_busy = Signal::derive(move || busy.get().then_some("true"));
    view! {
        <div class="actions">
            <button id=id type="submit" class="primary" disabled=busy aria-busy=aria_busy>
                {text}
            </button>
        </div>
    }
}

/// Runs a task for the current component; it is dropped if the component goes away first.
pub fn spawn(task: impl Future<Output = ()> + 'static) {
    spawn_boxed(Box::pin(task));
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
    document().set_title(&format!("{page} · Portico"));
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

/// An RFC 3339 timestamp as "2025-06-01 14:03 UTC"; anything unexpected is shown as it came.
pub fn format_time(rfc3339: &str) -> String {
    let bytes = rfc3339.as_bytes();
    let shaped = bytes.len() >= 16
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && matches!(bytes[10], b'T' | b't' | b' ')
        && bytes[13] == b':'
        && rfc3339.is_char_boundary(16);
    if !shaped {
        return rfc3339.to_owned();
    }
    // The offset follows the seconds (and any fraction): Z, +hh:mm or -hh:mm.
    let rest = &rfc3339[16..];
    let zone = rest.find(['Z', 'z', '+', '-']).map_or("", |i| &rest[i..]);
    let zone = match zone {
        "Z" | "z" | "+00:00" | "-00:00" | "" => "UTC",
        other => other,
    };
    format!("{} {} {zone}", &rfc3339[..10], &rfc3339[11..16])
}

/// A size in bytes as people read it: "512 bytes", "1.5 KB", "100 MB" (binary multiples, as
/// the upload limit is counted).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    match bytes {
        1 => return "1 byte".to_owned(),
        0..1024 => return format!("{bytes} bytes"),
        _ => {}
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    let rounded = (value * 10.0).round() / 10.0;
    if rounded >= 100.0 || rounded.fract() == 0.0 {
        format!("{rounded:.0} {}", UNITS[unit])
    } else {
        format!("{rounded:.1} {}", UNITS[unit])
    }
}

/// A timestamp in a `<time>` element, machine-readable and human-readable.
#[component]
pub fn Time(value: String) -> impl IntoView {
    let text = format_time(&value);
    view! { <time datetime=value>{text}</time> }
}

#[cfg(test)]
mod tests {
    use super::{format_time, human_size};

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_size(0), "0 bytes");
        assert_eq!(human_size(1), "1 byte");
        assert_eq!(human_size(1023), "1023 bytes");
        assert_eq!(human_size(1024), "1 KB");
        assert_eq!(human_size(1536), "1.5 KB");
        assert_eq!(human_size(1024 * 1024 - 1), "1024 KB");
        assert_eq!(human_size(5 * 1024 * 1024 + 300 * 1024), "5.3 MB");
        assert_eq!(human_size(100 * 1024 * 1024), "100 MB");
    }

    #[test]
    fn formats_rfc3339() {
        assert_eq!(format_time("2025-06-01T14:03:22Z"), "2025-06-01 14:03 UTC");
        assert_eq!(
            format_time("2025-06-01T14:03:22.123+00:00"),
            "2025-06-01 14:03 UTC"
        );
        assert_eq!(
            format_time("2025-06-01T14:03:22+02:00"),
            "2025-06-01 14:03 +02:00"
        );
        assert_eq!(
            format_time("2025-06-01T14:03:22-05:00"),
            "2025-06-01 14:03 -05:00"
        );
        assert_eq!(format_time("yesterday"), "yesterday");
    }
}
