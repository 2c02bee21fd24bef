//! How content use reads: periods, and the weekly views and downloads.

use leptos::prelude::*;
use portico_api::assets::UsagePoint;

use crate::text;

/// "90 days", "7 days"
pub fn usage_days(days: u32) -> String {
    text::common::days(days.into())
}

/// Views and downloads week by week, as a table with a bar per figure.
#[component]
pub fn WeeklyUsage(
    id: &'static str,
    points: Vec<UsagePoint>,
    /// Under another section's heading: an `h3`.
    #[prop(optional)]
    nested: bool,
) -> impl IntoView {
    let heading = format!("{id}-heading");
    let labelled_by = heading.clone();
    let most = points
        .iter()
        .map(|p| p.views.max(p.downloads))
        .max()
        .unwrap_or(0)
        .max(1);
    let bar = move |n: i64, class: &'static str| {
        let width = n.max(0) as f64 * 100.0 / most as f64;
        view! {
            <span class="usage-figure">
                // Drawn in SVG: the page's policy allows no inline styles.
                <svg
                    class="usage-track"
                    viewBox="0 0 100 10"
                    preserveAspectRatio="none"
                    aria-hidden="true"
                    focusable="false"
                >
                    <rect class=class width=format!("{width:.1}") height="10"></rect>
                </svg>
                {n}
            </span>
        }
    };
    let body = if points.is_empty() {
        view! { <p class="empty">{text::content_usage::NO_USE}</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap" role="region" aria-labelledby=labelled_by tabindex="0">
                <table id=id class="weekly">
                    <thead>
                        <tr>
                            <th scope="col">{text::content_usage::WEEK_OF}</th>
                            <th scope="col">{text::content_usage::VIEWS}</th>
                            <th scope="col">{text::content_usage::DOWNLOADS}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {points
                            .into_iter()
                            .map(|p| view! {
                                <tr>
                                    <th scope="row">{p.week}</th>
                                    <td>{bar(p.views, "bar-views")}</td>
                                    <td>{bar(p.downloads, "bar-downloads")}</td>
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let section_labelled_by = heading.clone();
    view! {
        <section aria-labelledby=section_labelled_by>
            {if nested {
                view! { <h3 id=heading>{text::content_usage::WEEK_BY_WEEK}</h3> }.into_any()
            } else {
                view! { <h2 class="section-title" id=heading>{text::content_usage::WEEK_BY_WEEK}</h2> }.into_any()
            }}
            {body}
        </section>
    }
}
