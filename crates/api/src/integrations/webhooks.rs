//! Webhooks Portico sends out: event types, endpoints with their health, and deliveries.

use serde::{Deserialize, Serialize};

use super::{DEFAULT_SLA_PERCENT, DEFAULT_SLA_SECONDS, DESCRIPTION_MAX, URL_MAX};
use crate::error::FieldErrors;
use crate::validate::Fields;

/// What Portico tells webhook endpoints about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum WebhookEventType {
    #[serde(rename = "registration.submitted")]
    RegistrationSubmitted,
    #[serde(rename = "registration.approved")]
    RegistrationApproved,
    #[serde(rename = "registration.declined")]
    RegistrationDeclined,
    #[serde(rename = "registration.expired")]
    RegistrationExpired,
    #[serde(rename = "opportunity.stage_changed")]
    OpportunityStageChanged,
    #[serde(rename = "asset.published")]
    AssetPublished,
}

string_enum!(WebhookEventType {
    RegistrationSubmitted => "registration.submitted" / "Registration submitted",
    RegistrationApproved => "registration.approved" / "Registration approved",
    RegistrationDeclined => "registration.declined" / "Registration declined",
    RegistrationExpired => "registration.expired" / "Registration expired",
    OpportunityStageChanged => "opportunity.stage_changed" / "Opportunity stage changed",
    AssetPublished => "asset.published" / "Asset published",
});

/// `POST /api/webhooks/endpoints` and `PUT /api/webhooks/endpoints/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EndpointInput {
    pub url: String,
    #[serde(default)]
    pub description: String,
    pub event_types: Vec<WebhookEventType>,
    #[serde(default = "yes")]
    pub enabled: bool,
    /// The latency target: `sla_percent` of deliveries within `sla_seconds` of their event.
    #[serde(default = "default_sla_seconds")]
    pub sla_seconds: u32,
    #[serde(default = "default_sla_percent")]
    pub sla_percent: u8,
}

fn yes() -> bool {
    true
}

fn default_sla_seconds() -> u32 {
    DEFAULT_SLA_SECONDS
}

fn default_sla_percent() -> u8 {
    DEFAULT_SLA_PERCENT
}

impl Default for EndpointInput {
    fn default() -> Self {
        EndpointInput {
            url: String::new(),
            description: String::new(),
            event_types: Vec::new(),
            enabled: true,
            sla_seconds: DEFAULT_SLA_SECONDS,
            sla_percent: DEFAULT_SLA_PERCENT,
        }
    }
}

impl EndpointInput {
    /// The same input, trimmed, with the event types sorted and deduplicated.
    pub fn validate(&self) -> Result<EndpointInput, FieldErrors> {
        let mut f = Fields::default();
        let url = f.take("url", endpoint_url(&self.url)).unwrap_or_default();
        let description = self.description.trim().to_owned();
        if description.chars().count() > DESCRIPTION_MAX {
            f.add("description", "Keep the description under 200 characters.");
        }
        let mut event_types = self.event_types.clone();
        event_types.sort();
        event_types.dedup();
        if event_types.is_empty() {
            f.add("event_types", "Choose at least one event.");
        }
        if !(1..=3_600).contains(&self.sla_seconds) {
            f.add("sla_seconds", "Choose from 1 to 3,600 seconds.");
        }
        if !(1..=100).contains(&self.sla_percent) {
            f.add("sla_percent", "Choose a percentage from 1 to 100.");
        }
        f.finish()?;
        Ok(EndpointInput {
            url,
            description,
            event_types,
            ..*self
        })
    }
}

/// An `https://` (or `http://`) URL with a host. Whether the server may send to it (https to
/// public addresses only, unless its operator allows more) is the server's decision.
pub fn endpoint_url(input: &str) -> Result<String, &'static str> {
    let url = input.trim();
    if url.is_empty() {
        return Err("Enter the endpoint's URL.");
    }
    if url.len() > URL_MAX {
        return Err("That URL is too long.");
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("A URL has no spaces.");
    }
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return Err("Enter a URL starting with https://.");
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() || host.contains('@') {
        return Err("Enter a URL like https://example.com/hooks/portico.");
    }
    Ok(url.to_owned())
}

/// How an endpoint has been doing over the last 24 hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EndpointHealth {
    /// Deliveries of events from the last 24 hours that succeeded.
    pub delivered: u64,
    /// Waiting for their first or next attempt.
    pub pending: u64,
    /// In the dead letter now, from any day (retries gave up after 24 hours); replay them
    /// once the endpoint works.
    pub dead: u64,
    /// Event to successful delivery, in milliseconds.
    pub p50_ms: Option<u64>,
    pub p95_ms: Option<u64>,
    /// Share of the last 24 hours' events delivered within the target, in percent; events
    /// still undelivered past the target count as misses.
    pub within_target_percent: Option<f64>,
    /// Below the target percentage.
    pub breaching: bool,
    /// The last attempt failed, or a delivery went to the dead letter in the last 24 hours.
    pub failing: bool,
    pub last_error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookEndpoint {
    pub id: i64,
    pub url: String,
    pub description: String,
    pub event_types: Vec<WebhookEventType>,
    pub enabled: bool,
    pub sla_seconds: u32,
    pub sla_percent: u8,
    /// RFC 3339.
    pub created_at: String,
    pub health: EndpointHealth,
}

/// A new endpoint's signing secret, shown once (`whsec_…`, per Standard Webhooks), or a
/// rotated one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookSecret {
    pub endpoint_id: i64,
    pub secret: String,
}

/// `POST /api/webhooks/endpoints` answers the endpoint and its secret, shown this once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedEndpoint {
    pub endpoint: WebhookEndpoint,
    pub secret: WebhookSecret,
}

/// `POST /api/webhooks/endpoints/{id}/replay`: dead deliveries sent again from now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Replayed {
    pub replayed: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    Pending,
    Delivered,
    Dead,
}

string_enum!(DeliveryState {
    Pending => "pending" / "Pending",
    Delivered => "delivered" / "Delivered",
    Dead => "dead" / "Dead letter",
});

/// One event on its way to one endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Delivery {
    pub id: i64,
    /// The `webhook-id` header: the same on every attempt and replay.
    pub message_id: String,
    pub event_type: WebhookEventType,
    /// What the event is about, e.g. `registration:42`; one endpoint receives a subject's
    /// events in order.
    pub subject: String,
    pub state: DeliveryState,
    pub attempts: u32,
    /// RFC 3339.
    pub created_at: String,
    pub next_attempt_at: Option<String>,
    pub delivered_at: Option<String>,
    pub latency_ms: Option<u64>,
    /// The endpoint's last HTTP status, if it answered.
    pub last_status: Option<u16>,
    pub last_error: Option<String>,
}

/// `GET /api/webhooks/endpoints/{id}/deliveries`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct DeliveryQuery {
    pub state: Option<DeliveryState>,
    pub cursor: Option<String>,
    /// 1 to 100; 25 when absent.
    pub limit: Option<u32>,
}
