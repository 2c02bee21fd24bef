//! `/registrations/new`: register a deal or a lead, checked as the partner types with the same
//! rules the server applies, and confirmed with the registration number and the conflict check.

use leptos::prelude::*;
use portico_api::date::Date;
use portico_api::registrations::{PartnerRegistration, Product};
use portico_ui::route::Route;

use portico_ui::api;
use portico_ui::dom::{on_click, set_title, spawn};
use portico_ui::session::use_session;

use crate::text;

mod form;
mod products;
mod requirements;

use form::RegistrationForm;
use requirements::{Lacking, MotionRequirements};

/// Today in UTC, the day the server checks close dates against.
pub fn today() -> Date {
    Date::from_unix((js_sys::Date::now() / 1000.0) as i64)
}

/// A fresh key for one filled-in form: resending it never registers twice.
fn form_key() -> String {
    let random = (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64;
    format!("form-{:x}-{random:x}", js_sys::Date::now() as u64)
}

fn message<T>(result: Result<T, &'static str>) -> Option<String> {
    result.err().map(str::to_owned)
}

/// How the form reaches the server: a signed-in partner, or an organization's secret link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Channel {
    Portal,
    Link(String),
}

impl Channel {
    async fn products(&self) -> Result<Vec<Product>, portico_ui::api::ApiError> {
        match self {
            Channel::Portal => api::products().await,
            Channel::Link(token) => api::link_form(token).await.map(|form| form.products),
        }
    }
}

#[component]
pub fn RegisterPage(#[prop(default = Channel::Portal)] channel: Channel) -> impl IntoView {
    set_title(text::register::TITLE);
    let via_link = matches!(channel, Channel::Link(_));
    let lacking = Lacking::provide(&channel);
    let done = RwSignal::new(None::<PartnerRegistration>);
    // Bumped by "Register another" to start from an empty form with a new key.
    let form_round = RwSignal::new(0u32);
    // A seller without an account sees whom the link registers for.
    let organization = RwSignal::new(None::<String>);
    // The currency of the organization's country; a link's form learns it with the form.
    let currency = RwSignal::new(match &channel {
        Channel::Portal => untrack(|| use_session().me()).and_then(|me| me.currency),
        Channel::Link(_) => None,
    });
    if let Channel::Link(token) = &channel {
        let token = token.clone();
        spawn(async move {
            if let Ok(form) = api::link_form(&token).await {
                organization.set(Some(form.organization));
                currency.set(form.currency);
                lacking.set(form.requirements);
            }
        });
    }
    view! {
        <section class="page">
            <h1>{text::register::TITLE}</h1>
            {move || organization.get().map(|name| view! {
                <p id="link-organization" class="lead">
                    {text::register::FOR_BEFORE_NAME} <strong>{name}</strong> {text::register::FOR_AFTER_NAME}
                </p>
            })}
            {move || match done.get() {
                Some(registration) => {
                    let again = Callback::new(move |()| {
                        done.set(None);
                        form_round.update(|n| *n += 1);
                    });
                    view! { <Confirmation registration again via_link /> }.into_any()
                }
                None => {
                    form_round.track();
                    view! {
                        <MotionRequirements lacking />
                        <RegistrationForm done channel=channel.clone() currency=currency.into() />
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

/// What the partner learns on submitting: the number, the status, and the conflict check in
/// words that reveal nothing about anyone else's claims.
#[component]
fn Confirmation(
    registration: PartnerRegistration,
    again: Callback<()>,
    via_link: bool,
) -> impl IntoView {
    let href = Route::MyRegistration {
        id: registration.id,
    }
    .href();
    portico_ui::dom::focus_soon("confirmation".to_owned());
    view! {
        <div id="confirmation" class="notice notice-success" role="status" tabindex="-1">
            <h2 class="section-title">
                {text::register::RECEIVED_BEFORE_NUMBER} <span id="registration-number">{registration.number}</span>
                {text::register::RECEIVED_AFTER_NUMBER}
            </h2>
            <p>
                {text::register::STATUS} <strong id="registration-status">{registration.status.label()}</strong>
            </p>
            <p id="conflict-result">{registration.conflict_message}</p>
            <p class="actions">
                {(!via_link)
                    .then(|| {
                        view! {
                            <a href=href>{text::register::VIEW}</a>
                            <a href=Route::MyRegistrations.href()>{text::register::ALL}</a>
                        }
                    })}
                <button type="button" class="secondary" on:click=on_click(move |_| again.run(()))>
                    {text::register::ANOTHER}
                </button>
            </p>
        </div>
    }
}
