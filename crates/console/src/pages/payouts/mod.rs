//! `/manage/payouts`: the payout batches, newest first, and proposing a new one.

use leptos::prelude::*;
use portico_api::numbers::cents;
use portico_api::payouts::{BatchSummary, NewBatch};

use portico_ui::api;
use portico_ui::components::field::{begin_submit, show_error};
use portico_ui::components::{
    DataTable, Day, FieldState, FormError, Paged, PagedList, SubmitButton, TextField,
};
use portico_ui::dom::{on_submit, set_title, spawn};
use portico_ui::format::format_cents;
use portico_ui::location::use_location;
use portico_ui::route::Route;
use portico_ui::session::use_session;

use crate::text;

mod batch;

pub use batch::PayoutBatchPage;

#[component]
pub fn PayoutsPage() -> impl IntoView {
    set_title(text::payouts::TITLE);
    let list =
        Paged::new(
            |cursor: Option<String>| async move { api::payout_batches(cursor.as_deref()).await },
        );
    view! {
        <section class="page">
            <h1>{text::payouts::TITLE}</h1>
            <p class="muted">{text::payouts::INTRO}</p>
            <NewBatchForm />
            <h2 class="section-title" id="batches-heading">{text::payouts::TITLE}</h2>
            <PagedList list=list.controls() loading=text::payouts::LOADING empty=text::payouts::EMPTY>
                <DataTable id="batches" labelled_by="batches-heading" headers=text::payouts::HEADERS>
                    {move || list.items.get().into_iter().map(|b| view! { <BatchRow batch=b /> }).collect_view()}
                </DataTable>
            </PagedList>
        </section>
    }
}

#[component]
fn BatchRow(batch: BatchSummary) -> impl IntoView {
    let pays: Vec<String> = batch
        .totals
        .iter()
        .map(|t| {
            format!(
                "{} ({})",
                format_cents(t.amount, &t.currency),
                text::payouts::payments(t.payments)
            )
        })
        .collect();
    let pays = if pays.is_empty() {
        text::payouts::NOTHING.to_owned()
    } else {
        pays.join(", ")
    };
    view! {
        <tr>
            <td><a href=Route::PayoutBatch { id: batch.id }.href()>{batch.reference}</a></td>
            <td>{batch.state.label()}</td>
            <td>{pays}</td>
            <td><Day value=batch.created_at /></td>
        </tr>
    }
}

/// Proposes a batch and opens it for review.
#[component]
fn NewBatchForm() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let minimum = FieldState::new("batch-minimum", |v| {
        cents(v)
            .filter(|c| *c > 0)
            .is_none()
            .then(|| text::payouts::MINIMUM_NEEDED.to_owned())
    });
    minimum.value.set("50.00".to_owned());
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move || {
        if !begin_submit(busy, form_error, &[minimum]) {
            return;
        }
        let body = NewBatch {
            minimum: cents(&minimum.get()).unwrap_or_default(),
        };
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::create_payout_batch(&csrf, &body).await;
            busy.set(false);
            match result {
                Ok(batch) => location.go(&Route::PayoutBatch { id: batch.id }.href()),
                Err(e) => show_error(e, &[("minimum", minimum)], form_error),
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="new-batch-heading">
            <h2 class="section-title" id="new-batch-heading">{text::payouts::NEW_TITLE}</h2>
            <FormError error=form_error />
            <form class="form form-grid" id="new-batch" novalidate on:submit=on_submit(submit)>
                <TextField field=minimum label=text::payouts::MINIMUM hint=text::payouts::MINIMUM_HINT
                    autocomplete="off" />
                <SubmitButton id="batch-create" label=text::payouts::CREATE
                    busy_label=text::payouts::CREATING busy />
            </form>
        </section>
    }
}
