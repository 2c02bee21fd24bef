//! What people hold: each earning, a person's latest earning of each certification, what an
//! organization holds on a day (its people's current earnings and the certifications it held
//! before they were recorded per person), and the earnings to remind of before they expire.

use portico_api::certifications::CertificationKind;
use sqlx::FromRow;

use super::push_current;
use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Builder, Exec};

/// A person of a partner organization with one of their latest earnings, if any.
#[derive(Debug, Clone, FromRow)]
pub struct HoldingRow {
    pub person_id: i64,
    pub name: String,
    pub email: String,
    pub organization_id: i64,
    pub certification_id: Option<i64>,
    pub certification: Option<String>,
    pub kind: Option<CertificationKind>,
    pub earned_on: Option<String>,
    pub valid_until: Option<String>,
    pub renewal_release: Option<String>,
    pub renewal_released_on: Option<String>,
    pub renewal_due_on: Option<String>,
}

/// Whose holdings to read.
#[derive(Debug, Clone, Copy)]
pub enum People {
    Organization(i64),
    Person(i64),
}

/// The active partner people asked for, each with their latest earning of every certification
/// they ever earned (one row per earning; a person with none has one row without).
pub async fn holdings<'c, E>(db: E, people: People) -> Result<Vec<HoldingRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    let mut sql = Builder::new(
        "SELECT u.id AS person_id, u.name, u.email, u.organization_id, pc.certification_id, \
         c.name AS certification, c.kind, pc.earned_on, pc.valid_until, c.renewal_release, \
         c.renewal_released_on, c.renewal_due_on FROM users u \
         LEFT JOIN person_certifications pc ON pc.user_id = u.id AND NOT EXISTS \
         (SELECT 1 FROM person_certifications later WHERE later.user_id = pc.user_id \
         AND later.certification_id = pc.certification_id AND later.earned_on > pc.earned_on) \
         LEFT JOIN certifications c ON c.id = pc.certification_id \
         WHERE u.deactivated_at IS NULL AND u.organization_id IS NOT NULL AND ",
    );
    match people {
        People::Organization(id) => sql.push("u.organization_id = ").push_bind(id),
        People::Person(id) => sql.push("u.id = ").push_bind(id),
    };
    sql.push(" ORDER BY u.name, u.id, c.name");
    Ok(sql.query_as().fetch_all(db).await?)
}

/// One earning to record.
#[derive(Debug, Clone, Copy)]
pub struct Earning<'a> {
    pub person_id: i64,
    pub organization_id: i64,
    pub certification_id: i64,
    pub earned_on: &'a str,
    pub valid_until: &'a str,
    /// `recorded` or `imported`.
    pub source: &'static str,
    pub recorded_by: i64,
}

/// Records an earning; `false` when the same person's same earning was recorded already.
pub async fn record<'c, E>(db: E, earning: Earning<'_>, now: Timestamp) -> Result<bool, StoreError>
where
    E: Into<Exec<'c>>,
{
    let id: Option<i64> = sql::query_scalar(
        "INSERT INTO person_certifications (user_id, organization_id, certification_id, \
         earned_on, valid_until, source, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (user_id, certification_id, earned_on) DO NOTHING RETURNING id",
    )
    .bind(earning.person_id)
    .bind(earning.organization_id)
    .bind(earning.certification_id)
    .bind(earning.earned_on)
    .bind(earning.valid_until)
    .bind(earning.source)
    .bind(earning.recorded_by)
    .bind(now)
    .fetch_optional(db)
    .await?;
    Ok(id.is_some())
}

/// The certification (its code) the organization held before certifications were recorded per
/// person is now held by someone: it stops counting on its own.
pub async fn forget_unassigned<'c, E>(
    db: E,
    organization_id: i64,
    certification_id: i64,
) -> Result<(), StoreError>
where
    E: Into<Exec<'c>>,
{
    sql::query(
        "DELETE FROM organization_certifications WHERE organization_id = $1 \
         AND certification = (SELECT code FROM certifications WHERE id = $2)",
    )
    .bind(organization_id)
    .bind(certification_id)
    .execute(db)
    .await?;
    Ok(())
}

/// Certifications the organization held before they were recorded per person, by name.
pub async fn unassigned<'c, E>(db: E, organization_id: i64) -> Result<Vec<String>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_scalar(
        "SELECT c.name FROM organization_certifications oc \
         JOIN certifications c ON c.code = oc.certification \
         WHERE oc.organization_id = $1 ORDER BY c.name",
    )
    .bind(organization_id)
    .fetch_all(db)
    .await?)
}

/// A certification the organization holds on a day.
#[derive(Debug, Clone, FromRow)]
pub struct Held {
    pub id: i64,
    pub code: String,
}

/// What the organization holds on `today`: certifications some active person of it holds, and
/// those it held before they were recorded per person.
pub async fn held<'c, E>(db: E, organization_id: i64, today: &str) -> Result<Vec<Held>, StoreError>
where
    E: Into<Exec<'c>>,
{
    let mut sql = Builder::new("");
    let today = sql.bind(today.to_owned());
    let organization = sql.bind(organization_id);
    sql.push(
        "SELECT c.id, c.code FROM certifications c WHERE EXISTS (SELECT 1 FROM \
         person_certifications pc JOIN users u ON u.id = pc.user_id \
         WHERE pc.certification_id = c.id AND u.deactivated_at IS NULL AND pc.organization_id = ",
    )
    .push_param(&organization)
    .push(" AND ");
    push_current(&mut sql, &today);
    sql.push(
        ") OR c.code IN (SELECT certification FROM organization_certifications \
         WHERE organization_id = ",
    )
    .push_param(&organization)
    .push(") ORDER BY c.id");
    Ok(sql.query_as().fetch_all(db).await?)
}

/// Per organization (every one, or the one given) and certification, the active people holding
/// it on `today`.
pub async fn certified_people<'c, E>(
    db: E,
    organization_id: Option<i64>,
    today: &str,
) -> Result<Vec<(i64, i64, i64)>, StoreError>
where
    E: Into<Exec<'c>>,
{
    let mut sql = Builder::new("");
    let today = sql.bind(today.to_owned());
    sql.push(
        "SELECT pc.organization_id, pc.certification_id, COUNT(DISTINCT pc.user_id) \
         FROM person_certifications pc JOIN certifications c ON c.id = pc.certification_id \
         JOIN users u ON u.id = pc.user_id WHERE u.deactivated_at IS NULL AND ",
    );
    push_current(&mut sql, &today);
    if let Some(id) = organization_id {
        sql.push(" AND pc.organization_id = ").push_bind(id);
    }
    sql.push(" GROUP BY pc.organization_id, pc.certification_id");
    Ok(sql.query_as().fetch_all(db).await?)
}

/// A latest earning that ends soon and whose holder was not reminded yet.
#[derive(Debug, Clone, FromRow)]
pub struct Expiring {
    pub id: i64,
    pub person_id: i64,
    pub email: String,
    pub certification: String,
    pub how_to_earn: String,
    pub earned_on: String,
    pub valid_until: String,
    pub renewal_release: Option<String>,
    pub renewal_released_on: Option<String>,
    pub renewal_due_on: Option<String>,
}

/// Latest earnings still holding on `today` that end before `soon`, not reminded of yet.
pub async fn expiring<'c, E>(db: E, today: &str, soon: &str) -> Result<Vec<Expiring>, StoreError>
where
    E: Into<Exec<'c>>,
{
    let mut sql = Builder::new("");
    let today = sql.bind(today.to_owned());
    let soon = sql.bind(soon.to_owned());
    sql.push(
        "SELECT pc.id, pc.user_id AS person_id, u.email, c.name AS certification, c.how_to_earn, \
         pc.earned_on, pc.valid_until, c.renewal_release, c.renewal_released_on, \
         c.renewal_due_on FROM person_certifications pc \
         JOIN certifications c ON c.id = pc.certification_id JOIN users u ON u.id = pc.user_id \
         WHERE pc.reminded_at IS NULL AND u.deactivated_at IS NULL AND NOT EXISTS \
         (SELECT 1 FROM person_certifications later WHERE later.user_id = pc.user_id \
         AND later.certification_id = pc.certification_id AND later.earned_on > pc.earned_on) \
         AND (pc.valid_until <= ",
    )
    .push_param(&soon)
    .push(" OR (pc.earned_on < c.renewal_released_on AND c.renewal_due_on <= ")
    .push_param(&soon)
    .push(")) AND ");
    push_current(&mut sql, &today);
    sql.push(" ORDER BY pc.id");
    Ok(sql.query_as().fetch_all(db).await?)
}

/// Notes the reminder; `false` when another instance sent it first.
pub async fn mark_reminded<'c, E>(db: E, id: i64, now: Timestamp) -> Result<bool, StoreError>
where
    E: Into<Exec<'c>>,
{
    let done = sql::query(
        "UPDATE person_certifications SET reminded_at = $1 WHERE id = $2 AND reminded_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A partner person found by e-mail, for an import.
#[derive(Debug, Clone, FromRow)]
pub struct PersonRow {
    pub id: i64,
    pub email: String,
    pub organization_id: i64,
}

/// The active partner people with these e-mail addresses.
pub async fn people_by_email<'c, E>(db: E, emails: &[String]) -> Result<Vec<PersonRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    if emails.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Builder::new(
        "SELECT id, email, organization_id FROM users WHERE deactivated_at IS NULL \
         AND organization_id IS NOT NULL AND email IN (",
    );
    sql.push_binds(emails.iter().cloned()).push(")");
    Ok(sql.query_as().fetch_all(db).await?)
}

/// Which of these organizations hold any certification on `today`.
pub async fn certified_organizations<'c, E>(
    db: E,
    ids: &[i64],
    today: &str,
) -> Result<Vec<i64>, StoreError>
where
    E: Into<Exec<'c>>,
{
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Builder::new("");
    let today = sql.bind(today.to_owned());
    let organizations = sql.bind_list(ids.iter().copied());
    sql.push(
        "SELECT pc.organization_id FROM person_certifications pc \
         JOIN certifications c ON c.id = pc.certification_id JOIN users u ON u.id = pc.user_id \
         WHERE u.deactivated_at IS NULL AND pc.organization_id IN (",
    )
    .push_param(&organizations)
    .push(") AND ");
    push_current(&mut sql, &today);
    sql.push(
        " UNION SELECT organization_id FROM organization_certifications \
         WHERE organization_id IN (",
    )
    .push_param(&organizations)
    .push(")");
    Ok(sql.query_scalar().fetch_all(db).await?)
}
