//! Writing a new registration, and the reads that guard a filing: its idempotency key, the
//! submission budgets and the filing turn.

use portico_api::registrations::{ConflictLevel, ValidRegistration};

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Bind as _, Builder, Conn, Exec};

pub struct NewRegistration<'a> {
    pub organization_id: i64,
    pub submitted_by: Option<i64>,
    pub submitter_name: &'a str,
    pub submitter_email: &'a str,
    pub submitted_from: Option<&'a str>,
    pub idempotency_key: Option<&'a str>,
    pub request_hash: &'a str,
    pub registration: &'a ValidRegistration,
    pub name_key: &'a str,
    pub domain_key: Option<&'a str>,
    pub conflict: ConflictLevel,
    pub decide_by: Timestamp,
}

pub async fn insert<'c, E>(
    db: E,
    new: &NewRegistration<'_>,
    now: Timestamp,
) -> Result<i64, StoreError>
where
    E: Into<Exec<'c>>,
{
    let r = new.registration;
    let deal = r.deal.as_ref();
    Ok(sql::query_scalar(
        "INSERT INTO registrations (organization_id, submitted_by, submitter_name, submitter_email, \
         idempotency_key, request_hash, kind, company_name, company_domain, name_key, domain_key, \
         country, contact_name, contact_email, contact_title, motion, estimated_value, currency, \
         expected_close, description, partner_role, status, conflict, submitted_at, decide_by, \
         updated_at, submitted_from) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
         $13, $14, $15, $16, $17, $18, $19, $20, $21, 'submitted', $22, $23, $24, $23, $25) \
         RETURNING id",
    )
    .bind(new.organization_id)
    .bind(new.submitted_by)
    .bind(new.submitter_name)
    .bind(new.submitter_email)
    .bind(new.idempotency_key)
    .bind(new.request_hash)
    .bind(r.kind.as_str())
    .bind(&r.company_name)
    .bind(&r.company_domain)
    .bind(new.name_key)
    .bind(new.domain_key)
    .bind(r.country)
    .bind(&r.contact_name)
    .bind(&r.contact_email)
    .bind(r.contact_title.as_deref())
    .bind(r.motion.as_str())
    .bind(deal.map(|d| d.estimated_value))
    .bind(deal.map(|d| d.currency))
    .bind(deal.map(|d| d.expected_close.to_string()))
    .bind(&r.description)
    .bind(r.partner_role.as_str())
    .bind(new.conflict.as_str())
    .bind(now)
    .bind(new.decide_by)
    .bind(new.submitted_from)
    .fetch_one(db)
    .await?)
}

pub async fn insert_products(
    conn: &mut Conn,
    registration_id: i64,
    product_ids: &[i64],
) -> Result<(), StoreError> {
    if product_ids.is_empty() {
        return Ok(());
    }
    let mut sql =
        Builder::new("INSERT INTO registration_products (registration_id, product_id) VALUES ");
    sql.push_tuples(product_ids, |id| [registration_id.value(), id.value()]);
    sql.query().execute(conn).await?;
    Ok(())
}

/// The registration an earlier request with this idempotency key made, and that request's hash.
pub async fn by_idempotency_key<'c, E>(
    db: E,
    organization_id: i64,
    key: &str,
) -> Result<Option<(i64, String)>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as(
        "SELECT id, request_hash FROM registrations WHERE organization_id = $1 AND idempotency_key = $2",
    )
    .bind(organization_id)
    .bind(key)
    .fetch_optional(db)
    .await?)
}

/// When the organization made its `n`-th most recent submission, if that was after `since`.
pub async fn nth_latest_submission<'c, E>(
    db: E,
    organization_id: i64,
    since: Timestamp,
    n: usize,
) -> Result<Option<Timestamp>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_scalar(
        "SELECT submitted_at FROM registrations WHERE organization_id = $1 AND submitted_at > $2 \
         ORDER BY submitted_at DESC LIMIT 1 OFFSET $3",
    )
    .bind(organization_id)
    .bind(since)
    .bind(n.saturating_sub(1) as i64)
    .fetch_optional(db)
    .await?)
}

/// Makes concurrent filings take turns, so two claims on one customer cannot both miss each
/// other. SQLite's `BEGIN IMMEDIATE` already does; PostgreSQL takes a transaction-scoped
/// advisory lock.
pub async fn take_filing_turn(
    tx: &mut Conn,
    engine: crate::store::Engine,
) -> Result<(), StoreError> {
    if engine == crate::store::Engine::Postgres {
        sql::query("SELECT pg_advisory_xact_lock(7261)")
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// When registrations came in through a link from this client address, oldest first.
pub async fn submitted_from_since<'c, E>(
    db: E,
    address: &str,
    since: Timestamp,
) -> Result<Vec<Timestamp>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_scalar(
        "SELECT submitted_at FROM registrations WHERE submitted_from = $1 AND submitted_at > $2 \
         ORDER BY submitted_at",
    )
    .bind(address)
    .bind(since)
    .fetch_all(db)
    .await?)
}
