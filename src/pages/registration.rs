//! `/registrations/{id}`: one registration with its decision, protection and timeline; the
//! partner answers a manager's question, asks once for a longer protection in its last days,
//! or withdraws it.

use leptos::prelude::*;
use portico_api::registrations::{
    EXTENSION_WINDOW_DAYS, ExtensionRequest, InfoResponse, PartnerRegistration,
    PartnerRegistrationDetail, RegistrationStatus,
};
use portico_ui::route::Route;

use crate::text;
use portico_ui::api::{self, ApiError};
use portico_ui::components::ProtectionText;
use portico_ui::components::RegistrationFacts;
use portico_ui::components::StatusBadge;
use portico_ui::components::Timeline;
use portico_ui::components::field::{begin_submit, show_error};
use portico_ui::components::record_page;
use portico_ui::components::{FieldState, FormError, SubmitButton, TextArea, Time};
use portico_ui::dom::{on_click, on_submit, set_title, spawn};
use portico_ui::session::use_session;

#[component]
pub fn MyRegistrationPage(id: i64) -> impl IntoView {
    set_title(text::registration::TITLE);
    record_page(
        move || api::my_registration(id),
        text::registration::LOADING,
        |detail, reload| view! { <PartnerDetail detail reload /> }.into_any(),
    )
}

#[component]
fn PartnerDetail(detail: PartnerRegistrationDetail, reload: Callback<()>) -> impl IntoView {
    let PartnerRegistrationDetail {
        registration: r,
        timeline,
    } = detail;
    set_title(&text::registration::title(&r.number));
    let extension = extension_offer(&r);
    let may_withdraw = r.status.may_withdraw();
    let question = r.open_question.clone();
    let id = r.id;
    view! {
        <section class="page">
            <p>
                <a href=Route::MyRegistrations.href()>{text::registration::BACK}</a>
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
                        <h2 class="section-title">{text::registration::decided(d.decision.label())}</h2>
                        {d.reason.map(|reason| view! { <p>{reason.label()}</p> })}
                        {d.rationale.map(|text| view! { <p class="prose" id="decision-rationale">{text}</p> })}
                    </div>
                }
            })}
            {r.protection.clone().map(|p| {
                view! {
                    <p id="protection">
                        {text::registration::PROTECTED_UNTIL}
                        <ProtectionText protection=p />
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
                            {text::registration::extension_later_before_date(EXTENSION_WINDOW_DAYS)}
                            <Time value=at />
                            {text::registration::EXTENSION_LATER_AFTER_DATE}
                        </p>
                    }
                        .into_any()
                }
                ExtensionOffer::No => ().into_any(),
            }}
            {may_withdraw.then(|| view! { <WithdrawButton id reload /> })}
            <h2 class="section-title">{text::registration::TIMELINE}</h2>
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
                <SubmitButton id=id label=button busy_label=text::common::SENDING busy />
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
            heading=text::registration::EXTENSION_HEADING
            intro=text::registration::EXTENSION_INTRO.to_owned()
            label=text::registration::EXTENSION_LABEL
            field_name="justification"
            button=text::registration::EXTENSION_SUBMIT
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
            heading=text::registration::ANSWER_HEADING
            intro=question
            label=text::registration::ANSWER_LABEL
            field_name="answer"
            button=text::registration::ANSWER_SUBMIT
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
            text::registration::WITHDRAW_CONFIRM
        } else {
            text::registration::WITHDRAW
        }
    };
    view! {
        <div class="actions">
            <button id="withdraw" type="button" class="danger" aria-busy=move || busy.get().then_some("true") on:click=on_click(withdraw)>
                {label}
            </button>
            {move || confirming.get().then(|| view! { <span class="muted">{text::registration::WITHDRAW_WARNING}</span> })}
            <p class="error-text" role="alert">{error}</p>
        </div>
    }
}
