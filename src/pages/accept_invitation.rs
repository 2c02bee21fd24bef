//! `/invite/:token`: see what the invitation is for, choose a name and password, and join.

use leptos::prelude::*;
use portico_api::invitations::{AcceptInvitation, InvitationPreview};
use portico_api::validate;
use portico_ui::route::Route;

use crate::text;
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
    set_title(text::accept_invitation::TITLE);
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
                Step::Checking => view! { <Loading label=text::accept_invitation::CHECKING /> }.into_any(),
                Step::Ready(invitation) => view! { <AcceptForm token invitation step /> }.into_any(),
                Step::Gone => {
                    view! {
                        <h1>{text::accept_invitation::GONE_HEADING}</h1>
                        <p>{text::accept_invitation::GONE_EXPLANATION}</p>
                        <p>
                            {text::accept_invitation::HAVE_ACCOUNT_BEFORE_LINK}
                            <a href=Route::Login.href()>{text::accept_invitation::HAVE_ACCOUNT_LINK}</a>
                        </p>
                    }
                        .into_any()
                }
                Step::Failed(message) => {
                    view! {
                        <h1>{text::accept_invitation::TITLE}</h1>
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
            Some(text::accept_invitation::ENTER_PASSWORD_AGAIN.to_owned())
        } else if v != password.value.get_untracked() {
            Some(text::accept_invitation::PASSWORDS_DIFFER.to_owned())
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

    let organization = invitation.organization.map_or_else(
        || text::accept_invitation::VENDOR_STAFF.to_owned(),
        |o| o.name,
    );
    let signed_in_as = session.me().map(|me| me.user.email);
    view! {
        <h1>{text::accept_invitation::HEADING}</h1>
        <p>{text::accept_invitation::INTRO}</p>
        <dl class="summary">
            <div>
                <dt>{text::accept_invitation::EMAIL}</dt>
                <dd>{invitation.email}</dd>
            </div>
            <div>
                <dt>{text::accept_invitation::ORGANIZATION}</dt>
                <dd>{organization}</dd>
            </div>
            <div>
                <dt>{text::accept_invitation::ROLE}</dt>
                <dd>{invitation.role.label()}</dd>
            </div>
            <div>
                <dt>{text::accept_invitation::VALID_UNTIL}</dt>
                <dd>
                    <Time value=invitation.expires_at />
                </dd>
            </div>
        </dl>
        {signed_in_as
            .map(|email| {
                view! {
                    <p class="notice notice-info">
                        {text::accept_invitation::signed_in_as(&email)}
                    </p>
                }
            })}
        <FormError error=form_error />
        <form class="form" novalidate on:submit=on_submit(submit)>
            <TextField field=name label=text::accept_invitation::YOUR_NAME autocomplete="name" />
            <TextField
                field=password
                label=text::common::PASSWORD
                kind="password"
                autocomplete="new-password"
                hint=text::accept_invitation::PASSWORD_HINT
            />
            <TextField field=confirm label=text::accept_invitation::CONFIRM_PASSWORD kind="password" autocomplete="new-password" />
            <SubmitButton
                id="accept-submit"
                label=text::accept_invitation::CREATE_ACCOUNT
                busy_label=text::accept_invitation::CREATING_ACCOUNT
                busy
            />
        </form>
    }
}
