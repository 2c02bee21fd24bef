//! Deal and lead registrations: the partner's claim on a customer, and the manager's decision.
//!
//! Partners get `PartnerRegistration`, which has no room for anything about other partners or
//! the vendor's accounts; managers get `ManagerRegistration`, which adds the conflict findings.

use serde::{Deserialize, Serialize};

pub use crate::findings::{ConflictFinding, MatchStrength};

mod decisions;
mod filing;
mod links;
mod products;
mod views;
pub use decisions::{
    DecisionRequest, ExtensionRequest, InfoRequest, InfoResponse, RESOLUTION_DECLINES_MAX,
    ResolutionRequest, optional_rationale,
};
pub use filing::{
    DealTerms, RegistrationRequest, ValidRegistration, company_name, contact_email, contact_name,
    description, estimated_value, expected_close,
};
pub use links::{
    CreatedRegistrationLink, LinkForm, LinkRegistrationRequest, RegistrationLinkStatus,
    ValidLinkRegistration,
};
pub use products::{CreateProduct, Product};
pub use views::{
    Decision, Extension, ManagerRegistration, ManagerRegistrationDetail, PartnerRegistration,
    PartnerRegistrationDetail, Protection, RegistrationDetail, RegistrationPage, RegistrationQuery,
    TimelineEntry,
};

pub const COMPANY_NAME_MAX: usize = 120;
pub const TITLE_MAX: usize = 100;
pub const DESCRIPTION_MAX: usize = 2000;
pub const RATIONALE_MAX: usize = 2000;
/// Whole currency units; a registration above this is a typo, not a deal.
pub const VALUE_MAX: i64 = 1_000_000_000;
/// How far ahead an expected close date may be.
pub const CLOSE_MONTHS_AHEAD: u32 = 18;
pub const PRODUCTS_MAX: usize = 20;
/// A partner may ask for a longer protection in its last this many days.
pub const EXTENSION_WINDOW_DAYS: i64 = 14;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RegistrationKind {
    /// An opportunity with a value and a close date.
    Deal,
    /// An early interest: fewer fields.
    Lead,
}

/// Whether the partner found the opportunity or helps on one the vendor already has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PartnerRole {
    Sourced,
    Influenced,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RegistrationStatus {
    Submitted,
    /// A manager asked the partner a question; the partner's answer puts it back in the queue.
    InfoRequested,
    /// Protected until `protection.ends_on`.
    Approved,
    Declined,
    Withdrawn,
    /// Approved once; its protection has ended.
    Expired,
}

/// What the conflict check concluded. Partners learn only this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConflictLevel {
    None,
    Review,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Approve,
    Decline,
}

/// Why a registration was declined; the rationale explains it in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeclineReason {
    AlreadyRegistered,
    ExistingCustomer,
    DirectOpportunity,
    NotQualified,
    MissingInformation,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExtensionStatus {
    Requested,
    Approved,
    Declined,
}

string_enum!(RegistrationKind { Deal => "deal" / "Deal", Lead => "lead" / "Lead" });
string_enum!(PartnerRole {
    Sourced => "sourced" / "We sourced it",
    Influenced => "influenced" / "We are influencing it",
});
string_enum!(RegistrationStatus {
    Submitted => "submitted" / "Submitted",
    InfoRequested => "info_requested" / "More information requested",
    Approved => "approved" / "Approved",
    Declined => "declined" / "Declined",
    Withdrawn => "withdrawn" / "Withdrawn",
    Expired => "expired" / "Expired",
});
string_enum!(ConflictLevel { None => "none" / "No conflict found", Review => "review" / "Needs review" });
string_enum!(Verdict { Approve => "approve" / "Approve", Decline => "decline" / "Decline" });
string_enum!(DeclineReason {
    AlreadyRegistered => "already_registered" / "Another registration has this customer",
    ExistingCustomer => "existing_customer" / "Existing customer with an owner",
    DirectOpportunity => "direct_opportunity" / "Direct sales is already working it",
    NotQualified => "not_qualified" / "Not a qualified opportunity",
    MissingInformation => "missing_information" / "Information missing",
    Other => "other" / "Other",
});
string_enum!(ExtensionStatus {
    Requested => "requested" / "Extension requested",
    Approved => "approved" / "Extension approved",
    Declined => "declined" / "Extension declined",
});

impl RegistrationStatus {
    /// Still waiting for a manager.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Submitted | Self::InfoRequested)
    }

    pub fn may_withdraw(self) -> bool {
        matches!(self, Self::Submitted | Self::InfoRequested | Self::Approved)
    }
}

impl ConflictLevel {
    /// What the partner reads about the check, for a registration now in `status`: the same
    /// words whatever matched, and never a promise the registration's state has overtaken.
    pub fn partner_message(self, status: RegistrationStatus, approval_sla_hours: i64) -> String {
        use RegistrationStatus::*;
        match (self, status) {
            (ConflictLevel::None, _) => "No conflict found.".to_owned(),
            (ConflictLevel::Review, Submitted | InfoRequested) => format!(
                "This customer needs review; a partner manager will decide within {approval_sla_hours} hours."
            ),
            (ConflictLevel::Review, Approved | Expired) => {
                "This customer needed review; a partner manager approved the registration."
                    .to_owned()
            }
            (ConflictLevel::Review, Declined) => {
                "This customer needed review; a partner manager declined the registration."
                    .to_owned()
            }
            (ConflictLevel::Review, Withdrawn) => {
                "This customer needed review; the registration was withdrawn.".to_owned()
            }
        }
    }
}

/// The registration number partners and managers quote.
pub fn number(id: i64) -> String {
    format!("R-{}", 1000 + id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::organizations::Motion;

    fn today() -> Date {
        Date::parse("2026-11-23").unwrap()
    }

    fn deal() -> RegistrationRequest {
        RegistrationRequest {
            kind: RegistrationKind::Deal,
            company_name: " Acme Corp ".into(),
            company_domain: "https://www.Acme.com/about".into(),
            country: "de".into(),
            contact_name: "Jane Roe".into(),
            contact_email: "Jane@Acme.com".into(),
            contact_title: Some("  ".into()),
            motion: Motion::Reseller,
            products: vec![2, 1, 2],
            estimated_value: Some(50_000),
            currency: Some("eur".into()),
            expected_close: Some("2027-03-31".into()),
            description: "Replace their legacy portal.".into(),
            partner_role: PartnerRole::Sourced,
        }
    }

    #[test]
    fn a_valid_deal_is_normalized() {
        let valid = deal().validate(today()).unwrap();
        assert_eq!(valid.company_name, "Acme Corp");
        assert_eq!(valid.company_domain, "acme.com");
        assert_eq!(valid.country, "DE");
        assert_eq!(valid.contact_email, "jane@acme.com");
        assert_eq!(valid.contact_title, None);
        assert_eq!(valid.products, vec![1, 2]);
        let terms = valid.deal.unwrap();
        assert_eq!((terms.estimated_value, terms.currency), (50_000, "EUR"));
        assert_eq!(terms.expected_close.to_string(), "2027-03-31");
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let bad = RegistrationRequest {
            company_name: "".into(),
            company_domain: "not a domain".into(),
            country: "XX".into(),
            contact_email: "jane".into(),
            products: vec![],
            estimated_value: Some(0),
            currency: Some("ZZZ".into()),
            expected_close: Some("2026-11-22".into()),
            description: " ".into(),
            ..deal()
        };
        let errors = bad.validate(today()).unwrap_err();
        let fields: Vec<_> = errors.keys().map(String::as_str).collect();
        assert_eq!(
            fields,
            [
                "company_domain",
                "company_name",
                "contact_email",
                "country",
                "currency",
                "description",
                "estimated_value",
                "expected_close",
                "products"
            ]
        );
    }

    #[test]
    fn close_dates_run_from_today_to_eighteen_months() {
        assert!(expected_close("2026-11-23", today()).is_ok());
        assert!(expected_close("2028-05-23", today()).is_ok());
        assert!(expected_close("2028-05-24", today()).is_err());
        assert!(expected_close("2026-11-22", today()).is_err());
        assert!(expected_close("23/11/2026", today()).is_err());
    }

    #[test]
    fn values_are_positive_and_capped() {
        assert!(estimated_value(Some(1)).is_ok());
        assert!(estimated_value(Some(VALUE_MAX)).is_ok());
        assert!(estimated_value(Some(VALUE_MAX + 1)).is_err());
        assert!(estimated_value(Some(-5)).is_err());
        assert!(estimated_value(None).is_err());
    }

    #[test]
    fn leads_need_fewer_fields_and_carry_no_deal_terms() {
        let lead = RegistrationRequest {
            kind: RegistrationKind::Lead,
            products: vec![],
            estimated_value: None,
            currency: None,
            expected_close: None,
            ..deal()
        };
        assert_eq!(lead.validate(today()).unwrap().deal, None);
        let with_value = RegistrationRequest {
            estimated_value: Some(10),
            ..lead
        };
        let errors = with_value.validate(today()).unwrap_err();
        assert!(errors.contains_key("estimated_value"));
    }

    #[test]
    fn declines_need_a_rationale() {
        let decline = DecisionRequest {
            decision: Verdict::Decline,
            rationale: Some("  ".into()),
            reason: None,
        };
        assert!(decline.validate().unwrap_err().contains_key("rationale"));
        let approve = DecisionRequest {
            decision: Verdict::Approve,
            rationale: None,
            reason: None,
        };
        assert_eq!(approve.validate().unwrap(), None);
    }

    #[test]
    fn numbers_start_above_a_thousand() {
        assert_eq!(number(42), "R-1042");
    }

    #[test]
    fn a_missing_contact_is_named_as_the_contact() {
        assert_eq!(contact_name(" "), Err("Enter the contact's name."));
        assert_eq!(
            contact_email(""),
            Err("Enter the contact's e-mail address.")
        );
        assert_eq!(contact_name("Jane Roe"), Ok("Jane Roe".to_owned()));
        assert!(contact_email("jane@").is_err_and(|e| e.contains("like name@company.com")));
    }

    #[test]
    fn a_partner_reads_no_promise_of_a_decision_once_decided() {
        for status in RegistrationStatus::ALL {
            let message = ConflictLevel::Review.partner_message(*status, 48);
            assert_eq!(
                message.contains("will decide"),
                status.is_open(),
                "{status:?}"
            );
        }
    }

    #[test]
    fn a_resolution_names_what_it_declines() {
        let none = ResolutionRequest {
            decline: vec![],
            rationale: None,
        };
        assert!(none.validate().unwrap_err().contains_key("decline"));
        let many = ResolutionRequest {
            decline: (0..=RESOLUTION_DECLINES_MAX as i64).collect(),
            rationale: None,
        };
        assert!(many.validate().unwrap_err().contains_key("decline"));
    }
}
