//! Registration links: one secret link per partner organization, kept as a keyed hash.

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Exec, Pool};

/// Replaces the organization's link; the old one stops working at once.
pub async fn replace<'c, E>(
    db: E,
    organization_id: i64,
    token_hash: &str,
    created_by: i64,
    now: Timestamp,
) -> Result<(), StoreError>
where
    E: Into<Exec<'c>>,
{
    sql::query(
        "INSERT INTO registration_links (organization_id, token_hash, created_by, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (organization_id) DO UPDATE SET \
         token_hash = excluded.token_hash, created_by = excluded.created_by, \
         created_at = excluded.created_at",
    )
    .bind(organization_id)
    .bind(token_hash)
    .bind(created_by)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// When the organization's current link was made, if it has one.
pub async fn created_at(db: &Pool, organization_id: i64) -> Result<Option<Timestamp>, StoreError> {
    Ok(
        sql::query_scalar("SELECT created_at FROM registration_links WHERE organization_id = $1")
            .bind(organization_id)
            .fetch_optional(db)
            .await?,
    )
}

/// The organization a link belongs to.
pub async fn organization_of(db: &Pool, token_hash: &str) -> Result<Option<i64>, StoreError> {
    Ok(
        sql::query_scalar("SELECT organization_id FROM registration_links WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(db)
            .await?,
    )
}
