//! What the partner's statement and the managers' ledger share: an earning's status, the
//! cells every ledger row starts with, and a partner's question about an earning with its
//! answer.

use leptos::prelude::*;
use portico_api::ledger::{Dispute, EarningStatus, LedgerEntry};

use crate::components::Day;
use crate::format::format_cents;
use crate::text;

/// An earning's status as a coloured label with words.
#[component]
pub fn EarningBadge(status: EarningStatus) -> impl IntoView {
    view! { <span class=format!("badge badge-earning-{}", status.as_str())>{status.label()}</span> }
}

/// A row's first cells: the day it counts from, what it is and how it was computed, the
/// deal's customer (linked with `deal_href`), the earning's status and the amount.
#[component]
pub fn EntryCells(entry: LedgerEntry, deal_href: fn(i64) -> String) -> impl IntoView {
    let customer = match (entry.opportunity_id, entry.customer) {
        (Some(id), Some(name)) => Some(view! { <a href=deal_href(id)>{name}</a> }.into_any()),
        (None, Some(name)) => Some(name.into_any()),
        (_, None) => None,
    };
    view! {
        <td><Day value=entry.accrues_on /></td>
        <td>{entry.kind.label()}<span class="cell-note">{entry.description}</span></td>
        <td>{customer}</td>
        <td>{entry.status.map(|status| view! { <EarningBadge status /> })}</td>
        <td class="amount">{format_cents(entry.amount, &entry.currency)}</td>
    }
}

/// The partner's question and the manager's answer, or that one is awaited.
#[component]
pub fn DisputeNote(dispute: Dispute) -> impl IntoView {
    let answer = match dispute.answer {
        Some(answer) => view! {
            <p><strong>{text::ledger::ANSWER}</strong>" "{answer}</p>
        }
        .into_any(),
        None => view! { <p class="muted">{text::ledger::AWAITING_ANSWER}</p> }.into_any(),
    };
    view! {
        <div class="dispute">
            <p>
                <strong>{text::ledger::QUESTION}</strong>" "
                <Day value=dispute.raised_at />": "{dispute.comment}
            </p>
            {answer}
        </div>
    }
}
