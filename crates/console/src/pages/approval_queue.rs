//! `/manage/registrations`: the approval queue (the undecided, oldest first, with the SLA) or
//! every registration, narrowed by status, partner, or one of the home page's counts (past the
//! SLA, needing conflict review, asking for an extension).

use leptos::prelude::*;
use portico_api::registrations::{
    ConflictLevel, ExtensionStatus, ManagerRegistration, RegistrationQuery, RegistrationStatus,
};
use portico_ui::api;
use portico_ui::components::{
    DataTable, FieldState, Paged, PagedList, PartnerLink, SelectField, StatusBadge, Time,
    partner_choices,
};
use portico_ui::deal::money;
use portico_ui::dom::set_title;
use portico_ui::location::{Location, use_location};
use portico_ui::route::Route;

use crate::components::side_by_side::waited;
use crate::text;

/// The lists the manager's home counts, as one choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Only {
    Late,
    Conflict,
    Extension,
}

impl Only {
    const ALL: [Only; 3] = [Only::Late, Only::Conflict, Only::Extension];

    /// The address's parameter, the API's own.
    fn param(self) -> &'static str {
        match self {
            Only::Late => "late=true",
            Only::Conflict => "conflict=review",
            Only::Extension => "extension=requested",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Only::Late => text::approval_queue::PAST_SLA,
            Only::Conflict => text::approval_queue::NEEDS_REVIEW,
            Only::Extension => text::approval_queue::EXTENSION_REQUESTED,
        }
    }

    fn read(location: Location) -> Option<Only> {
        let has = |name: &str, value: &str| location.query(name).as_deref() == Some(value);
        Only::ALL
            .into_iter()
            .find(|only| match only.param().split_once('=') {
                Some((name, value)) => has(name, value),
                None => false,
            })
    }

    /// An extension is asked for on an approved registration, never one in the queue: this
    /// list is of every registration.
    fn needs_all(only: Option<Only>) -> bool {
        only == Some(Only::Extension)
    }

    fn parse(param: &str) -> Option<Only> {
        Only::ALL.into_iter().find(|only| only.param() == param)
    }
}

/// What the registrations page lists, read from its address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Filters {
    /// Every registration, not just those waiting for a decision.
    all: bool,
    status: Option<RegistrationStatus>,
    organization: Option<i64>,
    only: Option<Only>,
}

impl Filters {
    fn read(location: Location) -> Filters {
        let only = Only::read(location);
        Filters {
            all: location.query("view").as_deref() == Some("all") || Only::needs_all(only),
            status: location
                .query("status")
                .as_deref()
                .and_then(RegistrationStatus::parse),
            organization: location.query("organization").and_then(|o| o.parse().ok()),
            only,
        }
    }

    fn href(self) -> String {
        let mut query = Vec::new();
        if self.all {
            query.push("view=all".to_owned());
        }
        if let Some(status) = self.status {
            query.push(format!("status={}", status.as_str()));
        }
        if let Some(id) = self.organization {
            query.push(format!("organization={id}"));
        }
        if let Some(only) = self.only {
            query.push(only.param().to_owned());
        }
        Route::ApprovalQueue.with_query(&query.join("&"))
    }

    fn query(self) -> RegistrationQuery {
        RegistrationQuery {
            queue: Some(!self.all),
            status: self.status,
            organization_id: self.organization,
            late: (self.only == Some(Only::Late)).then_some(true),
            conflict: (self.only == Some(Only::Conflict)).then_some(ConflictLevel::Review),
            extension: (self.only == Some(Only::Extension)).then_some(ExtensionStatus::Requested),
            ..RegistrationQuery::default()
        }
    }
}

#[component]
pub fn ApprovalQueuePage() -> impl IntoView {
    let location = use_location();
    // A new address (another tab or filter) is a new list.
    move || {
        location.search();
        let filters = Filters::read(location);
        view! { <Queue filters /> }
    }
}

#[component]
fn Queue(filters: Filters) -> impl IntoView {
    let location = use_location();
    let list = Paged::new(move |cursor: Option<String>| async move {
        api::registrations(&filters.query(), cursor.as_deref()).await
    });
    let (heading, empty) = if filters.all {
        (
            text::approval_queue::ALL_TITLE,
            text::approval_queue::ALL_EMPTY,
        )
    } else {
        (
            text::approval_queue::QUEUE_TITLE,
            text::approval_queue::QUEUE_EMPTY,
        )
    };
    set_title(heading);
    let to_decide = Filters {
        all: false,
        status: None,
        only: filters.only.filter(|o| !Only::needs_all(Some(*o))),
        ..filters
    };
    let everything = Filters {
        all: true,
        ..filters
    };
    let statuses = RegistrationStatus::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
        .collect::<Vec<_>>();
    let onlies = Only::ALL
        .iter()
        .map(|o| (o.param().to_owned(), o.label().to_owned()))
        .collect::<Vec<_>>();
    let status = FieldState::plain("filter-status", filters.status.map_or("", |s| s.as_str()));
    let only = FieldState::plain("filter-only", filters.only.map_or("", Only::param));
    let organization = FieldState::plain(
        "filter-organization",
        &filters
            .organization
            .map(|id| id.to_string())
            .unwrap_or_default(),
    );
    let organizations = partner_choices();
    // Choosing a filter moves to its address; the page follows the address.
    Effect::new(move |first: Option<()>| {
        let chosen_only = Only::parse(&only.value.get());
        let chosen = Filters {
            status: RegistrationStatus::parse(&status.value.get()),
            organization: organization.value.get().parse().ok(),
            all: filters.all || Only::needs_all(chosen_only),
            only: chosen_only,
        };
        if first.is_some() && chosen != filters {
            location.go(&chosen.href());
        }
    });
    view! {
        <section class="page">
            <div class="page-head">
                <h1 id="queue-heading">{heading}</h1>
                <nav aria-label=text::approval_queue::VIEWS class="tabs">
                    <a href=to_decide.href() aria-current=(!filters.all).then_some("page")>
                        {text::approval_queue::TO_DECIDE}
                    </a>
                    <a href=everything.href() aria-current=filters.all.then_some("page")>
                        {text::approval_queue::ALL}
                    </a>
                </nav>
            </div>
            <div class="form-grid filters" role="search" aria-label=text::approval_queue::FILTER>
                {filters.all.then(|| view! {
                    <SelectField
                        field=status
                        label=text::approval_queue::STATUS
                        options=statuses.clone()
                        placeholder=text::approval_queue::ANY_STATUS
                    />
                })}
                {move || view! {
                    <SelectField
                        field=organization
                        label=text::approval_queue::PARTNER
                        options=organizations.get()
                        placeholder=text::approval_queue::ANY_PARTNER
                    />
                }}
                <SelectField
                    field=only
                    label=text::approval_queue::SHOW_ONLY
                    options=onlies
                    placeholder=text::approval_queue::EVERYTHING
                />
            </div>
            <PagedList list=list.controls() loading=text::approval_queue::LOADING empty>
                <ManagerTable items=list.items />
            </PagedList>
        </section>
    }
}

#[component]
fn ManagerTable(items: RwSignal<Vec<ManagerRegistration>>) -> impl IntoView {
    view! {
        <DataTable labelled_by="queue-heading" headers=&text::approval_queue::HEADERS>
            {move || items.get().into_iter().map(manager_row).collect_view()}
        </DataTable>
    }
}

fn manager_row(m: ManagerRegistration) -> impl IntoView {
    let conflict = m.conflict_summary();
    let r = m.registration;
    let value = money(r.estimated_value, r.currency.as_deref());
    let href = Route::ManageRegistration { id: r.id }.href();
    let open = r.status.is_open();
    view! {
        <tr class:late=m.sla_breached>
            <th scope="row">
                <a href=href>{r.number}</a>
            </th>
            <td>
                <PartnerLink partner=m.organization />
            </td>
            <td>{r.company_name}</td>
            <td class="number">{value}</td>
            <td>
                <StatusBadge status=r.status />
            </td>
            <td>{conflict}</td>
            <td>{m.waiting_hours.map(waited)}</td>
            <td>
                {open.then(|| view! { <Time value=m.decide_by zoned=true /> })}
                {m.sla_breached.then(|| view! { " " <span class="badge badge-late">{text::approval_queue::PAST_SLA_BADGE}</span> })}
            </td>
        </tr>
    }
}
