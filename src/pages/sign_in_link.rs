//! `/sign-in/:token`: the link from a sign-in e-mail. Signing in takes a click, so a mail
//! scanner that opens the link does not use it up. With two-factor sign-in on, the code step
//! follows.

use leptos::prelude::*;
use portico_api::Me;
use portico_ui::route::{App, Route};

use crate::components::sign_in::SecondFactorForm;
use crate::text;
use portico_ui::api::{self, SignIn};
use portico_ui::dom::{set_title, spawn};
use portico_ui::location::use_location;
use portico_ui::session::{safe_next, use_session};

#[component]
pub fn SignInLinkPage(token: String) -> impl IntoView {
    set_title(text::common::SIGN_IN);
    let session = use_session();
    let location = use_location();
    let token = StoredValue::new(token);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(None::<String>);
    let done = Callback::new(move |me: Me| {
        let next = location
            .query("next")
            .filter(|n| safe_next(n).is_some())
            .unwrap_or_else(|| App::for_role(me.user.role).home().href());
        location.replace(&next);
        session.signed_in(me);
    });
    let sign_in = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let csrf = session.csrf();
        spawn(async move {
            match api::redeem_sign_in_link(&csrf, &token.get_value()).await {
                Ok(SignIn::Done(me)) => done.run(me),
                Ok(SignIn::SecondFactor(second)) => pending.set(Some(second.pending_token)),
                Err(e) => {
                    busy.set(false);
                    error.set(Some(if e.is_not_found() {
                        text::sign_in_link::LINK_GONE.to_owned()
                    } else {
                        e.message
                    }));
                }
            }
        });
    };
    let label = move || {
        if busy.get() {
            text::common::SIGNING_IN
        } else {
            text::common::SIGN_IN
        }
    };
    // The link is used up: starting again means a password or a new link.
    let restart = Callback::new(move |()| location.go(&Route::Login.href()));
    view! {
        <section class="page narrow">
            <h1>{text::common::SIGN_IN_TO_PORTICO}</h1>
            {move || match pending.get() {
                Some(token) => view! { <SecondFactorForm token done restart /> }.into_any(),
                None => {
                    view! {
                        <p>{text::sign_in_link::READY}</p>
                        <button id="use-sign-in-link" type="button" class="primary" aria-busy=move || busy.get().then_some("true") on:click=sign_in>
                            {label}
                        </button>
                        <p class="error-text" role="alert">{error}</p>
                        <p class="muted" hidden=move || error.get().is_none()><a href=Route::Login.href()>{text::sign_in_link::GO_TO_SIGN_IN}</a></p>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
