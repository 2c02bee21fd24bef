//! Partner organizations as the API shows them.

use serde::{Deserialize, Serialize};

/// The few words that name an organization wherever another type refers to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganizationRef {
    pub id: i64,
    pub name: String,
}

/// How a partner goes to market with the vendor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Motion {
    Referral,
    Reseller,
    Marketplace,
    Services,
    Tech,
}

impl Motion {
    pub const ALL: [Motion; 5] = [
        Motion::Referral,
        Motion::Reseller,
        Motion::Marketplace,
        Motion::Services,
        Motion::Tech,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Motion::Referral => "referral",
            Motion::Reseller => "reseller",
            Motion::Marketplace => "marketplace",
            Motion::Services => "services",
            Motion::Tech => "tech",
        }
    }

    pub fn parse(s: &str) -> Option<Motion> {
        Motion::ALL.into_iter().find(|m| m.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Motion::Referral => "Referral",
            Motion::Reseller => "Reseller",
            Motion::Marketplace => "Marketplace",
            Motion::Services => "Services / SI",
            Motion::Tech => "Tech / ISV",
        }
    }
}

/// Program tier, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    Registered,
    Silver,
    Gold,
    Platinum,
}

impl Tier {
    pub const ALL: [Tier; 4] = [Tier::Registered, Tier::Silver, Tier::Gold, Tier::Platinum];

    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Registered => "registered",
            Tier::Silver => "silver",
            Tier::Gold => "gold",
            Tier::Platinum => "platinum",
        }
    }

    pub fn parse(s: &str) -> Option<Tier> {
        Tier::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Tier::Registered => "Registered",
            Tier::Silver => "Silver",
            Tier::Gold => "Gold",
            Tier::Platinum => "Platinum",
        }
    }
}

/// A partner organization in the managers' list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganizationSummary {
    pub id: i64,
    pub name: String,
    pub motion: Motion,
    pub tier: Tier,
    pub user_count: i64,
}
