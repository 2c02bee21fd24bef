//! Sign-in, the session's identity, and roles.

use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::organizations::OrganizationRef;
use crate::validate::{self, Fields};

/// What a user may do. Partner roles belong to exactly one organization; vendor roles to none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    PartnerUser,
    PartnerAdmin,
    Manager,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::PartnerUser,
        Role::PartnerAdmin,
        Role::Manager,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::PartnerUser => "partner_user",
            Role::PartnerAdmin => "partner_admin",
            Role::Manager => "manager",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::PartnerUser => "Partner user",
            Role::PartnerAdmin => "Partner admin",
            Role::Manager => "Partner manager",
            Role::Admin => "Administrator",
        }
    }

    /// Which roles this role may hand out in an invitation: managers and partner admins grow
    /// the partner side (a partner admin only their own organization), admins any side.
    pub fn may_invite(self, invitee: Role) -> bool {
        match self {
            Role::Admin => true,
            Role::Manager | Role::PartnerAdmin => !invitee.is_vendor(),
            Role::PartnerUser => false,
        }
    }

    /// Vendor staff: managers and admins, who belong to no partner organization.
    pub fn is_vendor(self) -> bool {
        matches!(self, Role::Manager | Role::Admin)
    }
}

crate::text_column!(Role);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

impl LoginRequest {
    /// Only shape checks: whether the pair is right is the server's to say, in one message.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = Fields::default();
        f.check("email", validate::email(&self.email));
        if self.password.is_empty() {
            f.add("password", "Enter your password.");
        }
        f.finish()
    }
}

/// The signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserSummary {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
}

/// `GET /api/me`: who is asking, for which organization, and the token that state-changing
/// requests must echo in `X-CSRF-Token`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub user: UserSummary,
    pub organization: Option<OrganizationRef>,
    /// The currency of the organization's country (ISO 4217), which a new registration starts
    /// with; none for vendor staff or an organization without a country.
    pub currency: Option<String>,
    pub csrf_token: String,
    /// The portal requires two-factor sign-in of this vendor staff member, who has not set it
    /// up: every other request answers 403 `two_factor_setup_required` until they do.
    pub two_factor_setup_required: bool,
}

/// The answer (202) to a right password or sign-in link when the account has two-factor
/// sign-in on: no session yet, but a token for the second step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecondFactorRequired {
    /// Single-use; send it with the code to `POST /api/auth/second-factor`.
    pub pending_token: String,
    pub expires_in_secs: u32,
}

/// `POST /api/auth/second-factor`: the code from the authenticator app, or a recovery code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SecondFactorRequest {
    pub pending_token: String,
    pub code: String,
}

impl SecondFactorRequest {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = Fields::default();
        f.check("code", crate::account::SignInCode::parse(&self.code));
        f.finish()
    }
}

/// `POST /api/auth/magic-link`: e-mail a one-time sign-in link to this address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MagicLinkRequest {
    pub email: String,
    /// A path in the portal to open after signing in, e.g. `/registrations/12`.
    #[serde(default)]
    pub next: Option<String>,
}

impl MagicLinkRequest {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = Fields::default();
        f.check("email", validate::email(&self.email));
        f.finish()
    }
}

/// The same answer whether or not an account uses the address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MagicLinkSent {
    pub message: String,
}

/// `POST /api/auth/magic-link/redeem`: the token from the link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RedeemSignInLink {
    pub token: String,
}

/// A path inside the portal that is safe to go to after signing in: one leading `/`, no
/// scheme or host, no backslashes.
pub fn safe_next(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control);
    ok.then_some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(
            safe_next("/manage/invitations"),
            Some("/manage/invitations")
        );
        assert_eq!(safe_next("/admin/users?x=1"), Some("/admin/users?x=1"));
        for bad in [
            "",
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "evil",
            "/a\nb",
        ] {
            assert_eq!(safe_next(bad), None, "{bad:?}");
        }
    }
}
