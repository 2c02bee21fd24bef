//! What became of each row of each import, and the review queue.

use portico_api::channel_data::Field;
use portico_api::channel_data::imports::RowStatus;
use sqlx::FromRow;

use crate::store::StoreError;
use crate::store::sql::{self, Bind, Builder, Exec};

/// Rows one statement writes: well below both engines' limits on bound values.
const ROWS_PER_INSERT: usize = 500;

#[derive(Debug, Clone, FromRow)]
pub struct RowRow {
    pub id: i64,
    pub import_id: i64,
    pub source_id: i64,
    pub row_number: i64,
    pub status: RowStatus,
    pub reason: Option<String>,
    pub field: Option<Field>,
    pub original: Option<String>,
    pub transaction_id: Option<i64>,
}

/// A row's outcome to record.
#[derive(Debug, Clone)]
pub struct NewRow {
    pub row_number: i64,
    pub status: RowStatus,
    pub reason: Option<String>,
    pub field: Option<Field>,
    /// JSON cells, for rows a person may look at.
    pub original: Option<String>,
    pub transaction_id: Option<i64>,
}

const COLUMNS: &str = "SELECT r.id, r.import_id, r.source_id, r.row_number, r.status, r.reason, \
                       r.field, r.original, r.transaction_id FROM channel_rows r";

pub async fn insert_rows(
    tx: &mut sql::Conn,
    (import_id, source_id): (i64, i64),
    rows: &[NewRow],
) -> Result<(), StoreError> {
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let mut sql = Builder::new(
            "INSERT INTO channel_rows (import_id, source_id, row_number, status, reason, field, \
             original, transaction_id) VALUES ",
        );
        sql.push_tuples(chunk, |row| {
            [
                import_id.value(),
                source_id.value(),
                row.row_number.value(),
                row.status.as_str().value(),
                row.reason.clone().value(),
                row.field.map(|f| f.as_str()).value(),
                row.original.clone().value(),
                row.transaction_id.value(),
            ]
        });
        sql.query().execute(&mut *tx).await?;
    }
    Ok(())
}

/// Filters of the rows list; `organization` keeps a partner to its own sources' rows.
#[derive(Debug, Clone, Copy, Default)]
pub struct RowFilter {
    pub import_id: Option<i64>,
    pub status: Option<RowStatus>,
    pub organization_id: Option<i64>,
    pub after: Option<i64>,
}

/// A page of rows in id order; one more than `limit` when there are more.
pub async fn rows<'c, E>(db: E, filter: RowFilter, limit: u32) -> Result<Vec<RowRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    let mut sql = Builder::new(COLUMNS);
    sql.push(" JOIN channel_sources s ON s.id = r.source_id WHERE 1 = 1");
    if let Some(id) = filter.import_id {
        sql.push(" AND r.import_id = ").push_bind(id);
    }
    // Written out, not bound, so that the index of waiting rows alone serves the review queue.
    sql.push(match filter.status {
        None => "",
        Some(RowStatus::Imported) => " AND r.status = 'imported'",
        Some(RowStatus::Duplicate) => " AND r.status = 'duplicate'",
        Some(RowStatus::Rejected) => " AND r.status = 'rejected'",
        Some(RowStatus::Waiting) => " AND r.status = 'waiting'",
    });
    if let Some(id) = filter.organization_id {
        sql.push(" AND s.organization_id = ").push_bind(id);
    }
    if let Some(after) = filter.after {
        sql.push(" AND r.id > ").push_bind(after);
    }
    sql.push(" ORDER BY r.id").push_limit(i64::from(limit) + 1);
    Ok(sql.query_as().fetch_all(db).await?)
}

pub async fn row<'c, E>(db: E, id: i64) -> Result<Option<RowRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    let mut sql = Builder::new(COLUMNS);
    sql.push(" WHERE r.id = ").push_bind(id);
    Ok(sql.query_as().fetch_optional(db).await?)
}

/// The source's rows waiting on `field`, oldest first, for settling those a lesson settles too.
pub async fn waiting_on(
    tx: &mut sql::Conn,
    source_id: i64,
    field: Field,
    limit: u32,
) -> Result<Vec<RowRow>, StoreError> {
    let mut sql = Builder::new(COLUMNS);
    sql.push(" WHERE r.source_id = ")
        .push_bind(source_id)
        .push(" AND r.status = 'waiting' AND r.field = ")
        .push_bind(field.as_str())
        .push(" ORDER BY r.id")
        .push_limit(i64::from(limit));
    Ok(sql.query_as().fetch_all(&mut *tx).await?)
}

/// Records what a person's decision made of a waiting row; `false` when it waits no more.
pub async fn settle(tx: &mut sql::Conn, id: i64, outcome: &NewRow) -> Result<bool, StoreError> {
    let done = sql::query(
        "UPDATE channel_rows SET status = $1, reason = $2, field = $3, transaction_id = $4 \
         WHERE id = $5 AND status = 'waiting'",
    )
    .bind(outcome.status.as_str())
    .bind(outcome.reason.clone())
    .bind(outcome.field.map(|f| f.as_str()))
    .bind(outcome.transaction_id)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}
