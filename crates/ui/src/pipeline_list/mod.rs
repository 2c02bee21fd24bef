//! The pipeline list both apps show: in the portal a partner's own organization's deals, in the
//! console every partner's, as a table or (for vendor staff) a board per stage. Both read their
//! filters from the address, so a view can be linked.

use crate::query::{pipeline_query, pipeline_query_text};
use crate::route::Route;
use crate::url::query_value;
use leptos::prelude::*;
use portico_api::Page;
use portico_api::dashboard::Amount;
use portico_api::organizations::{Motion, OrganizationRef};
use portico_api::pipeline::{
    ManagerOpportunity, PartnerOpportunity, PipelinePage as Answer, PipelineQuery, PipelineSort,
    ProtectionStatus,
};
use portico_api::registrations::ConflictLevel;

use crate::components::{CheckBox, FieldState, SelectField, partner_choices};
use crate::deal::stage_fits;
use crate::deal::stage_options;
use crate::dom::on_submit;
use crate::location::{Location, use_location};
use crate::text;

/// What a pipeline view lists, read from its address: the API's own query, and for vendor
/// staff the choice of table or board.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Filters {
    pub(crate) query: PipelineQuery,
    pub(crate) board: bool,
}

impl Filters {
    /// Tracks the address.
    fn read(location: Location, manager: bool) -> Filters {
        let search = location.search();
        Filters {
            query: pipeline_query(&search, manager),
            board: manager && query_value(&search, "view").as_deref() == Some("board"),
        }
    }

    pub(crate) fn href(&self, route: Route) -> String {
        let mut query = pipeline_query_text(&self.query);
        if self.board {
            query.push_str(if query.is_empty() {
                "view=board"
            } else {
                "&view=board"
            });
        }
        route.with_query(&query)
    }
}

pub fn options<T: Copy>(
    all: &[T],
    value: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|&t| (value(t).to_owned(), label(t).to_owned()))
        .collect()
}

/// One line of either list: the partner's fields, plus what only vendor staff see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    o: PartnerOpportunity,
    partner: Option<OrganizationRef>,
    amount: Option<Amount>,
    conflict: bool,
}

impl From<ManagerOpportunity> for Row {
    fn from(m: ManagerOpportunity) -> Row {
        Row {
            amount: m
                .amount
                .zip(m.currency)
                .map(|(value, currency)| Amount { currency, value }),
            partner: Some(m.organization),
            conflict: m.conflict == Some(ConflictLevel::Review),
            o: m.opportunity,
        }
    }
}

pub(crate) fn rows(answer: Answer) -> Page<Row> {
    match answer {
        Answer::Manager(page) => Page {
            items: page.items.into_iter().map(Row::from).collect(),
            next_cursor: page.next_cursor,
        },
        Answer::Partner(page) => Page {
            items: page
                .items
                .into_iter()
                .map(|o| Row {
                    o,
                    partner: None,
                    amount: None,
                    conflict: false,
                })
                .collect(),
            next_cursor: page.next_cursor,
        },
    }
}

/// The partner's or the manager's list.
pub(crate) fn list_route(manager: bool) -> Route {
    if manager {
        Route::ManagePipeline
    } else {
        Route::Pipeline
    }
}

/// The filters and the deals they select: a partner's own organization's, or for vendor staff
/// (`manager`) every partner's, as a table or a board per stage.
#[component]
pub fn PipelineList(manager: bool) -> impl IntoView {
    let location = use_location();
    let filters = Memo::new(move |_| Filters::read(location, manager));
    view! {
        <FilterForm filters manager />
        {move || view! { <Results filters=filters.get() manager /> }}
    }
}

/// The deal's page in the partner's or the manager's app.
pub fn opportunity_route(manager: bool, id: i64) -> Route {
    if manager {
        Route::ManageOpportunity { id }
    } else {
        Route::Opportunity { id }
    }
}

mod results;

use results::Results;

/// The filters as a search form; applying it moves to the matching address.
#[component]
fn FilterForm(filters: Memo<Filters>, manager: bool) -> impl IntoView {
    let location = use_location();
    let motion = FieldState::plain("filter-motion", "");
    let stage = FieldState::plain("filter-stage", "");
    let protection = FieldState::plain("filter-protection", "");
    let sort = FieldState::plain("filter-sort", "");
    let organization = FieldState::plain("filter-organization", "");
    let q = RwSignal::new(String::new());
    let conflict = RwSignal::new(false);
    let overdue = RwSignal::new(false);
    let stale = RwSignal::new(String::new());
    // The form follows the address, also on the back and forward buttons.
    Effect::new(move |_| {
        let f = filters.get().query;
        motion
            .value
            .set(f.motion.map_or("", Motion::as_str).to_owned());
        stage.value.set(f.stage.unwrap_or_default());
        protection
            .value
            .set(f.protection.map_or("", ProtectionStatus::as_str).to_owned());
        sort.value
            .set(f.sort.unwrap_or_default().as_str().to_owned());
        organization.value.set(
            f.organization_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
        );
        q.set(f.q.unwrap_or_default());
        conflict.set(f.conflict == Some(true));
        overdue.set(f.overdue == Some(true));
        stale.set(f.stale_days.map(|d| d.to_string()).unwrap_or_default());
    });
    let organizations = if manager {
        partner_choices()
    } else {
        RwSignal::new(Vec::new())
    };
    let apply = move || {
        let chosen_motion = Motion::parse(&motion.get());
        let words = q.get_untracked().trim().to_owned();
        let chosen = Filters {
            query: PipelineQuery {
                motion: chosen_motion,
                stage: Some(stage.get()).filter(|s| stage_fits(chosen_motion, s)),
                protection: ProtectionStatus::parse(&protection.get()),
                q: Some(words).filter(|w| !w.is_empty()),
                sort: PipelineSort::parse(&sort.get()),
                organization_id: organization.get().parse().ok(),
                conflict: conflict.get_untracked().then_some(true),
                overdue: overdue.get_untracked().then_some(true),
                stale_days: stale.get_untracked().trim().parse().ok().filter(|d| *d > 0),
                ..PipelineQuery::default()
            },
            board: filters.with_untracked(|f| f.board),
        };
        location.go(&chosen.href(list_route(manager)));
    };
    let motions = options(&Motion::ALL, Motion::as_str, Motion::label);
    view! {
        <form
            class="form form-grid filters"
            role="search"
            aria-label=text::pipeline::FILTER
            novalidate
            on:submit=on_submit(apply)
        >
            <SelectField
                field=motion
                label=text::pipeline::MOTION
                options=motions
                placeholder=text::pipeline::ANY_MOTION
            />
            <div>
                {move || {
                    let chosen = Motion::parse(&motion.value.get());
                    view! {
                        <SelectField
                            field=stage
                            label=text::pipeline::STAGE
                            options=stage_options(chosen)
                            placeholder=text::pipeline::ANY_STAGE
                        />
                    }
                }}
                <p class="hint" hidden=move || !motion.value.with(String::is_empty)>
                    {text::pipeline::CHOOSE_MOTION_FIRST}
                </p>
            </div>
            <SelectField
                field=protection
                label=text::pipeline::PROTECTION
                options=options(ProtectionStatus::ALL, ProtectionStatus::as_str, ProtectionStatus::label)
                placeholder=text::pipeline::ANY_PROTECTION
            />
            <div class="field">
                <label for="filter-q">{text::pipeline::CUSTOMER}</label>
                <input
                    id="filter-q"
                    name="q"
                    type="search"
                    prop:value=q
                    on:input=move |ev| q.set(event_target_value(&ev))
                />
            </div>
            <SelectField
                field=sort
                label=text::pipeline::SORT_BY
                options=options(PipelineSort::ALL, PipelineSort::as_str, PipelineSort::label)
            />
            {manager.then(|| view! {
                {move || view! {
                    <SelectField
                        field=organization
                        label=text::pipeline::PARTNER
                        options=organizations.get()
                        placeholder=text::pipeline::ANY_PARTNER
                    />
                }}
                <div class="field">
                    <label for="filter-stale">{text::pipeline::QUIET_DAYS}</label>
                    <input
                        id="filter-stale"
                        name="stale_days"
                        type="number"
                        min="1"
                        inputmode="numeric"
                        prop:value=stale
                        on:input=move |ev| stale.set(event_target_value(&ev))
                    />
                </div>
                <CheckBox id="filter-conflict" label=text::pipeline::ONLY_CONFLICTS checked=conflict class="filter-check" />
                <CheckBox id="filter-overdue" label=text::pipeline::ONLY_OVERDUE checked=overdue class="filter-check" />
            })}
            <div class="actions">
                <button id="filter-apply" type="submit" class="primary">
                    {text::pipeline::APPLY_FILTERS}
                </button>
                <a class="button secondary-link" href=list_route(manager).href()>
                    {text::pipeline::CLEAR}
                </a>
            </div>
        </form>
    }
}
