//! The webhook endpoints Portico sends events to: adding one (its secret shown once) and each
//! endpoint's health.

use leptos::prelude::*;
use portico_api::integrations::{CreatedEndpoint, EndpointInput, WebhookEndpoint};

use crate::components::endpoint_form::{
    EndpointForm, EndpointSave, HealthFlags, counts_text, event_labels, latency_text, target_text,
};
use portico_ui::api;
use portico_ui::components::{DataTable, OneTimeSecret};
use portico_ui::dom::spawn;
use portico_ui::route::Route;

use crate::text;

/// The endpoints, and the form that adds one; the list is loaded again after each addition.
#[component]
pub fn Endpoints(endpoints: Vec<WebhookEndpoint>) -> impl IntoView {
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
