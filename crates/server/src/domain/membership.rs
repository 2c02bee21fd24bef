//! Who a user is in the program: vendor staff, or a member of exactly one partner organization.

use portico_api::Role;

/// A role with the organization it requires; the wrong combinations cannot be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Membership {
    Vendor { admin: bool },
    Partner { organization_id: i64, admin: bool },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MembershipError {
    #[error("Partner roles need a partner organization.")]
    MissingOrganization,
    #[error("Vendor staff belong to no partner organization.")]
    UnexpectedOrganization,
    #[error(
        "A role can only change within the same side: invite the person again for the other side."
    )]
    CrossesSides,
}

impl Membership {
    pub fn new(role: Role, organization_id: Option<i64>) -> Result<Self, MembershipError> {
        match (role, organization_id) {
            (Role::Manager, None) => Ok(Membership::Vendor { admin: false }),
            (Role::Admin, None) => Ok(Membership::Vendor { admin: true }),
            (Role::PartnerUser | Role::PartnerAdmin, Some(organization_id)) => {
                Ok(Membership::Partner {
                    organization_id,
                    admin: role == Role::PartnerAdmin,
                })
            }
            (Role::PartnerUser | Role::PartnerAdmin, None) => {
                Err(MembershipError::MissingOrganization)
            }
            (Role::Manager | Role::Admin, Some(_)) => Err(MembershipError::UnexpectedOrganization),
        }
    }

    pub fn role(self) -> Role {
        match self {
            Membership::Vendor { admin: false } => Role::Manager,
            Membership::Vendor { admin: true } => Role::Admin,
            Membership::Partner { admin: false, .. } => Role::PartnerUser,
            Membership::Partner { admin: true, .. } => Role::PartnerAdmin,
        }
    }

    pub fn organization_id(self) -> Option<i64> {
        match self {
            Membership::Vendor { .. } => None,
            Membership::Partner {
                organization_id, ..
            } => Some(organization_id),
        }
    }

    /// The same person with another role on the same side.
    pub fn with_role(self, role: Role) -> Result<Self, MembershipError> {
        if role.is_vendor() != self.role().is_vendor() {
            return Err(MembershipError::CrossesSides);
        }
        Membership::new(role, self.organization_id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partner_roles_need_an_organization() {
        assert_eq!(
            Membership::new(Role::PartnerUser, None),
            Err(MembershipError::MissingOrganization)
        );
        assert_eq!(
            Membership::new(Role::Manager, Some(1)),
            Err(MembershipError::UnexpectedOrganization)
        );
        assert_eq!(
            Membership::new(Role::PartnerAdmin, Some(7))
                .unwrap()
                .organization_id(),
            Some(7)
        );
    }

    #[test]
    fn roles_change_only_within_a_side() {
        let partner = Membership::new(Role::PartnerUser, Some(3)).unwrap();
        assert_eq!(
            partner.with_role(Role::PartnerAdmin).unwrap().role(),
            Role::PartnerAdmin
        );
        assert_eq!(
            partner.with_role(Role::Admin),
            Err(MembershipError::CrossesSides)
        );
        let manager = Membership::new(Role::Manager, None).unwrap();
        assert_eq!(manager.with_role(Role::Admin).unwrap().role(), Role::Admin);
        assert_eq!(
            manager.with_role(Role::PartnerUser),
            Err(MembershipError::CrossesSides)
        );
    }

    #[test]
    fn managers_and_partner_admins_invite_partners_only() {
        assert!(Role::Manager.may_invite(Role::PartnerAdmin));
        assert!(!Role::Manager.may_invite(Role::Admin));
        assert!(Role::Admin.may_invite(Role::Manager));
        assert!(Role::PartnerAdmin.may_invite(Role::PartnerUser));
        assert!(!Role::PartnerAdmin.may_invite(Role::Manager));
        assert!(!Role::PartnerUser.may_invite(Role::PartnerUser));
    }
}
