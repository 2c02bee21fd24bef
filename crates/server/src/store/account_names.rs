//! Accounts' alternative names (`domain::alternative_names`), each with its name key.

use std::collections::HashMap;

use crate::domain::alternative_names::{self, AlternativeName};
use crate::store::StoreError;
use crate::store::sql::{self, Builder, Conn};

/// Each account's alternative names with their keys, in the order they were given.
pub async fn of(
    conn: &mut Conn,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<AlternativeName>>, StoreError> {
    let mut by_account: HashMap<i64, Vec<AlternativeName>> = HashMap::new();
    if ids.is_empty() {
        return Ok(by_account);
    }
    let mut sql =
        Builder::new("SELECT account_id, name, name_key FROM account_names WHERE account_id IN (");
    sql.push_binds(ids).push(") ORDER BY account_id, id");
    let rows: Vec<(i64, String, String)> = sql.query_as().fetch_all(conn).await?;
    for (account_id, name, name_key) in rows {
        by_account
            .entry(account_id)
            .or_default()
            .push(AlternativeName { name, name_key });
    }
    Ok(by_account)
}

/// Replaces an account's alternative names.
pub async fn replace(
    conn: &mut Conn,
    account_id: i64,
    names: &[AlternativeName],
) -> Result<(), StoreError> {
    sql::query("DELETE FROM account_names WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut *conn)
        .await?;
    for name in names {
        sql::query("INSERT INTO account_names (account_id, name, name_key) VALUES ($1, $2, $3)")
            .bind(account_id)
            .bind(&name.name)
            .bind(&name.name_key)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Computes the keys of the alternative names of `accounts` (id and name key) again, keeping
/// one name per key; returns every `(account id, name key)` to index.
pub async fn rekey(
    conn: &mut Conn,
    accounts: &[(i64, String)],
) -> Result<Vec<(i64, String)>, StoreError> {
    let ids: Vec<i64> = accounts.iter().map(|(id, _)| *id).collect();
    let mut old = of(&mut *conn, &ids).await?;
    let mut keys = Vec::new();
    for (id, name_key) in accounts {
        let Some(names) = old.remove(id) else {
            continue;
        };
        let names = alternative_names::distinct(name_key, names.iter().map(|n| n.name.as_str()));
        replace(conn, *id, &names).await?;
        keys.extend(names.into_iter().map(|n| (*id, n.name_key)));
    }
    Ok(keys)
}
