//! `/manage/channel-data`: the report sources, adding one, and uploading a report, which
//! opens the import's page to confirm its mapping and follow it.

use leptos::prelude::*;
use portico_api::channel_data::{DateOrder, NewSource, Source, SourceKind};

use portico_ui::api;
use portico_ui::components::field::{begin_submit, show_error};
use portico_ui::components::{
    DataTable, FieldState, FileUpload, FormError, REPORT_FILES, SelectField, SubmitButton,
    TextField, Upload,
};
use portico_ui::dom::{on_submit, set_title, spawn};
use portico_ui::location::use_location;
use portico_ui::route::Route;
use portico_ui::session::use_session;

use crate::text::channel_data as text;

mod import;
mod review;
mod transactions;
mod uploads;

pub use import::ChannelImportPage;
pub use review::ChannelReviewPage;
pub use transactions::ChannelTransactionsPage;

#[component]
pub fn ChannelDataPage() -> impl IntoView {
    set_title(text::TITLE);
    let sources = RwSignal::new(None::<Vec<Source>>);
    let error = RwSignal::new(None::<String>);
    let load = move || {
        spawn(async move {
            match api::channel_sources().await {
                Ok(list) => sources.set(Some(list.sources)),
                Err(e) => error.set(Some(e.message)),
            }
        })
    };
    load();
    view! {
        <section class="page">
            <h1>{text::TITLE}</h1>
            <p class="muted">{text::INTRO}</p>
            <p class="actions">
                <a href=Route::ChannelReview.href()>{text::REVIEW_LINK}</a>
                <a href=Route::ChannelTransactions.href()>{text::TRANSACTIONS_LINK}</a>
            </p>
            <p class="error-text" role="alert">{error}</p>
            <UploadForm sources />
            <uploads::UploadList />
            <h2 class="section-title" id="sources-heading">{text::SOURCES}</h2>
            {move || match sources.get() {
                None => view! { <p class="muted">{text::SOURCES_LOADING}</p> }.into_any(),
                Some(list) if list.is_empty() => view! { <p class="muted">{text::NO_SOURCES}</p> }.into_any(),
                Some(list) => view! {
                    <DataTable id="sources" labelled_by="sources-heading" headers=text::SOURCE_HEADERS>
                        {list.iter().cloned().map(|s| view! { <SourceRow source=s /> }).collect_view()}
                    </DataTable>
                }.into_any(),
            }}
            <NewSourceForm added=Callback::new(move |()| load()) />
        </section>
    }
}

#[component]
fn SourceRow(source: Source) -> impl IntoView {
    let mapped = source.columns.iter().filter(|c| c.field.is_some()).count();
    view! {
        <tr>
            <td>{source.name}</td>
            <td>{source.kind.label()}</td>
            <td>{source.organization.map(|o| o.name).unwrap_or_default()}</td>
            <td>{mapped}</td>
        </tr>
    }
}

/// Sends a report and opens its import.
#[component]
fn UploadForm(sources: RwSignal<Option<Vec<Source>>>) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let source = FieldState::new("report-source", |v| {
        v.is_empty().then(|| text::SOURCE_NEEDED.to_owned())
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
                Ok(import) => location.go(&Route::ChannelImport { id: import.id }.href()),
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
            .unwrap_or_default()
            .into_iter()
            .map(|s| (s.id.to_string(), s.name))
            .collect::<Vec<_>>()
    };
    view! {
        <section class="panel" aria-labelledby="upload-heading">
            <h2 class="section-title" id="upload-heading">{text::UPLOAD_TITLE}</h2>
            <FormError error=form_error />
            <form class="form" id="report-upload" novalidate on:submit=on_submit(submit)>
                {move || view! {
                    <SelectField field=source label=text::SOURCE options=options()
                        placeholder=text::CHOOSE_SOURCE />
                }}
                <FileUpload upload label=text::FILE />
                <SubmitButton id="report-send" label=text::UPLOAD busy_label=text::UPLOADING busy />
            </form>
        </section>
    }
}

#[component]
fn NewSourceForm(added: Callback<()>) -> impl IntoView {
    let session = use_session();
    let name = FieldState::new("source-name", |v| {
        v.trim().is_empty().then(|| text::NAME_NEEDED.to_owned())
    });
    let kind = FieldState::new("source-kind", |_| None);
    kind.value.set(SourceKind::Distributor.as_str().to_owned());
    let partner = FieldState::new("source-partner", |_| None);
    let order = FieldState::new("source-date-order", |_| None);
    order.value.set(DateOrder::DayFirst.as_str().to_owned());
    let currency = FieldState::new("source-currency", |_| None);
    let partners = RwSignal::new(Vec::new());
    spawn(async move {
        if let Ok(list) = api::partner_options().await {
            partners.set(list);
        }
    });
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move || {
        if !begin_submit(busy, form_error, &[name]) {
            return;
        }
        let is_partner = kind.get() == SourceKind::Partner.as_str();
        let body = NewSource {
            name: name.get().trim().to_owned(),
            kind: if is_partner {
                SourceKind::Partner
            } else {
                SourceKind::Distributor
            },
            organization_id: partner.get().parse().ok().filter(|_| is_partner),
            date_order: if order.get() == DateOrder::MonthFirst.as_str() {
                DateOrder::MonthFirst
            } else {
                DateOrder::DayFirst
            },
            currency: Some(currency.get().trim().to_owned()).filter(|c| !c.is_empty()),
        };
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::create_channel_source(&csrf, &body).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    name.value.set(String::new());
                    added.run(());
                }
                Err(e) => show_error(
                    e,
                    &[
                        ("name", name),
                        ("organization_id", partner),
                        ("currency", currency),
                    ],
                    form_error,
                ),
            }
        });
    };
    let kinds = [SourceKind::Distributor, SourceKind::Partner]
        .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
        .to_vec();
    let orders = [DateOrder::DayFirst, DateOrder::MonthFirst]
        .map(|o| (o.as_str().to_owned(), o.label().to_owned()))
        .to_vec();
    let is_partner = move || kind.get() == SourceKind::Partner.as_str();
    view! {
        <section class="panel" aria-labelledby="new-source-heading">
            <h2 class="section-title" id="new-source-heading">{text::NEW_SOURCE}</h2>
            <FormError error=form_error />
            <form class="form form-grid" id="new-source" novalidate on:submit=on_submit(submit)>
                <TextField field=name label=text::NAME autocomplete="off" />
                <SelectField field=kind label=text::KIND options=kinds />
                <Show when=is_partner>
                    {move || view! {
                        <SelectField field=partner label=text::PARTNER options=partners.get()
                            placeholder=text::CHOOSE_PARTNER />
                    }}
                </Show>
                <SelectField field=order label=text::DATE_ORDER options=orders />
                <TextField field=currency label=text::CURRENCY hint=text::CURRENCY_HINT
                    autocomplete="off" />
                <SubmitButton id="source-add" label=text::ADD_SOURCE busy_label=text::ADDING busy />
            </form>
        </section>
    }
}
