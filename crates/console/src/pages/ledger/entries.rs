//! The ledger's entries: each with its partner, the partner's question and a form to answer
//! it, and a box to choose a pending earning for approval.

use leptos::prelude::*;
use portico_api::ledger::{AnswerDispute, EarningStatus, LedgerEntry, comment};

use portico_ui::api;
use portico_ui::components::field::{begin_submit, show_error};
use portico_ui::components::{
    DataTable, DisputeNote, EntryCells, FieldState, SubmitButton, TextArea,
};
use portico_ui::dom::{on_submit, spawn};
use portico_ui::route::Route;
use portico_ui::session::use_session;

use crate::text;

#[component]
pub(super) fn EntriesTable(
    entries: RwSignal<Vec<LedgerEntry>>,
    selected: RwSignal<Vec<i64>>,
    reload: Callback<()>,
) -> impl IntoView {
    view! {
        <DataTable id="ledger-entries" labelled_by="ledger-entries-heading" headers=text::ledger::HEADERS>
            {move || entries.get().into_iter().map(|entry| view! {
                <EntryRow entry selected reload />
            }).collect_view()}
        </DataTable>
    }
}

#[component]
fn EntryRow(
    entry: LedgerEntry,
    selected: RwSignal<Vec<i64>>,
    reload: Callback<()>,
) -> impl IntoView {
    let id = entry.id;
    let partner = entry.organization.name.clone();
    let customer = entry.customer.clone().unwrap_or_default();
    let dispute = entry.dispute.clone();
    let open = dispute
        .as_ref()
        .filter(|d| d.answer.is_none())
        .map(|d| d.id);
    let choosable = entry.status == Some(EarningStatus::Pending);
    let toggle = move |on: bool| {
        selected.update(|ids| {
            ids.retain(|i| *i != id);
            if on {
                ids.push(id);
            }
        })
    };
    view! {
        <tr id=format!("entry-{id}")>
            <EntryCells entry deal_href=|id| Route::ManageOpportunity { id }.href() />
            <td>{partner}</td>
            <td>
                {dispute.map(|dispute| view! { <DisputeNote dispute /> })}
                {open.map(|dispute_id| view! { <AnswerForm dispute_id answered=reload /> })}
            </td>
            <td class="check-cell">
                {choosable.then(|| view! {
                    <input type="checkbox" id=format!("approve-{id}")
                        aria-label=text::ledger::choose(&customer)
                        prop:checked=move || selected.with(|ids| ids.contains(&id))
                        on:change=move |ev| toggle(event_target_checked(&ev)) />
                })}
            </td>
        </tr>
    }
}

#[component]
fn AnswerForm(dispute_id: i64, answered: Callback<()>) -> impl IntoView {
    let session = use_session();
    let field = FieldState::new(format!("answer-{dispute_id}"), |v| {
        comment(v)
            .is_err()
            .then(|| text::ledger::ANSWER_NEEDED.to_owned())
    });
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move || {
        if !begin_submit(busy, form_error, &[field]) {
            return;
        }
        let body = AnswerDispute {
            answer: field.get(),
        };
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::answer_dispute(&csrf, dispute_id, &body).await;
            busy.set(false);
            match result {
                Ok(_) => answered.run(()),
                Err(e) => show_error(e, &[("answer", field)], form_error),
            }
        });
    };
    view! {
        <form class="form" novalidate on:submit=on_submit(submit)>
            // Not the page's form error: each question has its own.
            <p class="error-text" role="alert">{form_error}</p>
            <TextArea field label=text::ledger::ANSWER />
            <SubmitButton id=format!("answer-{dispute_id}-send") label=text::ledger::SEND_ANSWER
                busy_label=text::ledger::SENDING busy />
        </form>
    }
}
