//! A signed link to a deal's CRM card, for managers to paste into a CRM or test in a browser.

use leptos::prelude::*;
use portico_api::integrations::{CardLink, CardLinkRequest, CardSubject, CrmSystem};

use crate::api;
use crate::components::field::{begin_submit, show_error};
use crate::components::{
    CopyText, FieldState, FormError, SelectField, SubmitButton, TextField, Time, on_submit, spawn,
};
use crate::session::use_session;

/// Card links last this long unless the manager chooses otherwise.
const DEFAULT_DAYS: &str = "30";

/// Days as typed; anything that is not a whole number stays out of range, for the shared rule
/// to word.
fn days(value: &str) -> u32 {
    value.trim().parse().unwrap_or(0)
}

/// Choose the CRM and how long the link lasts; the signed URL comes back with a copy button.
#[component]
pub fn CardLinkPanel(subject: CardSubject) -> impl IntoView {
    let session = use_session();
    let system = FieldState::plain("card-link-system", CrmSystem::Hubspot.as_str());
    let valid_days = FieldState::new("card-link-days", move |v| {
        let request = CardLinkRequest {
            subject,
            valid_days: days(v),
        };
        request
            .validate()
            .err()
            .and_then(|mut e| e.remove("valid_days"))
    });
    valid_days.value.set(DEFAULT_DAYS.to_owned());
    let map = [("valid_days", valid_days)];
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let link = RwSignal::new(None::<CardLink>);
    let submit = move || {
        if !begin_submit(busy, form_error, &[valid_days]) {
            return;
        }
        let crm = CrmSystem::parse(&system.get()).unwrap_or(CrmSystem::Hubspot);
        let request = CardLinkRequest {
            subject,
            valid_days: days(&valid_days.get()),
        };
        link.set(None);
        busy.set(true);
        let csrf = session.csrf();
        spawn(async move {
            let result = api::create_card_link(&csrf, crm, &request).await;
            busy.set(false);
            match result {
                Ok(created) => link.set(Some(created)),
                Err(e) => show_error(e, &map, form_error),
            }
        });
    };
    let systems = CrmSystem::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
        .collect();
    view! {
        <section class="panel" aria-labelledby="card-link-heading">
            <h2 class="section-title" id="card-link-heading">"CRM card link"</h2>
            <p class="muted">
                "A signed address of this deal's card, to show it in a CRM whose integration is set up under "
                <a href="/manage/integrations">"Integrations"</a>
                "."
            </p>
            <FormError error=form_error />
            <form class="form form-grid" id="card-link-form" novalidate on:submit=on_submit(submit)>
                <SelectField field=system label="CRM" options=systems />
                <TextField field=valid_days label="Valid for (days)" kind="number" hint="From 1 to 365." />
                <SubmitButton id="card-link-create" label="Create link" busy_label="Creating…" busy />
            </form>
            <div aria-live="polite">
                {move || link.get().map(|CardLink { url, expires_at }| view! {
                    <div class="notice notice-success">
                        <p>"The link works until " <Time value=expires_at /> "."</p>
                        <CopyText id="card-link-url" text=url label="Copy card link" />
                    </div>
                })}
            </div>
        </section>
    }
}
