//! Sends a report and opens its import. With several sources the person chooses whose report
//! it is; with one (a partner's own) there is nothing to choose.

use leptos::prelude::*;
use portico_api::channel_data::Source;

use crate::api;
use crate::components::field::{begin_submit, show_error};
use crate::components::{
    FieldState, FileUpload, FormError, REPORT_FILES, SelectField, SubmitButton, Upload,
};
use crate::dom::{on_submit, spawn};
use crate::location::use_location;
use crate::route::Route;
use crate::session::use_session;
use crate::text::channel_data as text;

#[component]
pub fn ReportUpload(sources: Signal<Vec<Source>>, import: fn(i64) -> Route) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let source = FieldState::new("report-source", |v| {
        v.is_empty().then(|| text::SOURCE_NEEDED.to_owned())
    });
    let only = move || match &sources.get()[..] {
        [one] => Some(one.id),
        _ => None,
    };
    Effect::new(move |_| {
        if let Some(id) = only() {
            source.value.set(id.to_string());
        }
    });
    let upload = Upload::new(REPORT_FILES);
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move || {
        if !begin_submit(busy, form_error, &[source]) {
            return;
        }
        let Some(file) = upload.file() else { return };
        let source_id = source.get().parse().unwrap_or_default();
        let csrf = session.csrf();
        busy.set(true);
        let progress = upload.progress();
        spawn(async move {
            let result = api::upload_report(&csrf, source_id, &file, progress).await;
            busy.set(false);
            upload.finish(result.is_ok());
            match result {
                Ok(done) => location.go(&import(done.id).href()),
                Err(e) if upload.show_refusal(&e) => {}
                Err(e) => show_error(
                    e,
                    &[("source_id", source), ("file", upload.field)],
                    form_error,
                ),
            }
        });
    };
    let options = move || {
        sources
            .get()
            .into_iter()
            .map(|s| (s.id.to_string(), s.name))
            .collect::<Vec<_>>()
    };
    view! {
        <section class="panel" aria-labelledby="upload-heading">
            <h2 class="section-title" id="upload-heading">{text::UPLOAD_TITLE}</h2>
            <FormError error=form_error />
            <form class="form" id="report-upload" novalidate on:submit=on_submit(submit)>
                {move || only().is_none().then(|| view! {
                    <SelectField field=source label=text::SOURCE options=options()
                        placeholder=text::CHOOSE_SOURCE />
                })}
                <FileUpload upload label=text::FILE />
                <SubmitButton id="report-send" label=text::UPLOAD busy_label=text::UPLOADING busy />
            </form>
        </section>
    }
}
