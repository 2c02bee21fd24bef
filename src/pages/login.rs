//! Sign in with e-mail and password (and a code, with two-factor sign-in on), then go back
//! where the person was headed.

use leptos::prelude::*;
use portico_api::{LoginRequest, Me, validate};
use portico_ui::route::{App, Route};

use crate::components::sign_in::SecondFactorForm;
use crate::components::sign_in::SignInLinkForm;
use crate::text;
use portico_ui::api::{self, SignIn};
use portico_ui::components::field::{begin_submit, show_error};
use portico_ui::components::{FieldState, FormError, SubmitButton, TextField};
use portico_ui::dom::{focus_by_id, on_submit, set_title, spawn};
use portico_ui::location::use_location;
use portico_ui::session::{Auth, safe_next, use_session};

#[component]
pub fn LoginPage() -> impl IntoView {
    set_title(text::common::SIGN_IN);
    let session = use_session();
    let location = use_location();
    let expired = location.query("expired").as_deref() == Some("1");

    // Signed in, whether just now or from before: on to where the person was going, or to
    // their app's home page (the console for vendor staff).
    Effect::new(move |_| {
        if let Auth::SignedIn(me) = session.auth.get() {
            let next = location
                .query("next")
                .filter(|n| safe_next(n).is_some())
                .unwrap_or_else(|| App::for_role(me.user.role).home().href());
            location.replace(&next);
        }
    });

    // The token of a right password, while the code is asked for.
    let pending = RwSignal::new(None::<String>);
    let restart = Callback::new(move |()| pending.set(None));
    let done = Callback::new(move |me: Me| session.signed_in(me));
    view! {
        <section class="page narrow">
            <h1>{text::common::SIGN_IN_TO_PORTICO}</h1>
            {expired
                .then(|| {
                    view! {
                        <p id="session-notice" class="notice notice-info" role="status">
                            {text::login::SESSION_ENDED}
                        </p>
                    }
                })}
            {move || match pending.get() {
                Some(token) => view! { <SecondFactorForm token done restart /> }.into_any(),
                None => view! { <PasswordForm pending /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn PasswordForm(pending: RwSignal<Option<String>>) -> impl IntoView {
    let session = use_session();
    let email = FieldState::new("email", |v| validate::email(v).err().map(str::to_owned));
    let password = FieldState::new("password", |v| {
        v.is_empty().then(|| text::login::ENTER_PASSWORD.to_owned())
    });
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let submit = move || {
        if !begin_submit(busy, form_error, &[email, password]) {
            return;
        }
        let request = LoginRequest {
            email: email.get().trim().to_owned(),
            password: password.get(),
        };
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::login(&csrf, &request).await;
            busy.set(false);
            match result {
                Ok(SignIn::Done(me)) => session.signed_in(me),
                Ok(SignIn::SecondFactor(second)) => pending.set(Some(second.pending_token)),
                Err(e) => {
                    let wrong_pair = e.code == "invalid_credentials";
                    show_error(e, &[("email", email), ("password", password)], form_error);
                    if wrong_pair {
                        focus_by_id("password");
                    }
                }
            }
        });
    };

    view! {
        <FormError error=form_error />
        <form class="form" novalidate on:submit=on_submit(submit)>
            <TextField field=email label=text::common::EMAIL_ADDRESS kind="email" autocomplete="username" />
            <TextField
                field=password
                label=text::common::PASSWORD
                kind="password"
                autocomplete="current-password"
            />
            <SubmitButton id="sign-in" label=text::common::SIGN_IN busy_label=text::common::SIGNING_IN busy />
        </form>
        <p>
            <a id="forgot-password" href=Route::SetPassword.href()>{text::login::FORGOT_PASSWORD}</a>
        </p>
        <SignInLinkForm />
        <p class="muted">
            {text::login::NEW_HERE}
        </p>
    }
}
