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

#[component]
pub fn IntegrationsPage() -> impl IntoView {
    set_title("Integrations");
    let location = use_location();
    view! {
        <section class="page">
            <h1>"Integrations"</h1>
            <section aria-labelledby="crm-heading">
                <h2 class="section-title" id="crm-heading">"CRM cards"</h2>
                <p class="muted">
                    "HubSpot and Salesforce can show Portico's card of a deal on their deal pages. Set the origins allowed to frame the card and the CRM app's secret, then give the CRM the card and events addresses below."
                </p>
                <p class="muted" id="card-url-scheme">
                    "A signed card URL is " <code>"/embed/deals/{id}?exp=<unix seconds>&lid=<link id>&sig=<signature>"</code>
                    ", where the signature is the hex HMAC-SHA256 of the path plus " <code>"?exp=…&lid=…"</code>
                    " with the integration secret. Links signed without a link id hold until they expire."
                </p>
                {record_page(
                    api::integrations,
                    "Loading the integrations…",
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
                <h2 class="section-title" id="card-links-heading">"Issued card links"</h2>
                <p class="muted">
                    "The card links made on deal and registration pages, newest first. A revoked link's card says it was revoked; the other links keep working. Links without a link id are not listed: a new integration secret retires them all."
                </p>
                // Another CRM in the address is another list.
                {move || {
                    location.search();
                    let system = card_links_system_in(location);
                    view! { <IssuedCardLinks system /> }
                }}
            </section>
            <section aria-labelledby="webhooks-heading">
                <h2 class="section-title" id="webhooks-heading">"Webhooks"</h2>
                <p class="muted">
                    "Portico posts events to these endpoints, signed per Standard Webhooks. A failed delivery is retried for 24 hours, then becomes a dead letter you can replay."
                </p>
                {record_page(
                    api::webhook_endpoints,
                    "Loading the webhook endpoints…",
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
        CrmSystem::Hubspot => "Client secret",
        CrmSystem::Salesforce => "Consumer secret",
    }
}

fn card_endpoint_name(system: CrmSystem) -> &'static str {
    match system {
        CrmSystem::Hubspot => "Card fetch URL: where HubSpot fetches the card",
        CrmSystem::Salesforce => "Canvas app URL: where Salesforce opens the card",
    }
}

fn app_secret_hint(system: CrmSystem) -> &'static str {
    match system {
        CrmSystem::Hubspot => {
            "The HubSpot app's client secret: HubSpot signs its card requests with it."
        }
        CrmSystem::Salesforce => {
            "The connected app's consumer secret: Salesforce signs Canvas requests with it."
        }
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
            <h4>"Addresses to give " {system.label()}</h4>
            <p class="muted">{card_endpoint_name(system)}</p>
            <CopyText id=format!("crm-{key}-card-endpoint") text=card_endpoint label=format!("Copy the {} card address", system.label()) />
            <p class="muted">"Deal events URL: where the CRM posts what happens to linked deals"</p>
            <CopyText id=format!("crm-{key}-events-endpoint") text=events_endpoint label=format!("Copy the {} events address", system.label()) />
        </article>
    }
}

fn crm_facts(i: &Integration) -> Vec<(&'static str, String)> {
    let state = if i.configured {
        "Set up"
    } else {
        "Not set up yet"
    };
    let app_secret = if i.has_app_secret { "Saved" } else { "None" };
    let integration_secret = i.secret_created_at.as_deref().map_or_else(
        || "None yet".to_owned(),
        |at| format!("Made {}", format_time(at)),
    );
    vec![
        ("State", state.to_owned()),
        (app_secret_name(i.system), app_secret.to_owned()),
        ("Integration secret", integration_secret),
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
                    status.set(Some("Saved."));
                }
                Err(e) => show_error(e, &map, form_error),
            }
        });
    };
    let has_secret = Signal::derive(move || current.with(|i| i.has_app_secret));
    let placeholder = Signal::derive(move || {
        if has_secret.get() {
            "A secret is saved: leave empty to keep it".to_owned()
        } else {
            "No secret saved yet".to_owned()
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
                label="Frame origins"
                hint="One a line, e.g. https://app.hubspot.com or https://*.lightning.force.com; ten at most."
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
                "Remove the saved secret"
            </label>
            <p class="muted status-line" role="status">{status}</p>
            <SubmitButton id=save_id(system) label="Save" busy_label="Saving…" busy />
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
        current.with(|i| i.secret_created_at.is_some()).then(|| {
            "Make a new integration secret? The current one stops working at once: signed card links and CRM events made with it are refused.".to_owned()
        })
    });
    view! {
        <p class="muted">
            "The integration secret signs card links and the events the CRM posts."
        </p>
        <SecretMaker
            id=format!("crm-{}-secret", system.as_str())
            label="Generate new integration secret"
            busy_label="Generating…"
            question
            what="The new integration secret"
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
                Err(e) => error.set(Some(format!(
                    "The endpoint is added, but the list could not be loaded again: {}",
                    e.message
                ))),
            }
        });
    });
    view! {
        {move || {
            if list.with(Vec::is_empty) {
                view! { <p class="empty">"No webhook endpoints yet. Add one below."</p> }.into_any()
            } else {
                view! { <EndpointTable list /> }.into_any()
            }
        }}
        <p class="error-text" role="alert">{error}</p>
        <section class="panel new-endpoint" aria-labelledby="new-endpoint-heading">
            <h3 id="new-endpoint-heading">"Add an endpoint"</h3>
            <EndpointForm initial=EndpointInput::default() save=EndpointSave::Create(created) />
            <OneTimeSecret id="new-endpoint-secret" what="The endpoint's signing secret" secret />
        </section>
    }
}

#[component]
fn EndpointTable(list: RwSignal<Vec<WebhookEndpoint>>) -> impl IntoView {
    view! {
        <DataTable id="endpoints-table" labelled_by="webhooks-heading" headers=&["Endpoint", "Events", "State", "Latency", "Latency target", "Last 24 hours", "Health"]>
            {move || list.get().into_iter().map(endpoint_row).collect_view()}
        </DataTable>
    }
}

fn endpoint_row(e: WebhookEndpoint) -> impl IntoView {
    let href = Route::WebhookEndpoint { id: e.id }.href();
    let target = target_text(&e);
    let state = if e.enabled { "Enabled" } else { "Paused" };
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
