//! What a CRM sends about linked deals, and what became of each event.

use serde::{Deserialize, Serialize};

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
