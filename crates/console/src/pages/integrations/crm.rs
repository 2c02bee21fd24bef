//! One CRM's card integration: its frame origins and the CRM app's secret, the integration
//! secret Portico signs card links with, and the addresses to give the CRM.

use leptos::prelude::*;
use portico_api::integrations::{CrmSystem, Integration, IntegrationSettings, frame_origins};

use portico_ui::api;
use portico_ui::components::field::{begin_submit, show_error};
use portico_ui::components::{
    CopyText, Facts, FieldState, FormError, SecretMaker, SubmitButton, TextArea, TextField,
};
use portico_ui::dom::{on_submit, spawn};
use portico_ui::format::format_time;
use portico_ui::session::use_session;

use crate::text;

/// What the CRM calls the secret Portico checks its requests with.
fn app_secret_name(system: CrmSystem) -> &'static str {
    match system {
        CrmSystem::Hubspot => text::integrations::HUBSPOT_APP_SECRET,
        CrmSystem::Salesforce => text::integrations::SALESFORCE_APP_SECRET,
    }
}

fn card_endpoint_name(system: CrmSystem) -> &'static str {
    match system {
        CrmSystem::Hubspot => text::integrations::HUBSPOT_CARD_ENDPOINT,
        CrmSystem::Salesforce => text::integrations::SALESFORCE_CARD_ENDPOINT,
    }
}

fn app_secret_hint(system: CrmSystem) -> &'static str {
    match system {
        CrmSystem::Hubspot => text::integrations::HUBSPOT_APP_SECRET_HINT,
        CrmSystem::Salesforce => text::integrations::SALESFORCE_APP_SECRET_HINT,
    }
}

/// One CRM's integration. It keeps its own copy of the settings, so saving one card leaves
/// what is typed in the other alone.
#[component]
pub fn CrmCard(integration: Integration) -> impl IntoView {
    let system = integration.system;
    let key = system.as_str();
    let card_endpoint = integration.card_endpoint.clone();
    let events_endpoint = integration.events_endpoint.clone();
    let current = RwSignal::new(integration);
    let heading = format!("crm-{key}-heading");
    let labelled_by = heading.clone();
    view! {
        <article class="panel crm-card" aria-labelledby=labelled_by>
            <h3 id=heading>{system.label()}</h3>
            {move || view! { <Facts facts=crm_facts(&current.get()) /> }}
            <CrmSettings current />
            <NewIntegrationSecret current />
            <h4>{text::integrations::addresses_for(system.label())}</h4>
            <p class="muted">{card_endpoint_name(system)}</p>
            <CopyText
                id=format!("crm-{key}-card-endpoint")
                text=card_endpoint
                label=text::integrations::copy_card_address(system.label())
            />
            <p class="muted">{text::integrations::EVENTS_ENDPOINT}</p>
            <CopyText
                id=format!("crm-{key}-events-endpoint")
                text=events_endpoint
                label=text::integrations::copy_events_address(system.label())
            />
        </article>
    }
}

fn crm_facts(i: &Integration) -> Vec<(&'static str, String)> {
    let state = if i.configured {
        text::integrations::SET_UP
    } else {
        text::integrations::NOT_SET_UP
    };
    let app_secret = if i.has_app_secret {
        text::integrations::SECRET_SAVED
    } else {
        text::integrations::NO_SECRET
    };
    let integration_secret = i.secret_created_at.as_deref().map_or_else(
        || text::integrations::NO_SECRET_YET.to_owned(),
        |at| text::integrations::made(&format_time(at)),
    );
    vec![
        (text::integrations::STATE, state.to_owned()),
        (app_secret_name(i.system), app_secret.to_owned()),
        (text::integrations::INTEGRATION_SECRET, integration_secret),
    ]
}

/// One origin a line; blank lines are ignored.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The frame origins and the CRM app's secret. An empty secret keeps the saved one.
#[component]
fn CrmSettings(current: RwSignal<Integration>) -> impl IntoView {
    let session = use_session();
    let (system, saved_origins) =
        current.with_untracked(|i| (i.system, i.frame_origins.join("\n")));
    let key = system.as_str();
    let origins = FieldState::new(format!("crm-{key}-origins"), |v| {
        frame_origins(&lines(v)).err().map(str::to_owned)
    });
    origins.value.set(saved_origins);
    let app_secret = FieldState::new(format!("crm-{key}-app-secret"), |v| {
        let settings = IntegrationSettings {
            frame_origins: Vec::new(),
            app_secret: Some(v.to_owned()),
        };
        settings
            .validate()
            .err()
            .and_then(|mut e| e.remove("app_secret"))
    });
    let remove = RwSignal::new(false);
    let map = [("frame_origins", origins), ("app_secret", app_secret)];
    let form_error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let submit = move || {
        if !begin_submit(busy, form_error, &[origins, app_secret]) {
            return;
        }
        status.set(None);
        let typed = app_secret.get();
        let body = IntegrationSettings {
            frame_origins: lines(&origins.get()),
            // Empty removes the saved secret; absent keeps it.
            app_secret: if remove.get_untracked() {
                Some(String::new())
            } else {
                Some(typed).filter(|s| !s.trim().is_empty())
            },
        };
        busy.set(true);
        let csrf = session.csrf();
        spawn(async move {
            let result = api::save_integration(&csrf, system, &body).await;
            busy.set(false);
            match result {
                Ok(saved) => {
                    origins.value.set(saved.frame_origins.join("\n"));
                    app_secret.value.set(String::new());
                    remove.set(false);
                    current.set(saved);
                    status.set(Some(text::integrations::SAVED));
                }
                Err(e) => show_error(e, &map, form_error),
            }
        });
    };
    let has_secret = Signal::derive(move || current.with(|i| i.has_app_secret));
    let placeholder = Signal::derive(move || {
        if has_secret.get() {
            text::integrations::SECRET_KEPT.to_owned()
        } else {
            text::integrations::NO_SECRET_SAVED.to_owned()
        }
    });
    let remove_id = format!("crm-{key}-remove-secret");
    let remove_for = remove_id.clone();
    let on_remove = move |ev| {
        let on = event_target_checked(&ev);
        remove.set(on);
        if on {
            app_secret.value.set(String::new());
            app_secret.error.set(None);
        }
    };
    view! {
        <FormError error=form_error />
        <form class="form" novalidate on:submit=on_submit(submit)>
            <TextArea
                field=origins
                label=text::integrations::FRAME_ORIGINS
                hint=text::integrations::FRAME_ORIGINS_HINT
                optional=true
            />
            <div hidden=remove>
                <TextField
                    field=app_secret
                    label=app_secret_name(system)
                    kind="password"
                    autocomplete="new-password"
                    hint=app_secret_hint(system)
                    placeholder
                    optional=true
                />
            </div>
            <label class="choice" for=remove_for hidden=move || !has_secret.get()>
                <input type="checkbox" id=remove_id prop:checked=remove on:change=on_remove />
                {text::integrations::REMOVE_SECRET}
            </label>
            <p class="muted status-line" role="status">{status}</p>
            <SubmitButton
                id=save_id(system)
                label=text::integrations::SAVE
                busy_label=text::integrations::SAVING
                busy
            />
        </form>
    }
}

fn save_id(system: CrmSystem) -> &'static str {
    match system {
        CrmSystem::Hubspot => "crm-hubspot-save",
        CrmSystem::Salesforce => "crm-salesforce-save",
    }
}

/// Makes a new integration secret, shown once. Asks first when there is one already, as it
/// stops working at once.
#[component]
fn NewIntegrationSecret(current: RwSignal<Integration>) -> impl IntoView {
    let system = current.with_untracked(|i| i.system);
    let make = move |csrf: String| async move {
        let made = api::rotate_integration_secret(&csrf, system).await?;
        current.update(|i| i.secret_created_at = Some(made.created_at));
        Ok(made.secret)
    };
    let question = Signal::derive(move || {
        current
            .with(|i| i.secret_created_at.is_some())
            .then(|| text::integrations::NEW_SECRET_QUESTION.to_owned())
    });
    view! {
        <p class="muted">
            {text::integrations::SECRET_SIGNS}
        </p>
        <SecretMaker
            id=format!("crm-{}-secret", system.as_str())
            label=text::integrations::GENERATE_SECRET
            busy_label=text::integrations::GENERATING
            question
            what=text::integrations::NEW_SECRET
            make
        />
    }
}
