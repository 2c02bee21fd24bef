//! `/registrations`: the organization's registrations, newest first (or those of one status),
//! the notifications about them and, for a partner admin, the registration link for sellers.

use leptos::prelude::*;
use portico_api::registrations::{PartnerRegistration, RegistrationQuery, RegistrationStatus};
use portico_ui::route::Route;

use crate::text;
use portico_api::Role;
use portico_api::registrations::RegistrationLinkStatus;
use portico_ui::api::{self};
use portico_ui::components::ProtectionText;
use portico_ui::components::StatusBadge;
use portico_ui::components::{DataTable, Paged, PagedList, Time};
use portico_ui::dom::{on_click, set_title, spawn};
use portico_ui::location::use_location;
use portico_ui::session::use_session;

#[component]
pub fn MyRegistrationsPage() -> impl IntoView {
    set_title(text::registrations::TITLE);
    let location = use_location();
    // The home page links each status's count here (`?status=`); a new address is a new list.
    let list = move || {
        let status = location
            .query("status")
            .as_deref()
            .and_then(RegistrationStatus::parse);
        let query = RegistrationQuery {
            status,
            ..RegistrationQuery::default()
        };
        let list = Paged::new(move |cursor: Option<String>| {
            let query = query.clone();
            async move { api::registrations(&query, cursor.as_deref()).await }
        });
        let shown = status.map(|s| {
            view! {
                <p id="registrations-filter" class="muted">
                    {text::registrations::FILTER_BEFORE_STATUS}
                    <strong>{s.label()}</strong>
                    {text::registrations::FILTER_AFTER_STATUS}
                    <a href=Route::MyRegistrations.href()>{text::registrations::FILTER_SHOW_ALL}</a>
                </p>
            }
        });
        view! {
            {shown}
            <PagedList
                list=list.controls()
                loading=text::registrations::LOADING
                empty=if status.is_some() {
                    text::registrations::EMPTY_WITH_STATUS
                } else {
                    text::registrations::EMPTY
                }
            >
                <PartnerTable items=list.items />
            </PagedList>
        }
    };
    view! {
        <section class="page">
            <div class="page-head">
                <h1 id="registrations-heading">{text::registrations::TITLE}</h1>
                <a class="button" href=Route::Register.href()>
                    {text::registrations::REGISTER}
                </a>
            </div>
            {list}
            <Notices />
            {(use_session().role() == Some(Role::PartnerAdmin)).then(|| view! { <LinkPanel /> })}
        </section>
    }
}

/// Decisions, questions and reminders about the organization's registrations.
#[component]
fn Notices() -> impl IntoView {
    let list =
        Paged::new(
            |cursor: Option<String>| async move { api::notifications(cursor.as_deref()).await },
        );
    view! {
        <h2 class="section-title" id="notices-heading">{text::registrations::NOTIFICATIONS}</h2>
        <PagedList list=list.controls() loading=text::registrations::LOADING_NOTIFICATIONS empty=text::registrations::NO_NOTIFICATIONS>
            <ul class="notices" aria-labelledby="notices-heading">
                {move || {
                    list.items
                        .get()
                        .into_iter()
                        .map(|n| {
                            let href = n.registration_id.map(|id| Route::MyRegistration { id }.href());
                            view! {
                                <li>
                                    <Time value=n.created_at />
                                    " "
                                    <a href=href>{n.subject}</a>
                                    {(!n.body.is_empty()).then(|| view! { <p class="prose muted">{n.body}</p> })}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </PagedList>
    }
}

/// The organization's secret registration link, for sellers without a portal account.
#[component]
fn LinkPanel() -> impl IntoView {
    let session = use_session();
    let status = RwSignal::new(None::<Result<RegistrationLinkStatus, String>>);
    let created = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    spawn(async move {
        status.set(Some(api::registration_link().await.map_err(|e| e.message)));
    });
    let rotate = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let csrf = session.csrf();
        spawn(async move {
            let result = api::rotate_registration_link(&csrf).await;
            busy.set(false);
            match result {
                Ok(link) => {
                    status.set(Some(Ok(RegistrationLinkStatus {
                        active: true,
                        created_at: Some(link.created_at),
                    })));
                    created.set(Some(link.link));
                }
                Err(e) => error.set(Some(e.message)),
            }
        });
    };
    let state_text = move || match status.get() {
        None => text::common::LOADING.to_owned(),
        Some(Err(message)) => message,
        Some(Ok(s)) if s.active => text::registrations::link_active(
            &s.created_at
                .as_deref()
                .map(portico_ui::format::format_time)
                .unwrap_or_default(),
        ),
        Some(Ok(_)) => text::registrations::NO_LINK.to_owned(),
    };
    view! {
        <section class="panel" aria-labelledby="link-heading">
            <h2 id="link-heading" class="section-title">{text::registrations::LINK_HEADING}</h2>
            <p class="muted">{text::registrations::LINK_INTRO}</p>
            <p role="status">{state_text}</p>
            <button id="rotate-link" type="button" class="secondary" aria-busy=move || busy.get().then_some("true") on:click=on_click(rotate)>
                {text::registrations::NEW_LINK}
            </button>
            <p class="error-text" role="alert">{error}</p>
            {move || created.get().map(|link| view! { <code id="registration-link" class="link-box">{link}</code> })}
        </section>
    }
}

#[component]
fn PartnerTable(items: RwSignal<Vec<PartnerRegistration>>) -> impl IntoView {
    view! {
        <DataTable labelled_by="registrations-heading" headers=text::registrations::TABLE_HEADERS>
            {move || items.get().into_iter().map(partner_row).collect_view()}
        </DataTable>
    }
}

fn partner_row(r: PartnerRegistration) -> impl IntoView {
    let href = Route::MyRegistration { id: r.id }.href();
    let decision = r
        .decision
        .map(|d| d.rationale.unwrap_or_else(|| d.decision.label().to_owned()));
    view! {
        <tr>
            <td>
                <a href=href>{r.number}</a>
            </td>
            <td>{r.company_name}</td>
            <td>{r.kind.label()}</td>
            <td>
                <StatusBadge status=r.status />
            </td>
            <td>{decision}</td>
            <td>{r.protection.map(|p| view! { <ProtectionText protection=p /> })}</td>
        </tr>
    }
}
