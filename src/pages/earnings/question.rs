//! Asking the partner manager about an earning: a disclosure in the earning's row, so the
//! statement stays readable and the question sits beside what it is about.

use leptos::prelude::*;
use portico_api::ledger::{RaiseDispute, comment};

use portico_ui::api;
use portico_ui::components::field::{begin_submit, show_error};
use portico_ui::components::{FieldState, SubmitButton, TextArea};
use portico_ui::dom::{on_submit, spawn};
use portico_ui::session::use_session;

use crate::text;

#[component]
pub(super) fn Question(earning_id: i64, customer: String, asked: Callback<()>) -> impl IntoView {
    let session = use_session();
    let field = FieldState::new(format!("question-{earning_id}"), |v| {
        comment(v)
            .is_err()
            .then(|| text::earnings::COMMENT_NEEDED.to_owned())
    });
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move || {
        if !begin_submit(busy, form_error, &[field]) {
            return;
        }
        let body = RaiseDispute {
            comment: field.get(),
        };
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::dispute_earning(&csrf, earning_id, &body).await;
            busy.set(false);
            match result {
                Ok(_) => asked.run(()),
                Err(e) => show_error(e, &[("comment", field)], form_error),
            }
        });
    };
    view! {
        <details class="question">
            <summary>
                {text::earnings::ASK}
                <span class="visually-hidden">{text::earnings::about(&customer)}</span>
            </summary>
            // Not the page's form error: each earning's row has its own.
            <p class="error-text" role="alert">{form_error}</p>
            <form class="form" novalidate on:submit=on_submit(submit)>
                <TextArea field label=text::earnings::COMMENT />
                <SubmitButton id=format!("question-{earning_id}-send") label=text::earnings::SEND
                    busy_label=text::earnings::SENDING busy />
            </form>
        </details>
    }
}
