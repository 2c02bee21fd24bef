//! The vendor's account book.

use portico_api::accounts::{Account, ValidAccount};
use sqlx::{AnyConnection, AnyPool, FromRow};

use crate::clock::{Timestamp, rfc3339};
use crate::store::blocks::{self, Holder, Probe};
use crate::store::placeholders;
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

/// Adds an account with its blocking keys.
pub async fn insert(
    conn: &mut AnyConnection,
    new: &NewAccount<'_>,
    now: Timestamp,
) -> Result<i64, sqlx::Error> {
    let id = sqlx::query_scalar(
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
    .fetch_one(&mut *conn)
    .await?;
    blocks::add(conn, Holder::Account, &[(id, new.name_key)]).await?;
    Ok(id)
}

/// Replaces an account's fields and blocking keys; false when there is no such account.
pub async fn update(
    conn: &mut AnyConnection,
    id: i64,
    new: &NewAccount<'_>,
    now: Timestamp,
) -> Result<bool, sqlx::Error> {
    let Some(old_key) =
        sqlx::query_scalar::<_, String>("SELECT name_key FROM accounts WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
    else {
        return Ok(false);
    };
    sqlx::query(
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
    .execute(&mut *conn)
    .await?;
    if old_key != new.name_key {
        blocks::remove(conn, Holder::Account, id, &old_key).await?;
        blocks::add(conn, Holder::Account, &[(id, new.name_key)]).await?;
    }
    Ok(true)
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

/// What the conflict check compares of an account.
#[derive(Debug, Clone, FromRow)]
pub struct AccountKeys {
    pub id: i64,
    pub name_key: String,
    pub domain_key: Option<String>,
}

/// The keys of the accounts that may be the probed customer: only what the comparison needs,
/// since a common name makes hundreds of candidates and few of them match.
pub async fn candidates(
    conn: &mut AnyConnection,
    probe: &Probe,
) -> Result<Vec<AccountKeys>, sqlx::Error> {
    let sql = format!(
        "SELECT id, name_key, domain_key FROM accounts WHERE id IN ({})",
        probe.candidates(Holder::Account, 1)
    );
    probe
        .bind(sqlx::query_as(sqlx::AssertSqlSafe(sql)))
        .fetch_all(conn)
        .await
}

pub async fn by_ids(conn: &mut AnyConnection, ids: &[i64]) -> Result<Vec<AccountRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "{} WHERE a.id IN ({}) ORDER BY a.id",
        select_account!(""),
        placeholders(1, ids.len())
    );
    let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql));
    for id in ids {
        query = query.bind(id);
    }
    query.fetch_all(conn).await
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
