//! Invitations: how a person gets an account.

use serde::{Deserialize, Serialize};

use crate::auth::Role;
use crate::error::FieldErrors;
use crate::organizations::OrganizationRef;
use crate::validate::{self, Fields};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateInvitation {
    pub email: String,
    pub role: Role,
    /// Required for partner roles, absent for vendor roles.
    pub organization_id: Option<i64>,
}

impl CreateInvitation {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = Fields::default();
        f.check("email", validate::email(&self.email));
        match (self.role.is_vendor(), self.organization_id) {
            (false, None) => f.add("organization_id", "Choose the partner organization."),
            (true, Some(_)) => f.add(
                "organization_id",
                "Vendor staff belong to no partner organization.",
            ),
            _ => {}
        }
        f.finish()
    }
}

/// A pending invitation as managers see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invitation {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub organization: Option<OrganizationRef>,
    pub invited_by: String,
    /// RFC 3339.
    pub expires_at: String,
}

/// Answer to creating an invitation: the link is shown this once, only its hash is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedInvitation {
    pub invitation: Invitation,
    pub link: String,
}

/// What the invitation link shows before the person sets a name and password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationPreview {
    pub email: String,
    pub role: Role,
    pub organization: Option<OrganizationRef>,
    /// RFC 3339.
    pub expires_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AcceptInvitation {
    pub name: String,
    pub password: String,
}

impl AcceptInvitation {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = Fields::default();
        f.check("name", validate::person_name(&self.name));
        f.check("password", validate::new_password(&self.password));
        f.finish()
    }
}
