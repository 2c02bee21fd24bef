//! `/earnings`: the organization's statement: its balances per currency, every entry newest
//! first (earnings with their status and computation, reversals, adjustments, payouts), the
//! questions asked about earnings with their answers, and the statement as a CSV file.
//! Every person of the organization reads it; its admins also manage where it is paid.

use leptos::prelude::*;
use portico_api::Page;
use portico_api::Role;
use portico_api::ledger::{Balance, EntryKind, LedgerEntry, LedgerQuery};

use portico_ui::api;
use portico_ui::components::{DataTable, DisputeNote, EntryCells, Paged, PagedList};
use portico_ui::dom::set_title;
use portico_ui::format::format_cents;
use portico_ui::route::Route;
use portico_ui::session::use_session;

use crate::text;

mod question;

use question::Question;

#[component]
pub fn EarningsPage() -> impl IntoView {
    set_title(text::earnings::TITLE);
    let balances = RwSignal::new(None::<Vec<Balance>>);
    let list = Paged::new(move |cursor: Option<String>| async move {
        let ledger = api::ledger(&LedgerQuery::default(), cursor.as_deref()).await?;
        // The first page carries the balances as they are now.
        if cursor.is_none() {
            balances.set(Some(ledger.balances));
        }
        Ok(Page {
            items: ledger.entries,
            next_cursor: ledger.next_cursor,
        })
    });
    let admin = use_session().role() == Some(Role::PartnerAdmin);
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{text::earnings::TITLE}</h1>
                <a class="button secondary" id="statement-download" download
                    href=api::statement_href(&LedgerQuery::default())>
                    {text::earnings::DOWNLOAD}
                </a>
            </div>
            <p class="muted">{text::earnings::INTRO}</p>
            {admin.then(|| view! {
                <p class="actions">
                    <a id="payee-link" href=Route::Payee.href()>{text::earnings::PAYEE_LINK}</a>
                    <a id="sales-reports-link" href=Route::SalesReports.href()>
                        {text::earnings::SALES_REPORTS_LINK}
                    </a>
                </p>
            })}
            <h2 class="section-title" id="balances-heading">{text::earnings::BALANCES}</h2>
            {move || balances.get().map(|b| view! { <Balances balances=b /> })}
            <h2 class="section-title" id="entries-heading">{text::earnings::ENTRIES}</h2>
            <PagedList list=list.controls() loading=text::earnings::LOADING empty=text::earnings::EMPTY>
                <DataTable id="statement" labelled_by="entries-heading" headers=text::earnings::HEADERS>
                    {move || list.items.get().into_iter().map(|entry| view! {
                        <Entry entry reload=Callback::new(move |()| list.reload()) />
                    }).collect_view()}
                </DataTable>
            </PagedList>
        </section>
    }
}

/// One figure list per currency: upcoming, waiting for approval, payable, paid.
#[component]
fn Balances(balances: Vec<Balance>) -> impl IntoView {
    if balances.is_empty() {
        return view! { <p class="empty" id="no-balance">{text::earnings::NO_BALANCE}</p> }
            .into_any();
    }
    balances
        .into_iter()
        .map(|b| {
            let figure = |label: &'static str, amount: i64| {
                view! { <div><dt>{label}</dt><dd class="amount">{format_cents(amount, &b.currency)}</dd></div> }
            };
            view! {
                <dl class="stats" id=format!("balance-{}", b.currency) aria-label=b.currency.clone()>
                    {figure(text::earnings::PAYABLE, b.payable)}
                    {figure(text::earnings::PENDING, b.pending)}
                    {figure(text::earnings::UPCOMING, b.upcoming)}
                    {figure(text::earnings::PAID, b.paid)}
                </dl>
            }
        })
        .collect_view()
        .into_any()
}

#[component]
fn Entry(entry: LedgerEntry, reload: Callback<()>) -> impl IntoView {
    let id = entry.id;
    // A question can be asked about an earning with none open.
    let open = entry.dispute.as_ref().is_some_and(|d| d.answer.is_none());
    let askable = entry.kind == EntryKind::Earning && !open;
    let customer = entry.customer.clone().unwrap_or_default();
    let dispute = entry.dispute.clone();
    view! {
        <tr id=format!("entry-{id}")>
            <EntryCells entry deal_href=|id| Route::Opportunity { id }.href() />
            <td>
                {dispute.map(|dispute| view! { <DisputeNote dispute /> })}
                {askable.then(|| view! { <Question earning_id=id customer asked=reload /> })}
            </td>
        </tr>
    }
}
