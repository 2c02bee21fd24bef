//! Sign in with e-mail and password, then go back where the person was headed.

use leptos::prelude::*;
use portico_api::auth::MagicLinkRequest;
use portico_api::{LoginRequest, validate};

use crate::api;
use crate::components::field::{begin_submit, show_error};
use crate::components::{
    FieldState, FormError, SubmitButton, TextField, focus_by_id, on_submit, set_title, spawn,
};
use crate::router::use_location;
use crate::session::{Auth, safe_next, use_session};

#[component]
pub fn LoginPage() -> impl IntoView {
    set_title("Sign in");
    let session = use_session();
    let location = use_location();
    let expired = location.query("expired").as_deref() == Some("1");

    // Signed in, whether just now or from before: on to where the person was going.
    Effect::new(move |_| {
        if matches!(session.auth.get(), Auth::SignedIn(_)) {
            let next = location
                .query("next")
                .filter(|n| safe_next(n).is_some())
                .unwrap_or_else(|| "/".to_owned());
            location.replace(&next);
        }
    });

    let email = FieldState::new("email", |v| validate::email(v).err().map(str::to_owned));
    let password = FieldState::new("password", |v| {
        v.is_empty().then(|| "Enter your password.".to_owned())
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
                Ok(me) => session.signed_in(me),
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
        <section class="page narrow">
            <h1>"Sign in to Portico"</h1>
            {expired
                .then(|| {
                    view! {
                        <p id="session-notice" class="notice notice-info" role="status">
                            "Your session has ended. Sign in again to continue."
                        </p>
                    }
                })}
            <FormError error=form_error />
            <form class="form" novalidate on:submit=on_submit(submit)>
                <TextField field=email label="E-mail address" kind="email" autocomplete="username" />
                <TextField
                    field=password
                    label="Password"
                    kind="password"
                    autocomplete="current-password"
                />
                <SubmitButton id="sign-in" label="Sign in" busy_label="Signing in…" busy />
            </form>
            <SignInLinkForm />
            <p class="muted">
                "New here? Accounts are created from an invitation link: ask your partner manager for one."
            </p>
        </section>
    }
}

/// "E-mail me a sign-in link": the answer is the same whether or not the address has an
/// account, and says so.
#[component]
fn SignInLinkForm() -> impl IntoView {
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
            next: location.query("next").filter(|n| safe_next(n).is_some()),
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
            <h2 id="link-heading" class="section-title">"No password at hand?"</h2>
            <FormError error=form_error />
            <form class="form" novalidate on:submit=on_submit(submit)>
                <TextField field=email label="E-mail address" kind="email" autocomplete="username" />
                <SubmitButton id="send-sign-in-link" label="E-mail me a sign-in link" busy_label="Sending…" busy />
            </form>
            <p id="sign-in-link-sent" role="status" aria-live="polite">{sent}</p>
        </section>
    }
}
