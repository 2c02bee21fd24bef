//! The partner's registrations: `/registrations` lists them, `/registrations/{id}` shows one
//! with its decision, protection and timeline, and lets the partner withdraw it or ask once for
//! a longer protection.

use leptos::prelude::*;
use portico_api::registrations::{
    EXTENSION_WINDOW_DAYS, ExtensionRequest, InfoResponse, PartnerRegistration,
    PartnerRegistrationDetail, RegistrationQuery, RegistrationStatus,
};
use portico_ui::route::Route;

use portico_api::Role;
use portico_api::registrations::RegistrationLinkStatus;
use portico_ui::api::{self, ApiError};
use portico_ui::components::ProtectionText;
use portico_ui::components::RegistrationFacts;
use portico_ui::components::StatusBadge;
use portico_ui::components::Timeline;
use portico_ui::components::field::{begin_submit, show_error};
use portico_ui::components::record_page;
use portico_ui::components::{
    DataTable, FieldState, FormError, Paged, PagedList, SubmitButton, TextArea, Time,
};
use portico_ui::dom::{on_click, on_submit, set_title, spawn};
use portico_ui::location::use_location;
use portico_ui::session::use_session;

#[component]
pub fn MyRegistrationsPage() -> impl IntoView {
    set_title("Registrations");
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
                    "Showing " <strong>{s.label()}</strong> " registrations. "
                    <a href=Route::MyRegistrations.href()>"Show all"</a>
                </p>
            }
        });
        view! {
            {shown}
            <PagedList
                list=list.controls()
                loading="Loading registrations…"
                empty=if status.is_some() {
                    "None with this status."
                } else {
                    "No registrations yet. Register a deal or lead to protect your claim on a customer."
                }
            >
                <PartnerTable items=list.items />
            </PagedList>
        }
    };
    view! {
        <section class="page">
            <div class="page-head">
                <h1 id="registrations-heading">"Registrations"</h1>
                <a class="button" href=Route::Register.href()>
                    "Register a deal or lead"
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
        <h2 class="section-title" id="notices-heading">"Notifications"</h2>
        <PagedList list=list.controls() loading="Loading notifications…" empty="No notifications yet.">
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
        None => "Loading…".to_owned(),
        Some(Err(message)) => message,
        Some(Ok(s)) if s.active => format!(
            "A link is active since {}. Making a new one stops the old one.",
            s.created_at
                .as_deref()
                .map(portico_ui::format::format_time)
                .unwrap_or_default()
        ),
        Some(Ok(_)) => "There is no link yet.".to_owned(),
    };
    view! {
        <section class="panel" aria-labelledby="link-heading">
            <h2 id="link-heading" class="section-title">"Registration link for your sellers"</h2>
            <p class="muted">
                "Sellers without a portal account register through this link; their registrations belong to your organization. It is shown once: copy it when you make it."
            </p>
            <p role="status">{state_text}</p>
            <button id="rotate-link" type="button" class="secondary" aria-busy=move || busy.get().then_some("true") on:click=on_click(rotate)>
                "Make a new link"
            </button>
            <p class="error-text" role="alert">{error}</p>
            {move || created.get().map(|link| view! { <code id="registration-link" class="link-box">{link}</code> })}
        </section>
    }
}

#[component]
fn PartnerTable(items: RwSignal<Vec<PartnerRegistration>>) -> impl IntoView {
    view! {
        <DataTable labelled_by="registrations-heading" headers=&["Number", "Customer", "Kind", "Status", "Decision", "Protected until"]>
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

#[component]
pub fn MyRegistrationPage(id: i64) -> impl IntoView {
    set_title("Registration");
    record_page(
        move || api::my_registration(id),
        "Loading the registration…",
        |detail, reload| view! { <PartnerDetail detail reload /> }.into_any(),
    )
}

#[component]
fn PartnerDetail(detail: PartnerRegistrationDetail, reload: Callback<()>) -> impl IntoView {
    let PartnerRegistrationDetail {
        registration: r,
        timeline,
    } = detail;
    set_title(&format!("Registration {}", r.number));
    let extension = extension_offer(&r);
    let may_withdraw = r.status.may_withdraw();
    let question = r.open_question.clone();
    let id = r.id;
    view! {
        <section class="page">
            <p>
                <a href=Route::MyRegistrations.href()>"← All registrations"</a>
            </p>
            <h1>{format!("{} · {}", r.number, r.company_name)}</h1>
            <p>
                <StatusBadge status=r.status />
                " "
                <span id="conflict-result">{r.conflict_message.clone()}</span>
            </p>
            {r.decision.clone().map(|d| {
                view! {
                    <div class="panel" id="decision">
                        <h2 class="section-title">{d.decision.label()} "d"</h2>
                        {d.reason.map(|reason| view! { <p>{reason.label()}</p> })}
                        {d.rationale.map(|text| view! { <p class="prose" id="decision-rationale">{text}</p> })}
                    </div>
                }
            })}
            {r.protection.clone().map(|p| {
                view! {
                    <p id="protection">
                        "Protected until " <ProtectionText protection=p />
                    </p>
                }
            })}
            {r.extension.clone().map(|x| {
                view! {
                    <p id="extension">
                        <strong>{x.status.label()}</strong> ": " {x.justification}
                        {x.rationale.map(|text| format!(" — {text}"))}
                    </p>
                }
            })}
            {question.map(|question| view! { <AnswerForm id question reload /> })}
            <RegistrationFacts registration=r />
            {match extension {
                ExtensionOffer::Now => view! { <ExtensionForm id reload /> }.into_any(),
                ExtensionOffer::From(at) => {
                    view! {
                        <p id="extension-later" class="muted">
                            "You can ask once for a longer protection in its last "
                            {EXTENSION_WINDOW_DAYS} " days, from " <Time value=at /> "."
                        </p>
                    }
                        .into_any()
                }
                ExtensionOffer::No => ().into_any(),
            }}
            {may_withdraw.then(|| view! { <WithdrawButton id reload /> })}
            <h2 class="section-title">"Timeline"</h2>
            <Timeline entries=timeline />
        </section>
    }
}

/// Whether the partner may ask for a longer protection: in its last days, once.
enum ExtensionOffer {
    Now,
    From(String),
    No,
}

fn extension_offer(r: &PartnerRegistration) -> ExtensionOffer {
    match &r.protection {
        Some(p) if r.status == RegistrationStatus::Approved && r.extension.is_none() => {
            if p.days_left < EXTENSION_WINDOW_DAYS {
                ExtensionOffer::Now
            } else {
                ExtensionOffer::From(p.extension_opens_at.clone())
            }
        }
        _ => ExtensionOffer::No,
    }
}

/// What a one-field form on the registration page sends.
#[derive(Clone, Copy)]
enum TextRequest {
    Extension,
    Answer,
}

impl TextRequest {
    fn check(self, text: &str) -> Option<String> {
        let text = text.to_owned();
        let result = match self {
            TextRequest::Extension => ExtensionRequest {
                justification: text,
            }
            .validate(),
            TextRequest::Answer => InfoResponse { answer: text }.validate(),
        };
        result.err().and_then(|e| e.into_values().next())
    }

    async fn send(
        self,
        csrf: String,
        id: i64,
        text: String,
    ) -> Result<PartnerRegistration, ApiError> {
        match self {
            TextRequest::Extension => {
                api::request_extension(
                    &csrf,
                    id,
                    &ExtensionRequest {
                        justification: text,
                    },
                )
                .await
            }
            TextRequest::Answer => {
                api::answer_question(&csrf, id, &InfoResponse { answer: text }).await
            }
        }
    }
}

/// A one-field form that sends a text about the registration and reloads it: the extension
/// request, and the answer to a manager's question.
#[component]
fn TextRequestForm(
    registration: i64,
    request: TextRequest,
    id: &'static str,
    heading: &'static str,
    intro: String,
    label: &'static str,
    /// The request's field name, for the server's errors.
    field_name: &'static str,
    button: &'static str,
    reload: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let text = FieldState::new(format!("{id}-text"), move |v| request.check(v));
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move || {
        if !begin_submit(busy, form_error, &[text]) {
            return;
        }
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = request.send(csrf, registration, text.get()).await;
            busy.set(false);
            match result {
                Ok(_) => reload.run(()),
                Err(e) => show_error(e, &[(field_name, text)], form_error),
            }
        });
    };
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <section class="panel" aria-labelledby=labelled_by>
            <h2 id=heading_id class="section-title">{heading}</h2>
            <p class="prose">{intro}</p>
            <FormError error=form_error />
            <form class="form" novalidate on:submit=on_submit(submit)>
                <TextArea field=text label />
                <SubmitButton id=id label=button busy_label="Sending…" busy />
            </form>
        </section>
    }
}

#[component]
fn ExtensionForm(id: i64, reload: Callback<()>) -> impl IntoView {
    view! {
        <TextRequestForm
            registration=id
            request=TextRequest::Extension
            id="extension-submit"
            heading="Ask for a longer protection"
            intro="You can ask once. A partner manager decides.".to_owned()
            label="Why does this deal need more time?"
            field_name="justification"
            button="Ask for an extension"
            reload
        />
    }
}

#[component]
fn AnswerForm(id: i64, question: String, reload: Callback<()>) -> impl IntoView {
    view! {
        <TextRequestForm
            registration=id
            request=TextRequest::Answer
            id="answer-submit"
            heading="A partner manager asks"
            intro=question
            label="Your answer"
            field_name="answer"
            button="Send answer"
            reload
        />
    }
}

#[component]
fn WithdrawButton(id: i64, reload: Callback<()>) -> impl IntoView {
    let session = use_session();
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let withdraw = move |_| {
        if !confirming.get_untracked() {
            confirming.set(true);
            return;
        }
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let csrf = session.csrf();
        spawn(async move {
            let result = api::withdraw_registration(&csrf, id).await;
            busy.set(false);
            match result {
                Ok(_) => reload.run(()),
                Err(e) => error.set(Some(e.message)),
            }
        });
    };
    let label = move || {
        if confirming.get() {
            "Yes, withdraw it"
        } else {
            "Withdraw this registration"
        }
    };
    view! {
        <div class="actions">
            <button id="withdraw" type="button" class="danger" aria-busy=move || busy.get().then_some("true") on:click=on_click(withdraw)>
                {label}
            </button>
            {move || confirming.get().then(|| view! { <span class="muted">"Withdrawing ends any protection. Click again to confirm."</span> })}
            <p class="error-text" role="alert">{error}</p>
        </div>
    }
}
