//! `/manage/numbers`: the program's numbers as bar charts drawn in SVG, each with its numbers
//! as a table for screen readers and anyone who wants the exact figures.

use leptos::prelude::*;
use portico_api::pipeline::{MotionOutcomes, MotionPipeline, ProgramNumbers};
use portico_ui::route::Route;

use portico_ui::api;
use portico_ui::components::Loaded;
use portico_ui::components::{ErrorNotice, FieldState, Loading, SelectField};
use portico_ui::dom::{set_title, spawn};
use portico_ui::format::format_money;
use portico_ui::location::use_location;
use portico_ui::url::encode;

use crate::text;

#[component]
pub fn NumbersPage() -> impl IntoView {
    set_title(text::numbers::TITLE);
    let location = use_location();
    let asked = Memo::new(move |_| {
        location.search();
        location.query("currency").filter(|c| !c.is_empty())
    });
    let state = RwSignal::new(Loaded::Loading);
    let currencies = RwSignal::new(Vec::<String>::new());
    let choice = FieldState::plain("numbers-currency", "");
    // The currency the charts are in; the select moves the address when it differs.
    let shown = StoredValue::new(String::new());
    let load = move || {
        let code = asked.get_untracked();
        state.set(Loaded::Loading);
        spawn(async move {
            let result = api::program_numbers(code.as_deref()).await;
            if let Ok(numbers) = &result {
                shown.set_value(numbers.currency.clone());
                choice.value.set(numbers.currency.clone());
                if currencies.with_untracked(|c| *c != numbers.currencies) {
                    currencies.set(numbers.currencies.clone());
                }
            }
            state.set(match result {
                Ok(numbers) => Loaded::Ready(numbers),
                Err(e) => Loaded::Failed(e),
            });
        });
    };
    Effect::new(move |_| {
        asked.track();
        load();
    });
    Effect::new(move |_| {
        let code = choice.value.get();
        if !code.is_empty() && shown.with_value(|s| *s != code) {
            location.go(&Route::Numbers.with_query(&format!("currency={}", encode(&code, false))));
        }
    });
    let retry = Callback::new(move |()| load());
    view! {
        <section class="page">
            <h1 id="numbers-heading">{text::numbers::TITLE}</h1>
            <p class="muted">{text::numbers::INTRO}</p>
            {move || {
                let options = currencies
                    .get()
                    .into_iter()
                    .map(|c| (c.clone(), c))
                    .collect::<Vec<_>>();
                (options.len() > 1)
                    .then(|| view! {
                        <div class="filters currency-choice">
                            <SelectField field=choice label=text::numbers::CURRENCY options />
                        </div>
                    })
            }}
            {move || match state.get() {
                Loaded::Loading => view! { <Loading label=text::numbers::LOADING /> }.into_any(),
                Loaded::Failed(e) => view! { <ErrorNotice message=e.message retry /> }.into_any(),
                Loaded::Ready(numbers) => view! {
                    <div class="charts">{charts(numbers).into_iter().map(chart).collect_view()}</div>
                }
                .into_any(),
            }}
        </section>
    }
}

fn charts(n: ProgramNumbers) -> Vec<ChartData> {
    let ProgramNumbers {
        currency,
        pipeline_by_motion: pipeline,
        outcomes_by_motion: outcomes,
        sourced_revenue_by_quarter: revenue,
        new_partners,
        ..
    } = n;
    let amount = |v: i64| format_money(v, &currency);
    let pipeline_bar = |p: &MotionPipeline, parts: [i64; 2], text: String| Bar {
        label: p.motion.label().to_owned(),
        parts,
        text,
        cells: vec![
            p.sourced_count.to_string(),
            amount(p.sourced_value),
            p.influenced_count.to_string(),
            amount(p.influenced_value),
        ],
    };
    let outcome_bar = |o: &MotionOutcomes, value: Option<i64>, text: String| Bar {
        label: o.motion.label().to_owned(),
        parts: [value.unwrap_or(0), 0],
        text,
        cells: vec![
            o.won.to_string(),
            o.lost.to_string(),
            o.win_rate_percent
                .map_or_else(|| text::numbers::NO_CLOSED.to_owned(), |r| format!("{r}%")),
            o.average_cycle_days
                .map_or_else(|| text::numbers::NO_CLOSED.to_owned(), text::common::days),
        ],
    };
    vec![
        ChartData {
            id: "chart-pipeline-value",
            title: text::numbers::pipeline_value(&currency),
            legend: Some(SOURCED_INFLUENCED),
            max: 0,
            headers: text::numbers::PIPELINE_COLUMNS,
            empty: text::numbers::NO_OPEN_DEALS,
            bars: pipeline
                .iter()
                .map(|p| {
                    let total = amount(p.sourced_value + p.influenced_value);
                    pipeline_bar(p, [p.sourced_value, p.influenced_value], total)
                })
                .collect(),
        },
        ChartData {
            id: "chart-pipeline-count",
            title: text::numbers::OPEN_DEALS.to_owned(),
            legend: Some(SOURCED_INFLUENCED),
            max: 0,
            headers: text::numbers::PIPELINE_COLUMNS,
            empty: text::numbers::NO_OPEN_DEALS,
            bars: pipeline
                .iter()
                .map(|p| {
                    let total = text::numbers::deals(p.sourced_count + p.influenced_count);
                    pipeline_bar(p, [p.sourced_count, p.influenced_count], total)
                })
                .collect(),
        },
        ChartData {
            id: "chart-win-rate",
            title: text::numbers::WIN_RATE.to_owned(),
            legend: None,
            max: 100,
            headers: text::numbers::OUTCOME_COLUMNS,
            empty: text::numbers::NO_CLOSED_DEALS,
            bars: outcomes
                .iter()
                .map(|o| {
                    let text = o.win_rate_percent.map_or_else(
                        || text::numbers::NO_CLOSED.to_owned(),
                        |rate| text::numbers::win_rate(rate, o.won, o.lost),
                    );
                    outcome_bar(o, o.win_rate_percent, text)
                })
                .collect(),
        },
        ChartData {
            id: "chart-cycle",
            title: text::numbers::CYCLE.to_owned(),
            legend: None,
            max: 0,
            headers: text::numbers::OUTCOME_COLUMNS,
            empty: text::numbers::NO_CLOSED_DEALS,
            bars: outcomes
                .iter()
                .map(|o| {
                    let text = o
                        .average_cycle_days
                        .map_or_else(|| text::numbers::NO_CLOSED.to_owned(), text::common::days);
                    outcome_bar(o, o.average_cycle_days, text)
                })
                .collect(),
        },
        ChartData {
            id: "chart-revenue",
            title: text::numbers::revenue(&currency),
            legend: Some(WON_REPORTED),
            max: 0,
            headers: text::numbers::REVENUE_COLUMNS,
            empty: text::numbers::NO_REVENUE,
            bars: revenue
                .into_iter()
                .map(|q| Bar {
                    text: amount(q.value + q.reported),
                    cells: vec![
                        amount(q.value),
                        amount(q.reported),
                        amount(q.value + q.reported),
                    ],
                    label: q.quarter,
                    parts: [q.value, q.reported],
                })
                .collect(),
        },
        ChartData {
            id: "chart-first-registration",
            title: text::numbers::FIRST_REGISTRATION.to_owned(),
            legend: None,
            max: 0,
            headers: text::numbers::FIRST_REGISTRATION_COLUMNS,
            empty: text::numbers::NO_NEW_PARTNERS,
            bars: new_partners
                .into_iter()
                .map(|p| {
                    let after = p
                        .days_to_first_registration
                        .map_or_else(|| text::numbers::NOT_YET.to_owned(), text::common::days);
                    Bar {
                        label: p.organization.name,
                        parts: [p.days_to_first_registration.unwrap_or(0), 0],
                        text: after.clone(),
                        cells: vec![p.joined_at.get(..10).unwrap_or_default().to_owned(), after],
                    }
                })
                .collect(),
        },
    ]
}

/// One chart: bars scaled to `max` (or to the longest when 0), and a table of the figures.
struct ChartData {
    id: &'static str,
    title: String,
    /// What the two stacked parts of each bar are, when they stack.
    legend: Option<[&'static str; 2]>,
    max: i64,
    /// The table's columns: the bar's label, then its cells.
    headers: &'static [&'static str],
    empty: &'static str,
    bars: Vec<Bar>,
}

/// One bar: its label, up to two stacked parts, the figure written beside it, and its row of
/// the table.
struct Bar {
    label: String,
    parts: [i64; 2],
    text: String,
    cells: Vec<String>,
}

const SOURCED_INFLUENCED: [&str; 2] = [text::numbers::SOURCED, text::numbers::INFLUENCED];
const WON_REPORTED: [&str; 2] = [text::numbers::WON_IN_CRM, text::numbers::REPORTED];
const ROW: i64 = 30;
const LABEL_END: f64 = 210.0;
const BAR_SPACE: f64 = 220.0;

fn chart(data: ChartData) -> AnyView {
    let ChartData {
        id,
        title,
        legend,
        max,
        headers,
        empty,
        bars,
    } = data;
    let heading = format!("{id}-title");
    let labelled_by = heading.clone();
    let body = if bars.is_empty() {
        view! { <p class="empty">{empty}</p> }.into_any()
    } else {
        drawing(title.clone(), legend, max, headers, bars).into_any()
    };
    view! {
        <section class="chart" id=id aria-labelledby=labelled_by>
            <h2 class="chart-title" id=heading>{title}</h2>
            {body}
        </section>
    }
    .into_any()
}

/// The bars, a legend for stacked ones, and the figures as a table.
fn drawing(
    title: String,
    legend: Option<[&'static str; 2]>,
    max: i64,
    headers: &'static [&'static str],
    bars: Vec<Bar>,
) -> impl IntoView {
    let longest = bars.iter().map(|b| b.parts[0] + b.parts[1]).max();
    let scale = BAR_SPACE / max.max(longest.unwrap_or(0)).max(1) as f64;
    let height = bars.len() as i64 * ROW + 8;
    let mut drawn = Vec::with_capacity(bars.len());
    let mut rows = Vec::with_capacity(bars.len());
    for (i, bar) in bars.into_iter().enumerate() {
        let Bar {
            label,
            parts,
            text,
            cells,
        } = bar;
        let y = i as i64 * ROW + 4;
        let first = parts[0].max(0) as f64 * scale;
        let second = if legend.is_some() {
            parts[1].max(0) as f64 * scale
        } else {
            0.0
        };
        drawn.push(view! {
            <g>
                <text class="bar-label" x=LABEL_END - 8.0 y=y + 19 text-anchor="end">{label.clone()}</text>
                <rect class="bar-a" x=LABEL_END y=y + 5 width=first height="18"></rect>
                <rect class="bar-b" x=LABEL_END + first y=y + 5 width=second height="18"></rect>
                <text class="bar-value" x=LABEL_END + first + second + 6.0 y=y + 19>{text}</text>
            </g>
        });
        rows.push(view! {
            <tr>
                <th scope="row">{label}</th>
                {cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
            </tr>
        });
    }
    let legend = legend.map(|[a, b]| {
        view! {
            <p class="legend" aria-hidden="true">
                <span class="swatch bar-a"></span>
                {a}
                <span class="swatch bar-b"></span>
                {b}
            </p>
        }
    });
    let label = title.clone();
    let region = text::numbers::drawn(&title);
    // On a narrow screen the drawing keeps its size, so its text stays readable, and scrolls.
    view! {
        {legend}
        <div class="chart-scroll" role="region" aria-label=region tabindex="0">
            <svg viewBox=format!("0 0 600 {height}") role="img" aria-label=label focusable="false">
                <title>{title}</title>
                {drawn}
            </svg>
        </div>
        <details>
            <summary>{text::numbers::SHOW_TABLE}</summary>
            <div class="table-wrap">
                <table>
                    <thead>
                        <tr>{headers.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}</tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </details>
    }
}
