//! Partners' questions about earnings, and managers' answers.

use sqlx::FromRow;

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Builder, Exec};

#[derive(Debug, Clone, FromRow)]
pub struct DisputeRow {
    pub id: i64,
    pub earning_id: i64,
    pub organization_id: i64,
    pub comment: String,
    pub raised_at: Timestamp,
    pub answer: Option<String>,
    pub answered_at: Option<Timestamp>,
}

const COLUMNS: &str = "SELECT id, earning_id, organization_id, comment, raised_at, answer, \
                       answered_at FROM earning_disputes";

/// The organization of an earning, when `id` is one.
pub async fn earning_organization<'c, E>(db: E, id: i64) -> Result<Option<i64>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_scalar(
        "SELECT organization_id FROM ledger_entries WHERE id = $1 AND kind = 'earning'",
    )
    .bind(id)
    .fetch_optional(db)
    .await?)
}

/// Opens a question; `None` when one is open on the earning already.
pub async fn raise(
    tx: &mut sql::Conn,
    (earning_id, organization_id): (i64, i64),
    (user_id, comment): (i64, &str),
    now: Timestamp,
) -> Result<Option<i64>, StoreError> {
    Ok(sql::query_scalar(
        "INSERT INTO earning_disputes (earning_id, organization_id, comment, raised_by, raised_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (earning_id) WHERE answer IS NULL DO NOTHING \
         RETURNING id",
    )
    .bind(earning_id)
    .bind(organization_id)
    .bind(comment)
    .bind(user_id)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?)
}

/// Answers an open question; `None` when there is none with `id`.
pub async fn answer(
    tx: &mut sql::Conn,
    id: i64,
    (user_id, answer): (i64, &str),
    now: Timestamp,
) -> Result<Option<DisputeRow>, StoreError> {
    let done = sql::query(
        "UPDATE earning_disputes SET answer = $1, answered_by = $2, answered_at = $3 \
         WHERE id = $4 AND answer IS NULL",
    )
    .bind(answer)
    .bind(user_id)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(None);
    }
    let mut sql = Builder::new(COLUMNS);
    sql.push(" WHERE id = ").push_bind(id);
    Ok(sql.query_as().fetch_optional(&mut *tx).await?)
}

/// The latest question about each of these earnings.
pub async fn latest<'c, E>(db: E, earning_ids: &[i64]) -> Result<Vec<DisputeRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    if earning_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Builder::new(COLUMNS);
    sql.push(
        " d WHERE d.id IN (SELECT MAX(id) FROM earning_disputes GROUP BY earning_id) \
         AND d.earning_id IN (",
    )
    .push_binds(earning_ids.iter().copied())
    .push(")");
    Ok(sql.query_as().fetch_all(db).await?)
}
