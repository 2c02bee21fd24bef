//! Report sources and their column mappings (kept as JSON text, the same on both engines).

use portico_api::channel_data::{ColumnMapping, DateOrder, SourceKind};
use sqlx::FromRow;

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Builder, Exec};

#[derive(Debug, Clone, FromRow)]
pub struct SourceRow {
    pub id: i64,
    pub name: String,
    pub kind: SourceKind,
    pub organization_id: Option<i64>,
    pub organization_name: Option<String>,
    pub date_order: DateOrder,
    pub currency: Option<String>,
    pub columns: String,
    pub created_at: Timestamp,
}

impl SourceRow {
    pub fn columns(&self) -> Result<Vec<ColumnMapping>, StoreError> {
        serde_json::from_str(&self.columns).map_err(StoreError::unreadable)
    }
}

/// A source to add.
pub struct NewSourceRow<'a> {
    pub name: &'a str,
    pub kind: SourceKind,
    pub organization_id: Option<i64>,
    pub date_order: DateOrder,
    pub currency: Option<&'a str>,
}

const COLUMNS: &str = "SELECT s.id, s.name, s.kind, s.organization_id, o.name AS organization_name, \
                       s.date_order, s.currency, s.columns, s.created_at FROM channel_sources s \
                       LEFT JOIN organizations o ON o.id = s.organization_id";

pub async fn insert_source(
    tx: &mut sql::Conn,
    source: &NewSourceRow<'_>,
    user_id: i64,
    now: Timestamp,
) -> Result<i64, StoreError> {
    Ok(sql::query_scalar(
        "INSERT INTO channel_sources (name, kind, organization_id, date_order, currency, \
         created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(source.name)
    .bind(source.kind.as_str())
    .bind(source.organization_id)
    .bind(source.date_order.as_str())
    .bind(source.currency.map(str::to_owned))
    .bind(user_id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?)
}

/// Every source, or the organization's own.
pub async fn sources<'c, E>(db: E, organization: Option<i64>) -> Result<Vec<SourceRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    let mut sql = Builder::new(COLUMNS);
    if let Some(id) = organization {
        sql.push(" WHERE s.organization_id = ").push_bind(id);
    }
    sql.push(" ORDER BY s.name, s.id");
    Ok(sql.query_as().fetch_all(db).await?)
}

pub async fn source<'c, E>(db: E, id: i64) -> Result<Option<SourceRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    let mut sql = Builder::new(COLUMNS);
    sql.push(" WHERE s.id = ").push_bind(id);
    Ok(sql.query_as().fetch_optional(db).await?)
}

pub async fn set_mapping(
    tx: &mut sql::Conn,
    id: i64,
    columns: &[ColumnMapping],
    (date_order, currency): (DateOrder, Option<&str>),
) -> Result<bool, StoreError> {
    let text = serde_json::to_string(columns).map_err(StoreError::unreadable)?;
    let done = sql::query(
        "UPDATE channel_sources SET columns = $1, date_order = $2, currency = $3 WHERE id = $4",
    )
    .bind(text)
    .bind(date_order.as_str())
    .bind(currency.map(str::to_owned))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}
