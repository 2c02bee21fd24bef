//! A manager sets a partner's tier until a day, saying why; the evaluation leaves it alone until
//! then.

use leptos::prelude::*;
use portico_api::date::Date;
use portico_api::organizations::Tier;
use portico_api::tiers::SetTierOverride;

use portico_ui::api;
use portico_ui::components::field::{begin_submit, show_error, show_field_errors};
use portico_ui::components::{FieldState, FormError, SelectField, SubmitButton, TextField};
use portico_ui::dom::{on_click, on_submit, spawn};
use portico_ui::session::use_session;

use crate::text;

/// `done` hears whether the override was saved.
#[component]
pub fn OverrideForm(id: i64, name: String, current: Tier, done: Callback<bool>) -> impl IntoView {
    let session = use_session();
    let prefix = format!("override-{id}");
    let tier = FieldState::plain(format!("{prefix}-tier"), current.as_str());
    let until = FieldState::new(format!("{prefix}-until"), |v| {
        Date::parse(v)
            .is_none()
            .then(|| text::tiers::OVERRIDE_UNTIL_ERROR.to_owned())
    });
    let rationale = FieldState::new(format!("{prefix}-rationale"), |v| {
        v.trim()
            .is_empty()
            .then(|| text::tiers::OVERRIDE_RATIONALE_ERROR.to_owned())
    });
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let names = [("tier", tier), ("until", until), ("rationale", rationale)];
    let submit = move || {
        if !begin_submit(busy, form_error, &[tier, until, rationale]) {
            return;
        }
        let body = SetTierOverride {
            tier: Tier::parse(&tier.get()).unwrap_or(current),
            until: until.get(),
            rationale: rationale.get(),
        };
        let today = Date::from_unix((js_sys::Date::now() / 1000.0) as i64);
        if let Err(errors) = body.validate(today) {
            show_field_errors(&errors, &names);
            return;
        }
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::override_tier(&csrf, id, &body).await;
            busy.set(false);
            match result {
                Ok(_) => done.run(true),
                Err(e) => show_error(e, &names, form_error),
            }
        });
    };
    let tiers = Tier::ALL
        .map(|t| (t.as_str().to_owned(), t.label().to_owned()))
        .to_vec();
    view! {
        <form class="form override-form" aria-label=text::tiers::override_label(&name) novalidate on:submit=on_submit(submit)>
            <FormError error=form_error />
            <SelectField field=tier label=text::tiers::OVERRIDE_TIER options=tiers />
            <TextField field=until label=text::tiers::OVERRIDE_UNTIL kind="date" />
            <TextField field=rationale label=text::tiers::OVERRIDE_RATIONALE />
            <SubmitButton id=format!("{prefix}-save") label=text::tiers::SAVE busy_label=text::tiers::SAVING busy />
            <button type="button" class="secondary" on:click=on_click(move |_| done.run(false))>
                {text::tiers::CANCEL}
            </button>
        </form>
    }
}
