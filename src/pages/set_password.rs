//! `/settings/password`: the way back from a forgotten password. Signed out, it e-mails a
//! sign-in link that returns here; within 15 minutes of signing in with such a link, a new
//! password can be set without the current one.

use leptos::prelude::*;
use portico_api::account::{AccountSecurity, SetPassword};
use portico_api::validate;

use crate::api;
use crate::components::field::{begin_submit, show_error};
use crate::components::{
    ErrorNotice, FieldState, FormError, Loading, SubmitButton, TextField, Time, on_submit,
    set_title, spawn,
};
use crate::pages::login::SignInLinkForm;
use crate::pages::registrations::record_page;
use crate::session::{Auth, use_session};

pub const SET_PASSWORD: &str = "/settings/password";

/// A new password and its confirmation, checked as the person types (the server also refuses
/// the most common passwords).
pub fn new_password_fields(id: &'static str) -> (FieldState, FieldState) {
    let password = FieldState::new(id, |v| validate::new_password(v).err().map(str::to_owned));
    let confirm = FieldState::new(format!("{id}-confirm"), move |v| {
        if v.is_empty() {
            Some("Enter the password again.".to_owned())
        } else if v != password.value.get_untracked() {
            Some("The two passwords are not the same.".to_owned())
        } else {
            None
        }
    });
    password.revalidates(confirm);
    (password, confirm)
}

pub const NEW_PASSWORD_HINT: &str = "At least 12 characters, and not one of the most common passwords. A few unrelated words make a strong one.";

#[component]
pub fn SetPasswordPage() -> impl IntoView {
    set_title("Set a new password");
    let session = use_session();
    view! {
        <section class="page narrow">
            <h1>"Set a new password"</h1>
            {move || match session.auth.get() {
                Auth::Loading => view! { <Loading label="Loading your account…" /> }.into_any(),
                Auth::Unknown(message) => {
                    let retry = Callback::new(move |()| session.load());
                    view! { <ErrorNotice message retry /> }.into_any()
                }
                Auth::SignedOut { .. } => {
                    view! {
                        <p>
                            "Forgot your password? We e-mail you a sign-in link. It brings you back here, "
                            "signed in, to choose a new password within 15 minutes."
                        </p>
                        <SignInLinkForm next=SET_PASSWORD heading="E-mail me a sign-in link" />
                    }
                        .into_any()
                }
                Auth::SignedIn(_) => {
                    record_page(
                            api::account_security,
                            "Loading your account…",
                            |security, _| view! { <SetOrExplain security /> }.into_any(),
                        )
                        .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn SetOrExplain(security: AccountSecurity) -> impl IntoView {
    match security.set_password_until {
        Some(until) => view! { <SetPasswordForm until /> }.into_any(),
        None => {
            view! {
                <p id="set-password-unavailable" class="notice notice-info">
                    "A new password can be set without the current one only within 15 minutes of signing in with a sign-in link. "
                    "Change it with your current password on the "
                    <a href="/settings/security">"Account security"</a>
                    " page, or sign out and ask for a sign-in link."
                </p>
            }
                .into_any()
        }
    }
}

#[component]
fn SetPasswordForm(until: String) -> impl IntoView {
    let session = use_session();
    let (password, confirm) = new_password_fields("set-password");
    let form_error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let submit = move || {
        if !begin_submit(busy, form_error, &[password, confirm]) {
            return;
        }
        let request = SetPassword {
            new_password: password.get(),
        };
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::set_password(&csrf, &request).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    password.value.set(String::new());
                    confirm.value.set(String::new());
                    status.set(Some(
                        "Your new password is set. You were signed out everywhere else.",
                    ));
                }
                Err(e) => show_error(e, &[("new_password", password)], form_error),
            }
        });
    };
    view! {
        <p>"You signed in with a sign-in link. Choose a new password until " <Time value=until /> "."</p>
        <FormError error=form_error />
        <form class="form" id="set-password-form" novalidate on:submit=on_submit(submit)>
            <TextField
                field=password
                label="New password"
                kind="password"
                autocomplete="new-password"
                hint=NEW_PASSWORD_HINT
            />
            <TextField field=confirm label="Confirm new password" kind="password" autocomplete="new-password" />
            <SubmitButton id="set-password-submit" label="Set password" busy_label="Saving…" busy />
        </form>
        <p id="set-password-status" class="status-line" role="status">
            {status}
            {move || status.get().map(|_| view! { " " <a href="/">"Go to the start page"</a> })}
        </p>
    }
}
