//! `/manage/tiers`: every partner's standing on the ladder (with the evaluation on demand,
//! approvals of proposed promotions and overrides) and the tier program itself.

use leptos::prelude::*;
use portico_api::organizations::Tier;
use portico_api::tiers::{TierEvaluation, TierStanding};

use portico_ui::api;
use portico_ui::components::{ActionButton, DataTable, ErrorNotice, Loading, Time};
use portico_ui::dom::{Spawner, set_title, spawn};
use portico_ui::session::use_session;

use crate::text;

mod history;
mod override_form;
mod program_form;
mod rule_fields;

use history::History;
use override_form::OverrideForm;
use program_form::ProgramSection;

#[derive(Clone)]
enum Standings {
    Loading,
    Ready(Vec<TierStanding>),
    Failed(String),
}

#[component]
pub fn TiersPage() -> impl IntoView {
    set_title(text::tiers::TITLE);
    let standings = RwSignal::new(Standings::Loading);
    // A row's approval or override asks for this reload, then goes away with the old rows.
    let page = Spawner::here();
    let load = Callback::new(move |()| {
        page.spawn(async move {
            standings.set(match api::tier_standings().await {
                Ok(list) => Standings::Ready(list),
                Err(e) => Standings::Failed(e.message),
            });
        });
    });
    load.run(());
    view! {
        <section class="page">
            <h1 id="tiers-heading">{text::tiers::TITLE}</h1>
            <p class="muted">{text::tiers::INTRO}</p>
            <h2 class="section-title" id="standings-heading">{text::tiers::STANDINGS}</h2>
            <Evaluate reload=load />
            {move || match standings.get() {
                Standings::Loading => view! { <Loading label=text::tiers::LOADING /> }.into_any(),
                Standings::Failed(message) => view! { <ErrorNotice message retry=load /> }.into_any(),
                Standings::Ready(rows) => view! { <StandingsTable rows reload=load /> }.into_any(),
            }}
            <ProgramSection />
        </section>
    }
}

/// Runs the evaluation now and says what it changed.
#[component]
fn Evaluate(reload: Callback<()>) -> impl IntoView {
    let session = use_session();
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<TierEvaluation, String>>);
    let run = Callback::new(move |()| {
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::evaluate_tiers(&csrf).await.map_err(|e| e.message);
            busy.set(false);
            if result.is_ok() {
                reload.run(());
            }
            outcome.set(Some(result));
        });
    });
    view! {
        <p class="actions">
            <ActionButton
                id="tiers-evaluate"
                label=text::tiers::EVALUATE.to_owned()
                busy_label=text::tiers::EVALUATING
                busy
                run
            />
        </p>
        <div aria-live="polite" id="tiers-evaluation">
            {move || outcome.get().map(|result| match result {
                Ok(done) => {
                    let changes = done
                        .changes
                        .iter()
                        .map(|c| view! { <li>{format!("{}: {} ({} → {})", c.organization.name, c.event.label(), c.from.label(), c.to.label())}</li> })
                        .collect_view();
                    view! {
                        <div class="notice notice-success">
                            <p>{text::tiers::evaluated(done.evaluated, done.changes.len())}</p>
                            <ul class="plain-list">{changes}</ul>
                        </div>
                    }
                        .into_any()
                }
                Err(message) => view! { <p class="error-text" role="alert">{message}</p> }.into_any(),
            })}
        </div>
    }
}

#[component]
fn StandingsTable(rows: Vec<TierStanding>, reload: Callback<()>) -> impl IntoView {
    let distribution = Tier::ALL
        .into_iter()
        .map(|tier| {
            let count = rows.iter().filter(|r| r.assigned == tier).count();
            view! { <li class="badge">{text::tiers::distribution(tier.label(), count)}</li> }
        })
        .collect_view();
    view! {
        <ul class="tier-distribution" id="tier-distribution" aria-label=text::tiers::STANDINGS>
            {distribution}
        </ul>
        <DataTable labelled_by="standings-heading" headers=&text::tiers::HEADERS id="standings-table">
            {rows.clone().into_iter().map(|row| view! { <StandingRow row reload /> }).collect_view()}
        </DataTable>
    }
}

#[component]
fn StandingRow(row: TierStanding, reload: Callback<()>) -> impl IntoView {
    let id = row.organization.id;
    let editing = RwSignal::new(false);
    let next = match (row.next, row.next_progress) {
        (Some(tier), Some(percent)) => text::tiers::next_progress(tier.label(), percent),
        _ => text::tiers::TOP.to_owned(),
    };
    let status = if let Some(until) = row.override_until.clone() {
        view! { <span>{text::tiers::OVERRIDDEN_UNTIL}<Time value=until /></span> }.into_any()
    } else if let Some(until) = row.grace_until.clone() {
        view! { <span class="badge badge-late">{text::tiers::IN_GRACE_UNTIL}<Time value=until /></span> }.into_any()
    } else if let Some(tier) = row.proposed {
        view! { <span class="badge">{text::tiers::proposed(tier.label())}</span> }.into_any()
    } else {
        ().into_any()
    };
    let approve = row.proposed.map(|_| view! { <ApproveButton id reload /> });
    let name = row.organization.name.clone();
    view! {
        <tr id=format!("standing-{id}")>
            <th scope="row">
                {row.organization.name}
                <History id />
            </th>
            <td>{row.assigned.label()}</td>
            <td>{row.eligible.label()}</td>
            <td>{next}</td>
            <td>{status}</td>
            <td class="row-actions">
                {approve}
                <button type="button" class="secondary small" id=format!("standing-{id}-override")
                    hidden=editing on:click=move |_| editing.set(true)>
                    {text::tiers::OVERRIDE}
                </button>
                {move || editing.get().then(|| view! {
                    <OverrideForm id name=name.clone() current=row.assigned done=Callback::new(move |saved: bool| {
                        editing.set(false);
                        if saved {
                            reload.run(());
                        }
                    }) />
                })}
            </td>
        </tr>
    }
}

#[component]
fn ApproveButton(id: i64, reload: Callback<()>) -> impl IntoView {
    let session = use_session();
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let run = Callback::new(move |()| {
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::approve_tier(&csrf, id).await;
            busy.set(false);
            match result {
                Ok(_) => reload.run(()),
                Err(e) => failed.set(Some(e.message)),
            }
        });
    });
    view! {
        <ActionButton
            id=format!("standing-{id}-approve")
            label=text::tiers::APPROVE.to_owned()
            busy_label=text::tiers::APPROVING
            busy
            run
            class="primary small"
        />
        {move || failed.get().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
    }
}
