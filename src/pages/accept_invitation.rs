//! `/invite/:token`: see what the invitation is for, choose a name and password, and join.

use leptos::prelude::*;
use portico_api::invitations::{AcceptInvitation, InvitationPreview};
use portico_api::validate;
use portico_ui::route::Route;

use portico_ui::api;
use portico_ui::components::field::{begin_submit, show_error};
use portico_ui::components::{
    ErrorNotice, FieldState, FormError, Loading, SubmitButton, TextField, Time,
};
use portico_ui::dom::{on_submit, set_title, spawn};
use portico_ui::location::use_location;
use portico_ui::session::use_session;

#[derive(Clone)]
enum Step {
    Checking,
    Ready(InvitationPreview),
    /// Unknown, used or expired: one message for all.
    Gone,
    Failed(String),
}

#[component]
pub fn AcceptInvitationPage(token: String) -> impl IntoView {
    set_title("Accept your invitation");
    let token = StoredValue::new(token);
    let step = RwSignal::new(Step::Checking);
    let check = move || {
        step.set(Step::Checking);
        spawn(async move {
            step.set(match api::invitation_preview(&token.get_value()).await {
                Ok(preview) => Step::Ready(preview),
                Err(e) if e.is_not_found() => Step::Gone,
                Err(e) => Step::Failed(e.message),
            });
        });
    };
    check();
    let retry = Callback::new(move |()| check());
    view! {
        <section class="page narrow">
            {move || match step.get() {
                Step::Checking => view! { <Loading label="Checking your invitation…" /> }.into_any(),
                Step::Ready(invitation) => view! { <AcceptForm token invitation step /> }.into_any(),
                Step::Gone => {
                    view! {
                        <h1>"This invitation link does not work"</h1>
                        <p>
                            "It may have expired, been used already, or been replaced by a newer invitation. "
                            "Ask the person who invited you to send a new link."
                        </p>
                        <p>"Already have an account? " <a href=Route::Login.href()>"Sign in"</a></p>
                    }
                        .into_any()
                }
                Step::Failed(message) => {
                    view! {
                        <h1>"Accept your invitation"</h1>
                        <ErrorNotice message retry />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn AcceptForm(
    token: StoredValue<String>,
    invitation: InvitationPreview,
    step: RwSignal<Step>,
) -> impl IntoView {
    let session = use_session();
    let location = use_location();

    let name = FieldState::new("accept-name", |v| {
        validate::person_name(v).err().map(str::to_owned)
    });
    let password = FieldState::new("accept-password", |v| {
        validate::new_password(v).err().map(str::to_owned)
    });
    let confirm = FieldState::new("accept-confirm", move |v| {
        if v.is_empty() {
            Some("Enter the password again.".to_owned())
        } else if v != password.value.get_untracked() {
            Some("The two passwords are not the same.".to_owned())
        } else {
            None
        }
    });
    password.revalidates(confirm);
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let submit = move || {
        if !begin_submit(busy, form_error, &[name, password, confirm]) {
            return;
        }
        let request = AcceptInvitation {
            name: name.get().trim().to_owned(),
            password: password.get(),
        };
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::accept_invitation(&csrf, &token.get_value(), &request).await;
            busy.set(false);
            match result {
                Ok(me) => {
                    session.signed_in(me);
                    location.go(&Route::Home.href());
                }
                Err(e) if e.is_not_found() => step.set(Step::Gone),
                Err(e) => show_error(e, &[("name", name), ("password", password)], form_error),
            }
        });
    };

    let organization = invitation
        .organization
        .map_or_else(|| "Vendor staff".to_owned(), |o| o.name);
    let signed_in_as = session.me().map(|me| me.user.email);
    view! {
        <h1>"Join Portico"</h1>
        <p>"You have been invited to Portico. Choose your name and a password to create your account."</p>
        <dl class="summary">
            <div>
                <dt>"E-mail"</dt>
                <dd>{invitation.email}</dd>
            </div>
            <div>
                <dt>"Organization"</dt>
                <dd>{organization}</dd>
            </div>
            <div>
                <dt>"Role"</dt>
                <dd>{invitation.role.label()}</dd>
            </div>
            <div>
                <dt>"Link valid until"</dt>
                <dd>
                    <Time value=invitation.expires_at />
                </dd>
            </div>
        </dl>
        {signed_in_as
            .map(|email| {
                view! {
                    <p class="notice notice-info">
                        "You are signed in as " {email}
                        ". Creating this account signs you in as the new account instead."
                    </p>
                }
            })}
        <FormError error=form_error />
        <form class="form" novalidate on:submit=on_submit(submit)>
            <TextField field=name label="Your name" autocomplete="name" />
            <TextField
                field=password
                label="Password"
                kind="password"
                autocomplete="new-password"
                hint="At least 12 characters. A few unrelated words make a strong one."
            />
            <TextField field=confirm label="Confirm password" kind="password" autocomplete="new-password" />
            <SubmitButton
                id="accept-submit"
                label="Create account"
                busy_label="Creating your account…"
                busy
            />
        </form>
    }
}
