//! Certification definitions and what filings need: which motions and products require one.
//! What people hold is in `holdings`.

use std::collections::HashMap;

use portico_api::certifications::{CertificationInput, CertificationKind};
use portico_api::organizations::Motion;
use sqlx::FromRow;

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Builder, Exec, Param};

mod holdings;

pub use holdings::*;

/// A definition as stored; `holders` counts the people holding it on the day asked about.
#[derive(Debug, Clone, FromRow)]
pub struct DefinitionRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: CertificationKind,
    pub validity_months: i32,
    pub renewal_release: Option<String>,
    pub renewal_released_on: Option<String>,
    pub renewal_due_on: Option<String>,
    pub how_to_earn: String,
    pub holders: i64,
}

/// A motion or a product whose filings need a certification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requirement {
    Motion(Motion),
    Product(i64),
}

#[derive(Debug, FromRow)]
struct RequirementRow {
    certification_id: i64,
    motion: Option<Motion>,
    product_id: Option<i64>,
}

/// Pushes the condition that the earning `pc` of certification `c` still holds on `today`:
/// within its validity, and renewed if a release it predates asks for it.
pub(super) fn push_current(sql: &mut Builder, today: &Param) {
    sql.push("(pc.valid_until > ")
        .push_param(today)
        .push(
            " AND (c.renewal_released_on IS NULL OR pc.earned_on >= c.renewal_released_on \
             OR c.renewal_due_on > ",
        )
        .push_param(today)
        .push("))");
}

/// Every definition by name, with how many active people hold it on `today`; or just `id`'s.
pub async fn definitions<'c, E>(
    db: E,
    today: &str,
    only: Option<i64>,
) -> Result<Vec<DefinitionRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    let mut sql = Builder::new("");
    let today = sql.bind(today.to_owned());
    sql.push(
        "SELECT c.id, c.code, c.name, c.kind, c.validity_months, c.renewal_release, \
         c.renewal_released_on, c.renewal_due_on, c.how_to_earn, \
         (SELECT COUNT(DISTINCT pc.user_id) FROM person_certifications pc \
         JOIN users u ON u.id = pc.user_id \
         WHERE pc.certification_id = c.id AND u.deactivated_at IS NULL AND ",
    );
    push_current(&mut sql, &today);
    sql.push(") AS holders FROM certifications c");
    if let Some(id) = only {
        sql.push(" WHERE c.id = ").push_bind(id);
    }
    sql.push(" ORDER BY c.name");
    Ok(sql.query_as().fetch_all(db).await?)
}

/// Every certification's name, by id.
pub async fn names<'c, E>(db: E) -> Result<Vec<(i64, String)>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as("SELECT id, name FROM certifications")
        .fetch_all(db)
        .await?)
}

/// One definition, with its holders on `today`.
pub async fn definition<'c, E>(
    db: E,
    today: &str,
    id: i64,
) -> Result<Option<DefinitionRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(definitions(db, today, Some(id)).await?.pop())
}

/// What each certification is required for, by certification id.
pub async fn requirements<'c, E>(db: E) -> Result<HashMap<i64, Vec<Requirement>>, StoreError>
where
    E: Into<Exec<'c>>,
{
    let rows: Vec<RequirementRow> = sql::query_as(
        "SELECT certification_id, motion, product_id FROM certification_requirements \
         ORDER BY certification_id, motion, product_id",
    )
    .fetch_all(db)
    .await?;
    let mut by_certification: HashMap<i64, Vec<Requirement>> = HashMap::new();
    for row in rows {
        let requirement = match (row.motion, row.product_id) {
            (Some(motion), _) => Requirement::Motion(motion),
            (None, Some(product)) => Requirement::Product(product),
            (None, None) => continue,
        };
        by_certification
            .entry(row.certification_id)
            .or_default()
            .push(requirement);
    }
    Ok(by_certification)
}

pub async fn insert(
    tx: &mut sql::Conn,
    code: &str,
    input: &CertificationInput,
    renewal_due_on: Option<&str>,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let renewal = input.renewal.as_ref();
    let id: i64 = sql::query_scalar(
        "INSERT INTO certifications (code, name, kind, validity_months, renewal_release, \
         renewal_released_on, renewal_due_on, how_to_earn, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
    )
    .bind(code)
    .bind(input.name.trim())
    .bind(input.kind.as_str())
    .bind(i64::from(input.validity_months))
    .bind(renewal.map(|r| r.release.trim().to_owned()))
    .bind(renewal.map(|r| r.released_on.clone()))
    .bind(renewal_due_on.map(str::to_owned))
    .bind(input.how_to_earn.trim())
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    replace_requirements(tx, id, input).await?;
    Ok(id)
}

/// Rewrites a definition; `false` when there is none with `id`.
pub async fn update(
    tx: &mut sql::Conn,
    id: i64,
    input: &CertificationInput,
    renewal_due_on: Option<&str>,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let renewal = input.renewal.as_ref();
    let done = sql::query(
        "UPDATE certifications SET name = $1, kind = $2, validity_months = $3, \
         renewal_release = $4, renewal_released_on = $5, renewal_due_on = $6, how_to_earn = $7, \
         updated_at = $8 WHERE id = $9",
    )
    .bind(input.name.trim())
    .bind(input.kind.as_str())
    .bind(i64::from(input.validity_months))
    .bind(renewal.map(|r| r.release.trim().to_owned()))
    .bind(renewal.map(|r| r.released_on.clone()))
    .bind(renewal_due_on.map(str::to_owned))
    .bind(input.how_to_earn.trim())
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    replace_requirements(tx, id, input).await?;
    Ok(true)
}

async fn replace_requirements(
    tx: &mut sql::Conn,
    id: i64,
    input: &CertificationInput,
) -> Result<(), StoreError> {
    sql::query("DELETE FROM certification_requirements WHERE certification_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let mut motions = input.required_for_motions.clone();
    motions.sort_by_key(|m| m.as_str());
    motions.dedup();
    let mut products = input.required_for_products.clone();
    products.sort_unstable();
    products.dedup();
    for motion in motions {
        sql::query(
            "INSERT INTO certification_requirements (certification_id, motion) VALUES ($1, $2)",
        )
        .bind(id)
        .bind(motion.as_str())
        .execute(&mut *tx)
        .await?;
    }
    for product in products {
        sql::query(
            "INSERT INTO certification_requirements (certification_id, product_id) VALUES ($1, $2)",
        )
        .bind(id)
        .bind(product)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}
