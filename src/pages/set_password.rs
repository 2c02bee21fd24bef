//! `/settings/password`: the way back from a forgotten password. Signed out, it e-mails a
//! sign-in link that returns here; within 15 minutes of signing in with such a link, a new
//! password can be set without the current one.

use leptos::prelude::*;
use portico_api::account::{AccountSecurity, SetPassword};
use portico_ui::route::Route;

use crate::components::sign_in::SignInLinkForm;
use crate::text;
use portico_ui::api;
use portico_ui::components::field::{begin_submit, show_error};
use portico_ui::components::password::NEW_PASSWORD_HINT;
use portico_ui::components::password::new_password_fields;
use portico_ui::components::record_page;
use portico_ui::components::{ErrorNotice, FormError, Loading, SubmitButton, TextField, Time};
use portico_ui::dom::{on_submit, set_title, spawn};
use portico_ui::session::{Auth, use_session};

#[component]
pub fn SetPasswordPage() -> impl IntoView {
    set_title(text::set_password::TITLE);
    let session = use_session();
    view! {
        <section class="page narrow">
            <h1>{text::set_password::TITLE}</h1>
            {move || match session.auth.get() {
                Auth::Loading => view! { <Loading label=text::set_password::LOADING_ACCOUNT /> }.into_any(),
                Auth::Unknown(message) => {
                    let retry = Callback::new(move |()| session.load());
                    view! { <ErrorNotice message retry /> }.into_any()
                }
                Auth::SignedOut { .. } => {
                    view! {
                        <p>{text::set_password::FORGOT}</p>
                        <SignInLinkForm next=Route::SetPassword heading=text::set_password::LINK_HEADING />
                    }
                        .into_any()
                }
                Auth::SignedIn(_) => {
                    record_page(
                            api::account_security,
                            text::set_password::LOADING_ACCOUNT,
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
        None => view! {
            <p id="set-password-unavailable" class="notice notice-info">
                {text::set_password::UNAVAILABLE_BEFORE_LINK}
                <a href=Route::AccountSecurity.href()>{text::set_password::UNAVAILABLE_LINK}</a>
                {text::set_password::UNAVAILABLE_AFTER_LINK}
            </p>
        }
        .into_any(),
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
                    status.set(Some(text::set_password::DONE));
                }
                Err(e) => show_error(e, &[("new_password", password)], form_error),
            }
        });
    };
    view! {
        <p>
            {text::set_password::UNTIL_BEFORE_TIME}
            <Time value=until />
            {text::set_password::UNTIL_AFTER_TIME}
        </p>
        <FormError error=form_error />
        <form class="form" id="set-password-form" novalidate on:submit=on_submit(submit)>
            <TextField
                field=password
                label=text::set_password::NEW_PASSWORD
                kind="password"
                autocomplete="new-password"
                hint=NEW_PASSWORD_HINT
            />
            <TextField field=confirm label=text::set_password::CONFIRM_NEW_PASSWORD kind="password" autocomplete="new-password" />
            <SubmitButton id="set-password-submit" label=text::set_password::SUBMIT busy_label=text::common::SAVING busy />
        </form>
        <p id="set-password-status" class="status-line" role="status">
            {status}
            {move || status.get().map(|_| view! { " " <a href=Route::Home.href()>{text::set_password::GO_HOME}</a> })}
        </p>
    }
}
