//! `/manage/registrations/{id}`: a registration beside the claims it collides with, the
//! suggested resolution, and the decision form.

use leptos::prelude::*;
use portico_api::integrations::CardSubject;
use portico_api::registrations::{
    DecisionRequest, DeclineReason, InfoRequest, ManagerRegistrationDetail, RegistrationStatus,
    Verdict,
};
use portico_ui::route::Route;

use crate::components::CardLinkPanel;
use crate::components::resolution::{Claim, Resolution, open_next};
use crate::components::side_by_side::{FindingsNotice, SideBySide};
use portico_ui::api;
use portico_ui::components::field::{begin_submit, show_error};
use portico_ui::components::{
    FieldState, FormError, RadioGroup, SelectField, SubmitButton, TextArea, Timeline, record_page,
};
use portico_ui::dom::{on_click, on_submit, set_title, spawn};
use portico_ui::location::use_location;
use portico_ui::session::use_session;

use crate::text;

#[component]
pub fn ManageRegistrationPage(id: i64) -> impl IntoView {
    set_title(text::registration::TITLE);
    record_page(
        move || api::registration_for_manager(id),
        text::registration::LOADING,
        |detail, reload| view! { <ManagerDetail detail reload /> }.into_any(),
    )
}

#[component]
fn ManagerDetail(detail: ManagerRegistrationDetail, reload: Callback<()>) -> impl IntoView {
    let ManagerRegistrationDetail {
        registration,
        findings,
        matches,
        later_claims,
        accounts,
        suggestion,
        timeline,
    } = detail;
    let r = &registration.registration;
    set_title(&text::registration::title(&r.number));
    let id = r.id;
    let open = r.status.is_open();
    let may_ask = r.status == RegistrationStatus::Submitted;
    let extension_pending = r
        .extension
        .as_ref()
        .is_some_and(|x| x.status == portico_api::registrations::ExtensionStatus::Requested);
    let title = format!("{} · {}", r.number, r.company_name);
    let summary = registration.conflict_summary();
    let has_conflict = !findings.is_empty() || !later_claims.is_empty();
    let competing: Vec<Claim> = matches
        .iter()
        .chain(&later_claims)
        .map(|m| &m.registration)
        .filter(|c| c.status.is_open())
        .map(|c| (c.id, c.number.clone()))
        .collect();
    let resolution = (open && !competing.is_empty()).then(|| {
        let this = (id, r.number.clone());
        view! { <Resolution this competing reload /> }
    });
    view! {
        <section class="page">
            <p>
                <a href=Route::ApprovalQueue.href()>{text::registration::BACK}</a>
            </p>
            <h1>{title}</h1>
            {has_conflict.then(|| {
                let findings = findings.clone();
                view! { <FindingsNotice summary findings suggestion /> }
            })}
            <SideBySide registration findings matches later_claims accounts />
            {resolution}
            {open.then(|| view! { <DecisionForm id extension=false may_ask conflict=has_conflict reload /> })}
            {extension_pending.then(|| view! { <DecisionForm id extension=true reload /> })}
            <CardLinkPanel subject=CardSubject::Registration(id) />
            <h2 class="section-title">{text::registration::TIMELINE}</h2>
            <Timeline entries=timeline />
        </section>
    }
}

/// The decision form's third choice: a question instead of a verdict.
const ASK: &str = "ask";

/// Approve or decline the registration, or its pending extension request.
#[component]
fn DecisionForm(
    id: i64,
    extension: bool,
    /// Whether "ask the partner" is a choice (an undecided registration without an open question).
    #[prop(optional)]
    may_ask: bool,
    /// Whether another claim or an account competes: a decline's reason starts as "already
    /// registered".
    #[prop(optional)]
    conflict: bool,
    reload: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    // Which button sent the form: record, or record and go on through the queue.
    let then_next = StoredValue::new(false);
    let prefix = if extension { "ext" } else { "decision" };
    let verdict = FieldState::new(format!("{prefix}-verdict"), move |v| {
        (Verdict::parse(v).is_none() && !(may_ask && v == ASK))
            .then(|| text::registration::CHOOSE.to_owned())
    });
    let declining = move || verdict.value.get() == Verdict::Decline.as_str();
    let first_reason = if conflict {
        DeclineReason::AlreadyRegistered
    } else {
        DeclineReason::Other
    };
    let reason = FieldState::plain(format!("{prefix}-reason"), first_reason.as_str());
    let rationale = FieldState::new(format!("{prefix}-rationale"), move |v| {
        let choice = verdict.get();
        let needed = match choice.as_str() {
            ASK => Some(text::registration::WRITE_QUESTION),
            "decline" => Some(text::registration::EXPLAIN_DECLINE),
            _ => None,
        };
        needed.filter(|_| v.trim().is_empty()).map(str::to_owned)
    });
    verdict.revalidates(rationale);
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let names = [
        ("decision", verdict),
        ("reason", reason),
        ("rationale", rationale),
    ];
    let submit = move || {
        if !begin_submit(busy, form_error, &[verdict, rationale]) {
            return;
        }
        let csrf = session.csrf();
        if verdict.get() == ASK {
            let question = InfoRequest {
                question: rationale.get(),
            };
            busy.set(true);
            spawn(async move {
                let result = api::ask_partner(&csrf, id, &question).await;
                busy.set(false);
                match result {
                    Ok(_) => reload.run(()),
                    Err(e) => show_error(e, &[("question", rationale)], form_error),
                }
            });
            return;
        }
        let decision = Verdict::parse(&verdict.get()).unwrap_or(Verdict::Approve);
        let request = DecisionRequest {
            decision,
            rationale: Some(rationale.get()).filter(|r| !r.trim().is_empty()),
            reason: (decision == Verdict::Decline && !extension)
                .then(|| DeclineReason::parse(&reason.get()))
                .flatten(),
        };
        busy.set(true);
        spawn(async move {
            let result = api::decide_registration(&csrf, id, extension, &request).await;
            busy.set(false);
            match result {
                Ok(_) if then_next.get_value() => open_next(location, id),
                Ok(_) => reload.run(()),
                Err(e) => show_error(e, &names, form_error),
            }
        });
    };
    let mut choices = vec![
        ("approve", text::registration::APPROVE),
        ("decline", text::registration::DECLINE),
    ];
    if may_ask {
        choices.push((ASK, text::registration::ASK));
    }
    let reasons = DeclineReason::ALL
        .iter()
        .map(|r| (r.as_str().to_owned(), r.label().to_owned()))
        .collect::<Vec<_>>();
    let heading = if extension {
        text::registration::DECIDE_EXTENSION
    } else {
        text::registration::DECIDE
    };
    let hint = if extension {
        text::registration::EXTENSION_HINT
    } else {
        text::registration::DECISION_HINT
    };
    view! {
        <section class="panel" aria-label=heading>
            <h2 class="section-title">{heading}</h2>
            <p class="muted">{hint}</p>
            <FormError error=form_error />
            <form
                class="form"
                novalidate
                on:submit=on_submit(move || {
                    then_next.set_value(false);
                    submit();
                })
            >
                <RadioGroup field=verdict legend=text::registration::DECISION options=choices />
                {move || (declining() && !extension).then(|| view! {
                    <SelectField field=reason label=text::registration::REASON options=reasons.clone() />
                })}
                {move || {
                    let (label, optional) = match verdict.value.get().as_str() {
                        ASK => (text::registration::QUESTION, false),
                        "decline" => (text::registration::RATIONALE, false),
                        _ => (text::registration::RATIONALE, true),
                    };
                    view! {
                        <TextArea field=rationale label hint=text::registration::RATIONALE_HINT optional />
                    }
                }}
                <SubmitButton
                    id=if extension { "extension-decision-submit" } else { "decision-submit" }
                    label=text::registration::RECORD
                    busy_label=text::registration::RECORDING
                    busy
                />
                {(!extension).then(|| view! {
                    <button
                        id="decision-next"
                        type="button"
                        class="secondary"
                        disabled=busy
                        on:click=on_click(move |_| {
                            then_next.set_value(true);
                            submit();
                        })
                    >
                        {text::registration::RECORD_AND_NEXT}
                    </button>
                })}
            </form>
        </section>
    }
}
