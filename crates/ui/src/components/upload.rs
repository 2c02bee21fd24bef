//! Choosing a file to upload and following the upload: the type list and size limit are shown
//! and the size is checked before anything is sent; while the file goes up, a progress bar and
//! an announced percentage follow it.

use leptos::html::Input;
use leptos::prelude::*;
use portico_api::assets::{ALLOWED_FILE_TYPES, UPLOAD_MAX_BYTES};
use portico_api::channel_data::imports::REPORT_MAX_BYTES;
use web_sys::File;

use crate::api::{ApiError, Progress};
use crate::components::FieldState;
use crate::components::field::FieldError;
use crate::dom::focus_by_id;
use crate::format::human_size;
use crate::text;

/// What is uploaded: what the file picker offers (the server checks the content itself), how
/// the types are named to people, and the largest size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accepts {
    id: &'static str,
    picker: &'static str,
    types: &'static str,
    max_bytes: u64,
}

/// Enablement content.
pub const ASSET_FILES: Accepts = Accepts {
    id: "asset-file",
    picker: ".pdf,.pptx,.docx,.xlsx,.png,.jpg,.jpeg,.mp4,.zip",
    types: ALLOWED_FILE_TYPES,
    max_bytes: UPLOAD_MAX_BYTES,
};

/// Sales reports.
pub const REPORT_FILES: Accepts = Accepts {
    id: "report-file",
    picker: ".csv,.txt,.xlsx",
    types: "CSV or Excel (.xlsx)",
    max_bytes: REPORT_MAX_BYTES,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sending {
    Idle,
    /// Percent sent so far.
    Under(u8),
    Complete,
    Failed,
}

/// One file input and the state of its upload.
#[derive(Clone, Copy)]
pub struct Upload {
    /// The input's error line; the server's messages for `file` land here too.
    pub field: FieldState,
    input: NodeRef<Input>,
    sending: RwSignal<Sending>,
    accepts: Accepts,
}

impl Upload {
    pub fn new(accepts: Accepts) -> Upload {
        Upload {
            field: FieldState::new(accepts.id, |_| None),
            input: NodeRef::new(),
            sending: RwSignal::new(Sending::Idle),
            accepts,
        }
    }

    /// The chosen file when it may be sent; otherwise the field says why.
    pub fn file(self) -> Option<File> {
        let file = self
            .input
            .get_untracked()
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        let error = match &file {
            None => Some(text::fields::CHOOSE_FILE.to_owned()),
            Some(f) if f.size() as u64 > self.accepts.max_bytes => {
                Some(text::fields::file_too_large(
                    &f.name(),
                    &human_size(f.size() as u64),
                    &human_size(self.accepts.max_bytes),
                ))
            }
            Some(_) => None,
        };
        let ok = error.is_none();
        self.field.error.set(error);
        file.filter(|_| ok)
    }

    /// Starts following an upload: what the request reports its progress to.
    pub fn progress(self) -> Progress {
        self.sending.set(Sending::Under(0));
        Box::new(move |percent| {
            // The page may be gone by the time the browser reports.
            let _ = self.sending.try_set(Sending::Under(percent));
        })
    }

    /// Shows the server's refusal of the file itself (too large, a type it does not accept)
    /// beside the input and moves focus there; false for any other failure.
    pub fn show_refusal(self, error: &ApiError) -> bool {
        if !matches!(error.status, 413 | 415) {
            return false;
        }
        let message = error.fields.get("file").unwrap_or(&error.message);
        self.field.error.set(Some(message.clone()));
        focus_by_id(&self.field.id());
        true
    }

    /// The upload ended; `ok` when the server took the file.
    pub fn finish(self, ok: bool) {
        self.sending.set(if ok {
            Sending::Complete
        } else {
            Sending::Failed
        });
    }
}

/// The labelled file input with its limits and error, and the upload's progress.
#[component]
pub fn FileUpload(upload: Upload, label: &'static str) -> impl IntoView {
    let field = upload.field;
    let id = field.id();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let hint_id = hint_id.clone();
        move || match field.error.with(Option::is_some) {
            true => format!("{hint_id} {error_id}"),
            false => hint_id.clone(),
        }
    };
    let invalid = move || field.error.with(Option::is_some).to_string();
    let accepts = upload.accepts;
    let hint = text::fields::upload_hint(accepts.types, &human_size(accepts.max_bytes));
    let sending = upload.sending;
    let percent = move || match sending.get() {
        Sending::Under(p) => p,
        _ => 100,
    };
    let status = move || match sending.get() {
        Sending::Idle => String::new(),
        Sending::Under(p) => text::fields::uploading(p),
        Sending::Complete => text::fields::UPLOAD_COMPLETE.to_owned(),
        Sending::Failed => text::fields::UPLOAD_FAILED.to_owned(),
    };
    let bar_hidden = move || matches!(sending.get(), Sending::Idle | Sending::Failed);
    view! {
        <div class="field field-wide upload">
            <label for=id.clone()>{label}</label>
            <p class="hint" id=hint_id>{hint}</p>
            <input
                id=id.clone()
                name=id
                type="file"
                accept=accepts.picker
                node_ref=upload.input
                aria-invalid=invalid
                aria-describedby=described_by
                on:change=move |_| {
                    upload.file();
                }
            />
            <FieldError field />
            <progress
                id="upload-progress"
                max="100"
                prop:value=percent
                aria-label=text::fields::UPLOAD_PROGRESS
                hidden=bar_hidden
            ></progress>
            <p id="upload-status" class="upload-status" role="status" aria-live="polite">
                {status}
            </p>
        </div>
    }
}
