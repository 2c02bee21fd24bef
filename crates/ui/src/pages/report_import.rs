//! One report import, in the console (`/manage/channel-data/imports/{id}`) and the portal
//! (`/sales-reports/{id}`): a report just uploaded waits for its mapping (the suggestion, each
//! column's field, and the first rows as they will read); once confirmed, the import's progress
//! and counts, looked at again every second until it ends.

use leptos::prelude::*;
use portico_api::channel_data::imports::{Import, ImportState, PreviewRow, RowStatus};
use portico_api::channel_data::{ColumnMapping, Field, SetMapping};

use crate::api;
use crate::components::channel_data::{ReportFormat, ReportPages, report_format};
use crate::components::field::show_error;
use crate::components::{DataTable, FieldState, FormError, SelectField, SubmitButton};
use crate::dom::{Spawner, on_submit, set_title, sleep, spawn};
use crate::format::format_cents;
use crate::session::use_session;
use crate::text::channel_data as text;

/// How often a running import is looked at again.
const LOOK_EVERY_MS: i32 = 1_000;

#[component]
pub fn ReportImportPage(id: i64, pages: ReportPages) -> impl IntoView {
    set_title(text::IMPORT_TITLE);
    let import = RwSignal::new(None::<Import>);
    let error = RwSignal::new(None::<String>);
    // The page's own, so the looking goes on after the mapping form that asked for it is gone.
    let spawner = Spawner::here();
    let restart = Callback::new(move |()| follow(&spawner, id, (import, error)));
    restart.run(());
    let (back, back_label) = pages.back.clone();
    view! {
        <section class="page">
            <p><a href=back.href()>{back_label}</a></p>
            <p class="error-text" role="alert">{error}</p>
            {move || match import.get() {
                None => view! { <p class="muted">{text::IMPORT_LOADING}</p> }.into_any(),
                Some(i) if i.state == ImportState::NeedsMapping => {
                    view! { <MappingForm import=i confirmed=restart /> }.into_any()
                }
                Some(i) => view! { <ImportProgress import=i pages=pages.clone() /> }.into_any(),
            }}
        </section>
    }
}

type Shown = RwSignal<Option<Import>>;

/// Reads the import, and again every second while it is under way; stops with the page.
fn follow(spawner: &Spawner, id: i64, (import, error): (Shown, RwSignal<Option<String>>)) {
    spawner.spawn(async move {
        loop {
            match api::channel_import(id).await {
                Ok(now) => {
                    let under_way = matches!(now.state, ImportState::Queued | ImportState::Running);
                    import.set(Some(now));
                    if !under_way {
                        return;
                    }
                }
                Err(e) => return error.set(Some(e.message)),
            }
            sleep(LOOK_EVERY_MS).await;
        }
    });
}

#[component]
fn ImportProgress(import: Import, pages: ReportPages) -> impl IntoView {
    let percent = (import.bytes_read * 100)
        .checked_div(import.size)
        .unwrap_or(0)
        .min(100);
    let percent = if import.state == ImportState::Done {
        100
    } else {
        percent
    };
    let c = &import.counts;
    let counts = [
        (RowStatus::Imported, c.imported),
        (RowStatus::Duplicate, c.duplicate),
        (RowStatus::Rejected, c.rejected),
        (RowStatus::Waiting, c.waiting),
    ];
    let waiting = c.waiting;
    view! {
        <h1>{import.file_name.clone()}</h1>
        <p id="import-state"><strong>{import.state.label()}</strong></p>
        <progress id="import-progress" max="100" value=percent aria-label=text::PROGRESS></progress>
        <p role="status">{text::progress(import.rows_read, percent)}</p>
        <p class="error-text">{import.error.clone()}</p>
        <h2 class="section-title">{text::COUNTS_TITLE}</h2>
        <dl class="facts" id="import-counts">
            {counts.into_iter().map(|(status, n)| view! {
                <div data-status=status.as_str()><dt>{status.label()}</dt><dd>{n}</dd></div>
            }).collect_view()}
        </dl>
        <p class="actions">
            {(waiting > 0).then(|| view! {
                <a href=pages.review.href() id="review-link">{text::WAITING_LINK}</a>
            })}
            {pages.transactions.map(|to| view! {
                <a href=to.href()>{text::TRANSACTIONS_LINK}</a>
            })}
        </p>
    }
}

/// Each column's field, chosen from every field or none.
#[component]
fn MappingForm(import: Import, confirmed: Callback<()>) -> impl IntoView {
    let session = use_session();
    let suggestion = import.suggestion.clone().unwrap_or_default();
    let columns: Vec<(String, FieldState)> = import
        .headers
        .iter()
        .enumerate()
        .map(|(i, header)| {
            let field = FieldState::new(format!("column-{i}"), |_| None);
            let chosen = suggestion
                .iter()
                .find(|c| &c.header == header)
                .and_then(|c| c.field);
            field
                .value
                .set(chosen.map(|f| f.as_str().to_owned()).unwrap_or_default());
            (header.clone(), field)
        })
        .collect();
    let order = FieldState::new("mapping-date-order", |_| None);
    let currency = FieldState::new("mapping-currency", |_| None);
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let source_id = import.source_id;
    let submit = {
        let columns = columns.clone();
        move || {
            if busy.get_untracked() {
                return;
            }
            form_error.set(None);
            let (date_order, currency_code) = report_format(order, currency);
            let body = SetMapping {
                columns: columns
                    .iter()
                    .map(|(header, f)| ColumnMapping {
                        header: header.clone(),
                        field: Field::parse(&f.get()),
                    })
                    .collect(),
                date_order,
                currency: currency_code,
            };
            let csrf = session.csrf();
            busy.set(true);
            spawn(async move {
                let result = api::set_channel_mapping(&csrf, source_id, &body).await;
                busy.set(false);
                match result {
                    Ok(_) => confirmed.run(()),
                    Err(e) => show_error(e, &[("currency", currency)], form_error),
                }
            });
        }
    };
    let fields: Vec<(String, String)> = Field::ALL
        .iter()
        .map(|f| (f.as_str().to_owned(), f.label().to_owned()))
        .collect();
    view! {
        <h1>{import.file_name.clone()}</h1>
        <section class="panel" aria-labelledby="mapping-heading">
            <h2 class="section-title" id="mapping-heading">{text::MAPPING_TITLE}</h2>
            <p class="muted">{text::MAPPING_INTRO}</p>
            <FormError error=form_error />
            <form class="form form-grid" id="mapping" novalidate on:submit=on_submit(submit)>
                {columns.into_iter().map(|(header, field)| view! {
                    <SelectField field label=header options=fields.clone() placeholder=text::NOT_USED />
                }).collect_view()}
                <ReportFormat order currency />
                <SubmitButton id="mapping-confirm" label=text::CONFIRM busy_label=text::CONFIRMING busy />
            </form>
        </section>
        <h2 class="section-title" id="preview-heading">{text::PREVIEW_TITLE}</h2>
        <DataTable id="preview" labelled_by="preview-heading" headers=text::PREVIEW_HEADERS>
            {import.preview.iter().cloned().map(|r| view! { <PreviewLine row=r /> }).collect_view()}
        </DataTable>
    }
}

#[component]
fn PreviewLine(row: PreviewRow) -> impl IntoView {
    let amount = match (row.amount, row.currency.as_deref()) {
        (Some(a), Some(c)) => format_cents(a, c),
        _ => String::new(),
    };
    view! {
        <tr>
            <td>{row.row_number}</td>
            <td>{row.transaction_date}</td>
            <td>{row.customer}</td>
            <td>{row.product}</td>
            <td>{amount}</td>
            <td>{row.problem}</td>
        </tr>
    }
}
