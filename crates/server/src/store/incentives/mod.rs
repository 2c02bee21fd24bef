//! Incentives: the commission plans by version and who is credited for each deal; the ledger
//! is in `ledger`, where organizations are paid in `payees`.

use portico_api::incentives::IncentivePlans;
use portico_api::registrations::PartnerRole;
use sqlx::FromRow;
use sqlx::types::Json;

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Exec};

mod disputes;
mod ledger;
mod payees;
mod payouts;

pub use disputes::*;
pub use ledger::*;
pub use payees::*;
pub use payouts::*;

/// The plans in force and their version, if any were saved.
pub async fn plans<'c, E>(db: E) -> Result<Option<(i64, IncentivePlans)>, StoreError>
where
    E: Into<Exec<'c>>,
{
    let row: Option<(i64, Json<IncentivePlans>)> = sql::query_as(
        "SELECT version, document FROM incentive_plan_versions ORDER BY version DESC LIMIT 1",
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(version, Json(plans))| (version, plans)))
}

/// Saves the plans as the next version; earlier versions stay, for the earnings that name
/// them.
pub async fn save_plans(
    tx: &mut sql::Conn,
    plans: &IncentivePlans,
    user_id: i64,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let document = serde_json::to_value(plans).map_err(StoreError::unreadable)?;
    let version: i64 =
        sql::query_scalar("SELECT COALESCE(MAX(version), 0) + 1 FROM incentive_plan_versions")
            .fetch_one(&mut *tx)
            .await?;
    sql::query(
        "INSERT INTO incentive_plan_versions (version, document, created_by, created_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(version)
    .bind(document)
    .bind(user_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(version)
}

/// One partner's credit on a deal, with its name and tier.
#[derive(Debug, Clone, FromRow)]
pub struct CreditRow {
    pub organization_id: i64,
    pub organization_name: String,
    pub tier: portico_api::organizations::Tier,
    pub role: PartnerRole,
    pub share_bp: i64,
}

pub async fn credits<'c, E>(db: E, opportunity_id: i64) -> Result<Vec<CreditRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as(
        "SELECT a.organization_id, o.name AS organization_name, o.tier, a.role, \
         CAST(a.share_bp AS BIGINT) AS share_bp FROM attributions a \
         JOIN organizations o ON o.id = a.organization_id \
         WHERE a.opportunity_id = $1 ORDER BY a.role DESC, a.share_bp DESC, o.name",
    )
    .bind(opportunity_id)
    .fetch_all(db)
    .await?)
}

/// Replaces the deal's credits; the database refuses shares of one role above 100 %.
pub async fn replace_credits(
    tx: &mut sql::Conn,
    opportunity_id: i64,
    credits: &[(i64, PartnerRole, u32)],
) -> Result<(), StoreError> {
    sql::query("DELETE FROM attributions WHERE opportunity_id = $1")
        .bind(opportunity_id)
        .execute(&mut *tx)
        .await?;
    for (organization_id, role, share_bp) in credits {
        sql::query(
            "INSERT INTO attributions (opportunity_id, organization_id, role, share_bp) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(opportunity_id)
        .bind(*organization_id)
        .bind(role.as_str())
        .bind(i64::from(*share_bp))
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}
