//! Signed links to a deal's CRM card: the panel where a manager makes one, to paste into a
//! CRM or test in a browser, and the list of the links issued for a CRM, where one is revoked.

use leptos::prelude::*;
use portico_api::card_links::{
    CARD_LINK_DAYS_DEFAULT, CARD_LINK_DAYS_MAX, CardLink, CardLinkRequest, IssuedCardLink,
    RevokeCardLink,
};
use portico_api::date::Date;
use portico_api::integrations::{CardSubject, CrmSystem};
use portico_ui::route::Route;

use crate::components::deliveries::{Replay, Replays, with_replays};
use portico_ui::api;
use portico_ui::components::field::{begin_submit, show_error};
use portico_ui::components::{
    ActionButton, CopyText, DataTable, FieldState, FormError, Paged, PagedList, SelectField,
    SubmitButton, TextField, Time,
};
use portico_ui::dom::{on_submit, spawn};
use portico_ui::location::Location;
use portico_ui::session::use_session;

use crate::text;

/// The list of one CRM's issued links is on the integrations page, with the CRM in the address.
const LINKS_QUERY: &str = "card_links";

/// Days as typed; anything that is not a whole number stays out of range, for the shared rule
/// to word.
fn days(value: &str) -> u32 {
    value.trim().parse().unwrap_or(0)
}

/// The day a link made now for `days` stops working, while the number is allowed.
fn expiry_text(days: u32) -> Option<String> {
    (1..=CARD_LINK_DAYS_MAX).contains(&days).then(|| {
        let now = (js_sys::Date::now() / 1000.0) as i64;
        let day = Date::from_unix(now + i64::from(days) * 86_400);
        text::card_links::works_until(&day.to_string())
    })
}

/// Choose the CRM and how long the link lasts; the signed URL comes back with a copy button.
#[component]
pub fn CardLinkPanel(subject: CardSubject) -> impl IntoView {
    let session = use_session();
    let system = FieldState::plain("card-link-system", CrmSystem::Hubspot.as_str());
    let valid_days = FieldState::new("card-link-days", move |v| {
        let request = CardLinkRequest {
            subject,
            valid_days: days(v),
        };
        request
            .validate()
            .err()
            .and_then(|mut e| e.remove("valid_days"))
    });
    valid_days.value.set(CARD_LINK_DAYS_DEFAULT.to_string());
    let expiry = Signal::derive(move || expiry_text(days(&valid_days.get())));
    let map = [("valid_days", valid_days)];
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let link = RwSignal::new(None::<CardLink>);
    let submit = move || {
        if !begin_submit(busy, form_error, &[valid_days]) {
            return;
        }
        let crm = CrmSystem::parse(&system.get()).unwrap_or(CrmSystem::Hubspot);
        let request = CardLinkRequest {
            subject,
            valid_days: days(&valid_days.get()),
        };
        link.set(None);
        busy.set(true);
        let csrf = session.csrf();
        spawn(async move {
            let result = api::create_card_link(&csrf, crm, &request).await;
            busy.set(false);
            match result {
                Ok(created) => link.set(Some(created)),
                Err(e) => show_error(e, &map, form_error),
            }
        });
    };
    let systems = CrmSystem::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
        .collect();
    view! {
        <section class="panel" aria-labelledby="card-link-heading">
            <h2 class="section-title" id="card-link-heading">
                {text::card_links::TITLE}
            </h2>
            <p class="muted">
                {text::card_links::INTRO_BEFORE_LINK}
                <a href=Route::Integrations.href()>{text::card_links::INTRO_LINK}</a>
                {text::card_links::INTRO_AFTER_LINK}
            </p>
            <FormError error=form_error />
            <form class="form form-grid" id="card-link-form" novalidate on:submit=on_submit(submit)>
                <SelectField field=system label=text::card_links::CRM options=systems />
                <TextField
                    field=valid_days
                    label=text::card_links::VALID_DAYS
                    kind="number"
                    hint=text::card_links::VALID_DAYS_HINT
                />
                <p class="muted" id="card-link-expiry">{expiry}</p>
                <SubmitButton
                    id="card-link-create"
                    label=text::card_links::CREATE
                    busy_label=text::card_links::CREATING
                    busy
                />
            </form>
            <div aria-live="polite">
                {move || link.get().map(|CardLink { url, expires_at, .. }| view! {
                    <div class="notice notice-success">
                        <p>
                            {text::card_links::MADE_WORKS_UNTIL}
                            <Time value=expires_at />
                            {text::card_links::MADE_WORKS_UNTIL_END}
                        </p>
                        <CopyText id="card-link-url" text=url label=text::card_links::COPY />
                    </div>
                })}
            </div>
        </section>
    }
}

/// The CRM whose issued links the address asks for; HubSpot when it names none.
pub fn card_links_system_in(location: Location) -> CrmSystem {
    location
        .query(LINKS_QUERY)
        .as_deref()
        .and_then(CrmSystem::parse)
        .unwrap_or(CrmSystem::Hubspot)
}

/// The links issued for one CRM, newest first, each with a "Revoke" button that asks first.
#[component]
pub fn IssuedCardLinks(system: CrmSystem) -> impl IntoView {
    let list = Paged::new(move |cursor: Option<String>| async move {
        api::card_links(system, cursor.as_deref())
            .await
            .map(with_replays)
    });
    let announcement = RwSignal::new(None::<String>);
    // The row actions' plumbing is the delivery lists': a revocation runs like a replay.
    let revocations = Replays::new(Callback::new(move |what: String| {
        announcement.set(Some(what));
        list.reload();
    }));
    let tabs = CrmSystem::ALL
        .iter()
        .map(|&choice| {
            let href =
                Route::Integrations.with_query(&format!("{LINKS_QUERY}={}", choice.as_str()));
            view! {
                <a href=href aria-current=(choice == system).then_some("page")>{choice.label()}</a>
            }
        })
        .collect_view();
    view! {
        <nav class="tabs" aria-label=text::card_links::CRM_TABS>{tabs}</nav>
        <p class="muted status-line" id="card-links-status" role="status">{announcement}</p>
        <PagedList
            list=list.controls()
            loading=text::card_links::LOADING
            empty=text::card_links::EMPTY
        >
            <DataTable id="card-links-table" labelled_by="card-links-heading" headers=&text::card_links::HEADERS>
                {move || list.items.get().into_iter().map(|row| issued_row(row, revocations)).collect_view()}
            </DataTable>
        </PagedList>
    }
}

fn issued_row((link, revocation): (IssuedCardLink, Replay), revocations: Replays) -> impl IntoView {
    let IssuedCardLink {
        id,
        system,
        subject,
        subject_name,
        issued_by,
        issued_at,
        expires_at,
        expired,
        revoked,
    } = link;
    let (href, kind, subject_id) = match subject {
        CardSubject::Opportunity(id) => (
            Route::ManageOpportunity { id }.href(),
            text::card_links::DEAL,
            id,
        ),
        CardSubject::Registration(id) => (
            Route::ManageRegistration { id }.href(),
            text::card_links::REGISTRATION,
            id,
        ),
    };
    let name = subject_name.unwrap_or_else(|| format!("{kind} {subject_id}"));
    let row_id = format!("card-link-{id}-subject");
    let what = text::card_links::link_to(&name, &issued_by);
    let session = use_session();
    let run = Callback::new(move |()| {
        let csrf = session.csrf();
        let what = what.clone();
        revocations.run(revocation, async move {
            api::revoke_card_link(&csrf, system, id, &RevokeCardLink::default()).await?;
            Ok(text::card_links::revoked(&what))
        });
    });
    let state = match &revoked {
        Some(_) => {
            view! { <span class="badge badge-declined">{text::card_links::STATE_REVOKED}</span> }
                .into_any()
        }
        None if expired => {
            view! { <span class="badge badge-expired">{text::card_links::STATE_EXPIRED}</span> }
                .into_any()
        }
        None => {
            view! { <span class="badge badge-approved">{text::card_links::STATE_ACTIVE}</span> }
                .into_any()
        }
    };
    let revoked_detail = revoked.map(|r| {
        view! {
            <p class="muted">
                <Time value=r.at /> {text::card_links::BY} {r.by}
                {r.rationale.map(|why| format!(": {why}"))}
            </p>
        }
    });
    let action = (revoked_detail.is_none() && !expired).then(|| {
        view! {
            <ActionButton
                id=format!("revoke-card-link-{id}")
                label=text::card_links::REVOKE
                busy_label=text::card_links::REVOKING
                busy=revocation.busy
                run
                question=text::card_links::REVOKE_QUESTION
                confirm_label=text::card_links::CONFIRM_REVOKE
                described_by=row_id.clone()
                class="secondary small"
            />
            <p class="error-text" role="alert">{revocation.error}</p>
        }
    });
    view! {
        <tr>
            <th scope="row" id=row_id>
                <a href=href>{name}</a>
                <span class="muted">" · " {kind} " " {subject_id}</span>
            </th>
            <td>{issued_by}</td>
            <td><Time value=issued_at /></td>
            <td><Time value=expires_at /></td>
            <td>{state} {revoked_detail}</td>
            <td class="row-actions">{action}</td>
        </tr>
    }
}
