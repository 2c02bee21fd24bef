//! The CRM side of the program: CRM card integrations (HubSpot, Salesforce), the events a CRM
//! sends about linked deals, and the webhooks Portico sends out.
//!
//! Everything here is vendor-staff only. Secrets appear in exactly two responses,
//! `IntegrationSecret` and `WebhookSecret`, right after they are made; nothing reads them back.

use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::validate::Fields;

mod crm_events;
mod webhooks;
pub use crm_events::{
    CrmChange, CrmEvent, CrmEventBatch, CrmEventOutcome, CrmEventResult, CrmEventResults,
};
pub use webhooks::{
    CreatedEndpoint, Delivery, DeliveryQuery, DeliveryState, EndpointHealth, EndpointInput,
    Replayed, WebhookEndpoint, WebhookEventType, WebhookSecret, endpoint_url,
};

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
