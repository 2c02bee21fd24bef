//! What a webhook delivery carries: the body Portico `POST`s to an endpoint, signed per
//! Standard Webhooks. The receiver reads `type` to know which shape `data` has.
//!
//! Fields are declared in alphabetical order: deliveries were written from JSON maps, whose keys
//! serde_json sorts, and these types keep their bytes as they were.

use serde::{Deserialize, Serialize};

use crate::OrganizationRef;
use crate::integrations::WebhookEventType;

/// One delivery's body, the same on every retry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookMessage {
    pub data: WebhookData,
    /// When the event happened, RFC 3339 with milliseconds.
    pub timestamp: String,
    #[serde(rename = "type")]
    pub event_type: WebhookEventType,
}

/// `data` by event type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum WebhookData {
    /// `registration.submitted`, `.approved`, `.declined` and `.expired`.
    Registration(RegistrationEvent),
    /// `opportunity.stage_changed`.
    StageChanged(StageChangedEvent),
    /// `asset.published`.
    AssetPublished(AssetPublishedEvent),
}

/// A deal or lead registration as it is once the change is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationEvent {
    pub company_domain: String,
    pub company_name: String,
    /// RFC 3339; absent until a manager decides.
    pub decided_at: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = crate::registrations::RegistrationKind))]
    pub kind: String,
    #[cfg_attr(feature = "openapi", schema(value_type = crate::organizations::Motion))]
    pub motion: String,
    /// The deal in the pipeline, once the registration is approved.
    pub opportunity_id: Option<i64>,
    /// The partner organization that registered it.
    pub organization: OrganizationRef,
    #[cfg_attr(feature = "openapi", schema(value_type = crate::registrations::PartnerRole))]
    pub partner_role: String,
    /// RFC 3339; while the approval protects the partner.
    pub protection_ends_at: Option<String>,
    pub registration_id: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = crate::registrations::RegistrationStatus))]
    pub status: String,
    /// RFC 3339.
    pub submitted_at: String,
}

/// A deal that moved from one stage of its motion to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageChangedEvent {
    /// The CRM deals linked to it, by system.
    pub crm_deals: Vec<CrmDealRef>,
    pub customer_name: String,
    pub from_stage: String,
    #[cfg_attr(feature = "openapi", schema(value_type = crate::organizations::Motion))]
    pub motion: String,
    pub opportunity_id: i64,
    pub organization: OrganizationRef,
    /// The registration it came from; absent for a deal a manager added.
    pub registration_id: Option<i64>,
    pub to_stage: String,
}

/// A CRM deal linked to a Portico deal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CrmDealRef {
    pub crm_deal_id: String,
    #[cfg_attr(feature = "openapi", schema(value_type = crate::integrations::CrmSystem))]
    pub system: String,
}

/// Content a manager just published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssetPublishedEvent {
    pub asset_id: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = crate::assets::AssetKind))]
    pub kind: String,
    pub summary: String,
    pub title: String,
}
