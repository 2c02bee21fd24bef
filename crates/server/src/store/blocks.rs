//! The blocking keys of stored names (`domain::blocking`) and the candidates they find: the
//! conflict check reads only the registrations and accounts that share a key or the domain.

use super::{Db, account_names, placeholders};
use std::collections::BTreeSet;

use crate::domain::blocking::{MATCHING_VERSION, index_keys, probe_keys};
use crate::domain::company;
use crate::store::StoreError;
use crate::store::sql::{self, Conn, Value};

/// Whose names a key belongs to.
#[derive(Debug, Clone, Copy)]
pub enum Holder {
    Account,
    Registration,
}

impl Holder {
    fn table(self) -> &'static str {
        match self {
            Holder::Account => "account_blocks",
            Holder::Registration => "registration_blocks",
        }
    }

    fn column(self) -> &'static str {
        match self {
            Holder::Account => "account_id",
            Holder::Registration => "registration_id",
        }
    }

    fn records(self) -> &'static str {
        match self {
            Holder::Account => "accounts",
            Holder::Registration => "registrations",
        }
    }
}

/// Key–record pairs per statement: SQLite's driver looks each parameter up by name, which costs
/// time quadratic in the parameters of one statement, so many small statements beat one big one.
const PAIRS_PER_INSERT: usize = 100;

/// Stores the index keys of each `(record id, name_key)`; a record with several names (an
/// account's other names) gets each key once.
pub async fn add(conn: &mut Conn, holder: Holder, names: &[(i64, &str)]) -> Result<(), StoreError> {
    let pairs: BTreeSet<(String, i64)> = names
        .iter()
        .flat_map(|&(id, name_key)| index_keys(name_key).into_iter().map(move |k| (k, id)))
        .collect();
    let pairs: Vec<(String, i64)> = pairs.into_iter().collect();
    for chunk in pairs.chunks(PAIRS_PER_INSERT) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| format!("(${}, ${})", 2 * i + 1, 2 * i + 2))
            .collect();
        let sql = format!(
            "INSERT INTO {} (block, {}) VALUES {}",
            holder.table(),
            holder.column(),
            values.join(", ")
        );
        let mut query = sql::query(sqlx::AssertSqlSafe(sql));
        for (block, id) in chunk {
            query = query.bind(block).bind(id);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Removes the keys a record got for its former names.
pub async fn remove(
    conn: &mut Conn,
    holder: Holder,
    id: i64,
    name_keys: &[&str],
) -> Result<(), StoreError> {
    let keys: BTreeSet<String> = name_keys.iter().flat_map(|k| index_keys(k)).collect();
    if keys.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "DELETE FROM {} WHERE {} = $1 AND block IN ({})",
        holder.table(),
        holder.column(),
        placeholders(2, keys.len())
    );
    let mut query = sql::query(sqlx::AssertSqlSafe(sql)).bind(id);
    for key in &keys {
        query = query.bind(key);
    }
    query.execute(conn).await?;
    Ok(())
}

/// A customer as the candidate lookup sees it: its blocking keys and registrable domain.
pub struct Probe {
    blocks: Vec<String>,
    domain_key: Option<String>,
}

impl Probe {
    pub fn new(name_key: &str, domain_key: Option<&str>) -> Probe {
        let mut blocks = probe_keys(name_key);
        // `IN ()` is not SQL; no stored key is empty, so this one finds nothing.
        if blocks.is_empty() {
            blocks.push(String::new());
        }
        Probe {
            blocks,
            domain_key: domain_key.map(str::to_owned),
        }
    }

    /// A subquery of the ids of `holder`'s records that share a key or the domain, its
    /// parameters numbered from `$first`; bind them with [`Probe::bind`] after those before.
    pub fn candidates(&self, holder: Holder, first: usize) -> String {
        format!(
            "SELECT {column} FROM {table} WHERE block IN ({blocks}) \
             UNION SELECT id FROM {records} WHERE domain_key = ${domain}",
            column = holder.column(),
            table = holder.table(),
            blocks = placeholders(first, self.blocks.len()),
            records = holder.records(),
            domain = first + self.blocks.len(),
        )
    }

    /// The values of the parameters `candidates` numbered, in order.
    pub fn values(&self) -> Vec<Value> {
        let blocks = self.blocks.iter().map(|b| Value::Text(Some(b.clone())));
        blocks
            .chain([Value::Text(self.domain_key.clone())])
            .collect()
    }
}

/// Computes every stored name_key, domain_key and blocking key again when they follow an older
/// version of the matching rules (or none: the database predates blocking keys). One
/// transaction, so servers starting together do it once and a crash leaves the old keys.
pub async fn refresh(db: &Db) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    // Takes the row lock on PostgreSQL; a second server waits here, then finds it done.
    sql::query("UPDATE matching_keys SET version = version WHERE id = 1")
        .execute(&mut *tx)
        .await?;
    let version: i64 = sql::query_scalar("SELECT version FROM matching_keys WHERE id = 1")
        .fetch_one(&mut *tx)
        .await?;
    if version == MATCHING_VERSION {
        return tx.commit().await;
    }
    for (holder, name, domain) in [
        (Holder::Account, "name", "domain"),
        (Holder::Registration, "company_name", "company_domain"),
    ] {
        let count = rekey(&mut tx, holder, name, domain).await?;
        tracing::info!(count, records = holder.records(), "matching keys computed");
    }
    sql::query("UPDATE matching_keys SET version = $1 WHERE id = 1")
        .bind(MATCHING_VERSION)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// Rewrites one table's keys from its name and domain columns, a page at a time, and an
/// account's alternative names with it.
async fn rekey(
    conn: &mut Conn,
    holder: Holder,
    name: &str,
    domain: &str,
) -> Result<u64, StoreError> {
    sql::query(sqlx::AssertSqlSafe(format!(
        "DELETE FROM {}",
        holder.table()
    )))
    .execute(&mut *conn)
    .await?;
    let select = format!(
        "SELECT id, {name}, {domain} FROM {} WHERE id > $1 ORDER BY id LIMIT 1000",
        holder.records()
    );
    let update = format!(
        "UPDATE {} SET name_key = $1, domain_key = $2 WHERE id = $3",
        holder.records()
    );
    let (mut after, mut count) = (0, 0);
    loop {
        let page: Vec<(i64, String, Option<String>)> =
            sql::query_as(sqlx::AssertSqlSafe(select.clone()))
                .bind(after)
                .fetch_all(&mut *conn)
                .await?;
        let Some(last) = page.last() else {
            return Ok(count);
        };
        after = last.0;
        let mut keys = Vec::with_capacity(page.len());
        for (id, name, domain) in &page {
            let name_key = company::name_key(name);
            let domain_key = domain.as_deref().and_then(company::registrable_domain);
            sql::query(sqlx::AssertSqlSafe(update.clone()))
                .bind(&name_key)
                .bind(domain_key)
                .bind(id)
                .execute(&mut *conn)
                .await?;
            keys.push((*id, name_key));
        }
        if let Holder::Account = holder {
            let other = account_names::rekey(&mut *conn, &keys).await?;
            keys.extend(other);
        }
        let names: Vec<(i64, &str)> = keys.iter().map(|(id, k)| (*id, k.as_str())).collect();
        add(conn, holder, &names).await?;
        count += page.len() as u64;
    }
}
