//! `/manage/channel-data/transactions`: the normalized transactions with the partner
//! credited, the customer's account and how it was matched, and the registered deal each
//! one closes; or only the sales to customers nobody registered. Downloadable as CSV.

use leptos::prelude::*;
use portico_api::channel_data::transactions::Transaction;

use portico_ui::api::{self, CHANNEL_TRANSACTIONS_CSV};
use portico_ui::components::{DataTable, Paged, PagedList};
use portico_ui::dom::set_title;
use portico_ui::format::format_cents;
use portico_ui::route::Route;

use crate::text::channel_data as text;

#[component]
pub fn ChannelTransactionsPage() -> impl IntoView {
    set_title(text::TRANSACTIONS_TITLE);
    let unregistered = RwSignal::new(false);
    let list = Paged::new(move |cursor: Option<String>| async move {
        api::channel_transactions(unregistered.get_untracked(), cursor.as_deref()).await
    });
    let toggle = move |ev| {
        unregistered.set(event_target_checked(&ev));
        list.reload();
    };
    view! {
        <section class="page">
            <p><a href=Route::ChannelData.href()>{text::BACK}</a></p>
            <h1 id="transactions-heading">{text::TRANSACTIONS_TITLE}</h1>
            <p class="actions">
                <label>
                    <input type="checkbox" id="unregistered-only" on:change=toggle />
                    {text::UNREGISTERED_ONLY}
                </label>
                <a href=CHANNEL_TRANSACTIONS_CSV download>{text::DOWNLOAD_CSV}</a>
            </p>
            <PagedList list=list.controls() loading=text::TRANSACTIONS_LOADING
                empty=text::TRANSACTIONS_EMPTY>
                <DataTable id="transactions" labelled_by="transactions-heading"
                    headers=text::TRANSACTION_HEADERS>
                    {move || list.items.get().into_iter().map(|t| view! {
                        <TransactionLine transaction=t />
                    }).collect_view()}
                </DataTable>
            </PagedList>
        </section>
    }
}

#[component]
fn TransactionLine(transaction: Transaction) -> impl IntoView {
    let t = transaction;
    let found = t.account_match;
    let strength = found
        .as_ref()
        .map(|f| f.strength.label())
        .unwrap_or_default();
    let customer = found
        .and_then(|f| f.account)
        .map_or(t.customer_name, |a| a.name);
    let deal = match t.registration_id {
        Some(r) => view! {
            <a href=Route::ManageRegistration { id: r }.href()>{text::registration(r)}</a>
        }
        .into_any(),
        None => view! { <span class="muted">{text::NOT_REGISTERED}</span> }.into_any(),
    };
    view! {
        <tr data-transaction=t.id>
            <td>{t.transaction_date}</td>
            <td>{t.organization.map_or_else(|| text::NO_PARTNER.to_owned(), |o| o.name)}</td>
            <td>{customer}</td>
            <td>{strength}</td>
            <td>{t.product.name}</td>
            <td>{format_cents(t.amount, &t.currency)}</td>
            <td>{deal}</td>
        </tr>
    }
}
