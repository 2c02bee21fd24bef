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

crate::text_column!(Motion);

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

crate::text_column!(Tier);

/// A partner organization in the managers' list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganizationSummary {
    pub id: i64,
    pub name: String,
    pub motion: Motion,
    pub tier: Tier,
    /// Where the organization is based (ISO 3166-1 alpha-2), if a manager said.
    pub country: Option<String>,
    pub user_count: i64,
    pub engagement: Engagement,
}

/// `PATCH /api/organizations/{id}`: where the organization is based; `null` clears it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateOrganization {
    pub country: Option<String>,
}

/// A state of a partner's engagement the managers' list can be narrowed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PartnerStatus {
    /// Older than 30 days, with nothing in the last 30.
    Stalled,
    /// In its first 30 days, with first steps of its onboarding plan still open.
    Activating,
}

string_enum!(PartnerStatus {
    Stalled => "stalled" / "Stalled",
    Activating => "activating" / "New, first steps open",
});

impl PartnerStatus {
    pub fn holds(self, engagement: &Engagement) -> bool {
        match self {
            PartnerStatus::Stalled => engagement.stalled,
            PartnerStatus::Activating => engagement
                .activation
                .as_ref()
                .is_some_and(|a| a.done() < a.steps.len()),
        }
    }
}

/// `GET /api/organizations` filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct OrganizationQuery {
    pub status: Option<PartnerStatus>,
    pub cursor: Option<String>,
    /// 1 to 100; 25 when absent.
    pub limit: Option<u32>,
}

impl OrganizationQuery {
    pub fn page(&self) -> crate::page::PageQuery {
        crate::page::PageQuery {
            cursor: self.cursor.clone(),
            limit: self.limit,
        }
    }
}

/// How actively a partner organization uses the portal. The server's `domain::engagement`
/// documents the weighting; the README sums it up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Engagement {
    /// From 0 (nothing in the last 90 days) to 100.
    pub score: u8,
    /// The score now minus the score 30 days ago.
    pub trend: i16,
    /// The latest event of any age the score counts; none if the partner never did anything.
    pub last_activity_at: Option<String>,
    /// Older than 30 days, with nothing in the last 30.
    pub stalled: bool,
    /// In the organization's first 30 days, how far it got; `None` afterwards.
    pub activation: Option<Activation>,
}

/// The first steps a new partner is expected to take: its onboarding plan's steps due in its
/// first 30 days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Activation {
    pub steps: Vec<ActivationStep>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivationStep {
    pub title: String,
    pub done: bool,
}

impl Activation {
    pub fn done(&self) -> usize {
        self.steps.iter().filter(|step| step.done).count()
    }
}

#[cfg(test)]
mod tests {
    use super::{Activation, ActivationStep};

    #[test]
    fn activation_counts_the_steps_taken() {
        let step = |done| ActivationStep {
            title: "Sign in".into(),
            done,
        };
        let activation = Activation {
            steps: vec![step(true), step(false), step(true)],
        };
        assert_eq!(activation.done(), 2);
    }
}
