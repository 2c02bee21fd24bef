//! Where each organization is paid; the account arrives and leaves sealed.

use sqlx::FromRow;

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Exec};

#[derive(Debug, Clone, FromRow)]
pub struct PayeeRow {
    pub organization_id: i64,
    pub account_holder: String,
    pub account_sealed: String,
    pub bic: Option<String>,
    pub updated_at: Timestamp,
}

pub async fn payee<'c, E>(db: E, organization_id: i64) -> Result<Option<PayeeRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as(
        "SELECT organization_id, account_holder, account_sealed, bic, updated_at FROM payees \
         WHERE organization_id = $1",
    )
    .bind(organization_id)
    .fetch_optional(db)
    .await?)
}

/// Every organization's payee.
pub async fn payees<'c, E>(db: E) -> Result<Vec<PayeeRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as(
        "SELECT organization_id, account_holder, account_sealed, bic, updated_at FROM payees",
    )
    .fetch_all(db)
    .await?)
}

pub async fn save_payee<'c, E>(db: E, row: &PayeeRow, user_id: i64) -> Result<(), StoreError>
where
    E: Into<Exec<'c>>,
{
    sql::query(
        "INSERT INTO payees (organization_id, account_holder, account_sealed, bic, updated_by, \
         updated_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (organization_id) DO UPDATE \
         SET account_holder = $2, account_sealed = $3, bic = $4, updated_by = $5, updated_at = $6",
    )
    .bind(row.organization_id)
    .bind(row.account_holder.as_str())
    .bind(row.account_sealed.as_str())
    .bind(row.bic.clone())
    .bind(user_id)
    .bind(row.updated_at)
    .execute(db)
    .await?;
    Ok(())
}
