//! `/manage/payouts/{id}`: one batch: its payments with each payee's masked account, the
//! partners still without an account, and the batch's next step: confirm a draft, mark a
//! confirmed batch paid, mark a payment the bank returned; the CSV and SEPA files once it is
//! confirmed.

use leptos::prelude::*;
use portico_api::payouts::{Batch, BatchState, Payment, PaymentState};

use portico_ui::api::{self, ApiError, BatchStep};
use portico_ui::components::{ActionButton, DataTable, Facts, record_page};
use portico_ui::dom::{set_title, spawn};
use portico_ui::format::{format_cents, format_time};
use portico_ui::route::Route;
use portico_ui::session::use_session;

use crate::text;

#[component]
pub fn PayoutBatchPage(id: i64) -> impl IntoView {
    set_title(text::payouts::BATCH_TITLE);
    // Outside the record, so what went wrong stays while the batch loads again.
    let error = RwSignal::new(None::<String>);
    view! {
        <section class="page">
            <p><a href=Route::Payouts.href()>{text::payouts::BACK}</a></p>
            <p class="error-text" id="batch-error" role="alert">{error}</p>
            {record_page(
                move || api::payout_batch(id),
                text::payouts::BATCH_LOADING,
                move |batch, reload| view! { <BatchView batch reload error /> }.into_any(),
            )}
        </section>
    }
}

/// Runs a write on the batch, then shows the batch again, or says what went wrong.
fn act<F>(busy: RwSignal<bool>, error: RwSignal<Option<String>>, reload: Callback<()>, write: F)
where
    F: Future<Output = Result<Batch, ApiError>> + 'static,
{
    busy.set(true);
    error.set(None);
    spawn(async move {
        let result = write.await;
        busy.set(false);
        match result {
            Ok(_) => reload.run(()),
            Err(e) => error.set(Some(e.message)),
        }
    });
}

#[component]
fn BatchView(batch: Batch, reload: Callback<()>, error: RwSignal<Option<String>>) -> impl IntoView {
    set_title(&batch.reference);
    let id = batch.id;
    let mut facts = vec![
        (text::payouts::STATE, batch.state.label().to_owned()),
        (text::payouts::MINIMUM, format_cents(batch.minimum, "")),
        (text::payouts::CREATED, format_time(&batch.created_at)),
    ];
    facts.extend(
        batch
            .confirmed_at
            .as_deref()
            .map(|t| (text::payouts::CONFIRMED, format_time(t))),
    );
    facts.extend(
        batch
            .paid_at
            .as_deref()
            .map(|t| (text::payouts::PAID, format_time(t))),
    );
    let state = batch.state;
    let without = (!batch.without_payee.is_empty()).then(|| {
        let names: Vec<String> = batch.without_payee.iter().map(|o| o.name.clone()).collect();
        view! {
            <section class="notice notice-warning" id="without-payee">
                <h2 class="card-subtitle">{text::payouts::WITHOUT_PAYEE}</h2>
                <p>{text::payouts::WITHOUT_PAYEE_INTRO}</p>
                <p>{names.join(", ")}</p>
            </section>
        }
    });
    let payments = StoredValue::new(batch.payments);
    view! {
        <h1 id="batch-heading">{batch.reference.clone()}</h1>
        <Facts facts />
        <NextStep id state reload error />
        {without}
        <h2 class="section-title" id="payments-heading">{text::payouts::PAYMENTS}</h2>
        {move || if payments.with_value(Vec::is_empty) {
            view! { <p class="empty">{text::payouts::NO_PAYMENTS}</p> }.into_any()
        } else {
            view! {
                <DataTable id="payments" labelled_by="payments-heading" headers=text::payouts::PAYMENT_HEADERS>
                    {payments.get_value().into_iter().map(|payment| view! {
                        <PaymentRow batch_id=id payment reload error />
                    }).collect_view()}
                </DataTable>
            }.into_any()
        }}
    }
}

/// What the batch's state allows: confirming a draft; the files and marking paid once
/// confirmed; the files alone once paid.
#[component]
fn NextStep(
    id: i64,
    state: BatchState,
    reload: Callback<()>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let session = use_session();
    let busy = RwSignal::new(false);
    let step = move |step: BatchStep| {
        Callback::new(move |()| {
            let csrf = session.csrf();
            act(busy, error, reload, async move {
                api::move_payout_batch(&csrf, id, step).await
            });
        })
    };
    let files = view! {
        <a class="button secondary" id="batch-csv" download href=format!("/api/payouts/{id}.csv")>
            {text::payouts::CSV}
        </a>
        <a class="button secondary" id="batch-sepa" download href=format!("/api/payouts/{id}/sepa.xml")>
            {text::payouts::SEPA}
        </a>
    };
    let action = match state {
        BatchState::Draft => view! {
            <ActionButton id="batch-confirm" label=text::payouts::CONFIRM.to_owned()
                busy_label=text::payouts::CONFIRMING busy run=step(BatchStep::Confirm) class="primary"
                question=text::payouts::CONFIRM_QUESTION.to_owned() confirm_label=text::payouts::CONFIRM_YES />
        }
        .into_any(),
        BatchState::Confirmed => view! {
            {files}
            <ActionButton id="batch-paid" label=text::payouts::MARK_PAID.to_owned()
                busy_label=text::payouts::MARKING busy run=step(BatchStep::MarkPaid) class="primary"
                question=text::payouts::MARK_PAID_QUESTION.to_owned() confirm_label=text::payouts::MARK_PAID_YES />
        }
        .into_any(),
        BatchState::Paid => files.into_any(),
    };
    view! { <div class="row-actions">{action}</div> }
}

#[component]
fn PaymentRow(
    batch_id: i64,
    payment: Payment,
    reload: Callback<()>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let session = use_session();
    let busy = RwSignal::new(false);
    let pid = payment.id;
    let returned = Callback::new(move |()| {
        let csrf = session.csrf();
        act(busy, error, reload, async move {
            api::fail_payment(&csrf, batch_id, pid).await
        });
    });
    let failable = payment.state == PaymentState::Confirmed;
    let account = match &payment.bic {
        Some(bic) => format!("{} ({bic})", payment.account),
        None => payment.account.clone(),
    };
    view! {
        <tr id=format!("payment-{pid}")>
            <td>{payment.organization.name.clone()}</td>
            <td>{payment.account_holder.clone()}</td>
            <td>{account}</td>
            <td class="amount">{format_cents(payment.amount, &payment.currency)}</td>
            <td>{payment.state.label()}</td>
            <td>
                {failable.then(|| view! {
                    <ActionButton id=format!("payment-{pid}-failed") label=text::payouts::FAILED.to_owned()
                        busy_label=text::payouts::MARKING busy run=returned
                        question=text::payouts::FAILED_QUESTION.to_owned()
                        confirm_label=text::payouts::FAILED_YES described_by=format!("payment-{pid}")
                        class="secondary small" />
                })}
            </td>
        </tr>
    }
}
