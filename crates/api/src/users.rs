//! User management, for admins.

use serde::{Deserialize, Serialize};

use crate::auth::Role;
use crate::organizations::OrganizationRef;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserAdminView {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub organization: Option<OrganizationRef>,
    pub active: bool,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339; absent until the first sign-in.
    pub last_sign_in_at: Option<String>,
}

/// `PATCH /api/users/{id}`: change the role (within the vendor or the partner side) and/or
/// deactivate. A deactivated user's sessions end at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateUser {
    pub role: Option<Role>,
    pub active: Option<bool>,
}
