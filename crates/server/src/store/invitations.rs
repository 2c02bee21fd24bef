//! Invitation links. Only the keyed hash of the link's token is stored.

use portico_api::Role;
use portico_api::invitations::{Invitation, InvitationPreview};
use sqlx::FromRow;

use crate::clock::{Timestamp, rfc3339};
use crate::domain::membership::Membership;
use crate::store::sql::{self, Exec, Pool};
use crate::store::users::organization_ref;
use crate::store::{Scope, StoreError};

#[derive(Debug, Clone, FromRow)]
pub struct InvitationRow {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub organization_id: Option<i64>,
    pub organization_name: Option<String>,
    pub invited_by_name: String,
    pub expires_at: Timestamp,
}

/// A query over invitations with the names it shows; the macro keeps the SQL a static string.
macro_rules! select_invitation {
    ($tail:literal) => {
        concat!(
            "SELECT i.id, i.email, i.role, i.organization_id, o.name AS organization_name, \
             u.name AS invited_by_name, i.expires_at \
             FROM invitations i JOIN users u ON u.id = i.invited_by \
             LEFT JOIN organizations o ON o.id = i.organization_id ",
            $tail
        )
    };
}

/// Pending means neither accepted nor revoked nor expired (at `$1`).
macro_rules! pending {
    () => {
        "i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > $1"
    };
}

impl InvitationRow {
    pub fn membership(&self) -> Result<Membership, StoreError> {
        Membership::new(self.role, self.organization_id).map_err(StoreError::unreadable)
    }

    pub fn into_view(self) -> Result<Invitation, StoreError> {
        let role = self.membership()?.role();
        let InvitationRow {
            id,
            email,
            role: _,
            organization_id,
            organization_name,
            invited_by_name,
            expires_at,
        } = self;
        Ok(Invitation {
            id,
            email,
            role,
            organization: organization_ref(organization_id, organization_name),
            invited_by: invited_by_name,
            expires_at: rfc3339(expires_at),
        })
    }

    pub fn into_preview(self) -> Result<InvitationPreview, StoreError> {
        let Invitation {
            email,
            role,
            organization,
            expires_at,
            id: _,
            invited_by: _,
        } = self.into_view()?;
        Ok(InvitationPreview {
            email,
            role,
            organization,
            expires_at,
        })
    }
}

pub struct NewInvitation<'a> {
    pub token_hash: &'a str,
    pub email: &'a str,
    pub membership: Membership,
    pub invited_by: i64,
    pub expires_at: Timestamp,
}

pub async fn insert<'c, E>(
    db: E,
    invitation: &NewInvitation<'_>,
    now: Timestamp,
) -> Result<i64, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_scalar(
        "INSERT INTO invitations (token_hash, email, role, organization_id, invited_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(invitation.token_hash)
    .bind(invitation.email)
    .bind(invitation.membership.role().as_str())
    .bind(invitation.membership.organization_id())
    .bind(invitation.invited_by)
    .bind(now)
    .bind(invitation.expires_at)
    .fetch_one(db)
    .await?)
}

/// The organizations (`None` for vendor staff) of the address's invitations that still work.
pub async fn open_for<'c, E>(
    db: E,
    email: &str,
    now: Timestamp,
) -> Result<Vec<Option<i64>>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_scalar(concat!(
        "SELECT i.organization_id FROM invitations i WHERE ",
        pending!(),
        " AND i.email = $2"
    ))
    .bind(now)
    .bind(email)
    .fetch_all(db)
    .await?)
}

/// Revokes the open invitations of an address (expired ones too, so at most one stays open),
/// so only the newest link works.
pub async fn revoke_pending_for<'c, E>(
    db: E,
    email: &str,
    now: Timestamp,
) -> Result<Vec<i64>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_scalar(
        "UPDATE invitations SET revoked_at = $1 \
         WHERE email = $2 AND accepted_at IS NULL AND revoked_at IS NULL RETURNING id",
    )
    .bind(now)
    .bind(email)
    .fetch_all(db)
    .await?)
}

/// Revokes one pending invitation within the scope; false when there is none to revoke.
pub async fn revoke<'c, E>(db: E, id: i64, scope: Scope, now: Timestamp) -> Result<bool, StoreError>
where
    E: Into<Exec<'c>>,
{
    let done = sql::query(
        "UPDATE invitations SET revoked_at = $1 \
         WHERE id = $2 AND ($3 IS NULL OR organization_id = $3) \
         AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(id)
    .bind(scope.organization_id())
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn by_id<'c, E>(db: E, id: i64) -> Result<Option<InvitationRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as(select_invitation!("WHERE i.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await?)
}

pub async fn pending_by_token<'c, E>(
    db: E,
    token_hash: &str,
    now: Timestamp,
) -> Result<Option<InvitationRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as(concat!(
        select_invitation!("WHERE "),
        pending!(),
        " AND i.token_hash = $2"
    ))
    .bind(now)
    .bind(token_hash)
    .fetch_optional(db)
    .await?)
}

/// Marks a pending invitation used; false when another request used it first.
pub async fn mark_accepted<'c, E>(db: E, id: i64, now: Timestamp) -> Result<bool, StoreError>
where
    E: Into<Exec<'c>>,
{
    let done = sql::query(
        "UPDATE invitations SET accepted_at = $1 \
         WHERE id = $2 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The pending invitations the scope may see, oldest first.
pub async fn pending_page(
    db: &Pool,
    scope: Scope,
    now: Timestamp,
    after_id: i64,
    limit: u32,
) -> Result<Vec<InvitationRow>, StoreError> {
    Ok(sql::query_as(concat!(
        select_invitation!("WHERE "),
        pending!(),
        " AND i.id > $2 AND ($4 IS NULL OR i.organization_id = $4) ORDER BY i.id LIMIT $3"
    ))
    .bind(now)
    .bind(after_id)
    .bind(i64::from(limit) + 1)
    .bind(scope.organization_id())
    .fetch_all(db)
    .await?)
}
