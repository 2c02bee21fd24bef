//! The product catalog registrations name.

use portico_api::registrations::Product;
use sqlx::FromRow;

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Builder, Exec, Pool};

#[derive(Debug, Clone, FromRow)]
pub struct ProductRow {
    pub id: i64,
    pub name: String,
}

impl ProductRow {
    pub fn into_view(self) -> Product {
        let ProductRow { id, name } = self;
        Product { id, name }
    }
}

/// Products partners can choose now, by name.
pub async fn active(db: &Pool) -> Result<Vec<ProductRow>, StoreError> {
    Ok(
        sql::query_as("SELECT id, name FROM products WHERE archived_at IS NULL ORDER BY name")
            .fetch_all(db)
            .await?,
    )
}

pub async fn insert<'c, E>(db: E, name: &str, now: Timestamp) -> Result<i64, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(
        sql::query_scalar("INSERT INTO products (name, created_at) VALUES ($1, $2) RETURNING id")
            .bind(name)
            .bind(now)
            .fetch_one(db)
            .await?,
    )
}

/// Hides a product from new registrations; registrations that name it keep it.
pub async fn archive<'c, E>(
    db: E,
    id: i64,
    now: Timestamp,
) -> Result<Option<ProductRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as(
        "UPDATE products SET archived_at = $1 WHERE id = $2 AND archived_at IS NULL RETURNING id, name",
    )
    .bind(now)
    .bind(id)
    .fetch_optional(db)
    .await?)
}

/// Whether every id names an active product.
pub async fn all_active<'c, E>(db: E, ids: &[i64]) -> Result<bool, StoreError>
where
    E: Into<Exec<'c>>,
{
    if ids.is_empty() {
        return Ok(true);
    }
    let mut sql =
        Builder::new("SELECT COUNT(*) FROM products WHERE archived_at IS NULL AND id IN (");
    sql.push_binds(ids).push(")");
    Ok(sql.query_scalar::<i64>().fetch_one(db).await? == ids.len() as i64)
}
