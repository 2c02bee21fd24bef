//! `/manage/integrations/webhooks/{id}`: one webhook endpoint. Its settings (the form that also
//! adds endpoints on `/manage/integrations`), its health over the last 24 hours, a new signing
//! secret, and its deliveries by state (in the address) with replays.

use leptos::prelude::*;
use portico_api::integrations::{Delivery, DeliveryState, EndpointInput, WebhookEndpoint};

use crate::components::deliveries::{
    DeliveryTime, Replay, ReplayButton, Replays, StateBadge, StateTabs, empty_text, replayed_text,
    state_in, with_replays,
};
use crate::components::endpoint_form::EndpointForm;
use crate::components::endpoint_form::EndpointSave;
use crate::components::endpoint_form::HealthFlags;
use crate::components::endpoint_form::duration_text;
use crate::components::endpoint_form::health_facts;
use portico_ui::api;
use portico_ui::components::{ActionButton, DataTable, Paged, PagedList, SecretMaker, Time};
use portico_ui::components::{Facts, record_page};
use portico_ui::dom::{set_title, spawn};
use portico_ui::location::use_location;
use portico_ui::route::Route;
use portico_ui::session::use_session;

use crate::text;

#[component]
pub fn WebhookEndpointPage(id: i64) -> impl IntoView {
    set_title(text::webhook_endpoint::TITLE);
    view! {
        <section class="page">
            <p>
                <a href=Route::Integrations.href()>{text::webhook_endpoint::BACK}</a>
            </p>
            {record_page(
                move || api::webhook_endpoint(id),
                text::webhook_endpoint::LOADING,
                |endpoint, _| view! { <Endpoint endpoint /> }.into_any(),
            )}
        </section>
    }
}

/// The endpoint as last read; writes update it from their answers, so the form keeps what was
/// typed while health and deliveries change around it.
#[component]
fn Endpoint(endpoint: WebhookEndpoint) -> impl IntoView {
    set_title(&endpoint.url);
    let id = endpoint.id;
    let initial = input_of(&endpoint);
    let current = RwSignal::new(endpoint);
    let saved = Callback::new(move |endpoint| current.set(endpoint));
    view! {
        <h1 id="endpoint-heading" class="break-anywhere">{move || current.with(|e| e.url.clone())}</h1>
        <section class="panel" aria-labelledby="endpoint-health-heading">
            <h2 class="section-title" id="endpoint-health-heading">
                {text::webhook_endpoint::HEALTH}
            </h2>
            {move || view! { <Facts facts=health_facts(&current.get()) /> }}
            {move || view! { <HealthFlags health=current.get().health /> }}
        </section>
        <section class="panel" aria-labelledby="endpoint-form-heading">
            <h2 class="section-title" id="endpoint-form-heading">
                {text::webhook_endpoint::SETTINGS}
            </h2>
            <EndpointForm initial save=EndpointSave::Update(id, saved) />
        </section>
        <SigningSecret id />
        <Deliveries current />
    }
}

fn input_of(e: &WebhookEndpoint) -> EndpointInput {
    EndpointInput {
        url: e.url.clone(),
        description: e.description.clone(),
        event_types: e.event_types.clone(),
        enabled: e.enabled,
        sla_seconds: e.sla_seconds,
        sla_percent: e.sla_percent,
    }
}

// Health, as the endpoint list and this page show it.

/// A new signing secret, shown once; the old one stops working, so it asks first.
#[component]
fn SigningSecret(id: i64) -> impl IntoView {
    let make =
        move |csrf: String| async move { Ok(api::rotate_webhook_secret(&csrf, id).await?.secret) };
    view! {
        <section class="panel" aria-labelledby="signing-secret-heading">
            <h2 class="section-title" id="signing-secret-heading">
                {text::webhook_endpoint::SIGNING_SECRET}
            </h2>
            <p class="muted">
                {text::webhook_endpoint::SIGNING_SECRET_INTRO}
            </p>
            <SecretMaker
                id="rotate-signing-secret"
                label=text::webhook_endpoint::MAKE_SECRET
                busy_label=text::webhook_endpoint::MAKING_SECRET
                question=text::webhook_endpoint::NEW_SECRET_QUESTION
                what=text::webhook_endpoint::NEW_SECRET
                make
            />
        </section>
    }
}

// Deliveries.

#[component]
fn Deliveries(current: RwSignal<WebhookEndpoint>) -> impl IntoView {
    let location = use_location();
    view! {
        <section aria-labelledby="deliveries-heading">
            <h2 class="section-title" id="deliveries-heading">
                {text::webhook_endpoint::DELIVERIES}
            </h2>
            // Another state in the address is another list.
            {move || {
                location.search();
                let state = state_in(location);
                view! { <DeliveryList current state /> }
            }}
        </section>
    }
}

#[component]
fn DeliveryList(current: RwSignal<WebhookEndpoint>, state: Option<DeliveryState>) -> impl IntoView {
    let id = current.with_untracked(|e| e.id);
    let list = Paged::new(move |cursor: Option<String>| async move {
        api::webhook_deliveries(id, state, cursor.as_deref())
            .await
            .map(with_replays)
    });
    let announcement = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let replays = Replays::new(Callback::new(move |what: String| {
        announcement.set(Some(what));
        list.reload();
        spawn(async move {
            match api::webhook_endpoint(id).await {
                Ok(endpoint) => current.set(endpoint),
                Err(e) => error.set(Some(text::webhook_endpoint::health_not_reloaded(
                    &e.message,
                ))),
            }
        });
    }));
    view! {
        <div class="results-head">
            <StateTabs path=Route::WebhookEndpoint { id }.href() state />
            <ReplayDead current replays error />
        </div>
        <p class="muted status-line" role="status">{announcement}</p>
        <p class="error-text" role="alert">{error}</p>
        <PagedList
            list=list.controls()
            loading=text::webhook_endpoint::LOADING_DELIVERIES
            empty=empty_text(state)
        >
            <DataTable id="deliveries-table" labelled_by="deliveries-heading" headers=&text::webhook_endpoint::HEADERS>
                {move || list.items.get().into_iter().map(|row| delivery_row(row, replays)).collect_view()}
            </DataTable>
        </PagedList>
    }
}

/// Sends every dead delivery again; shown while there are any.
#[component]
fn ReplayDead(
    current: RwSignal<WebhookEndpoint>,
    replays: Replays,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let session = use_session();
    let replay = Replay {
        busy: RwSignal::new(false),
        error,
    };
    let dead = Signal::derive(move || current.with(|e| e.health.dead));
    let run = Callback::new(move |()| {
        let id = current.with_untracked(|e| e.id);
        let csrf = session.csrf();
        replays.run(replay, async move {
            let replayed = api::replay_dead_deliveries(&csrf, id).await?.replayed;
            Ok(replayed_text(replayed))
        });
    });
    let label = Signal::derive(move || text::webhook_endpoint::replay_all(dead.get()));
    view! {
        <div class="actions" hidden=move || dead.get() == 0>
            <ActionButton
                id="replay-dead"
                label
                busy_label=text::webhook_endpoint::REPLAYING
                busy=replay.busy
                run
                class="primary"
            />
        </div>
    }
}

fn delivery_row((d, replay): (Delivery, Replay), replays: Replays) -> impl IntoView {
    let id = d.id;
    let message_id = format!("delivery-{id}-message");
    let session = use_session();
    let message = d.message_id.clone();
    let run = Callback::new(move |()| {
        let csrf = session.csrf();
        let message = message.clone();
        replays.run(replay, async move {
            api::replay_delivery(&csrf, id).await?;
            Ok(text::webhook_endpoint::queued_again(&message))
        });
    });
    let answer = match (d.last_status, d.last_error) {
        (Some(status), Some(error)) => format!("HTTP {status}: {error}"),
        (Some(status), None) => format!("HTTP {status}"),
        (None, Some(error)) => error,
        (None, None) => String::new(),
    };
    view! {
        <tr>
            <th scope="row"><code id=message_id.clone()>{d.message_id}</code></th>
            <td>{d.event_type.label()}</td>
            <td><code>{d.subject}</code></td>
            <td><StateBadge state=d.state /></td>
            <td class="number">{d.attempts}</td>
            <td><Time value=d.created_at /></td>
            <td><DeliveryTime delivered_at=d.delivered_at next_attempt_at=d.next_attempt_at /></td>
            <td class="number">{d.latency_ms.map(duration_text)}</td>
            <td class="prose">{answer}</td>
            <td class="row-actions">
                <ReplayButton id=format!("replay-{id}") described_by=message_id state=d.state replay run />
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::duration_text;

    #[test]
    fn durations_read_as_people_say_them() {
        assert_eq!(duration_text(0), "0 ms");
        assert_eq!(duration_text(850), "850 ms");
        assert_eq!(duration_text(1_000), "1 s");
        assert_eq!(duration_text(1_249), "1.2 s");
        assert_eq!(duration_text(45_000), "45 s");
        assert_eq!(duration_text(720_000), "12 min");
        assert_eq!(duration_text(12_600_000), "3.5 h");
    }
}
