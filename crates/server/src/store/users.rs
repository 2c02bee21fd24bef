//! People with accounts.

use portico_api::users::UserAdminView;
use portico_api::{OrganizationRef, Role};
use sqlx::FromRow;

use crate::clock::{Timestamp, rfc3339};
use crate::domain::membership::Membership;
use crate::store::StoreError;
use crate::store::sql::{self, Conn, Exec, Pool};

/// A user with the name of their organization, as most reads need both.
#[derive(Debug, Clone, FromRow)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub organization_id: Option<i64>,
    pub organization_name: Option<String>,
    pub password_hash: String,
    pub created_at: Timestamp,
    pub last_sign_in_at: Option<Timestamp>,
    pub deactivated_at: Option<Timestamp>,
}

/// A query over users with their organization's name; the macro keeps the SQL a static string.
macro_rules! select_user {
    ($tail:literal) => {
        concat!(
            "SELECT u.id, u.email, u.name, u.role, u.organization_id, o.name AS organization_name, \
             u.password_hash, u.created_at, u.last_sign_in_at, u.deactivated_at \
             FROM users u LEFT JOIN organizations o ON o.id = u.organization_id ",
            $tail
        )
    };
}

impl UserRow {
    pub fn membership(&self) -> Result<Membership, StoreError> {
        Membership::new(self.role, self.organization_id).map_err(StoreError::unreadable)
    }

    pub fn organization(&self) -> Option<OrganizationRef> {
        organization_ref(self.organization_id, self.organization_name.clone())
    }

    pub fn into_admin_view(self) -> Result<UserAdminView, StoreError> {
        let organization = self.organization();
        let UserRow {
            id,
            email,
            name,
            role,
            organization_id: _,
            organization_name: _,
            password_hash: _,
            created_at,
            last_sign_in_at,
            deactivated_at,
        } = self;
        Ok(UserAdminView {
            id,
            email,
            name,
            role,
            organization,
            active: deactivated_at.is_none(),
            created_at: rfc3339(created_at),
            last_sign_in_at: last_sign_in_at.map(rfc3339),
        })
    }
}

pub fn organization_ref(id: Option<i64>, name: Option<String>) -> Option<OrganizationRef> {
    Some(OrganizationRef {
        id: id?,
        name: name?,
    })
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub membership: Membership,
    pub password_hash: &'a str,
}

pub async fn insert<'c, E>(db: E, user: &NewUser<'_>, now: Timestamp) -> Result<i64, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_scalar(
        "INSERT INTO users (email, name, role, organization_id, password_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(user.email)
    .bind(user.name)
    .bind(user.membership.role().as_str())
    .bind(user.membership.organization_id())
    .bind(user.password_hash)
    .bind(now)
    .fetch_one(db)
    .await?)
}

pub async fn by_email(db: &Pool, email: &str) -> Result<Option<UserRow>, StoreError> {
    Ok(sql::query_as(select_user!("WHERE u.email = $1"))
        .bind(email)
        .fetch_optional(db)
        .await?)
}

pub async fn by_id<'c, E>(db: E, id: i64) -> Result<Option<UserRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as(select_user!("WHERE u.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await?)
}

pub async fn email_taken<'c, E>(db: E, email: &str) -> Result<bool, StoreError>
where
    E: Into<Exec<'c>>,
{
    let count: i64 = sql::query_scalar("SELECT COUNT(*) FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(db)
        .await?;
    Ok(count > 0)
}

/// Users in id order after `after_id`, one more than `limit` to tell whether a page follows.
pub async fn page(db: &Pool, after_id: i64, limit: u32) -> Result<Vec<UserRow>, StoreError> {
    Ok(
        sql::query_as(select_user!("WHERE u.id > $1 ORDER BY u.id LIMIT $2"))
            .bind(after_id)
            .bind(i64::from(limit) + 1)
            .fetch_all(db)
            .await?,
    )
}

/// Notes the sign-in on the user and in the history the engagement score counts.
pub async fn record_sign_in(
    conn: &mut Conn,
    user: &UserRow,
    now: Timestamp,
) -> Result<(), StoreError> {
    sql::query("UPDATE users SET last_sign_in_at = $1 WHERE id = $2")
        .bind(now)
        .bind(user.id)
        .execute(&mut *conn)
        .await?;
    sql::query("INSERT INTO sign_ins (user_id, organization_id, at) VALUES ($1, $2, $3)")
        .bind(user.id)
        .bind(user.organization_id)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_role<'c, E>(db: E, id: i64, role: Role) -> Result<(), StoreError>
where
    E: Into<Exec<'c>>,
{
    sql::query("UPDATE users SET role = $1 WHERE id = $2")
        .bind(role.as_str())
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn set_deactivated_at<'c, E>(
    db: E,
    id: i64,
    at: Option<Timestamp>,
) -> Result<(), StoreError>
where
    E: Into<Exec<'c>>,
{
    sql::query("UPDATE users SET deactivated_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn set_password_hash<'c, E>(db: E, id: i64, password_hash: &str) -> Result<(), StoreError>
where
    E: Into<Exec<'c>>,
{
    sql::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(password_hash)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn count(db: &Pool) -> Result<i64, StoreError> {
    Ok(sql::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(db)
        .await?)
}
