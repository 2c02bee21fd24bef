//! The blocking keys of stored names (`domain::blocking`) and the candidates they find: the
//! conflict check reads only the registrations and accounts that share a key or the domain.

use super::{Db, account_names};
use std::collections::BTreeSet;

use crate::domain::blocking::{MATCHING_VERSION, index_keys, probe_keys};
use crate::domain::company;
use crate::store::StoreError;
use crate::store::sql::{self, Bind as _, Builder, Conn};

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
        let mut sql = Builder::new("INSERT INTO ");
        sql.push(holder.table())
            .push(" (block, ")
            .push(holder.column())
            .push(") VALUES ")
            .push_tuples(chunk, |(block, id)| [block.value(), id.value()]);
        sql.query().execute(&mut *conn).await?;
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
    let mut sql = Builder::new("DELETE FROM ");
    sql.push(holder.table())
        .push(" WHERE ")
        .push(holder.column())
        .push(" = ")
        .push_bind(id)
        .push(" AND block IN (")
        .push_binds(&keys)
        .push(")");
    sql.query().execute(conn).await?;
    Ok(())
}

/// A customer as the candidate lookup sees it: its blocking keys and registrable domain.
pub struct Probe {
    blocks: Vec<String>,
    domain_key: Option<String>,
}

impl Probe {
    pub fn new(name_key: &str, domain_key: Option<&str>) -> Probe {
        Probe {
            blocks: probe_keys(name_key),
            domain_key: domain_key.map(str::to_owned),
        }
    }

    /// Writes a subquery of the ids of `holder`'s records that share a key or the domain.
    pub fn push_candidates(&self, sql: &mut Builder, holder: Holder) {
        sql.push("SELECT ")
            .push(holder.column())
            .push(" FROM ")
            .push(holder.table())
            .push(" WHERE block IN (")
            .push_binds(&self.blocks)
            .push(") UNION SELECT id FROM ")
            .push(holder.records())
            .push(" WHERE domain_key = ")
            .push_bind(&self.domain_key);
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
