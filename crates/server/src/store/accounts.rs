//! The vendor's account book.

use portico_api::accounts::{Account, ValidAccount};
use sqlx::{AnyPool, FromRow};

use crate::clock::{Timestamp, rfc3339};
use crate::store::users::organization_ref;

#[derive(Debug, Clone, FromRow)]
pub struct AccountRow {
    pub id: i64,
    pub name: String,
    pub domain: Option<String>,
    pub name_key: String,
    pub domain_key: Option<String>,
    pub owner: String,
    pub incumbent_organization_id: Option<i64>,
    pub incumbent_name: Option<String>,
    pub updated_at: Timestamp,
}

macro_rules! select_account {
    ($tail:literal) => {
        concat!(
            "SELECT a.id, a.name, a.domain, a.name_key, a.domain_key, a.owner, \
             a.incumbent_organization_id, o.name AS incumbent_name, a.updated_at \
             FROM accounts a LEFT JOIN organizations o ON o.id = a.incumbent_organization_id ",
            $tail
        )
    };
}

impl AccountRow {
    pub fn into_view(self) -> Account {
        let AccountRow {
            id,
            name,
            domain,
            name_key: _,
            domain_key: _,
            owner,
            incumbent_organization_id,
            incumbent_name,
            updated_at,
        } = self;
        Account {
            id,
            name,
            domain,
            owner,
            incumbent: organization_ref(incumbent_organization_id, incumbent_name),
            updated_at: rfc3339(updated_at),
        }
    }
}

/// An account with its matching keys, ready to store.
pub struct NewAccount<'a> {
    pub account: &'a ValidAccount,
    pub name_key: &'a str,
    pub domain_key: Option<&'a str>,
    pub incumbent_organization_id: Option<i64>,
}

pub async fn insert<'c, E>(db: E, new: &NewAccount<'_>, now: Timestamp) -> Result<i64, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "INSERT INTO accounts (name, domain, name_key, domain_key, owner, incumbent_organization_id, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(&new.account.name)
    .bind(new.account.domain.as_deref())
    .bind(new.name_key)
    .bind(new.domain_key)
    .bind(&new.account.owner)
    .bind(new.incumbent_organization_id)
    .bind(now)
    .fetch_one(db)
    .await
}

/// Replaces an account's fields; false when there is no such account.
pub async fn update<'c, E>(
    db: E,
    id: i64,
    new: &NewAccount<'_>,
    now: Timestamp,
) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "UPDATE accounts SET name = $1, domain = $2, name_key = $3, domain_key = $4, owner = $5, \
         incumbent_organization_id = $6, updated_at = $7 WHERE id = $8",
    )
    .bind(&new.account.name)
    .bind(new.account.domain.as_deref())
    .bind(new.name_key)
    .bind(new.domain_key)
    .bind(&new.account.owner)
    .bind(new.incumbent_organization_id)
    .bind(now)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn by_id<'c, E>(db: E, id: i64) -> Result<Option<AccountRow>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(select_account!("WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// The account an import row updates: the one with its domain, or without a domain its name.
pub async fn id_by_key<'c, E>(
    db: E,
    domain_key: Option<&str>,
    name_key: &str,
) -> Result<Option<i64>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    match domain_key {
        Some(domain) => {
            sqlx::query_scalar("SELECT id FROM accounts WHERE domain_key = $1 ORDER BY id LIMIT 1")
                .bind(domain)
                .fetch_optional(db)
                .await
        }
        None => {
            sqlx::query_scalar(
                "SELECT id FROM accounts WHERE domain_key IS NULL AND name_key = $1 ORDER BY id LIMIT 1",
            )
            .bind(name_key)
            .fetch_optional(db)
            .await
        }
    }
}

/// Every account, for the conflict check.
pub async fn all<'c, E>(db: E) -> Result<Vec<AccountRow>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(select_account!("ORDER BY a.id"))
        .fetch_all(db)
        .await
}

/// A page by name; `pattern` is a lower-case `%…%` filter on name and domain.
pub async fn page(
    db: &AnyPool,
    pattern: Option<&str>,
    after_id: i64,
    limit: u32,
) -> Result<Vec<AccountRow>, sqlx::Error> {
    sqlx::query_as(select_account!(
        "WHERE a.id > $1 AND (LOWER(a.name) LIKE $2 OR LOWER(COALESCE(a.domain, '')) LIKE $2) \
         ORDER BY a.id LIMIT $3"
    ))
    .bind(after_id)
    .bind(pattern.unwrap_or("%"))
    .bind(i64::from(limit) + 1)
    .fetch_all(db)
    .await
}
