//! The shared pipeline lists: `/pipeline` shows a partner its own organization's deals,
//! `/manage/pipeline` shows vendor staff every partner's, as a table or a board per stage, with
//! the weekly review above. Both read their filters from the address, so a view can be linked.

use leptos::prelude::*;
use portico_api::organizations::Motion;
use portico_api::pipeline::{
    ManagerOpportunity, NewOpportunity, PartnerOpportunity, PipelinePage as Answer, PipelineQuery,
    PipelineReview, PipelineSort, ProtectionStatus, ReviewList, Stage, stage_label,
};
use portico_api::registrations::{ConflictLevel, PartnerRole, company_name};
use portico_api::{FieldErrors, Page, Role};
use portico_ui::query::{pipeline_query, pipeline_query_text};
use portico_ui::route::Route;
use portico_ui::url::query_value;

use portico_ui::api::{self, ApiError};
use portico_ui::components::Day;
use portico_ui::components::field::{show_error, show_field_errors};
use portico_ui::components::{
    DataTable, ErrorNotice, FieldState, FormError, Loading, Paged, PagedList, RadioGroup,
    SelectField, SubmitButton, TextField, Time,
};
use portico_ui::components::{Loaded, StatusBadge};
use portico_ui::deal::money;
use portico_ui::deal::next_step;
use portico_ui::deal::protection;
use portico_ui::deal::stage_fits;
use portico_ui::deal::stage_options;
use portico_ui::deal::{currency_options, parse_number, role_label};
use portico_ui::dom::{focus_soon, on_click, on_submit, set_title, spawn};
use portico_ui::location::{Location, use_location};
use portico_ui::session::use_session;

/// What a pipeline view lists, read from its address: the API's own query, and for vendor
/// staff the choice of table or board.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Filters {
    query: PipelineQuery,
    board: bool,
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

    fn href(&self, route: Route) -> String {
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

fn options<T: Copy>(
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
struct Row {
    o: PartnerOpportunity,
    partner: Option<String>,
    amount: Option<String>,
    conflict: bool,
}

impl From<ManagerOpportunity> for Row {
    fn from(m: ManagerOpportunity) -> Row {
        Row {
            amount: money(m.amount, m.currency.as_deref()),
            partner: Some(m.organization.name),
            conflict: m.conflict == Some(ConflictLevel::Review),
            o: m.opportunity,
        }
    }
}

fn rows(answer: Answer) -> Page<Row> {
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
fn list_route(manager: bool) -> Route {
    if manager {
        Route::ManagePipeline
    } else {
        Route::Pipeline
    }
}

#[component]
pub fn PipelinePage(manager: bool) -> impl IntoView {
    let location = use_location();
    // Vendor staff following a partner's link land on their own view of the same filters.
    if !manager && use_session().role().is_some_and(Role::is_vendor) {
        location
            .replace(&Route::ManagePipeline.with_query(location.search().trim_start_matches('?')));
        return ().into_any();
    }
    set_title(if manager {
        "Partner pipeline"
    } else {
        "Pipeline"
    });
    let filters = Memo::new(move |_| Filters::read(location, manager));
    let stale_days = Memo::new(move |_| filters.with(|f| f.query.stale_days));
    let intro = if manager {
        "Every partner's deals. Open one to move its stage, confirm exit criteria or add notes."
    } else {
        "Your organization's deals as they move through the vendor's stages. Open one to read and add shared notes."
    };
    view! {
        <section class="page">
            <h1 id="pipeline-heading">{if manager { "Partner pipeline" } else { "Pipeline" }}</h1>
            <p class="muted">{intro}</p>
            {manager.then(|| view! { <NewDeal /> })}
            {manager.then_some(move || view! { <Review stale_days=stale_days.get() /> })}
            <FilterForm filters manager />
            {move || view! { <Results filters=filters.get() manager /> }}
        </section>
    }
    .into_any()
}

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
        stale.set(f.stale_days.map(|d| d.to_string()).unwrap_or_default());
    });
    let organizations = RwSignal::new(Vec::new());
    if manager {
        spawn(async move {
            if let Ok(list) = partner_options().await {
                organizations.set(list);
            }
        });
    }
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
            aria-label="Filter the pipeline"
            novalidate
            on:submit=on_submit(apply)
        >
            <SelectField field=motion label="Motion" options=motions placeholder="Any motion" />
            <div>
                {move || {
                    let chosen = Motion::parse(&motion.value.get());
                    view! { <SelectField field=stage label="Stage" options=stage_options(chosen) placeholder="Any stage" /> }
                }}
                <p class="hint" hidden=move || !motion.value.with(String::is_empty)>
                    "Choose a motion to pick one of its stages."
                </p>
            </div>
            <SelectField
                field=protection
                label="Protection"
                options=options(ProtectionStatus::ALL, ProtectionStatus::as_str, ProtectionStatus::label)
                placeholder="Any protection"
            />
            <div class="field">
                <label for="filter-q">"Customer"</label>
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
                label="Sort by"
                options=options(PipelineSort::ALL, PipelineSort::as_str, PipelineSort::label)
            />
            {manager.then(|| view! {
                {move || view! {
                    <SelectField field=organization label="Partner" options=organizations.get() placeholder="Any partner" />
                }}
                <div class="field">
                    <label for="filter-stale">"Quiet for at least (days)"</label>
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
                <label class="choice filter-check" for="filter-conflict">
                    <input
                        id="filter-conflict"
                        type="checkbox"
                        prop:checked=conflict
                        on:change=move |ev| conflict.set(event_target_checked(&ev))
                    />
                    "Only conflicts to review"
                </label>
            })}
            <div class="actions">
                <button id="filter-apply" type="submit" class="primary">"Apply filters"</button>
                <a class="button secondary-link" href=list_route(manager).href()>"Clear"</a>
            </div>
        </form>
    }
}

/// Every partner organization as select options.
async fn partner_options() -> Result<Vec<(String, String)>, ApiError> {
    let list = api::all_organizations().await?;
    Ok(list
        .into_iter()
        .map(|o| (o.id.to_string(), o.name))
        .collect())
}

/// A deal added by vendor staff for a partner, e.g. one the partner influenced, behind a button
/// so the pipeline stays first. The partner list loads when the form opens.
#[component]
fn NewDeal() -> impl IntoView {
    let open = RwSignal::new(false);
    let toggle = move |_| open.update(|o| *o = !*o);
    view! {
        <p>
            <button
                type="button"
                id="new-deal-toggle"
                class="secondary"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls="new-deal"
                on:click=on_click(toggle)
            >
                "New deal"
            </button>
        </p>
        {move || open.get().then(|| view! { <NewDealForm /> })}
    }
}

#[component]
fn NewDealForm() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let names = [
        "organization_id",
        "customer_name",
        "motion",
        "partner_role",
        "attribution_percent",
        "owner_name",
        "amount",
        "currency",
    ];
    let ids = [
        "new-deal-organization",
        "new-deal-customer",
        "new-deal-motion",
        "new-deal-role",
        "new-deal-attribution",
        "new-deal-owner",
        "new-deal-amount",
        "new-deal-currency",
    ];
    // The customer's name is checked as typed, like every form's required text; the rest on
    // submit.
    let fields: [FieldState; 8] = std::array::from_fn(|i| match i {
        1 => FieldState::new(ids[i], |v| company_name(v).err().map(str::to_owned)),
        _ => FieldState::plain(ids[i], ""),
    });
    let map: [(&'static str, FieldState); 8] = std::array::from_fn(|i| (names[i], fields[i]));
    let [
        organization,
        customer,
        motion,
        role,
        attribution,
        owner,
        amount,
        currency,
    ] = fields;
    let partners = RwSignal::new(Vec::new());
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    spawn(async move {
        match partner_options().await {
            Ok(list) => {
                partners.set(list);
                focus_soon(ids[0].to_owned());
            }
            Err(e) => form_error.set(Some(e.message)),
        }
    });
    let submit = move || {
        if busy.get_untracked() {
            return;
        }
        form_error.set(None);
        for field in fields {
            field.error.set(None);
        }
        // What the request's types cannot hold is checked here; the rest by the shared rules.
        let mut errors = FieldErrors::new();
        let mut need = |ok: bool, name: &str, message: &str| {
            if !ok {
                errors.insert(name.to_owned(), message.to_owned());
            }
        };
        let number = |field: FieldState| {
            let value = field.get();
            (!value.trim().is_empty()).then(|| parse_number(&value))
        };
        let organization_id = organization.get().parse().ok();
        need(
            organization_id.is_some(),
            names[0],
            "Choose the partner organization.",
        );
        let chosen_motion = Motion::parse(&motion.get());
        need(chosen_motion.is_some(), names[2], "Choose the motion.");
        let partner_role = PartnerRole::parse(&role.get());
        need(
            partner_role.is_some(),
            names[3],
            "Say whether the partner sourced or influenced the deal.",
        );
        let percent = number(attribution);
        need(
            percent.is_none_or(|p| p.is_some()),
            names[4],
            "Enter a percentage from 0 to 100.",
        );
        let value = number(amount);
        need(
            value.is_none_or(|a| a.is_some()),
            names[6],
            "Enter a whole amount in digits, like 250000.",
        );
        let optional = |field: FieldState| Some(field.get()).filter(|v| !v.trim().is_empty());
        let request = NewOpportunity {
            organization_id: organization_id.unwrap_or_default(),
            customer_name: customer.get(),
            motion: chosen_motion.unwrap_or(Motion::Referral),
            partner_role: partner_role.unwrap_or(PartnerRole::Sourced),
            // Out of range stays out of range, for the shared rule to word.
            attribution_percent: percent
                .flatten()
                .map(|p| u8::try_from(p).unwrap_or(u8::MAX)),
            owner_name: optional(owner),
            amount: value.flatten(),
            currency: optional(currency),
        };
        if let Err(found) = request.validate() {
            for (name, message) in found {
                errors.entry(name).or_insert(message);
            }
        }
        if !errors.is_empty() {
            show_field_errors(&errors, &map);
            return;
        }
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::create_opportunity(&csrf, &request).await;
            busy.set(false);
            match result {
                Ok(created) => location.go(&Route::Opportunity {
                    id: created.opportunity.opportunity.id,
                }
                .href()),
                Err(e) => show_error(e, &map, form_error),
            }
        });
    };
    let roles = PartnerRole::ALL
        .iter()
        .map(|r| (r.as_str(), role_label(*r)))
        .collect();
    view! {
        <section class="panel" id="new-deal" aria-labelledby="new-deal-heading">
            <h2 class="section-title" id="new-deal-heading">"New deal"</h2>
            <p class="muted">
                "A deal without a registration, e.g. one the partner influenced. The partner sees it in their pipeline, without amount or attribution."
            </p>
            <FormError error=form_error />
            <form class="form form-grid" novalidate on:submit=on_submit(submit)>
                {move || view! {
                    <SelectField field=organization label="Partner" options=partners.get() placeholder="Choose a partner" />
                }}
                <TextField field=customer label="Customer name" autocomplete="off" />
                <SelectField
                    field=motion
                    label="Motion"
                    options=options(&Motion::ALL, Motion::as_str, Motion::label)
                    placeholder="Choose the motion"
                />
                <RadioGroup field=role legend="Partner role" options=roles />
                <TextField field=attribution label="Attribution (%)" kind="number" optional=true />
                <TextField field=owner label="Vendor owner" optional=true autocomplete="off" />
                <TextField field=amount label="Amount" optional=true autocomplete="off" />
                <SelectField field=currency label="Currency" options=currency_options() placeholder="No currency" />
                <SubmitButton id="new-deal-submit" label="Add deal" busy_label="Adding…" busy />
            </form>
        </section>
    }
}

/// The list for one set of filters: table or board, the count, and the CSV download.
#[component]
fn Results(filters: Filters, manager: bool) -> impl IntoView {
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
            <nav aria-label="Pipeline views" class="tabs">
                <a id="view-table" href=table aria-current=(!board).then_some("page")>"Table"</a>
                <a id="view-board" href=columns aria-current=board.then_some("page")>"Board"</a>
            </nav>
        }
    });
    let head = |count: AnyView| {
        view! {
            <div class="results-head">
                {count}
                {views}
                <a id="pipeline-csv" class="button secondary-link" href=csv download>
                    "Download CSV"
                </a>
            </div>
        }
    };
    let motion = match (board, filters.query.motion) {
        (true, None) => {
            return view! {
                {head(().into_any())}
                <p class="notice notice-info" id="board-needs-motion">
                    "Choose a motion above to see the board: each motion has its own stages."
                </p>
            }
            .into_any();
        }
        (_, motion) => motion,
    };
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
        1 => "1 deal shown".to_owned(),
        n => format!("{n} deals shown"),
    };
    let count = view! { <p id="pipeline-count" class="muted" role="status">{count}</p> }.into_any();
    view! {
        {head(count)}
        <PagedList list=list.controls() loading="Loading the pipeline…" empty="No deals match these filters.">
            {match motion.filter(|_| board) {
                Some(motion) => view! { <Board items motion /> }.into_any(),
                None => view! { <PipelineTable items manager /> }.into_any(),
            }}
        </PagedList>
    }
    .into_any()
}

const PARTNER_HEADERS: [&str; 9] = [
    "Customer",
    "Motion",
    "Stage",
    "In stage since",
    "Owner",
    "Next step",
    "Registration",
    "Protection",
    "Last updated",
];
const MANAGER_HEADERS: [&str; 11] = [
    "Customer",
    "Partner",
    "Motion",
    "Stage",
    "In stage since",
    "Owner",
    "Next step",
    "Registration",
    "Protection",
    "Amount",
    "Last updated",
];

#[component]
fn PipelineTable(items: RwSignal<Vec<Row>>, manager: bool) -> impl IntoView {
    let headers: &'static [&'static str] = if manager {
        &MANAGER_HEADERS
    } else {
        &PARTNER_HEADERS
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
    let href = Route::Opportunity { id: o.id }.href();
    let stage = stage_label(o.motion, &o.stage).to_owned();
    view! {
        <tr>
            <th scope="row">
                <a href=href>{o.customer_name}</a>
                {conflict.then(|| view! { " " <span class="badge badge-late">"Conflict"</span> })}
            </th>
            {manager.then(|| view! { <td>{partner}</td> })}
            <td>{o.motion.label()}</td>
            <td>{stage}</td>
            <td><Day value=o.stage_entered_at /></td>
            <td>{o.owner_name}</td>
            <td class="wide">{next_step(o.next_step, o.next_step_due)}</td>
            <td>{o.registration_status.map(|status| view! { <StatusBadge status /> })}</td>
            <td>{protection(o.protection_status, o.protection_ends)}</td>
            {manager.then(|| view! { <td class="number">{amount}</td> })}
            <td><Day value=o.updated_at /></td>
        </tr>
    }
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
                        <span class="muted">{move || items.with(|rows| rows.iter().filter(|r| r.o.stage == slug).count())}</span>
                    </h2>
                    <ul>
                        {move || cards().into_iter().map(board_card).collect_view()}
                    </ul>
                </section>
            }
        })
        .collect_view();
    view! {
        <p class="muted">"The board shows the deals loaded so far; load more to fill it."</p>
        <div class="board" id="pipeline-board" role="region" aria-label="Board" tabindex="0">
            {columns}
        </div>
    }
}

fn board_card(r: Row) -> impl IntoView {
    let href = Route::Opportunity { id: r.o.id }.href();
    let about = [
        r.partner,
        r.amount,
        next_step(r.o.next_step, r.o.next_step_due),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    view! {
        <li class="board-card">
            <a href=href>{r.o.customer_name}</a>
            {r.conflict.then(|| view! { " " <span class="badge badge-late">"Conflict"</span> })}
            <p class="muted">{about}</p>
        </li>
    }
}

/// The weekly review: what needs a manager's attention across every partner.
#[component]
fn Review(stale_days: Option<u32>) -> impl IntoView {
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
            <summary><h2 class="section-title" id="review-heading">"Weekly review"</h2></summary>
            {move || match state.get() {
                Loaded::Loading => view! { <Loading label="Loading the review…" /> }.into_any(),
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
                    Route::Opportunity {
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
            "Protection expiring within 7 days".to_owned(),
            deals(expiring, |m| m.opportunity.protection_ends.clone()),
        ),
        (
            "review-stale",
            format!("No activity for {stale_days} days"),
            deals(stale, |m| Some(m.last_activity_at.clone())),
        ),
        ("review-late", "Approvals past their SLA".to_owned(), late),
        (
            "review-duplicates",
            "Possible duplicates to review".to_owned(),
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
    let note = (list.total > shown).then(|| format!("The first {shown} of {}.", list.total));
    // Approvals are decided in their own queue.
    let queue = (id == "review-late").then(|| {
        view! {
            <p>
                <a href=Route::ApprovalQueue.href()>"Open the approval queue"</a>
            </p>
        }
    });
    let items = if list.items.is_empty() {
        view! { <p class="muted">"None."</p> }.into_any()
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
