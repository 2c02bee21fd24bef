//! Partner organizations.

use portico_api::organizations::{Engagement, Motion, OrganizationSummary, Tier};
use sqlx::FromRow;

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Exec, Pool};

#[derive(Debug, Clone, FromRow)]
pub struct OrganizationRow {
    pub id: i64,
    pub name: String,
    pub motion: Motion,
    pub tier: Tier,
    pub country: Option<String>,
    pub user_count: i64,
    pub created_at: Timestamp,
}

impl OrganizationRow {
    pub fn into_summary(self, engagement: Engagement) -> OrganizationSummary {
        let OrganizationRow {
            id,
            name,
            motion,
            tier,
            country,
            user_count,
            created_at: _,
        } = self;
        OrganizationSummary {
            id,
            name,
            motion,
            tier,
            country,
            user_count,
            engagement,
        }
    }
}

pub async fn insert<'c, E>(
    db: E,
    name: &str,
    motion: Motion,
    tier: Tier,
    now: Timestamp,
) -> Result<i64, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_scalar(
        "INSERT INTO organizations (name, motion, tier, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(name)
    .bind(motion.as_str())
    .bind(tier.as_str())
    .bind(now)
    .fetch_one(db)
    .await?)
}

pub async fn exists<'c, E>(db: E, id: i64) -> Result<bool, StoreError>
where
    E: Into<Exec<'c>>,
{
    let count: i64 = sql::query_scalar("SELECT COUNT(*) FROM organizations WHERE id = $1")
        .bind(id)
        .fetch_one(db)
        .await?;
    Ok(count > 0)
}

pub async fn name<'c, E>(db: E, id: i64) -> Result<Option<String>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(
        sql::query_scalar("SELECT name FROM organizations WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?,
    )
}

/// The organization's motion.
pub async fn motion<'c, E>(db: E, id: i64) -> Result<Option<Motion>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(
        sql::query_scalar("SELECT motion FROM organizations WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?,
    )
}

/// The organization's name and country.
pub async fn name_and_country<'c, E>(
    db: E,
    id: i64,
) -> Result<Option<(String, Option<String>)>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(
        sql::query_as("SELECT name, country FROM organizations WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?,
    )
}

/// Sets where the organization is based; false when there is no such organization.
pub async fn set_country<'c, E>(db: E, id: i64, country: Option<&str>) -> Result<bool, StoreError>
where
    E: Into<Exec<'c>>,
{
    let done = sql::query("UPDATE organizations SET country = $1 WHERE id = $2")
        .bind(country)
        .bind(id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn id_by_name<'c, E>(db: E, name: &str) -> Result<Option<i64>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(
        sql::query_scalar("SELECT id FROM organizations WHERE name = $1")
            .bind(name)
            .fetch_optional(db)
            .await?,
    )
}

pub async fn page(
    db: &Pool,
    after_id: i64,
    limit: u32,
) -> Result<Vec<OrganizationRow>, StoreError> {
    Ok(sql::query_as(
        "SELECT o.id, o.name, o.motion, o.tier, o.country, o.created_at, \
         (SELECT COUNT(*) FROM users u WHERE u.organization_id = o.id) AS user_count \
         FROM organizations o WHERE o.id > $1 ORDER BY o.id LIMIT $2",
    )
    .bind(after_id)
    .bind(i64::from(limit) + 1)
    .fetch_all(db)
    .await?)
}

/// One partner organization with its people count.
pub async fn by_id(db: &Pool, id: i64) -> Result<Option<OrganizationRow>, StoreError> {
    Ok(page(db, id - 1, 1)
        .await?
        .into_iter()
        .find(|row| row.id == id))
}

/// Every partner organization, by id: the lists that filter by engagement, which is computed
/// rather than stored, read them all.
pub async fn all(db: &Pool) -> Result<Vec<OrganizationRow>, StoreError> {
    page(db, 0, u32::MAX - 1).await
}
