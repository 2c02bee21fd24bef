//! `/manage/ledger`: every partner's ledger, or one partner's (`?organization=`), of one status
//! (`?status=`): the balances, the entries newest first with partners' questions to answer,
//! approvals one by one or for a whole partner, adjustments, and the same entries as CSV. The
//! filters are the page's address, so the link in a "partner asks" message opens the partner.

use leptos::prelude::*;
use portico_api::Page;
use portico_api::ledger::{Balance, EarningStatus, LedgerQuery};

use portico_ui::api;
use portico_ui::components::{DataTable, Paged, PagedList, partner_choices};
use portico_ui::dom::set_title;
use portico_ui::format::format_cents;
use portico_ui::location::use_location;
use portico_ui::route::Route;

use crate::text;

mod adjustment;
mod approvals;
mod entries;

use adjustment::AdjustmentForm;
use approvals::Approvals;
use entries::EntriesTable;

#[component]
pub fn LedgerPage() -> impl IntoView {
    set_title(text::ledger::TITLE);
    let location = use_location();
    let partners = partner_choices();
    let ledger = move || {
        location.search();
        let query = LedgerQuery {
            organization: location.query("organization").and_then(|v| v.parse().ok()),
            status: location
                .query("status")
                .as_deref()
                .and_then(EarningStatus::parse),
            ..LedgerQuery::default()
        };
        view! {
            <Filters query=query.clone() partners />
            <Ledger query partners />
        }
    };
    view! {
        <section class="page">
            <h1>{text::ledger::TITLE}</h1>
            <p class="muted">{text::ledger::INTRO}</p>
            {ledger}
        </section>
    }
}

/// The partner and status shown; a change is a new address.
#[component]
fn Filters(query: LedgerQuery, partners: RwSignal<Vec<(String, String)>>) -> impl IntoView {
    let location = use_location();
    let chosen = query
        .organization
        .map(|id| id.to_string())
        .unwrap_or_default();
    let status = query.status;
    let go = move |organization: Option<String>, status: Option<&str>| {
        let mut params = Vec::new();
        params.extend(
            organization
                .filter(|o| !o.is_empty())
                .map(|o| format!("organization={o}")),
        );
        params.extend(
            status
                .filter(|s| !s.is_empty())
                .map(|s| format!("status={s}")),
        );
        location.go(&Route::Ledger.with_query(&params.join("&")));
    };
    let organization = query.organization.map(|id| id.to_string());
    let current_status = status.map(|s| s.as_str());
    view! {
        <div class="filters">
            <div class="field">
                <label for="ledger-partner">{text::ledger::PARTNER}</label>
                <select id="ledger-partner" on:change=move |ev| go(Some(event_target_value(&ev)), current_status)>
                    <option value="">{text::ledger::ALL_PARTNERS}</option>
                    {move || partners.get().into_iter().map(|(value, name)| {
                        let selected = value == chosen;
                        view! { <option value=value.clone() selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="ledger-status">{text::ledger::STATUS}</label>
                <select id="ledger-status" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    go(organization.clone(), Some(value.as_str()));
                }>
                    <option value="">{text::ledger::ANY_STATUS}</option>
                    {EarningStatus::ALL.iter().map(|s| view! {
                        <option value=s.as_str() selected=status == Some(*s)>{s.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <a class="button secondary" id="ledger-download" download
                href=api::statement_href(&query)>{text::ledger::DOWNLOAD}</a>
        </div>
    }
}

/// The ledger for one set of filters: balances, approvals, entries and the adjustment form.
#[component]
fn Ledger(query: LedgerQuery, partners: RwSignal<Vec<(String, String)>>) -> impl IntoView {
    let balances = RwSignal::new(None::<Vec<Balance>>);
    let asked = query.clone();
    let list = Paged::new(move |cursor: Option<String>| {
        let query = asked.clone();
        async move {
            let ledger = api::ledger(&query, cursor.as_deref()).await?;
            // The first page carries the balances as they are now.
            if cursor.is_none() {
                balances.set(Some(ledger.balances));
            }
            Ok(Page {
                items: ledger.entries,
                next_cursor: ledger.next_cursor,
            })
        }
    });
    let reload = Callback::new(move |()| list.reload());
    let selected = RwSignal::new(Vec::<i64>::new());
    view! {
        <h2 class="section-title" id="ledger-balances-heading">{text::ledger::BALANCES}</h2>
        {move || balances.get().map(|b| view! { <BalancesTable balances=b /> })}
        <h2 class="section-title" id="ledger-entries-heading">{text::ledger::ENTRIES}</h2>
        <Approvals organization=query.organization selected reload />
        <PagedList list=list.controls() loading=text::ledger::LOADING empty=text::ledger::EMPTY>
            <EntriesTable entries=list.items selected reload />
        </PagedList>
        <AdjustmentForm partners organization=query.organization reload />
    }
}

#[component]
fn BalancesTable(balances: Vec<Balance>) -> impl IntoView {
    if balances.is_empty() {
        return view! { <p class="empty">{text::ledger::NO_BALANCES}</p> }.into_any();
    }
    let rows = StoredValue::new(balances);
    view! {
        <DataTable id="ledger-balances" labelled_by="ledger-balances-heading" headers=text::ledger::BALANCE_HEADERS>
            {move || rows.get_value().into_iter().map(|b| {
                let money = |amount| format_cents(amount, &b.currency);
                view! {
                    <tr>
                        <td>{b.organization.name.clone()}</td>
                        <td>{b.currency.clone()}</td>
                        <td class="amount">{money(b.upcoming)}</td>
                        <td class="amount">{money(b.pending)}</td>
                        <td class="amount">{money(b.payable)}</td>
                        <td class="amount">{money(b.paid)}</td>
                    </tr>
                }
            }).collect_view()}
        </DataTable>
    }
    .into_any()
}
