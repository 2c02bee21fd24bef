//! What an import looks rows up in: products and the names they are reported under, accounts
//! by domain and by name, names people tied to accounts, partners, and registrations.

use sqlx::FromRow;

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Builder, Exec};

/// Every product that is not archived, with its name.
pub async fn products<'c, E>(db: E) -> Result<Vec<(i64, String)>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(
        sql::query_as("SELECT id, name FROM products WHERE archived_at IS NULL ORDER BY id")
            .fetch_all(db)
            .await?,
    )
}

#[derive(Debug, Clone, FromRow)]
pub struct AliasRow {
    pub id: i64,
    pub product_id: i64,
    pub alias: String,
    pub alias_key: String,
}

/// Every alias, or one product's.
pub async fn aliases<'c, E>(db: E, product_id: Option<i64>) -> Result<Vec<AliasRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    let mut sql = Builder::new("SELECT id, product_id, alias, alias_key FROM product_aliases");
    if let Some(id) = product_id {
        sql.push(" WHERE product_id = ").push_bind(id);
    }
    sql.push(" ORDER BY id");
    Ok(sql.query_as().fetch_all(db).await?)
}

/// Adds an alias; `StoreError::Duplicate` when the name is taken.
pub async fn insert_alias(
    tx: &mut sql::Conn,
    (product_id, alias, alias_key): (i64, &str, &str),
    user_id: i64,
    now: Timestamp,
) -> Result<i64, StoreError> {
    Ok(sql::query_scalar(
        "INSERT INTO product_aliases (product_id, alias, alias_key, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(product_id)
    .bind(alias)
    .bind(alias_key)
    .bind(user_id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?)
}

/// Accounts by registrable domain: (domain, id).
pub async fn accounts_by_domain(
    tx: &mut sql::Conn,
    domains: &[String],
) -> Result<Vec<(String, i64)>, StoreError> {
    if domains.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Builder::new("SELECT domain_key, id FROM accounts WHERE domain_key IN (");
    sql.push_binds(domains.iter().map(String::as_str))
        .push(") ORDER BY id");
    Ok(sql.query_as().fetch_all(&mut *tx).await?)
}

/// Accounts by name key: (key, id), every account of a key (several make it ambiguous).
pub async fn accounts_by_name(
    tx: &mut sql::Conn,
    keys: &[String],
) -> Result<Vec<(String, i64)>, StoreError> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Builder::new("SELECT name_key, id FROM accounts WHERE name_key IN (");
    sql.push_binds(keys.iter().map(String::as_str))
        .push(") ORDER BY id");
    Ok(sql.query_as().fetch_all(&mut *tx).await?)
}

/// Blocking keys one statement asks for, within both engines' limits on parameters.
const BLOCKS_PER_QUERY: usize = 2_000;

/// The accounts filed under any of the blocking keys, by each of their names (the account's and
/// its alternative names): (key, account id, name key).
pub async fn accounts_by_block(
    tx: &mut sql::Conn,
    blocks: &[String],
) -> Result<Vec<(String, i64, String)>, StoreError> {
    let mut found = Vec::new();
    for chunk in blocks.chunks(BLOCKS_PER_QUERY) {
        // The keys are written once, in order, so SQLite reads nameless placeholders: a
        // numbered one is found by walking the list of them all.
        let mut sql = Builder::new(
            "WITH b AS (SELECT block, account_id FROM account_blocks WHERE block IN (",
        );
        sql.push_binds(chunk.iter().map(String::as_str)).push(
            ")) SELECT b.block, a.id, a.name_key FROM b JOIN accounts a ON a.id = b.account_id \
             UNION SELECT b.block, n.account_id, n.name_key FROM b \
             JOIN account_names n ON n.account_id = b.account_id",
        );
        found.extend(
            sql.query_as::<(String, i64, String)>()
                .fetch_all(&mut *tx)
                .await?,
        );
    }
    Ok(found)
}

/// Names a person tied to an account: (key, account id).
pub async fn customer_aliases(
    tx: &mut sql::Conn,
    keys: &[String],
) -> Result<Vec<(String, i64)>, StoreError> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql =
        Builder::new("SELECT name_key, account_id FROM customer_aliases WHERE name_key IN (");
    sql.push_binds(keys.iter().map(String::as_str)).push(")");
    Ok(sql.query_as().fetch_all(&mut *tx).await?)
}

pub async fn insert_customer_alias(
    tx: &mut sql::Conn,
    (name_key, account_id): (&str, i64),
    user_id: i64,
    now: Timestamp,
) -> Result<(), StoreError> {
    sql::query(
        "INSERT INTO customer_aliases (name_key, account_id, created_by, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (name_key) DO UPDATE SET account_id = $2",
    )
    .bind(name_key)
    .bind(account_id)
    .bind(user_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Every partner organization: (id, name), for naming a distributor's resellers.
pub async fn organizations<'c, E>(db: E) -> Result<Vec<(i64, String)>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(
        sql::query_as("SELECT id, name FROM organizations ORDER BY id")
            .fetch_all(db)
            .await?,
    )
}

/// The partner's approved registrations with their deals: (registration, name key, domain
/// key, opportunity), oldest first.
pub async fn approved_registrations(
    tx: &mut sql::Conn,
    organization_id: i64,
) -> Result<Vec<(i64, String, Option<String>, Option<i64>)>, StoreError> {
    Ok(sql::query_as(
        "SELECT r.id, r.name_key, r.domain_key, o.id FROM registrations r \
         LEFT JOIN opportunities o ON o.registration_id = r.id \
         WHERE r.organization_id = $1 AND r.status = 'approved' ORDER BY r.id",
    )
    .bind(organization_id)
    .fetch_all(&mut *tx)
    .await?)
}
