//! The vendor's account book.

use portico_api::accounts::{Account, ValidAccount};
use sqlx::FromRow;

use crate::clock::{Timestamp, rfc3339};
use crate::domain::alternative_names::AlternativeName;
use crate::store::StoreError;
use crate::store::account_names;
use crate::store::blocks::{self, Holder, Probe};
use crate::store::sql::{self, Builder, Conn, Exec, Pool};
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
    pub fn into_view(self, alternative_names: Vec<AlternativeName>) -> Account {
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
            alternative_names: alternative_names.into_iter().map(|n| n.name).collect(),
            owner,
            incumbent: organization_ref(incumbent_organization_id, incumbent_name),
            updated_at: rfc3339(updated_at),
        }
    }
}

/// Rows in the managers' shape, with their alternative names.
pub async fn views(conn: &mut Conn, rows: Vec<AccountRow>) -> Result<Vec<Account>, StoreError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut names = account_names::of(conn, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let own = names.remove(&row.id).unwrap_or_default();
            row.into_view(own)
        })
        .collect())
}

/// An account with its matching keys, ready to store.
pub struct NewAccount<'a> {
    pub account: &'a ValidAccount,
    pub name_key: &'a str,
    pub domain_key: Option<&'a str>,
    /// `domain::alternative_names::distinct`: none with `name_key`.
    pub alternative_names: &'a [AlternativeName],
    pub incumbent_organization_id: Option<i64>,
}

impl NewAccount<'_> {
    /// Every name key the account is found by.
    fn name_keys(&self) -> Vec<&str> {
        let others = self.alternative_names.iter().map(|n| n.name_key.as_str());
        std::iter::once(self.name_key).chain(others).collect()
    }
}

/// Adds an account with its alternative names and blocking keys.
pub async fn insert(
    conn: &mut Conn,
    new: &NewAccount<'_>,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let id = sql::query_scalar(
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
    account_names::replace(conn, id, new.alternative_names).await?;
    let keys: Vec<(i64, &str)> = new.name_keys().into_iter().map(|k| (id, k)).collect();
    blocks::add(conn, Holder::Account, &keys).await?;
    Ok(id)
}

/// Replaces an account's fields, alternative names and blocking keys; false when there is no
/// such account.
pub async fn update(
    conn: &mut Conn,
    id: i64,
    new: &NewAccount<'_>,
    now: Timestamp,
) -> Result<bool, StoreError> {
    if !lock(&mut *conn, id).await? {
        return Ok(false);
    }
    let old_key: String = sql::query_scalar("SELECT name_key FROM accounts WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    let old_names = account_names::of(&mut *conn, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    sql::query(
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
    let old_keys: Vec<&str> = std::iter::once(old_key.as_str())
        .chain(old_names.iter().map(|n| n.name_key.as_str()))
        .collect();
    let new_keys = new.name_keys();
    if old_keys != new_keys {
        account_names::replace(conn, id, new.alternative_names).await?;
        blocks::remove(conn, Holder::Account, id, &old_keys).await?;
        let keys: Vec<(i64, &str)> = new_keys.into_iter().map(|k| (id, k)).collect();
        blocks::add(conn, Holder::Account, &keys).await?;
    } else if old_names != new.alternative_names {
        // Other spellings of the same keys: nothing to index again.
        account_names::replace(conn, id, new.alternative_names).await?;
    }
    Ok(true)
}

/// Takes the account's row lock on PostgreSQL (SQLite has one writer anyway), so that what is
/// read of it next stays true until the transaction ends; false when there is no such account.
pub async fn lock(conn: &mut Conn, id: i64) -> Result<bool, StoreError> {
    let locked = sql::query("UPDATE accounts SET updated_at = updated_at WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(locked.rows_affected() > 0)
}

pub async fn by_id<'c, E>(db: E, id: i64) -> Result<Option<AccountRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as(select_account!("WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await?)
}

/// The account an import row updates: the one with its domain, or without a domain its name.
pub async fn id_by_key<'c, E>(
    db: E,
    domain_key: Option<&str>,
    name_key: &str,
) -> Result<Option<i64>, StoreError>
where
    E: Into<Exec<'c>>,
{
    match domain_key {
        Some(domain) => {
            Ok(sql::query_scalar("SELECT id FROM accounts WHERE domain_key = $1 ORDER BY id LIMIT 1")
                .bind(domain)
                .fetch_optional(db)
                .await?)
        }
        None => {
            Ok(sql::query_scalar(
                "SELECT id FROM accounts WHERE domain_key IS NULL AND name_key = $1 ORDER BY id LIMIT 1",
            )
            .bind(name_key)
            .fetch_optional(db)
            .await?)
        }
    }
}

/// What the conflict check compares of an account: one of its names and its domain.
#[derive(Debug, Clone, FromRow)]
pub struct AccountKeys {
    pub id: i64,
    pub name_key: String,
    pub domain_key: Option<String>,
}

/// The keys of the accounts that may be the probed customer, once per name (an account with
/// alternative names comes once for each): only what the comparison needs, since a common
/// name makes hundreds of candidates and few of them match.
pub async fn candidates(conn: &mut Conn, probe: &Probe) -> Result<Vec<AccountKeys>, StoreError> {
    let mut sql = Builder::new("SELECT id, name_key, domain_key FROM accounts WHERE id IN (");
    probe.push_candidates(&mut sql, Holder::Account);
    sql.push(
        ") UNION ALL SELECT a.id, n.name_key, a.domain_key FROM account_names n \
         JOIN accounts a ON a.id = n.account_id WHERE n.account_id IN (",
    );
    probe.push_candidates(&mut sql, Holder::Account);
    sql.push(")");
    Ok(sql.query_as().fetch_all(conn).await?)
}

pub async fn by_ids(conn: &mut Conn, ids: &[i64]) -> Result<Vec<AccountRow>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Builder::new(select_account!("WHERE a.id IN ("));
    sql.push_binds(ids).push(") ORDER BY a.id");
    Ok(sql.query_as().fetch_all(conn).await?)
}

/// A page by name; `pattern` is a lower-case `%…%` filter on name and domain.
pub async fn page(
    db: &Pool,
    pattern: Option<&str>,
    after_id: i64,
    limit: u32,
) -> Result<Vec<AccountRow>, StoreError> {
    Ok(sql::query_as(select_account!(
        "WHERE a.id > $1 AND (LOWER(a.name) LIKE $2 OR LOWER(COALESCE(a.domain, '')) LIKE $2) \
         ORDER BY a.id LIMIT $3"
    ))
    .bind(after_id)
    .bind(pattern.unwrap_or("%"))
    .bind(i64::from(limit) + 1)
    .fetch_all(db)
    .await?)
}
