//! `/manage/channel-data`: the report sources, adding one, uploading a report (which opens the
//! import's page to confirm its mapping and follow it) and the uploads so far.

use leptos::prelude::*;
use portico_api::channel_data::{NewSource, Source, SourceKind};

use portico_ui::api;
use portico_ui::components::channel_data::{
    ReportFormat, ReportPages, ReportUpload, UploadList, report_format,
};
use portico_ui::components::field::{begin_submit, show_error};
use portico_ui::components::{
    DataTable, FieldState, FormError, SelectField, SubmitButton, TextField,
};
use portico_ui::dom::{on_submit, set_title, spawn};
use portico_ui::route::Route;
use portico_ui::session::use_session;

use crate::text::channel_data as text;

mod import;
mod review;
mod transactions;

pub use import::ChannelImportPage;
pub use review::ChannelReviewPage;
pub use transactions::ChannelTransactionsPage;

/// Where the report pieces lead in the console.
pub(crate) fn report_pages() -> ReportPages {
    ReportPages {
        back: (Route::ChannelData, text::TITLE),
        import: |id| Route::ChannelImport { id },
        review: Route::ChannelReview,
        transactions: Some(Route::ChannelTransactions),
    }
}

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
            <ReportUpload sources=Signal::derive(move || sources.get().unwrap_or_default())
                import=report_pages().import />
            <UploadList pages=report_pages() />
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
        let (date_order, code) = report_format(order, currency);
        let body = NewSource {
            name: name.get().trim().to_owned(),
            kind: if is_partner {
                SourceKind::Partner
            } else {
                SourceKind::Distributor
            },
            organization_id: partner.get().parse().ok().filter(|_| is_partner),
            date_order,
            currency: code,
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
                <ReportFormat order currency />
                <SubmitButton id="source-add" label=text::ADD_SOURCE busy_label=text::ADDING busy />
            </form>
        </section>
    }
}
