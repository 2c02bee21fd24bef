//! The sign-in forms the sign-in pages share: the second factor after a right password or
//! sign-in link, and the request for a sign-in link by e-mail.

use leptos::prelude::*;
use portico_api::account::SignInCode;
use portico_api::auth::{MagicLinkRequest, SecondFactorRequest};
use portico_api::{Me, validate};
use portico_ui::route::Route;

use crate::text;
use portico_ui::api::{self};
use portico_ui::components::field::{begin_submit, show_error};
use portico_ui::components::{FieldState, FormError, SubmitButton, TextField};
use portico_ui::dom::{focus_soon, on_submit, spawn};
use portico_ui::location::use_location;
use portico_ui::session::{safe_next, use_session};

/// The second step of signing in: the code from the authenticator app, or a recovery code.
/// `done` gets the session; `restart` goes back to the first step.
#[component]
pub fn SecondFactorForm(token: String, done: Callback<Me>, restart: Callback<()>) -> impl IntoView {
    let session = use_session();
    let token = StoredValue::new(token);
    let code = FieldState::new("second-factor-code", |v| {
        SignInCode::parse(v).err().map(str::to_owned)
    });
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    focus_soon("second-factor-code".to_owned());
    let submit = move || {
        if !begin_submit(busy, form_error, &[code]) {
            return;
        }
        let request = SecondFactorRequest {
            pending_token: token.get_value(),
            code: code.get(),
        };
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::second_factor(&csrf, &request).await;
            busy.set(false);
            match result {
                Ok(me) => done.run(me),
                Err(e) if e.is_not_found() => {
                    form_error.set(Some(text::sign_in::SECOND_FACTOR_ENDED.to_owned()))
                }
                Err(e) => show_error(e, &[("code", code)], form_error),
            }
        });
    };
    view! {
        <h2 class="section-title">{text::sign_in::SECOND_FACTOR_HEADING}</h2>
        <p>{text::sign_in::SECOND_FACTOR_INTRO}</p>
        <FormError error=form_error />
        <form class="form" id="second-factor-form" novalidate on:submit=on_submit(submit)>
            <TextField field=code label=text::sign_in::CODE autocomplete="one-time-code" />
            <SubmitButton
                id="second-factor-submit"
                label=text::sign_in::VERIFY
                busy_label=text::sign_in::CHECKING
                busy
            />
        </form>
        <p class="muted">
            <button type="button" class="link-button" on:click=move |_| restart.run(())>
                {text::sign_in::START_AGAIN}
            </button>
            {text::sign_in::START_AGAIN_AFTER_BUTTON}
        </p>
    }
}

/// "E-mail me a sign-in link": the answer is the same whether or not the address has an
/// account, and says so. The link leads to `next`, or to where the sign-in page was headed.
#[component]
pub fn SignInLinkForm(
    #[prop(optional)] next: Option<Route>,
    #[prop(default = text::sign_in::LINK_HEADING)] heading: &'static str,
) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let email = FieldState::new("link-email", |v| {
        validate::email(v).err().map(str::to_owned)
    });
    let form_error = RwSignal::new(None::<String>);
    let sent = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move || {
        if !begin_submit(busy, form_error, &[email]) {
            return;
        }
        let request = MagicLinkRequest {
            email: email.get().trim().to_owned(),
            next: next
                .as_ref()
                .map(Route::href)
                .or_else(|| location.query("next").filter(|n| safe_next(n).is_some())),
        };
        let csrf = session.csrf();
        busy.set(true);
        sent.set(None);
        spawn(async move {
            let result = api::request_sign_in_link(&csrf, &request).await;
            busy.set(false);
            match result {
                Ok(answer) => sent.set(Some(answer.message)),
                Err(e) => show_error(e, &[("email", email)], form_error),
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="link-heading">
            <h2 id="link-heading" class="section-title">{heading}</h2>
            <FormError error=form_error />
            <form class="form" novalidate on:submit=on_submit(submit)>
                <TextField field=email label=text::common::EMAIL_ADDRESS kind="email" autocomplete="username" />
                <SubmitButton id="send-sign-in-link" label=text::sign_in::SEND_LINK busy_label=text::common::SENDING busy />
            </form>
            <p id="sign-in-link-sent" role="status" aria-live="polite">{sent}</p>
        </section>
    }
}
