//! `/manage/integrations`: the CRM card integrations (HubSpot and Salesforce: frame origins,
//! the CRM app's secret, the integration secret and the addresses to give the CRM), the card
//! links issued for each CRM, and the webhook endpoints Portico sends events to, with their
//! health.

use leptos::prelude::*;
use portico_api::integrations::{
    CreatedEndpoint, CrmSystem, EndpointInput, Integration, IntegrationSettings, WebhookEndpoint,
    frame_origins,
};

use crate::components::card_link::{IssuedCardLinks, card_links_system_in};
use crate::components::endpoint_form::{
    EndpointForm, EndpointSave, HealthFlags, counts_text, event_labels, latency_text, target_text,
};
use portico_ui::api;
use portico_ui::components::field::{begin_submit, show_error};
use portico_ui::components::{
    CopyText, DataTable, FieldState, FormError, OneTimeSecret, SecretMaker, SubmitButton, TextArea,
    TextField,
};
use portico_ui::components::{Facts, record_page};
use portico_ui::dom::{on_submit, set_title, spawn};
use portico_ui::format::format_time;
use portico_ui::location::use_location;
use portico_ui::route::Route;
use portico_ui::session::use_session;

use crate::text;

#[component]
pub fn IntegrationsPage() -> impl IntoView {
    set_title(text::integrations::TITLE);
    let location = use_location();
    view! {
        <section class="page">
            <h1>{text::integrations::TITLE}</h1>
            <section aria-labelledby="crm-heading">
                <h2 class="section-title" id="crm-heading">
                    {text::integrations::CRM_CARDS}
                </h2>
                <p class="muted">
                    {text::integrations::CRM_INTRO}
                </p>
                <p class="muted" id="card-url-scheme">
                    {text::integrations::CARD_URL_BEFORE_SCHEME}
                    <code>{text::integrations::CARD_URL_SCHEME}</code>
                    {text::integrations::CARD_URL_BEFORE_QUERY}
                    <code>{text::integrations::CARD_URL_QUERY}</code>
                    {text::integrations::CARD_URL_AFTER_QUERY}
                </p>
                {record_page(
                    api::integrations,
                    text::integrations::LOADING,
                    |list, _| {
                        view! {
                            <div class="side-by-side">
                                {list.into_iter().map(|integration| view! { <CrmCard integration /> }).collect_view()}
                            </div>
                        }
                        .into_any()
                    },
                )}
            </section>
            <section aria-labelledby="card-links-heading">
                <h2 class="section-title" id="card-links-heading">
                    {text::integrations::ISSUED_LINKS}
                </h2>
                <p class="muted">
                    {text::integrations::ISSUED_LINKS_INTRO}
                </p>
                // Another CRM in the address is another list.
                {move || {
                    location.search();
                    let system = card_links_system_in(location);
                    view! { <IssuedCardLinks system /> }
                }}
            </section>
            <section aria-labelledby="webhooks-heading">
                <h2 class="section-title" id="webhooks-heading">
                    {text::integrations::WEBHOOKS}
                </h2>
                <p class="muted">
                    {text::integrations::WEBHOOKS_INTRO}
                </p>
                {record_page(
                    api::webhook_endpoints,
                    text::integrations::LOADING_ENDPOINTS,
                    |endpoints, _| view! { <Endpoints endpoints /> }.into_any(),
                )}
            </section>
        </section>
    }
}

// CRM cards.

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
fn CrmCard(integration: Integration) -> impl IntoView {
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

// Webhook endpoints.

/// The endpoints, and the form that adds one; the list is loaded again after each addition.
#[component]
fn Endpoints(endpoints: Vec<WebhookEndpoint>) -> impl IntoView {
    let list = RwSignal::new(endpoints);
    let secret = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let created = Callback::new(move |made: CreatedEndpoint| {
        secret.set(Some(made.secret.secret));
        error.set(None);
        spawn(async move {
            match api::webhook_endpoints().await {
                Ok(all) => list.set(all),
                Err(e) => error.set(Some(text::integrations::list_not_reloaded(&e.message))),
            }
        });
    });
    view! {
        {move || {
            if list.with(Vec::is_empty) {
                view! { <p class="empty">{text::integrations::NO_ENDPOINTS}</p> }.into_any()
            } else {
                view! { <EndpointTable list /> }.into_any()
            }
        }}
        <p class="error-text" role="alert">{error}</p>
        <section class="panel new-endpoint" aria-labelledby="new-endpoint-heading">
            <h3 id="new-endpoint-heading">{text::integrations::ADD_ENDPOINT}</h3>
            <EndpointForm initial=EndpointInput::default() save=EndpointSave::Create(created) />
            <OneTimeSecret
                id="new-endpoint-secret"
                what=text::integrations::SIGNING_SECRET
                secret
            />
        </section>
    }
}

#[component]
fn EndpointTable(list: RwSignal<Vec<WebhookEndpoint>>) -> impl IntoView {
    view! {
        <DataTable id="endpoints-table" labelled_by="webhooks-heading" headers=&text::integrations::HEADERS>
            {move || list.get().into_iter().map(endpoint_row).collect_view()}
        </DataTable>
    }
}

fn endpoint_row(e: WebhookEndpoint) -> impl IntoView {
    let href = Route::WebhookEndpoint { id: e.id }.href();
    let target = target_text(&e);
    let state = if e.enabled {
        text::endpoints::ENABLED
    } else {
        text::endpoints::PAUSED
    };
    view! {
        <tr class:inactive=!e.enabled>
            <th scope="row" class="break-anywhere">
                <a href=href>{e.url}</a>
                {(!e.description.is_empty()).then(|| view! { <p class="muted">{e.description}</p> })}
            </th>
            <td>{event_labels(&e.event_types)}</td>
            <td>{state}</td>
            <td>{latency_text(&e.health)}</td>
            <td>{target}</td>
            <td>{counts_text(&e.health)}</td>
            <td class="wide"><HealthFlags health=e.health /></td>
        </tr>
    }
}
