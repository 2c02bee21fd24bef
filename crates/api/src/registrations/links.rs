//! Registration links: a seller without an account registers through the organization's
//! secret link.

use serde::{Deserialize, Serialize};

use super::{filing::RegistrationRequest, filing::ValidRegistration, products::Product};
use crate::date::Date;
use crate::error::FieldErrors;
use crate::validate::{self, Fields};

/// `POST /api/public/registration-links/{token}/registrations`: a seller without a portal
/// account registers through the organization's secret link, saying who they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LinkRegistrationRequest {
    pub submitter_name: String,
    pub submitter_email: String,
    pub registration: RegistrationRequest,
}

/// A valid link submission: who submitted it, and the registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidLinkRegistration {
    pub submitter_name: String,
    pub submitter_email: String,
    pub registration: ValidRegistration,
}

impl LinkRegistrationRequest {
    /// Errors of the registration's fields keep their names, beside `submitter_name` and
    /// `submitter_email`, so one form shows them all.
    pub fn validate(&self, today: Date) -> Result<ValidLinkRegistration, FieldErrors> {
        let mut f = Fields::default();
        let name = f.take(
            "submitter_name",
            validate::person_name(&self.submitter_name),
        );
        let email = f.take("submitter_email", validate::email(&self.submitter_email));
        let registration = self.registration.validate(today);
        let mut errors = f.finish().err().unwrap_or_default();
        match registration {
            Ok(registration) if errors.is_empty() => Ok(ValidLinkRegistration {
                submitter_name: name.expect("checked above"),
                submitter_email: email.expect("checked above"),
                registration,
            }),
            Ok(_) => Err(errors),
            Err(more) => {
                errors.extend(more);
                Err(errors)
            }
        }
    }
}

/// Whether the organization has a registration link, for its partner admins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationLinkStatus {
    pub active: bool,
    /// RFC 3339: when the current link was made.
    pub created_at: Option<String>,
}

/// A new registration link: shown this once, only its hash is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedRegistrationLink {
    pub link: String,
    /// RFC 3339.
    pub created_at: String,
}

/// What a registration link shows before submitting: whom it registers for and the form's
/// choices, nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkForm {
    /// The partner organization the link files registrations for.
    pub organization: String,
    /// The currency of the organization's country, which the form starts with.
    pub currency: Option<String>,
    pub products: Vec<Product>,
    /// The certifications the organization lacks, which the form warns of before filing.
    pub requirements: crate::certifications::FilingRequirements,
}
