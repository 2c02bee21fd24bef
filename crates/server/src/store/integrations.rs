//! CRM integrations: their frame origins and sealed secrets.

use portico_api::integrations::CrmSystem;
use sqlx::FromRow;

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Exec, Pool};

#[derive(Debug, Clone, FromRow)]
pub struct IntegrationRow {
    pub system: CrmSystem,
    pub frame_origins: String,
    pub secret_sealed: String,
    pub secret_created_at: Timestamp,
    pub app_secret_sealed: Option<String>,
}

impl IntegrationRow {
    pub fn origins(&self) -> impl Iterator<Item = &str> {
        self.frame_origins.split_whitespace()
    }
}

const COLUMNS: &str = "system, frame_origins, secret_sealed, secret_created_at, app_secret_sealed";

pub async fn all(db: &Pool) -> Result<Vec<IntegrationRow>, StoreError> {
    Ok(sql::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM integrations ORDER BY system"
    )))
    .fetch_all(db)
    .await?)
}

pub async fn get<'c, E>(db: E, system: CrmSystem) -> Result<Option<IntegrationRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM integrations WHERE system = $1"
    )))
    .bind(system.as_str())
    .fetch_optional(db)
    .await?)
}

/// Creates the integration with `secret_sealed` as its first secret, or changes its origins.
pub async fn save_origins<'c, E>(
    db: E,
    system: CrmSystem,
    origins: &[String],
    secret_sealed: &str,
    now: Timestamp,
) -> Result<(), StoreError>
where
    E: Into<Exec<'c>>,
{
    sql::query(
        "INSERT INTO integrations (system, frame_origins, secret_sealed, secret_created_at, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $4, $4) \
         ON CONFLICT (system) DO UPDATE SET frame_origins = excluded.frame_origins, \
         updated_at = excluded.updated_at",
    )
    .bind(system.as_str())
    .bind(origins.join(" "))
    .bind(secret_sealed)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn set_app_secret<'c, E>(
    db: E,
    system: CrmSystem,
    sealed: Option<&str>,
    now: Timestamp,
) -> Result<(), StoreError>
where
    E: Into<Exec<'c>>,
{
    sql::query("UPDATE integrations SET app_secret_sealed = $2, updated_at = $3 WHERE system = $1")
        .bind(system.as_str())
        .bind(sealed)
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn set_secret<'c, E>(
    db: E,
    system: CrmSystem,
    sealed: &str,
    now: Timestamp,
) -> Result<(), StoreError>
where
    E: Into<Exec<'c>>,
{
    sql::query(
        "UPDATE integrations SET secret_sealed = $2, secret_created_at = $3, updated_at = $3 \
         WHERE system = $1",
    )
    .bind(system.as_str())
    .bind(sealed)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}
