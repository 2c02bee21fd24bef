//! The weekly review above the manager's pipeline.

use leptos::prelude::*;
use portico_api::pipeline::{ManagerOpportunity, PipelineReview, ReviewList};
use portico_ui::route::Route;

use portico_ui::api::{self};
use portico_ui::components::Loaded;
use portico_ui::components::{ErrorNotice, Loading, Time};
use portico_ui::dom::spawn;

use crate::text;

/// The weekly review: what needs a manager's attention across every partner.
#[component]
pub(super) fn Review(stale_days: Option<u32>) -> impl IntoView {
    let state = RwSignal::new(Loaded::Loading);
    let load = move || {
        spawn(async move {
            state.set(match api::pipeline_review(stale_days).await {
                Ok(review) => Loaded::Ready(review),
                Err(e) => Loaded::Failed(e),
            });
        });
    };
    load();
    let retry = Callback::new(move |()| load());
    view! {
        <details class="panel review" open>
            <summary>
                <h2 class="section-title" id="review-heading">{text::pipeline::REVIEW}</h2>
            </summary>
            {move || match state.get() {
                Loaded::Loading => view! { <Loading label=text::pipeline::LOADING_REVIEW /> }.into_any(),
                Loaded::Failed(e) => view! { <ErrorNotice message=e.message retry /> }.into_any(),
                Loaded::Ready(review) => review_lists(review).into_any(),
            }}
        </details>
    }
}

/// A review list's entries as links with a date: (address, text, RFC 3339 time).
type Entries = ReviewList<(String, String, Option<String>)>;

fn review_lists(review: PipelineReview) -> impl IntoView {
    let PipelineReview {
        expiring,
        stale,
        stale_days,
        late_approvals,
        duplicates,
    } = review;
    let late = ReviewList {
        total: late_approvals.total,
        items: late_approvals
            .items
            .into_iter()
            .map(|a| {
                let text = format!(
                    "{} · {} · {}",
                    a.number, a.company_name, a.organization.name
                );
                let href = Route::ManageRegistration {
                    id: a.registration_id,
                }
                .href();
                (href, text, Some(a.decide_by))
            })
            .collect(),
    };
    let deals = |list: ReviewList<ManagerOpportunity>,
                 when: fn(&ManagerOpportunity) -> Option<String>| Entries {
        total: list.total,
        items: list
            .items
            .into_iter()
            .map(|m| {
                let at = when(&m);
                let text = format!("{} · {}", m.opportunity.customer_name, m.organization.name);
                (
                    Route::ManageOpportunity {
                        id: m.opportunity.id,
                    }
                    .href(),
                    text,
                    at,
                )
            })
            .collect(),
    };
    let blocks = [
        (
            "review-expiring",
            text::pipeline::EXPIRING.to_owned(),
            deals(expiring, |m| m.opportunity.protection_ends.clone()),
        ),
        (
            "review-stale",
            text::pipeline::stale(stale_days),
            deals(stale, |m| Some(m.last_activity_at.clone())),
        ),
        ("review-late", text::pipeline::LATE.to_owned(), late),
        (
            "review-duplicates",
            text::pipeline::DUPLICATES.to_owned(),
            deals(duplicates, |_| None),
        ),
    ];
    view! {
        <div class="review-lists">
            {blocks.into_iter().map(|(id, title, list)| review_block(id, title, list)).collect_view()}
        </div>
    }
}

/// One review list: its total, and links to its first items with their date.
fn review_block(id: &'static str, title: String, list: Entries) -> impl IntoView {
    let heading = format!("{id}-heading");
    let labelled_by = heading.clone();
    let shown = list.items.len() as i64;
    let note = (list.total > shown).then(|| text::pipeline::first_of(shown, list.total));
    // Approvals are decided in their own queue.
    let queue = (id == "review-late").then(|| {
        view! {
            <p>
                <a href=Route::ApprovalQueue.href()>{text::pipeline::OPEN_QUEUE}</a>
            </p>
        }
    });
    let items = if list.items.is_empty() {
        view! { <p class="muted">{text::pipeline::NONE}</p> }.into_any()
    } else {
        view! {
            <ul>
                {list.items.into_iter().map(|(href, text, at)| view! {
                    <li><a href=href>{text}</a> {at.map(|value| view! { " " <Time value /> })}</li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="review-block" id=id aria-labelledby=labelled_by>
            <h3 id=heading>{title} " " <span class="count">{list.total}</span></h3>
            {items}
            <p class="muted">{note}</p>
            {queue}
        </section>
    }
}
