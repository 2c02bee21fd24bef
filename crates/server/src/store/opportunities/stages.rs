//! An organization's open deals per stage, for its home page.

use sqlx::FromRow;

use crate::store::StoreError;
use crate::store::sql::{self, Pool};

#[derive(Debug, FromRow)]
pub struct StageRow {
    pub motion: String,
    pub stage: String,
    /// '' for deals registered without a value (and deals a manager added).
    pub currency: String,
    pub deals: i64,
    pub value: i64,
}

/// Open deals of the organization by motion, stage and the currency of the value its
/// registration gave: the partner's own figure, never the vendor's amount.
pub async fn open_by_stage(db: &Pool, organization_id: i64) -> Result<Vec<StageRow>, StoreError> {
    Ok(sql::query_as(
        "SELECT o.motion, o.stage, COALESCE(r.currency, '') AS currency, COUNT(*) AS deals, \
         CAST(COALESCE(SUM(r.estimated_value), 0) AS BIGINT) AS value \
         FROM opportunities o LEFT JOIN registrations r ON r.id = o.registration_id \
         WHERE o.organization_id = $1 AND o.stage NOT IN ('won', 'lost') \
         GROUP BY o.motion, o.stage, COALESCE(r.currency, '') ORDER BY o.motion, o.stage",
    )
    .bind(organization_id)
    .fetch_all(db)
    .await?)
}
