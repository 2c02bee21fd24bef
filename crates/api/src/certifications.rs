//! Certifications: the definitions managers keep (what it certifies, how long it lasts, when a
//! release makes holders renew, which motions and products need it), the people holding them,
//! and the CSV of completions a learning system exports.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::error::FieldErrors;
use crate::organizations::Motion;
use crate::validate::Fields;

/// What a certification proves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CertificationKind {
    Product,
    Sales,
}

string_enum!(CertificationKind {
    Product => "product" / "Product",
    Sales => "sales" / "Sales",
});

/// Holders who earned the certification before this release must renew it; they have
/// `RENEWAL_DAYS` from the release day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Renewal {
    /// The release's name, e.g. "Portico 5".
    pub release: String,
    /// `YYYY-MM-DD`.
    pub released_on: String,
}

pub const RENEWAL_DAYS: i64 = 90;
pub const MAX_VALIDITY_MONTHS: u32 = 60;

/// `POST /api/certifications` and `PUT /api/certifications/{id}` (managers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CertificationInput {
    pub name: String,
    pub kind: CertificationKind,
    pub validity_months: u32,
    #[serde(default)]
    pub renewal: Option<Renewal>,
    /// Where and how a person earns it; shown to partners a filing is refused to.
    #[serde(default)]
    pub how_to_earn: String,
    /// Filings of organizations in these motions need a holder.
    #[serde(default)]
    pub required_for_motions: Vec<Motion>,
    /// Filings naming these products (ids from `GET /api/products`) need a holder.
    #[serde(default)]
    pub required_for_products: Vec<i64>,
}

impl CertificationInput {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = Fields::default();
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 80 {
            f.add("name", "Name the certification in 1 to 80 characters.");
        }
        if !(1..=MAX_VALIDITY_MONTHS).contains(&self.validity_months) {
            f.add("validity_months", "Choose a validity of 1 to 60 months.");
        }
        if let Some(renewal) = &self.renewal {
            let release = renewal.release.trim();
            if release.is_empty() || release.chars().count() > 40 {
                f.add("renewal.release", "Name the release in 1 to 40 characters.");
            }
            if Date::parse(&renewal.released_on).is_none() {
                f.add(
                    "renewal.released_on",
                    "Enter the release day as YYYY-MM-DD.",
                );
            }
        }
        if self.how_to_earn.chars().count() > 500 {
            f.add(
                "how_to_earn",
                "Explain how to earn it in at most 500 characters.",
            );
        }
        if self.required_for_products.len() > 50 {
            f.add("required_for_products", "Choose at most 50 products.");
        }
        f.finish()
    }
}

/// A certification as managers define it, with how many people hold it today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CertificationDefinition {
    pub id: i64,
    /// The stable key assets name in their audience.
    pub code: String,
    pub name: String,
    pub kind: CertificationKind,
    pub validity_months: u32,
    pub renewal: Option<Renewal>,
    pub how_to_earn: String,
    pub required_for_motions: Vec<Motion>,
    pub required_for_products: Vec<i64>,
    /// People whose certification has not expired.
    pub holders: i64,
}

/// `GET /api/certifications`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CertificationList {
    pub certifications: Vec<CertificationDefinition>,
}

/// `POST /api/people/{id}/certifications` (managers): the person earned it on that day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RecordCertification {
    pub certification_id: i64,
    /// `YYYY-MM-DD`, not in the future.
    pub earned_on: String,
}

/// Where a holding stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HoldingStatus {
    Current,
    /// Expires within 30 days.
    ExpiringSoon,
    Expired,
}

string_enum!(HoldingStatus {
    Current => "current" / "Current",
    ExpiringSoon => "expiring_soon" / "Expires soon",
    Expired => "expired" / "Expired",
});

/// The days before expiry a holding counts as expiring soon and its holder is reminded.
pub const EXPIRY_NOTICE_DAYS: i64 = 30;

/// One certification a person holds (their latest earning of it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Holding {
    pub certification_id: i64,
    pub name: String,
    pub kind: CertificationKind,
    pub earned_on: String,
    /// The earlier of the validity's end and the renewal a release asks for.
    pub expires_on: String,
    pub status: HoldingStatus,
    /// Set when a release cut the validity short.
    pub renewal_release: Option<String>,
}

/// A person of a partner organization and what they hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonCertifications {
    pub person_id: i64,
    pub name: String,
    pub email: String,
    pub organization_id: i64,
    pub holdings: Vec<Holding>,
}

/// `GET /api/organizations/{id}/people`: the organization's people and their certifications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganizationPeople {
    pub people: Vec<PersonCertifications>,
    /// Certifications the organization held before they were recorded per person, not yet
    /// given to one (it had nobody to hold them); they count until someone does.
    pub unassigned: Vec<String>,
}

/// `POST /api/certifications/import`: what the file recorded. A file with any bad row records
/// nothing and answers 422 with the errors keyed `row N`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CertificationImport {
    pub recorded: usize,
    /// Rows the same person's same earning was recorded for already.
    pub already_recorded: usize,
}

/// A certification a filing needs and the organization lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MissingCertification {
    pub certification_id: i64,
    pub name: String,
    pub how_to_earn: String,
    /// The organization's motion needs it for every filing.
    pub for_motion: bool,
    /// The products needing it (ids); a filing naming none of them does not.
    pub for_products: Vec<i64>,
}

impl MissingCertification {
    /// "Filing needs someone at your organization certified in Solutions Architect. Book the
    /// course at…"
    pub fn message(&self) -> String {
        let how = if self.how_to_earn.trim().is_empty() {
            String::from("Ask your partner manager how to earn it.")
        } else {
            self.how_to_earn.trim().to_owned()
        };
        format!(
            "This filing needs someone at your organization holding the {} certification. {how}",
            self.name
        )
    }
}

/// `GET /api/registrations/requirements` (partners): what the caller's organization lacks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FilingRequirements {
    pub missing: Vec<MissingCertification>,
}

impl FilingRequirements {
    /// What a filing naming these products lacks: the motion's needs, and the products'.
    pub fn for_filing(&self, products: &[i64]) -> Vec<&MissingCertification> {
        self.missing
            .iter()
            .filter(|m| m.for_motion || m.for_products.iter().any(|p| products.contains(p)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> CertificationInput {
        CertificationInput {
            name: "Solutions Architect".into(),
            kind: CertificationKind::Product,
            validity_months: 24,
            renewal: None,
            how_to_earn: String::new(),
            required_for_motions: vec![],
            required_for_products: vec![],
        }
    }

    #[test]
    fn a_definition_names_every_bad_field() {
        assert_eq!(input().validate(), Ok(()));
        let bad = CertificationInput {
            name: " ".into(),
            validity_months: 0,
            renewal: Some(Renewal {
                release: String::new(),
                released_on: "2026-13-01".into(),
            }),
            ..input()
        };
        let errors = bad.validate().unwrap_err();
        let fields: Vec<&str> = errors.keys().map(String::as_str).collect();
        assert_eq!(
            fields,
            [
                "name",
                "renewal.release",
                "renewal.released_on",
                "validity_months"
            ]
        );
    }

    #[test]
    fn a_filing_lacks_the_motions_needs_and_those_of_its_products() {
        let missing = |id, for_motion, for_products: Vec<i64>| MissingCertification {
            certification_id: id,
            name: format!("C{id}"),
            how_to_earn: String::new(),
            for_motion,
            for_products,
        };
        let requirements = FilingRequirements {
            missing: vec![missing(1, true, vec![]), missing(2, false, vec![7])],
        };
        let ids = |products: &[i64]| -> Vec<i64> {
            let lacking = requirements.for_filing(products);
            lacking.iter().map(|m| m.certification_id).collect()
        };
        assert_eq!(ids(&[3]), [1]);
        assert_eq!(ids(&[3, 7]), [1, 2]);
        assert!(
            missing(1, true, vec![])
                .message()
                .contains("Ask your partner manager")
        );
    }
}
