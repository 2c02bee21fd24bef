//! One partner's tier history, fetched when a manager opens it: every promotion, grace period,
//! move down and override, newest first, with who did it and why.

use leptos::prelude::*;
use portico_api::tiers::TierHistoryEntry;

use portico_ui::api;
use portico_ui::components::Time;
use portico_ui::dom::spawn;

use crate::text;

#[component]
pub fn History(id: i64) -> impl IntoView {
    let entries = RwSignal::new(None::<Result<Vec<TierHistoryEntry>, String>>);
    // The details start closed, so the first toggle opens them: ask then, once.
    let asked = StoredValue::new(false);
    let open = move |_| {
        if !asked.get_value() {
            asked.set_value(true);
            spawn(async move {
                let answer = api::organization_tier(id).await;
                entries.set(Some(answer.map(|t| t.history).map_err(|e| e.message)));
            });
        }
    };
    view! {
        <details class="tier-history" id=format!("history-{id}") on:toggle=open>
            <summary>{text::tiers::HISTORY}</summary>
            {move || match entries.get() {
                None => view! { <p class="muted">{text::tiers::HISTORY_LOADING}</p> }.into_any(),
                Some(Err(message)) => view! { <p class="error-text" role="alert">{message}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="muted">{text::tiers::HISTORY_EMPTY}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <ol class="plain-list">{list.into_iter().map(entry).collect_view()}</ol>
                }
                    .into_any(),
            }}
        </details>
    }
}

fn entry(e: TierHistoryEntry) -> impl IntoView {
    let who = e
        .actor
        .unwrap_or_else(|| text::tiers::BY_EVALUATION.to_owned());
    let why = e
        .rationale
        .map(|r| view! { <span class="muted">{text::tiers::because(&r)}</span> });
    view! {
        <li>
            <Time value=e.at />
            {text::tiers::history_line(e.event.label(), e.from.label(), e.to.label(), &who)}
            {why}
        </li>
    }
}
