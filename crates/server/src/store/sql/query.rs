//! Queries with their bound values, run on either engine's driver.

use std::marker::PhantomData;

use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::types::Json;
use sqlx::{Arguments as _, Database, Encode, FromRow, Postgres, SqlSafeStr, SqlStr, Sqlite, Type};

use super::{Exec, HandleMut, Pool, on_engine};

/// A row type both drivers decode (`#[derive(sqlx::FromRow)]` gives both).
pub trait Row: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}

impl<T> Row for T where T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{}

/// A value bound to a `$n` placeholder: the store binds numbers, text, flags and JSON (times
/// are numbers).
/// A NULL keeps its type: PostgreSQL needs it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Int(Option<i64>),
    Text(Option<String>),
    Bool(Option<bool>),
    /// JSONB on PostgreSQL, text on SQLite.
    Json(Option<serde_json::Value>),
}

/// What can be bound to a placeholder.
pub trait Bind {
    fn value(self) -> Value;
}

macro_rules! bind {
    ($($t:ty => $variant:ident($convert:expr)),* $(,)?) => {$(
        impl Bind for $t {
            fn value(self) -> Value {
                Value::$variant(Some($convert(self)))
            }
        }
        impl Bind for Option<$t> {
            fn value(self) -> Value {
                Value::$variant(self.map($convert))
            }
        }
    )*};
}

bind! {
    bool => Bool(|v| v),
    serde_json::Value => Json(|v| v),
    i64 => Int(|v| v),
    String => Text(|v| v),
    &str => Text(str::to_owned),
    &String => Text(String::clone),
}

impl Bind for &Option<String> {
    fn value(self) -> Value {
        Value::Text(self.clone())
    }
}

impl Bind for &i64 {
    fn value(self) -> Value {
        Value::Int(Some(*self))
    }
}

impl Bind for Value {
    fn value(self) -> Value {
        self
    }
}

/// A statement and its values in placeholder order.
pub struct Query {
    sql: SqlStr,
    /// The text SQLite runs instead, where it has one (see the builder).
    sqlite: Option<SqlStr>,
    values: Vec<Value>,
}

pub fn query(sql: impl SqlSafeStr) -> Query {
    Query {
        sql: sql.into_sql_str(),
        sqlite: None,
        values: Vec::new(),
    }
}

pub fn query_as<T: Row>(sql: impl SqlSafeStr) -> QueryAs<T> {
    query(sql).into_rows()
}

pub fn query_scalar<T>(sql: impl SqlSafeStr) -> QueryScalar<T>
where
    (T,): Row,
{
    QueryScalar(query_as(sql))
}

/// What a statement changed.
#[derive(Debug)]
pub struct Done {
    rows_affected: u64,
}

impl Done {
    pub fn rows_affected(&self) -> u64 {
        self.rows_affected
    }
}

impl Query {
    pub(super) fn on_sqlite(mut self, text: Option<impl SqlSafeStr>) -> Self {
        self.sqlite = text.map(SqlSafeStr::into_sql_str);
        self
    }

    pub fn bind(mut self, value: impl Bind) -> Self {
        self.values.push(value.value());
        self
    }

    pub fn bind_all(mut self, values: impl IntoIterator<Item = Value>) -> Self {
        self.values.extend(values);
        self
    }

    /// The same statement, its rows decoded into `T`.
    pub fn into_rows<T: Row>(self) -> QueryAs<T> {
        QueryAs {
            query: self,
            row: PhantomData,
        }
    }

    /// The same statement, read as one value per row (e.g. what it `RETURNING`s).
    pub fn into_scalar<T>(self) -> QueryScalar<T>
    where
        (T,): Row,
    {
        QueryScalar(self.into_rows())
    }

    pub async fn execute<'c>(self, exec: impl Into<Exec<'c>>) -> Result<Done, sqlx::Error> {
        let Query {
            sql,
            sqlite,
            values,
        } = self;
        let rows_affected = on_engine!(exec.into(), |e|
            sqlite: sqlx::query_with::<Sqlite, _>(sqlite.unwrap_or(sql), arguments::<Sqlite>(values)?)
                .execute(e).await?.rows_affected(),
            postgres: sqlx::query_with::<Postgres, _>(sql, arguments::<Postgres>(values)?)
                .execute(e).await?.rows_affected());
        Ok(Done { rows_affected })
    }
}

/// A query whose rows decode into `T`.
pub struct QueryAs<T> {
    query: Query,
    row: PhantomData<fn() -> T>,
}

/// Runs `$query` with the driver's `$method` (`fetch_all` or `fetch_optional`) on the engine
/// `$exec` belongs to, decoding `$row`s.
macro_rules! fetch {
    ($query:expr, $exec:expr, $row:ty, $method:ident) => {{
        let Query {
            sql,
            sqlite,
            values,
        } = $query;
        on_engine!($exec.into(), |e|
            sqlite: sqlx::query_as_with::<Sqlite, $row, _>(
                sqlite.unwrap_or(sql),
                arguments::<Sqlite>(values)?,
            )
                .$method(e).await?,
            postgres: sqlx::query_as_with::<Postgres, $row, _>(sql, arguments::<Postgres>(values)?)
                .$method(e).await?)
    }};
}

impl<T: Row> QueryAs<T> {
    pub fn bind(mut self, value: impl Bind) -> Self {
        self.query = self.query.bind(value);
        self
    }

    pub fn bind_all(mut self, values: impl IntoIterator<Item = Value>) -> Self {
        self.query = self.query.bind_all(values);
        self
    }

    pub async fn fetch_all<'c>(self, exec: impl Into<Exec<'c>>) -> Result<Vec<T>, sqlx::Error> {
        Ok(fetch!(self.query, exec, T, fetch_all))
    }

    pub async fn fetch_optional<'c>(
        self,
        exec: impl Into<Exec<'c>>,
    ) -> Result<Option<T>, sqlx::Error> {
        Ok(fetch!(self.query, exec, T, fetch_optional))
    }

    pub async fn fetch_one<'c>(self, exec: impl Into<Exec<'c>>) -> Result<T, sqlx::Error> {
        self.fetch_optional(exec)
            .await?
            .ok_or(sqlx::Error::RowNotFound)
    }
}

/// A query whose rows are one value of type `T`.
pub struct QueryScalar<T>(QueryAs<(T,)>);

impl<T> QueryScalar<T>
where
    (T,): Row,
{
    pub fn bind(self, value: impl Bind) -> Self {
        QueryScalar(self.0.bind(value))
    }

    pub fn bind_all(self, values: impl IntoIterator<Item = Value>) -> Self {
        QueryScalar(self.0.bind_all(values))
    }

    pub async fn fetch_all<'c>(self, exec: impl Into<Exec<'c>>) -> Result<Vec<T>, sqlx::Error> {
        let rows = self.0.fetch_all(exec).await?;
        Ok(rows.into_iter().map(|(value,)| value).collect())
    }

    pub async fn fetch_optional<'c>(
        self,
        exec: impl Into<Exec<'c>>,
    ) -> Result<Option<T>, sqlx::Error> {
        Ok(self.0.fetch_optional(exec).await?.map(|(value,)| value))
    }

    pub async fn fetch_one<'c>(self, exec: impl Into<Exec<'c>>) -> Result<T, sqlx::Error> {
        Ok(self.0.fetch_one(exec).await?.0)
    }
}

/// The values as the arguments of `DB`'s driver.
fn arguments<DB: Database>(values: Vec<Value>) -> Result<DB::Arguments, sqlx::Error>
where
    Option<i64>: for<'a> Encode<'a, DB> + Type<DB>,
    Option<String>: for<'a> Encode<'a, DB> + Type<DB>,
    Option<bool>: for<'a> Encode<'a, DB> + Type<DB>,
    Option<Json<serde_json::Value>>: for<'a> Encode<'a, DB> + Type<DB>,
{
    let mut arguments = DB::Arguments::default();
    for value in values {
        match value {
            Value::Int(v) => arguments.add(v),
            Value::Text(v) => arguments.add(v),
            Value::Bool(v) => arguments.add(v),
            Value::Json(v) => arguments.add(v.map(Json)),
        }
        .map_err(sqlx::Error::Encode)?;
    }
    Ok(arguments)
}
