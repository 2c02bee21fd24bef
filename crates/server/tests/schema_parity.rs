//! The SQLite and PostgreSQL migrations build the same schema: the same tables, columns (by
//! name, kind of value, nullability and default), primary keys, unique keys, foreign keys (with
//! what a delete does) and indexes (by name, columns and whether they are partial). Each
//! engine's twin of a migration is written by hand, so a column or an index forgotten in one of
//! them would otherwise show only as a slow query or a failed write on that engine in
//! production.
//!
//! It needs both engines, so it compares them in the PostgreSQL pass of the suite (the harness
//! picks PostgreSQL when `PORTICO_TEST_POSTGRES_URL` is set, as `cargo xtask test` does for its
//! second pass and CI always does). Without the variable it fails, unless the run says there is
//! no PostgreSQL to compare with by setting `PORTICO_TEST_POSTGRES_URL` to the empty string, so
//! a run that did not compare cannot look like one that did.

use crate::common;

use std::collections::BTreeSet;

use portico_server::store::Db;
use portico_server::store::sql;

/// The full-text index of assets is each engine's own: an FTS5 table (with the shadow tables
/// FTS5 makes for it) on SQLite, a `tsvector` column with a GIN index on PostgreSQL.
const ENGINE_SPECIFIC: &[&str] = &[
    "table assets_search",
    "column assets_search",
    "primary key assets_search",
    "column assets.search ",
    "index assets_search on assets ",
];

#[tokio::test]
async fn sqlite_and_postgres_migrations_build_the_same_schema() {
    let url = std::env::var("PORTICO_TEST_POSTGRES_URL").expect(
        "PORTICO_TEST_POSTGRES_URL names the PostgreSQL database to compare SQLite with; \
         set it to the empty string in a run without PostgreSQL",
    );
    if url.is_empty() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let sqlite = Db::open(&format!("sqlite://{}", dir.path().join("p.db").display()))
        .await
        .unwrap();
    let postgres = Db::open(&common::fresh_postgres_schema(&url).await)
        .await
        .unwrap();
    let sqlite = sqlite_schema(&sqlite).await;
    let postgres = postgres_schema(&postgres).await;
    let only = |a: &BTreeSet<String>, b: &BTreeSet<String>| -> Vec<String> {
        a.difference(b)
            .filter(|fact| !ENGINE_SPECIFIC.iter().any(|s| fact.starts_with(s)))
            .cloned()
            .collect()
    };
    let (only_sqlite, only_postgres) = (only(&sqlite, &postgres), only(&postgres, &sqlite));
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "only on SQLite: {only_sqlite:#?}\nonly on PostgreSQL: {only_postgres:#?}"
    );
    assert!(
        sqlite.len() > 100,
        "{} facts: the query found no schema",
        sqlite.len()
    );
}

/// `integer`, `text`, `real` or `blob`, from either engine's name of a type.
fn kind(declared: &str) -> &'static str {
    let declared = declared.to_lowercase();
    match declared.as_str() {
        t if t.contains("int") || t == "bigserial" || t == "serial" => "integer",
        // SQLite keeps JSON as text; both drivers read and write it as JSON.
        t if t.contains("char")
            || t.contains("text")
            || t.contains("clob")
            || t.contains("json") =>
        {
            "text"
        }
        t if t.contains("real") || t.contains("floa") || t.contains("doub") || t == "numeric" => {
            "real"
        }
        // SQLite has no boolean type: its flags are integers held to 0 and 1, which both
        // drivers read as bool like PostgreSQL's booleans.
        t if t.contains("bool") => "integer",
        "blob" | "bytea" | "" => "blob",
        _ => "other",
    }
}

fn column(
    table: &str,
    name: &str,
    declared: &str,
    not_null: bool,
    default: Option<&str>,
) -> String {
    let null = if not_null { "not null" } else { "null" };
    let default = default_value(default).map_or(String::new(), |d| format!(" default {d}"));
    format!("column {table}.{name} {} {null}{default}", kind(declared))
}

/// A default as SQLite writes it: PostgreSQL adds a cast to a quoted value (`'x'::text`), its
/// serial columns' `nextval(…)` is SQLite's row id, and its boolean `false` is SQLite's `0`.
fn default_value(default: Option<&str>) -> Option<&str> {
    let default = default?;
    match default {
        _ if default.starts_with("nextval(") => return None,
        "false" => return Some("0"),
        "true" => return Some("1"),
        _ => {}
    }
    Some(match default.rsplit_once("'::") {
        Some((quoted, _)) => &default[..quoted.len() + 1],
        None => default,
    })
}

async fn sqlite_schema(db: &Db) -> BTreeSet<String> {
    let pool = db.pool();
    let tables: Vec<(String,)> = sql::query_as(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' \
         ESCAPE '\\' AND name NOT LIKE '\\_sqlx%' ESCAPE '\\'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut facts: BTreeSet<String> = tables.iter().map(|(t,)| format!("table {t}")).collect();
    let columns: Vec<(String, String, String, i64, i64, Option<String>)> = sql::query_as(
        "SELECT m.name, p.name, p.type, p.\"notnull\", p.pk, p.dflt_value FROM sqlite_master m \
         JOIN pragma_table_info(m.name) p WHERE m.type = 'table'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut primary: std::collections::BTreeMap<String, Vec<(i64, String)>> = Default::default();
    for (table, name, declared, not_null, pk, default) in columns {
        if !facts.contains(&format!("table {table}")) {
            continue;
        }
        let not_null = not_null == 1 || pk > 0;
        facts.insert(column(
            &table,
            &name,
            &declared,
            not_null,
            default.as_deref(),
        ));
        if pk > 0 {
            primary.entry(table).or_default().push((pk, name));
        }
    }
    for (table, mut keys) in primary {
        keys.sort();
        let names: Vec<String> = keys.into_iter().map(|(_, n)| n).collect();
        facts.insert(format!("primary key {table} ({})", names.join(", ")));
    }
    let indexed: Vec<(String, String, i64, String, i64, Option<String>)> = sql::query_as(
        "SELECT m.name, il.name, il.\"unique\", il.origin, il.partial, ii.name \
         FROM sqlite_master m JOIN pragma_index_list(m.name) il \
         JOIN pragma_index_info(il.name) ii WHERE m.type = 'table' ORDER BY il.name, ii.seqno",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let indexes = group_indexes(
        indexed
            .into_iter()
            .filter(|(table, ..)| facts.contains(&format!("table {table}")))
            .map(
                |(table, name, unique, origin, partial, column)| IndexColumn {
                    table,
                    name,
                    unique: unique == 1,
                    // `pk` and `u` are the indexes SQLite makes for keys declared in the table.
                    constraint: origin != "c",
                    primary: origin == "pk",
                    partial: partial == 1,
                    column,
                },
            ),
    );
    facts.extend(indexes);
    let references: Vec<(String, i64, String, Option<String>, String, String)> = sql::query_as(
        "SELECT m.name, f.id, f.\"table\", f.\"to\", f.\"from\", f.on_delete FROM sqlite_master m \
         JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut keys: std::collections::BTreeMap<(String, i64), ForeignKey> = Default::default();
    for (table, id, target, to, from, on_delete) in references {
        let key = keys
            .entry((table.clone(), id))
            .or_insert_with(|| ForeignKey {
                table,
                target,
                on_delete: on_delete.to_lowercase(),
                ..ForeignKey::default()
            });
        key.from.push(from);
        // `REFERENCES t` without columns names t's primary key.
        key.to.push(to.unwrap_or_else(|| "(primary key)".into()));
    }
    facts.extend(keys.into_values().map(|k| k.fact()));
    facts
}

#[derive(Default)]
struct ForeignKey {
    table: String,
    from: Vec<String>,
    target: String,
    to: Vec<String>,
    on_delete: String,
}

impl ForeignKey {
    fn fact(&self) -> String {
        format!(
            "foreign key {} ({}) -> {} ({}) on delete {}",
            self.table,
            self.from.join(", "),
            self.target,
            self.to.join(", "),
            self.on_delete
        )
    }
}

async fn postgres_schema(db: &Db) -> BTreeSet<String> {
    let pool = db.pool();
    let tables: Vec<(String,)> = sql::query_as(
        "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
         AND table_name NOT LIKE '\\_sqlx%'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut facts: BTreeSet<String> = tables.iter().map(|(t,)| format!("table {t}")).collect();
    let columns: Vec<(String, String, String, String, Option<String>)> = sql::query_as(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text, \
         column_default::text FROM information_schema.columns \
         WHERE table_schema = current_schema()",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, name, declared, nullable, default) in columns {
        if facts.contains(&format!("table {table}")) {
            let not_null = nullable == "NO";
            facts.insert(column(
                &table,
                &name,
                &declared,
                not_null,
                default.as_deref(),
            ));
        }
    }
    let primary: Vec<(String, String)> = sql::query_as(
        "SELECT t.relname::text, string_agg(a.attname::text, ', ' ORDER BY k.ord) \
         FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord) \
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum \
         WHERE n.nspname = current_schema() AND ix.indisprimary GROUP BY t.relname",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    facts.extend(
        primary
            .into_iter()
            .filter(|(table, _)| facts.contains(&format!("table {table}")))
            .map(|(table, columns)| format!("primary key {table} ({columns})"))
            .collect::<Vec<_>>(),
    );
    type IndexRow = (String, String, bool, bool, bool, bool, Option<String>);
    let indexed: Vec<IndexRow> = sql::query_as(
        "SELECT t.relname::text, i.relname::text, ix.indisunique, ix.indisprimary, \
         EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid), \
         ix.indpred IS NOT NULL, a.attname::text FROM pg_index ix \
         JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord) \
         LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum \
         WHERE n.nspname = current_schema() ORDER BY i.relname, k.ord",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let indexes = group_indexes(
        indexed
            .into_iter()
            .filter(|(table, ..)| facts.contains(&format!("table {table}")))
            .map(
                |(table, name, unique, primary, constraint, partial, column)| IndexColumn {
                    table,
                    name,
                    unique,
                    constraint,
                    primary,
                    partial,
                    column,
                },
            ),
    );
    facts.extend(indexes);
    let columns = |relation: &str, keys: &str| {
        format!(
            "(SELECT string_agg(a.attname::text, ', ' ORDER BY k.ord) \
             FROM unnest(c.{keys}) WITH ORDINALITY AS k(attnum, ord) \
             JOIN pg_attribute a ON a.attrelid = c.{relation} AND a.attnum = k.attnum)"
        )
    };
    let references: Vec<(String, String, String, String, String)> =
        sql::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT t.relname::text, {}, f.relname::text, {}, \
             CASE c.confdeltype WHEN 'c' THEN 'cascade' WHEN 'n' THEN 'set null' \
             WHEN 'r' THEN 'restrict' WHEN 'd' THEN 'set default' ELSE 'no action' END \
             FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid \
             JOIN pg_class f ON f.oid = c.confrelid JOIN pg_namespace n ON n.oid = t.relnamespace \
             WHERE c.contype = 'f' AND n.nspname = current_schema()",
            columns("conrelid", "conkey"),
            columns("confrelid", "confkey"),
        )))
        .fetch_all(pool)
        .await
        .unwrap();
    facts.extend(
        references
            .into_iter()
            .map(|(table, from, target, to, on_delete)| {
                ForeignKey {
                    table,
                    from: vec![from],
                    target,
                    to: vec![to],
                    on_delete,
                }
                .fact()
            }),
    );
    facts
}

struct IndexColumn {
    table: String,
    name: String,
    unique: bool,
    /// Made for a key declared in the table, under a name each engine chooses itself: such
    /// indexes are compared by their columns alone.
    constraint: bool,
    primary: bool,
    /// Indexes only the rows a `WHERE` picks.
    partial: bool,
    /// `None` for an expression.
    column: Option<String>,
}

/// One fact per index, from its columns in order.
fn group_indexes(columns: impl Iterator<Item = IndexColumn>) -> Vec<String> {
    let mut facts: Vec<String> = Vec::new();
    let mut current: Option<(String, Vec<String>)> = None;
    let mut flush = |current: &mut Option<(String, Vec<String>)>| {
        if let Some((head, columns)) = current.take() {
            facts.push(format!("{head} ({})", columns.join(", ")));
        }
    };
    let mut last_name = String::new();
    for c in columns {
        if c.primary {
            continue;
        }
        if c.name != last_name {
            flush(&mut current);
            last_name = c.name.clone();
            let partial = if c.partial { "partial " } else { "" };
            let head = match (c.constraint, c.unique) {
                (true, _) => format!("unique key {}", c.table),
                (false, true) => format!("{partial}unique index {} on {}", c.name, c.table),
                (false, false) => format!("{partial}index {} on {}", c.name, c.table),
            };
            current = Some((head, Vec::new()));
        }
        if let Some((_, columns)) = current.as_mut() {
            columns.push(c.column.unwrap_or_else(|| "(expression)".into()));
        }
    }
    flush(&mut current);
    facts
}
