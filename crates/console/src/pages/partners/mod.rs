//! `/manage/partners`: every partner organization with its engagement score, the score's trend
//! over 30 days and the last activity; partners quiet for a month are marked stalled, and new
//! partners show how far they got through their first steps.

use leptos::prelude::*;
use portico_api::organizations::{
    Activation, ActivationStep, Engagement, OrganizationSummary, PartnerStatus,
};

use portico_ui::api;
use portico_ui::components::{DataTable, Paged, PagedList, Time};
use portico_ui::dom::set_title;
use portico_ui::location::use_location;
use portico_ui::route::Route;

use crate::text;

mod country;

use country::CountryCell;

#[component]
pub fn PartnersPage() -> impl IntoView {
    set_title(text::partners::TITLE);
    let location = use_location();
    // The home page links its stalled and new-partner counts here (`?status=`).
    let list = move || {
        let status = location
            .query("status")
            .as_deref()
            .and_then(PartnerStatus::parse);
        let partners = Paged::new(move |cursor: Option<String>| async move {
            api::organizations(status, cursor.as_deref(), api::PAGE_SIZE).await
        });
        let shown = status.map(|s| {
            view! {
                <p id="partners-filter" class="muted">
                    {text::partners::SHOWING_ONLY}
                    <strong>{s.label()}</strong>
                    {text::partners::SHOWING_ONLY_END}
                    <a href=Route::Partners.href()>{text::partners::SHOW_ALL}</a>
                </p>
            }
        });
        view! {
            {shown}
            <PagedList
                list=partners.controls()
                loading=text::partners::LOADING
                empty=if status.is_some() {
                    text::partners::NONE_IN_STATE
                } else {
                    text::partners::NONE_YET
                }
            >
                <PartnersTable rows=partners.items />
            </PagedList>
        }
    };
    view! {
        <section class="page">
            <h1 id="partners-heading">{text::partners::TITLE}</h1>
            <p class="muted">
                {text::partners::INTRO}
            </p>
            {list}
        </section>
    }
}

#[component]
fn PartnersTable(rows: RwSignal<Vec<OrganizationSummary>>) -> impl IntoView {
    view! {
        <DataTable
            labelled_by="partners-heading"
            headers=&text::partners::HEADERS
            id="partners-table"
        >
            {move || rows.get().into_iter().map(partner_row).collect_view()}
        </DataTable>
    }
}

fn partner_row(o: OrganizationSummary) -> impl IntoView {
    let OrganizationSummary {
        id,
        name,
        motion,
        tier,
        country,
        user_count,
        engagement:
            Engagement {
                score,
                trend,
                last_activity_at,
                stalled,
                activation,
            },
    } = o;
    let (arrow, trend_class) = match trend {
        t if t > 0 => ("▲", "trend trend-up"),
        t if t < 0 => ("▼", "trend trend-down"),
        _ => ("–", "trend"),
    };
    view! {
        <tr id=format!("partner-{id}")>
            <th scope="row">{name.clone()}</th>
            <td>
                <CountryCell id name country />
            </td>
            <td>{tier.label()}</td>
            <td>{motion.label()}</td>
            <td class="number">{user_count}</td>
            <td class="number">
                <span class="score">
                    <meter
                        min="0"
                        max="100"
                        low="34"
                        high="67"
                        optimum="100"
                        value=score
                        aria-hidden="true"
                    ></meter>
                    {score}
                </span>
            </td>
            <td class="number">
                <span class=trend_class>
                    <span aria-hidden="true">{format!("{arrow} {}", trend.unsigned_abs())}</span>
                    <span class="visually-hidden">{trend_words(trend)}</span>
                </span>
            </td>
            <td>
                {match last_activity_at {
                    Some(value) => view! { <Time value /> }.into_any(),
                    None => text::partners::NEVER.into_any(),
                }}
            </td>
            <td>
                {stalled.then(|| view! { <span class="badge badge-late">{text::partners::STALLED}</span> })}
                {activation.map(|a| view! { <ActivationSteps id activation=a /> })}
            </td>
        </tr>
    }
}

/// "up 5 in 30 days", "down 3 in 30 days", "no change in 30 days"
fn trend_words(trend: i16) -> String {
    text::partners::trend(trend)
}

/// "Activation 2 of 3" and each first step, done or not yet.
#[component]
fn ActivationSteps(id: i64, activation: Activation) -> impl IntoView {
    let done = activation.done();
    let steps = activation.steps;
    let heading = format!("activation-{id}");
    view! {
        <div class="activation">
            <span class="badge badge-new" id=heading.clone()>
                {text::partners::activation(done, steps.len())}
            </span>
            <ul class="activation-steps" aria-labelledby=heading>
                {steps
                    .into_iter()
                    .map(|ActivationStep { title: step, done }| {
                        view! {
                            <li class:done=done>
                                <span aria-hidden="true">{if done { "✓ " } else { "○ " }}</span>
                                {step}
                                <span class="visually-hidden">
                                    {if done { text::partners::STEP_DONE } else { text::partners::STEP_NOT_YET }}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::trend_words;

    #[test]
    fn trends_read_as_words() {
        assert_eq!(trend_words(5), "up 5 in 30 days");
        assert_eq!(trend_words(-3), "down 3 in 30 days");
        assert_eq!(trend_words(0), "no change in 30 days");
    }
}
