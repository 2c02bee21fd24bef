//! A webhook endpoint's settings form and how its health reads, on the integrations page and
//! the endpoint's own page.

use leptos::prelude::*;
use portico_api::integrations::{
    CreatedEndpoint, EndpointHealth, EndpointInput, WebhookEndpoint, WebhookEventType,
};

use portico_ui::api;
use portico_ui::components::field::{begin_submit, show_error, show_field_errors};
use portico_ui::components::{CheckGroup, FieldState, FormError, SubmitButton, TextField};
use portico_ui::dom::{on_submit, spawn};
use portico_ui::session::use_session;

use crate::text;

/// A number with one decimal, without a trailing ".0": "97.3", "100".
fn one_decimal(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// "850 ms", "1.2 s", "45 s", "12 min", "3.5 h"
pub fn duration_text(ms: u64) -> String {
    let (value, unit) = match ms {
        0..1_000 => return text::endpoints::milliseconds(ms),
        1_000..60_000 => (ms as f64 / 1_000.0, text::endpoints::SECONDS),
        60_000..3_600_000 => (ms as f64 / 60_000.0, text::endpoints::MINUTES),
        _ => (ms as f64 / 3_600_000.0, text::endpoints::HOURS),
    };
    if value < 10.0 {
        format!("{} {unit}", one_decimal(value))
    } else {
        format!("{value:.0} {unit}")
    }
}

/// "p50 850 ms · p95 1.2 s"
pub fn latency_text(h: &EndpointHealth) -> String {
    match (h.p50_ms, h.p95_ms) {
        (Some(p50), Some(p95)) => {
            text::endpoints::latency(&duration_text(p50), &duration_text(p95))
        }
        _ => text::endpoints::NOTHING_DELIVERED.to_owned(),
    }
}

/// "97.3 % within 5 s, target 95 %"
pub fn target_text(e: &WebhookEndpoint) -> String {
    let within = duration_text(u64::from(e.sla_seconds) * 1_000);
    match e.health.within_target_percent {
        Some(p) => text::endpoints::within_target(&one_decimal(p), &within, e.sla_percent),
        None => text::endpoints::no_events_target(e.sla_percent, &within),
    }
}

/// "12 delivered, 3 pending, 1 dead"
pub fn counts_text(h: &EndpointHealth) -> String {
    text::endpoints::counts(h.delivered, h.pending, h.dead)
}

pub fn event_labels(types: &[WebhookEventType]) -> String {
    types
        .iter()
        .map(|t| t.label())
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn health_facts(e: &WebhookEndpoint) -> Vec<(&'static str, String)> {
    let state = if e.enabled {
        text::endpoints::ENABLED
    } else {
        text::endpoints::PAUSED
    };
    vec![
        (text::endpoints::STATE, state.to_owned()),
        (text::endpoints::EVENTS, event_labels(&e.event_types)),
        (text::endpoints::LATENCY, latency_text(&e.health)),
        (text::endpoints::LATENCY_TARGET, target_text(e)),
        (text::endpoints::DELIVERIES, counts_text(&e.health)),
    ]
}

/// "Failing" and "Breaching target" in words, with the last error; "Healthy" otherwise.
#[component]
pub fn HealthFlags(health: EndpointHealth) -> impl IntoView {
    let healthy = !(health.failing || health.breaching);
    view! {
        <p class="flags">
            {healthy.then(|| view! { <span class="badge badge-healthy">{text::endpoints::HEALTHY}</span> })}
            {health.failing.then(|| view! { <span class="badge badge-late">{text::endpoints::FAILING}</span> })}
            {health.breaching.then(|| view! { <span class="badge badge-late">{text::endpoints::BREACHING}</span> })}
        </p>
        {health.last_error.map(|error| view! { <p class="prose muted">{text::endpoints::LAST_ERROR} {error}</p> })}
    }
}

// The endpoint form, for a new endpoint and for an existing one.

/// What the endpoint form does with valid input.
#[derive(Clone, Copy)]
pub enum EndpointSave {
    /// Adds an endpoint; the form empties for the next one.
    Create(Callback<CreatedEndpoint>),
    /// Saves the endpoint with this id.
    Update(i64, Callback<WebhookEndpoint>),
}

/// A whole number as typed; anything else stays out of range, for the shared rule to word.
fn whole(value: &str) -> u32 {
    value.trim().parse().unwrap_or(0)
}

/// A field checked by the shared rule for `name`, with its value set into an input by `set`.
fn rule_field(id: &str, name: &'static str, set: fn(&mut EndpointInput, &str)) -> FieldState {
    FieldState::new(id, move |value| {
        let mut input = EndpointInput::default();
        set(&mut input, value);
        input.validate().err().and_then(|mut e| e.remove(name))
    })
}

#[derive(Clone, Copy)]
struct EndpointFields {
    url: FieldState,
    description: FieldState,
    /// Holds the event checkboxes' error; the choice is in `chosen`.
    events: FieldState,
    chosen: RwSignal<Vec<&'static str>>,
    enabled: RwSignal<bool>,
    sla_seconds: FieldState,
    sla_percent: FieldState,
}

impl EndpointFields {
    fn new(initial: &EndpointInput) -> EndpointFields {
        let chosen = RwSignal::new(Vec::new());
        let f = EndpointFields {
            url: rule_field("endpoint-url", "url", |i, v| i.url = v.to_owned()),
            description: rule_field("endpoint-description", "description", |i, v| {
                i.description = v.to_owned()
            }),
            events: FieldState::new("endpoint-events", move |_| {
                let input = EndpointInput {
                    event_types: event_types(chosen),
                    ..EndpointInput::default()
                };
                input
                    .validate()
                    .err()
                    .and_then(|mut e| e.remove("event_types"))
            }),
            chosen,
            enabled: RwSignal::new(true),
            sla_seconds: rule_field("endpoint-sla-seconds", "sla_seconds", |i, v| {
                i.sla_seconds = whole(v)
            }),
            sla_percent: rule_field("endpoint-sla-percent", "sla_percent", |i, v| {
                i.sla_percent = u8::try_from(whole(v)).unwrap_or(u8::MAX)
            }),
        };
        f.fill(initial);
        f
    }

    fn fill(self, input: &EndpointInput) {
        self.url.value.set(input.url.clone());
        self.description.value.set(input.description.clone());
        self.chosen
            .set(input.event_types.iter().map(|t| t.as_str()).collect());
        self.enabled.set(input.enabled);
        self.sla_seconds.value.set(input.sla_seconds.to_string());
        self.sla_percent.value.set(input.sla_percent.to_string());
    }

    fn input(self) -> EndpointInput {
        EndpointInput {
            url: self.url.get(),
            description: self.description.get(),
            event_types: event_types(self.chosen),
            enabled: self.enabled.get_untracked(),
            sla_seconds: whole(&self.sla_seconds.get()),
            sla_percent: u8::try_from(whole(&self.sla_percent.get())).unwrap_or(u8::MAX),
        }
    }

    /// The request's field names and the inputs that show their errors, in the form's order.
    fn map(self) -> [(&'static str, FieldState); 5] {
        [
            ("url", self.url),
            ("description", self.description),
            ("event_types", self.events),
            ("sla_seconds", self.sla_seconds),
            ("sla_percent", self.sla_percent),
        ]
    }
}

fn event_types(chosen: RwSignal<Vec<&'static str>>) -> Vec<WebhookEventType> {
    chosen.with_untracked(|c| {
        c.iter()
            .filter_map(|v| WebhookEventType::parse(v))
            .collect()
    })
}

/// The endpoint's URL, description, events, state and latency target, checked with the shared
/// rules as they are typed and before they are sent.
#[component]
pub fn EndpointForm(initial: EndpointInput, save: EndpointSave) -> impl IntoView {
    let session = use_session();
    let f = EndpointFields::new(&initial);
    let map = f.map();
    let form_error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    // A shown "choose an event" error goes as soon as one is chosen.
    Effect::new(move |_| {
        f.chosen.track();
        if f.events.error.with_untracked(Option::is_some) {
            f.events.validate();
        }
    });
    let submit = move || {
        if !begin_submit(busy, form_error, &map.map(|(_, field)| field)) {
            return;
        }
        status.set(None);
        let input = match f.input().validate() {
            Ok(input) => input,
            Err(errors) => {
                show_field_errors(&errors, &map);
                return;
            }
        };
        busy.set(true);
        let csrf = session.csrf();
        spawn(async move {
            let result = match save {
                EndpointSave::Create(done) => api::create_webhook_endpoint(&csrf, &input)
                    .await
                    .map(|created| {
                        f.fill(&EndpointInput::default());
                        done.run(created);
                        text::endpoints::ENDPOINT_ADDED
                    }),
                EndpointSave::Update(id, done) => api::update_webhook_endpoint(&csrf, id, &input)
                    .await
                    .map(|saved| {
                        done.run(saved);
                        text::endpoints::SAVED
                    }),
            };
            busy.set(false);
            match result {
                Ok(done) => status.set(Some(done)),
                Err(e) => show_error(e, &map, form_error),
            }
        });
    };
    let options = WebhookEventType::ALL
        .iter()
        .map(|t| (t.as_str(), t.label()))
        .collect();
    let (label, busy_label) = match save {
        EndpointSave::Create(_) => (text::endpoints::ADD_ENDPOINT, text::endpoints::ADDING),
        EndpointSave::Update(..) => (text::endpoints::SAVE_CHANGES, text::endpoints::SAVING),
    };
    view! {
        <FormError error=form_error />
        <form class="form form-grid" id="endpoint-form" novalidate on:submit=on_submit(submit)>
            <TextField
                field=f.url
                label=text::endpoints::URL
                kind="url"
                autocomplete="off"
                hint=text::endpoints::URL_HINT
            />
            <TextField
                field=f.description
                label=text::endpoints::DESCRIPTION
                autocomplete="off"
                optional=true
            />
            <CheckGroup
                id="endpoint-events"
                legend=text::endpoints::EVENTS_TO_SEND
                options
                chosen=f.chosen
                field=f.events
            />
            <TextField
                field=f.sla_seconds
                label=text::endpoints::SLA_SECONDS
                kind="number"
                hint=text::endpoints::SLA_SECONDS_HINT
            />
            <TextField
                field=f.sla_percent
                label=text::endpoints::SLA_PERCENT
                kind="number"
                hint=text::endpoints::SLA_PERCENT_HINT
            />
            <div class="field filter-check">
                <label class="choice" for="endpoint-enabled">
                    <input
                        type="checkbox"
                        id="endpoint-enabled"
                        prop:checked=f.enabled
                        on:change=move |ev| f.enabled.set(event_target_checked(&ev))
                    />
                    {text::endpoints::ENABLED_CHOICE}
                </label>
            </div>
            <p id="endpoint-status" class="muted field-wide status-line" role="status">{status}</p>
            <SubmitButton id="endpoint-save" label busy_label busy />
        </form>
    }
}

// The signing secret.
