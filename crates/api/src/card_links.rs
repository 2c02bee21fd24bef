//! Signed card links: addresses of one deal's CRM card that a manager makes for a CRM, each
//! recorded with an id that is part of what is signed, so one link can be revoked without
//! retiring the others. Vendor staff only.

use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::integrations::{CardSubject, CrmSystem};
use crate::registrations::optional_rationale;
use crate::validate::Fields;

/// How long a card link lives when the manager does not say.
pub const CARD_LINK_DAYS_DEFAULT: u32 = 30;
/// Card links live at most this long: as long as the default protection of a registration, so
/// one link covers a deal through its protection window, and a forgotten link dies within a
/// quarter.
pub const CARD_LINK_DAYS_MAX: u32 = 90;

fn default_days() -> u32 {
    CARD_LINK_DAYS_DEFAULT
}

/// `POST /api/integrations/{system}/card-links`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CardLinkRequest {
    pub subject: CardSubject,
    /// 1 to 90; 30 when absent.
    #[serde(default = "default_days")]
    pub valid_days: u32,
}

impl CardLinkRequest {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = Fields::default();
        if !(1..=CARD_LINK_DAYS_MAX).contains(&self.valid_days) {
            f.add("valid_days", "Choose from 1 to 90 days.");
        }
        f.finish()
    }
}

/// A signed card URL for a CRM iframe, made just now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CardLink {
    /// The link's id, also in the URL as `lid`: revoke it by this id.
    pub id: i64,
    pub url: String,
    /// RFC 3339.
    pub expires_at: String,
}

/// A card link as the list of issued links shows it; the URL itself is not shown again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedCardLink {
    pub id: i64,
    pub system: CrmSystem,
    pub subject: CardSubject,
    /// The customer the deal or registration is about.
    pub subject_name: Option<String>,
    /// The name of the manager who made it.
    pub issued_by: String,
    /// RFC 3339.
    pub issued_at: String,
    /// RFC 3339.
    pub expires_at: String,
    /// Past its expiry now.
    pub expired: bool,
    pub revoked: Option<Revocation>,
}

/// Who revoked a card link, when and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Revocation {
    /// RFC 3339.
    pub at: String,
    pub by: String,
    pub rationale: Option<String>,
}

/// `POST /api/integrations/{system}/card-links/{id}/revoke`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RevokeCardLink {
    /// Why, for the audit trail; optional.
    #[serde(default)]
    pub rationale: Option<String>,
}

impl RevokeCardLink {
    /// The trimmed rationale, if any.
    pub fn validate(&self) -> Result<Option<String>, FieldErrors> {
        let mut f = Fields::default();
        let rationale = f.take("rationale", optional_rationale(self.rationale.as_deref()));
        f.finish()?;
        Ok(rationale.flatten().map(str::to_owned))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_links_last_thirty_days_unless_told_and_ninety_at_most() {
        let request: CardLinkRequest =
            serde_json::from_str(r#"{"subject":{"opportunity":7}}"#).unwrap();
        assert_eq!(request.valid_days, 30);
        assert!(request.validate().is_ok());
        for (days, ok) in [(0, false), (1, true), (90, true), (91, false), (365, false)] {
            let request = CardLinkRequest {
                valid_days: days,
                ..request
            };
            assert_eq!(request.validate().is_ok(), ok, "{days}");
        }
    }

    #[test]
    fn revocation_rationales_are_optional_and_bounded() {
        let blank = RevokeCardLink {
            rationale: Some("  ".into()),
        };
        assert_eq!(blank.validate(), Ok(None));
        let said = RevokeCardLink {
            rationale: Some(" pasted in the wrong CRM ".into()),
        };
        assert_eq!(said.validate(), Ok(Some("pasted in the wrong CRM".into())));
        let long = RevokeCardLink {
            rationale: Some("x".repeat(crate::registrations::RATIONALE_MAX + 1)),
        };
        assert!(long.validate().unwrap_err().contains_key("rationale"));
    }
}
