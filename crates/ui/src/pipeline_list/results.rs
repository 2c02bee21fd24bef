//! The deals the filters select: their count, the CSV download, and the table or the board.

use crate::query::pipeline_query_text;
use crate::route::Route;
use leptos::prelude::*;
use portico_api::organizations::Motion;
use portico_api::pipeline::{Stage, stage_label};

use crate::api::{self};
use crate::components::StatusBadge;
use crate::components::{DataTable, Paged, PagedList};
use crate::components::{Day, PartnerLink};
use crate::deal::next_step;
use crate::deal::protection;
use crate::format::format_money;
use crate::text;
use portico_api::dashboard::Amount;

use super::{Filters, Row, list_route, opportunity_route, rows};

/// The list for one set of filters: table or board, the count, and the CSV download.
#[component]
pub(super) fn Results(filters: Filters, manager: bool) -> impl IntoView {
    let query = pipeline_query_text(&filters.query);
    let csv = if query.is_empty() {
        "/api/pipeline.csv".to_owned()
    } else {
        format!("/api/pipeline.csv?{query}")
    };
    let board = manager && filters.board;
    let views = manager.then(|| {
        let table = Filters {
            board: false,
            ..filters.clone()
        }
        .href(list_route(manager));
        let columns = Filters {
            board: true,
            ..filters.clone()
        }
        .href(list_route(manager));
        view! {
            <nav aria-label=text::pipeline::VIEWS class="tabs">
                <a id="view-table" href=table aria-current=(!board).then_some("page")>
                    {text::pipeline::TABLE}
                </a>
                <a id="view-board" href=columns aria-current=board.then_some("page")>
                    {text::pipeline::BOARD}
                </a>
            </nav>
        }
    });
    let head = |count: AnyView| {
        view! {
            <div class="results-head">
                {count}
                {views}
                <a id="pipeline-csv" class="button secondary-link" href=csv download>
                    {text::pipeline::DOWNLOAD_CSV}
                </a>
            </div>
        }
    };
    let motion = filters.query.motion;
    let list = Paged::new(move |cursor: Option<String>| {
        let query = query.clone();
        async move {
            api::pipeline(manager, &query, cursor.as_deref())
                .await
                .map(rows)
        }
    });
    let items = list.items;
    let count = move || match items.with(Vec::len) {
        0 => String::new(),
        n => text::pipeline::deals_shown(n),
    };
    let count = view! { <p id="pipeline-count" class="muted" role="status">{count}</p> }.into_any();
    view! {
        {head(count)}
        <PagedList
            list=list.controls()
            loading=text::pipeline::LOADING
            empty=text::pipeline::EMPTY
        >
            {match (board, motion) {
                (true, Some(motion)) => view! { <BoardNote /> <Board items motion /> }.into_any(),
                (true, None) => view! { <BoardNote /> <Boards items /> }.into_any(),
                (false, _) => view! { <PipelineTable items manager /> }.into_any(),
            }}
        </PagedList>
    }
    .into_any()
}

#[component]
fn PipelineTable(items: RwSignal<Vec<Row>>, manager: bool) -> impl IntoView {
    let headers: &'static [&'static str] = if manager {
        &text::pipeline::MANAGER_HEADERS
    } else {
        &text::pipeline::PARTNER_HEADERS
    };
    view! {
        <DataTable id="pipeline-table" labelled_by="pipeline-heading" headers>
            {move || items.get().into_iter().map(|r| table_row(r, manager)).collect_view()}
        </DataTable>
    }
}

fn table_row(r: Row, manager: bool) -> impl IntoView {
    let Row {
        o,
        partner,
        amount,
        conflict,
    } = r;
    let href = opportunity_route(manager, o.id).href();
    let stage = stage_label(o.motion, &o.stage).to_owned();
    // The registration's status and the protection it gives share a cell; a deal a manager
    // added has neither, and its cell stays empty rather than saying "No registration" twice.
    let registration = o.registration_status.map(|status| {
        let protected = protection(o.protection_status, o.protection_ends);
        view! { <StatusBadge status /> <span class="cell-note">{protected}</span> }
    });
    view! {
        <tr>
            <th scope="row">
                <a href=href>{o.customer_name}</a>
                {conflict.then(|| view! { " " <span class="badge badge-late">{text::pipeline::CONFLICT}</span> })}
            </th>
            {manager.then(|| view! { <td>{partner.map(|p| view! { <PartnerLink partner=p /> })}</td> })}
            <td>{o.motion.label()}</td>
            <td>{stage}</td>
            <td><Day value=o.stage_entered_at /></td>
            <td>{o.owner_name}</td>
            <td class="wide">{next_step(o.next_step, o.next_step_due)}</td>
            <td>{registration}</td>
            {manager.then(|| view! { <td class="number">{amount.map(|a| format_money(a.value, &a.currency))}</td> })}
            <td><Day value=o.updated_at /></td>
        </tr>
    }
}

#[component]
fn BoardNote() -> impl IntoView {
    view! { <p class="muted">{text::pipeline::BOARD_NOTE}</p> }
}

/// Without a chosen motion, a board for each motion the loaded deals have, each with its own
/// stages.
#[component]
fn Boards(items: RwSignal<Vec<Row>>) -> impl IntoView {
    move || {
        Motion::ALL
            .iter()
            .filter(|m| items.with(|rows| rows.iter().any(|r| r.o.motion == **m)))
            .map(|&motion| {
                view! {
                    <h2 class="section-title">{motion.label()}</h2>
                    <Board items motion />
                }
            })
            .collect_view()
    }
}

/// A column's deals and the sum of their amounts per currency: "3 · $120,000".
fn column_total(rows: &[Row], slug: &str) -> String {
    let deals: Vec<&Row> = rows.iter().filter(|r| r.o.stage == slug).collect();
    let mut sums: Vec<Amount> = Vec::new();
    for amount in deals.iter().filter_map(|r| r.amount.as_ref()) {
        match sums.iter_mut().find(|s| s.currency == amount.currency) {
            Some(sum) => sum.value += amount.value,
            None => sums.push(amount.clone()),
        }
    }
    std::iter::once(deals.len().to_string())
        .chain(sums.iter().map(|s| format_money(s.value, &s.currency)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Columns per stage of one motion, outcomes last, with the loaded deals as cards.
#[component]
fn Board(items: RwSignal<Vec<Row>>, motion: Motion) -> impl IntoView {
    let columns = Stage::ALL
        .into_iter()
        .map(|stage| {
            let slug = stage.slug(motion);
            let label = stage.label(motion);
            let heading = format!("board-{slug}");
            let labelled_by = heading.clone();
            let cards = move || {
                items.with(|rows| {
                    rows.iter()
                        .filter(|r| r.o.stage == slug)
                        .cloned()
                        .collect::<Vec<_>>()
                })
            };
            view! {
                <section class="board-column" aria-labelledby=labelled_by>
                    <h2 class="board-title" id=heading>
                        {label} " "
                        <span class="muted board-total">{move || items.with(|rows| column_total(rows, slug))}</span>
                    </h2>
                    <ul>
                        {move || cards().into_iter().map(board_card).collect_view()}
                    </ul>
                </section>
            }
        })
        .collect_view();
    view! {
        <div class="board pipeline-board" role="region" aria-label=text::pipeline::board_of(motion.label()) tabindex="0">
            {columns}
        </div>
    }
}

fn board_card(r: Row) -> impl IntoView {
    let href = Route::ManageOpportunity { id: r.o.id }.href();
    let about = [
        r.partner.map(|p| p.name),
        r.amount.map(|a| format_money(a.value, &a.currency)),
        next_step(r.o.next_step, r.o.next_step_due),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    view! {
        <li class="board-card">
            <a href=href>{r.o.customer_name}</a>
            {r.conflict.then(|| view! { " " <span class="badge badge-late">{text::pipeline::CONFLICT}</span> })}
            <p class="muted">{about}</p>
        </li>
    }
}
