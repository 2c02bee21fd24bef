//! The CRM side of the program: CRM card integrations (HubSpot, Salesforce), the events a CRM
//! sends about linked deals, and the webhooks Portico sends out.
//!
//! Everything here is vendor-staff only. Secrets appear in exactly two responses,
//! `IntegrationSecret` and `WebhookSecret`, right after they are made; nothing reads them back.

use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::validate::Fields;

pub const ORIGINS_MAX: usize = 10;
pub const URL_MAX: usize = 2_000;
pub const DESCRIPTION_MAX: usize = 200;
pub const APP_SECRET_MAX: usize = 200;
/// The integration latency target when a manager sets none: 95 % within 5 seconds.
pub const DEFAULT_SLA_SECONDS: u32 = 5;
pub const DEFAULT_SLA_PERCENT: u8 = 95;

/// A CRM whose deal pages show Portico's card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CrmSystem {
    Hubspot,
    Salesforce,
}

string_enum!(CrmSystem {
    Hubspot => "hubspot" / "HubSpot",
    Salesforce => "salesforce" / "Salesforce",
});

/// One CRM integration as managers see it. `configured` is false until first saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Integration {
    pub system: CrmSystem,
    pub configured: bool,
    /// Origins allowed to frame the card, e.g. `https://app.hubspot.com`.
    pub frame_origins: Vec<String>,
    /// Whether the HubSpot client secret or Salesforce consumer secret is set.
    pub has_app_secret: bool,
    /// When the integration secret (signed card links, CRM events) was last made; RFC 3339.
    pub secret_created_at: Option<String>,
    /// Where this CRM calls Portico: HubSpot's card fetch URL or Salesforce's Canvas URL.
    pub card_endpoint: String,
    /// Where this CRM posts deal events.
    pub events_endpoint: String,
}

/// `PUT /api/integrations/{system}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct IntegrationSettings {
    pub frame_origins: Vec<String>,
    /// The HubSpot app's client secret or the Salesforce connected app's consumer secret;
    /// absent keeps the one saved, empty removes it.
    pub app_secret: Option<String>,
}

/// Settings that passed the rules: origins normalized, the secret change decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidSettings {
    pub frame_origins: Vec<String>,
    /// `Some(None)` removes the saved secret.
    pub app_secret: Option<Option<String>>,
}

impl IntegrationSettings {
    pub fn validate(&self) -> Result<ValidSettings, FieldErrors> {
        let mut f = Fields::default();
        let origins = f
            .take("frame_origins", frame_origins(&self.frame_origins))
            .unwrap_or_default();
        let app_secret = self.app_secret.as_deref().map(str::trim).and_then(|s| {
            f.take(
                "app_secret",
                match s.len() {
                    0 => Ok(None),
                    n if n > APP_SECRET_MAX => Err("That secret is too long."),
                    _ if s.chars().any(char::is_whitespace) => {
                        Err("A secret has no spaces; paste it again.")
                    }
                    _ => Ok(Some(s.to_owned())),
                },
            )
        });
        f.finish()?;
        Ok(ValidSettings {
            frame_origins: origins,
            app_secret: self.app_secret.as_ref().map(|_| app_secret.flatten()),
        })
    }
}

/// Origins as a Content-Security-Policy `frame-ancestors` list takes them: a scheme, a host
/// (whose first label may be `*`) and an optional port; no path. Lower-cased, duplicates dropped.
pub fn frame_origins(input: &[String]) -> Result<Vec<String>, &'static str> {
    if input.len() > ORIGINS_MAX {
        return Err("Ten origins at most.");
    }
    let mut origins: Vec<String> = Vec::new();
    for raw in input {
        let origin = frame_origin(raw)?;
        if !origins.contains(&origin) {
            origins.push(origin);
        }
    }
    Ok(origins)
}

fn frame_origin(raw: &str) -> Result<String, &'static str> {
    const HINT: &str = "Enter origins like https://app.hubspot.com or \
                        https://*.lightning.force.com (no path).";
    let text = raw.trim().trim_end_matches('/').to_ascii_lowercase();
    let (scheme, rest) = text.split_once("://").ok_or(HINT)?;
    if scheme != "https" && scheme != "http" {
        return Err(HINT);
    }
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (rest, None),
    };
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    let host = host.strip_prefix("*.").unwrap_or(host);
    let host_ok = !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    if !(port_ok && host_ok) {
        return Err(HINT);
    }
    Ok(text)
}

/// `POST /api/integrations/{system}/secret`: the new integration secret, shown once. The old
/// one stops working at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IntegrationSecret {
    pub system: CrmSystem,
    pub secret: String,
    /// RFC 3339.
    pub created_at: String,
}

/// What a card shows: an opportunity, or a registration (pending, declined or approved).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CardSubject {
    Opportunity(i64),
    Registration(i64),
}

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

/// `POST /api/integrations/crm/events`: what happened to deals in the CRM, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CrmEventBatch {
    pub events: Vec<CrmEvent>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CrmEvent {
    /// Unique per event in the CRM; a repeated id is acknowledged and not applied again.
    pub id: String,
    /// When it happened in the CRM, RFC 3339. An event older than the last one applied to
    /// the same field of the same deal changes nothing.
    pub occurred_at: String,
    /// The CRM's own deal id.
    pub crm_deal_id: String,
    #[serde(flatten)]
    pub change: CrmChange,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type")]
pub enum CrmChange {
    /// The CRM deal is the registration's deal from now on.
    #[serde(rename = "deal.linked")]
    Linked { registration_id: i64 },
    /// A stage slug of the deal's motion (see the pipeline).
    #[serde(rename = "deal.stage_changed")]
    StageChanged { stage: String },
    #[serde(rename = "deal.owner_changed")]
    OwnerChanged { owner: String },
    /// In whole units of `currency` (ISO 4217).
    #[serde(rename = "deal.amount_changed")]
    AmountChanged { amount: i64, currency: String },
    #[serde(rename = "deal.closed")]
    Closed {
        won: bool,
        loss_reason: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CrmEventOutcome {
    Applied,
    /// This event id was received before.
    Duplicate,
    /// A newer event already set this field.
    Superseded,
    /// No Portico deal is linked to this CRM deal id (or the registration does not exist or
    /// has no deal yet); nothing was changed.
    UnknownDeal,
    /// The event breaks a rule; `message` says which.
    Invalid,
}

string_enum!(CrmEventOutcome {
    Applied => "applied" / "Applied",
    Duplicate => "duplicate" / "Already received",
    Superseded => "superseded" / "Superseded by a newer event",
    UnknownDeal => "unknown_deal" / "Unknown deal",
    Invalid => "invalid" / "Invalid",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CrmEventResult {
    pub id: String,
    pub outcome: CrmEventOutcome,
    pub opportunity_id: Option<i64>,
    pub message: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CrmEventResults {
    pub results: Vec<CrmEventResult>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_origins_are_normalized_and_checked() {
        let given = vec![
            " https://App.HubSpot.com/ ".to_owned(),
            "https://*.lightning.force.com".to_owned(),
            "http://127.0.0.1:4100".to_owned(),
            "https://app.hubspot.com".to_owned(),
        ];
        assert_eq!(
            frame_origins(&given).unwrap(),
            vec![
                "https://app.hubspot.com",
                "https://*.lightning.force.com",
                "http://127.0.0.1:4100"
            ]
        );
        for bad in [
            "app.hubspot.com",
            "ftp://x.com",
            "https://x.com/path",
            "https://*",
            "https://x.com:99999a",
            "'none'",
            "https://a b.com",
        ] {
            assert!(frame_origins(&[bad.to_owned()]).is_err(), "{bad}");
        }
    }

    #[test]
    fn endpoint_urls_are_web_urls_with_a_host() {
        assert!(endpoint_url("https://hooks.example.com/portico?x=1").is_ok());
        assert!(endpoint_url("http://127.0.0.1:9000/hook").is_ok());
        assert!(endpoint_url("http://localhost/hook").is_ok());
        assert!(endpoint_url("ftp://example.com/hook").is_err());
        assert!(endpoint_url("https:///hook").is_err());
        assert!(endpoint_url("https://user@example.com/").is_err());
        assert!(endpoint_url("example.com").is_err());
        assert!(endpoint_url("https://exa mple.com").is_err());
    }

    #[test]
    fn event_types_travel_with_dots() {
        let json = serde_json::to_string(&WebhookEventType::OpportunityStageChanged).unwrap();
        assert_eq!(json, "\"opportunity.stage_changed\"");
        for t in WebhookEventType::ALL {
            let json = serde_json::to_string(t).unwrap();
            assert_eq!(json, format!("\"{}\"", t.as_str()));
        }
    }

    #[test]
    fn crm_events_read_flat() {
        let event: CrmEvent = serde_json::from_str(
            r#"{"id":"e1","occurred_at":"2026-11-20T10:00:00Z","crm_deal_id":"9",
                "type":"deal.stage_changed","stage":"proposal"}"#,
        )
        .unwrap();
        assert_eq!(
            event.change,
            CrmChange::StageChanged {
                stage: "proposal".into()
            }
        );
    }

    #[test]
    fn endpoint_input_reports_every_field() {
        let input = EndpointInput {
            url: "ftp://x".into(),
            sla_percent: 0,
            ..EndpointInput::default()
        };
        let errors = input.validate().unwrap_err();
        for field in ["url", "event_types", "sla_percent"] {
            assert!(errors.contains_key(field), "{field}");
        }
    }
}
