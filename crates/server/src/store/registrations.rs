//! Deal and lead registrations. Reads that a partner can reach take the caller's organization
//! as a bound parameter, so another organization's row is simply not found.

use portico_api::OrganizationRef;
use portico_api::organizations::Motion;
use portico_api::registrations::{
    ConflictLevel, Decision, DeclineReason, Extension, ExtensionStatus, ManagerRegistration,
    MatchStrength, PartnerRegistration, PartnerRole, Product, RegistrationKind, RegistrationStatus,
    ValidRegistration, Verdict, number,
};
use sqlx::{AnyConnection, AnyPool, FromRow};

use crate::clock::{Timestamp, rfc3339};
use crate::domain::conflict::Finding;
use crate::domain::program::protection;
use crate::store::StoreError;
use crate::store::blocks::{Holder, Probe};
use crate::store::opportunities::FromRegistration;
use crate::store::{Scope, placeholders};

#[derive(Debug, Clone, FromRow)]
pub struct RegistrationRow {
    pub id: i64,
    pub organization_id: i64,
    pub organization_name: String,
    pub submitter_name: String,
    pub kind: String,
    pub company_name: String,
    pub company_domain: String,
    pub name_key: String,
    pub domain_key: Option<String>,
    pub country: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_title: Option<String>,
    pub motion: String,
    pub estimated_value: Option<i64>,
    pub currency: Option<String>,
    pub expected_close: Option<String>,
    pub description: String,
    pub partner_role: String,
    pub status: String,
    pub conflict: String,
    pub submitted_at: Timestamp,
    pub decide_by: Timestamp,
    pub decided_at: Option<Timestamp>,
    pub decline_reason: Option<String>,
    pub decision_rationale: Option<String>,
    pub protection_ends_at: Option<Timestamp>,
    pub info_question: Option<String>,
    pub extension_status: Option<String>,
    pub extension_justification: Option<String>,
    pub extension_requested_at: Option<Timestamp>,
    pub extension_rationale: Option<String>,
}

macro_rules! select_registration {
    ($tail:literal) => {
        concat!(
            "SELECT r.id, r.organization_id, o.name AS organization_name, r.submitter_name, r.kind, \
             r.company_name, r.company_domain, r.name_key, r.domain_key, r.country, r.contact_name, \
             r.contact_email, r.contact_title, r.motion, r.estimated_value, r.currency, \
             r.expected_close, r.description, r.partner_role, r.status, r.conflict, r.submitted_at, \
             r.decide_by, r.decided_at, r.decline_reason, r.decision_rationale, \
             r.protection_ends_at, r.info_question, r.extension_status, r.extension_justification, \
             r.extension_requested_at, r.extension_rationale \
             FROM registrations r JOIN organizations o ON o.id = r.organization_id ",
            $tail
        )
    };
}

/// Statuses a manager still has to decide, as an SQL list.
macro_rules! open_statuses {
    () => {
        "('submitted', 'info_requested')"
    };
}

fn parsed<T>(value: &str, parse: fn(&str) -> Option<T>, what: &str) -> Result<T, StoreError> {
    parse(value)
        .ok_or_else(|| StoreError::Unreadable(format!("unknown {what} {value:?} in registrations")))
}

impl RegistrationRow {
    pub fn status(&self) -> Result<RegistrationStatus, StoreError> {
        parsed(&self.status, RegistrationStatus::parse, "status")
    }

    pub fn motion(&self) -> Result<Motion, StoreError> {
        parsed(&self.motion, Motion::parse, "motion")
    }

    pub fn organization(&self) -> OrganizationRef {
        OrganizationRef {
            id: self.organization_id,
            name: self.organization_name.clone(),
        }
    }

    /// What an approved deal brings into the pipeline; a lead brings nothing.
    pub fn pipeline_entry(&self) -> Result<Option<FromRegistration<'_>>, StoreError> {
        if self.kind != RegistrationKind::Deal.as_str() {
            return Ok(None);
        }
        Ok(Some(FromRegistration {
            registration_id: self.id,
            organization_id: self.organization_id,
            customer_name: &self.company_name,
            motion: self.motion()?,
            amount: self.estimated_value.zip(self.currency.as_deref()),
            partner_role: parsed(&self.partner_role, PartnerRole::parse, "partner role")?,
        }))
    }

    /// The partner's view; the matching keys, the organization and the SLA stay behind.
    pub fn into_partner_view(
        self,
        products: Vec<Product>,
        now: Timestamp,
        approval_sla_hours: i64,
    ) -> Result<PartnerRegistration, StoreError> {
        let status = self.status()?;
        let motion = self.motion()?;
        let RegistrationRow {
            id,
            organization_id: _,
            organization_name: _,
            submitter_name,
            kind,
            company_name,
            company_domain,
            name_key: _,
            domain_key: _,
            country,
            contact_name,
            contact_email,
            contact_title,
            motion: _,
            estimated_value,
            currency,
            expected_close,
            description,
            partner_role,
            status: _,
            conflict,
            submitted_at,
            decide_by: _,
            decided_at,
            decline_reason,
            decision_rationale,
            protection_ends_at,
            info_question,
            extension_status,
            extension_justification,
            extension_requested_at,
            extension_rationale,
        } = self;
        let level = parsed(&conflict, ConflictLevel::parse, "conflict level")?;
        let decline_reason = decline_reason
            .map(|r| parsed(&r, DeclineReason::parse, "decline reason"))
            .transpose()?;
        Ok(PartnerRegistration {
            id,
            number: number(id),
            kind: parsed(&kind, RegistrationKind::parse, "kind")?,
            status,
            conflict: level,
            conflict_message: level.partner_message(approval_sla_hours),
            company_name,
            company_domain,
            country,
            contact_name,
            contact_email,
            contact_title,
            motion,
            products,
            estimated_value,
            currency,
            expected_close,
            description,
            partner_role: parsed(&partner_role, PartnerRole::parse, "partner role")?,
            submitted_by: submitter_name,
            submitted_at: rfc3339(submitted_at),
            decision: decision(status, decided_at, decline_reason, decision_rationale),
            open_question: info_question,
            protection: protection_ends_at.map(|ends| protection(ends, now)),
            extension: match (
                extension_status,
                extension_justification,
                extension_requested_at,
            ) {
                (Some(s), Some(justification), Some(at)) => Some(Extension {
                    status: parsed(&s, ExtensionStatus::parse, "extension status")?,
                    justification,
                    requested_at: rfc3339(at),
                    rationale: extension_rationale,
                }),
                _ => None,
            },
        })
    }

    pub fn into_manager_view(
        self,
        products: Vec<Product>,
        now: Timestamp,
        approval_sla_hours: i64,
    ) -> Result<ManagerRegistration, StoreError> {
        let organization = self.organization();
        let (decide_by, submitted_at) = (self.decide_by, self.submitted_at);
        let open = self.status()?.is_open();
        Ok(ManagerRegistration {
            registration: self.into_partner_view(products, now, approval_sla_hours)?,
            organization,
            decide_by: rfc3339(decide_by),
            sla_breached: open && now > decide_by,
            waiting_hours: open.then(|| (now - submitted_at) / 3600),
        })
    }
}

/// A decision exists once a manager approved or declined; expiry keeps the approval.
fn decision(
    status: RegistrationStatus,
    decided_at: Option<Timestamp>,
    reason: Option<DeclineReason>,
    rationale: Option<String>,
) -> Option<Decision> {
    let verdict = match status {
        RegistrationStatus::Approved | RegistrationStatus::Expired => Verdict::Approve,
        RegistrationStatus::Declined => Verdict::Decline,
        _ => return None,
    };
    Some(Decision {
        decision: verdict,
        reason,
        rationale,
        decided_at: rfc3339(decided_at?),
    })
}

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
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let r = new.registration;
    let deal = r.deal.as_ref();
    Ok(sqlx::query_scalar(
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
    conn: &mut AnyConnection,
    registration_id: i64,
    product_ids: &[i64],
) -> Result<(), StoreError> {
    if product_ids.is_empty() {
        return Ok(());
    }
    let rows: Vec<String> = (0..product_ids.len())
        .map(|i| format!("($1, ${})", i + 2))
        .collect();
    let sql = format!(
        "INSERT INTO registration_products (registration_id, product_id) VALUES {}",
        rows.join(", ")
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(registration_id);
    for id in product_ids {
        query = query.bind(id);
    }
    query.execute(conn).await?;
    Ok(())
}

/// The registration an earlier request with this idempotency key made, and that request's hash.
pub async fn by_idempotency_key<'c, E>(
    db: E,
    organization_id: i64,
    key: &str,
) -> Result<Option<(i64, String)>, StoreError>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    Ok(sqlx::query_as(
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
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    Ok(sqlx::query_scalar(
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
    tx: &mut sqlx::AnyConnection,
    engine: crate::store::Engine,
) -> Result<(), StoreError> {
    if engine == crate::store::Engine::Postgres {
        sqlx::query("SELECT pg_advisory_xact_lock(7261)")
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
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    Ok(sqlx::query_scalar(
        "SELECT submitted_at FROM registrations WHERE submitted_from = $1 AND submitted_at > $2 \
         ORDER BY submitted_at",
    )
    .bind(address)
    .bind(since)
    .fetch_all(db)
    .await?)
}

/// A live claim on a customer: undecided, or approved and still protected.
#[derive(Debug, Clone, FromRow)]
pub struct ClaimRow {
    pub id: i64,
    pub organization_name: String,
    pub name_key: String,
    pub domain_key: Option<String>,
    pub status: String,
    pub submitted_at: Timestamp,
    pub decided_at: Option<Timestamp>,
}

/// The id of the newest registration, 0 when there is none.
pub async fn newest_id(conn: &mut AnyConnection) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM registrations")
            .fetch_one(conn)
            .await?,
    )
}

/// Which registrations the conflict check reads.
pub enum ClaimScope<'a> {
    /// Those that share a blocking key or the domain with the probed customer.
    Probe(&'a Probe),
    /// Those filed after this id: the few since a probe was read.
    After(i64),
}

/// The pending and protected registrations in `scope`.
pub async fn live_claims(
    conn: &mut AnyConnection,
    now: Timestamp,
    scope: ClaimScope<'_>,
) -> Result<Vec<ClaimRow>, StoreError> {
    let which = match &scope {
        ClaimScope::Probe(probe) => {
            format!("r.id IN ({})", probe.candidates(Holder::Registration, 2))
        }
        ClaimScope::After(_) => "r.id > $2".to_owned(),
    };
    // Liveness is one CASE expression, which no index serves: the planner then starts from
    // the few candidate ids rather than from the index on status and its 200,000 live rows.
    let sql = format!(
        "SELECT r.id, o.name AS organization_name, r.name_key, r.domain_key, r.status, \
         r.submitted_at, r.decided_at FROM registrations r \
         JOIN organizations o ON o.id = r.organization_id \
         WHERE {which} AND CASE WHEN r.status IN {} THEN 1 \
         WHEN r.status = 'approved' AND r.protection_ends_at > $1 THEN 1 ELSE 0 END = 1 \
         ORDER BY r.id",
        open_statuses!(),
    );
    let query = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(now);
    match scope {
        ClaimScope::Probe(probe) => Ok(probe.bind(query).fetch_all(conn).await?),
        ClaimScope::After(id) => Ok(query.bind(id).fetch_all(conn).await?),
    }
}

/// What a finding matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matched {
    Registration(i64),
    Account(i64),
}

/// Findings per statement: a short name can be the short form of many accounts, and a
/// statement holds only so many parameters.
const FINDINGS_PER_INSERT: usize = 100;

/// Stores what a registration matched, each with its finding, in their order.
pub async fn insert_findings(
    conn: &mut AnyConnection,
    registration_id: i64,
    findings: &[(Matched, Finding)],
) -> Result<(), StoreError> {
    for chunk in findings.chunks(FINDINGS_PER_INSERT) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|i| {
                let p = 4 * i + 2;
                format!("($1, ${p}, ${}, ${}, ${})", p + 1, p + 2, p + 3)
            })
            .collect();
        let sql = format!(
            "INSERT INTO registration_findings (registration_id, matched_registration_id, \
             matched_account_id, strength, score) VALUES {}",
            rows.join(", ")
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(registration_id);
        for (matched, finding) in chunk {
            let (registration, account) = match *matched {
                Matched::Registration(id) => (Some(id), None),
                Matched::Account(id) => (None, Some(id)),
            };
            query = query
                .bind(registration)
                .bind(account)
                .bind(finding.strength.as_str())
                .bind(i64::from(finding.score));
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// What one registration matched at submission, best first.
pub async fn findings_of(
    db: &AnyPool,
    registration_id: i64,
) -> Result<Vec<(Matched, Finding)>, StoreError> {
    let rows: Vec<(Option<i64>, Option<i64>, String, i64)> = sqlx::query_as(
        "SELECT matched_registration_id, matched_account_id, strength, score \
         FROM registration_findings WHERE registration_id = $1 ORDER BY score DESC, id",
    )
    .bind(registration_id)
    .fetch_all(db)
    .await?;
    let mut findings = Vec::with_capacity(rows.len());
    for (registration, account, strength, score) in rows {
        let finding = Finding {
            strength: parsed(&strength, MatchStrength::parse, "match strength")?,
            score: u8::try_from(score).map_err(StoreError::unreadable)?,
        };
        match (registration, account) {
            (Some(id), _) => findings.push((Matched::Registration(id), finding)),
            (None, Some(id)) => findings.push((Matched::Account(id), finding)),
            (None, None) => {}
        }
    }
    Ok(findings)
}

pub async fn by_id<'c, E>(
    db: E,
    id: i64,
    scope: Scope,
) -> Result<Option<RegistrationRow>, StoreError>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    match scope {
        Scope::Organization(organization_id) => Ok(sqlx::query_as(select_registration!(
            "WHERE r.id = $1 AND r.organization_id = $2"
        ))
        .bind(id)
        .bind(organization_id)
        .fetch_optional(db)
        .await?),
        Scope::Vendor => Ok(sqlx::query_as(select_registration!("WHERE r.id = $1"))
            .bind(id)
            .fetch_optional(db)
            .await?),
    }
}

/// What a list asks for; `queue` lists the undecided oldest first, everything else is newest first.
#[derive(Debug, Clone, Copy)]
pub struct ListFilter {
    pub scope: Scope,
    pub organization_id: Option<i64>,
    pub status: Option<RegistrationStatus>,
    pub queue: bool,
    /// The last id of the previous page, 0 for the first.
    pub after: i64,
    pub limit: u32,
}

pub async fn page(db: &AnyPool, filter: ListFilter) -> Result<Vec<RegistrationRow>, StoreError> {
    let mut conditions = Vec::new();
    let mut values: Vec<i64> = Vec::new();
    let mut bind = |condition: &str, value: i64| {
        values.push(value);
        conditions.push(condition.replace('?', &format!("${}", values.len())));
    };
    match filter.scope {
        Scope::Organization(id) => bind("r.organization_id = ?", id),
        Scope::Vendor => {
            if let Some(id) = filter.organization_id {
                bind("r.organization_id = ?", id);
            }
        }
    }
    if filter.after > 0 {
        bind(
            if filter.queue { "r.id > ?" } else { "r.id < ?" },
            filter.after,
        );
    }
    if filter.queue {
        conditions.push(concat!("r.status IN ", open_statuses!()).to_owned());
    }
    let status = filter.status.map(RegistrationStatus::as_str);
    if status.is_some() {
        conditions.push(format!("r.status = ${}", values.len() + 1));
    }
    let sql = format!(
        "{} WHERE {} ORDER BY r.id {} LIMIT {}",
        select_registration!(""),
        if conditions.is_empty() {
            "1 = 1".to_owned()
        } else {
            conditions.join(" AND ")
        },
        if filter.queue { "ASC" } else { "DESC" },
        i64::from(filter.limit) + 1,
    );
    let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql));
    for value in values {
        query = query.bind(value);
    }
    if let Some(status) = status {
        query = query.bind(status);
    }
    Ok(query.fetch_all(db).await?)
}

/// The products each of these registrations names, as `(registration id, product)`.
pub async fn products_of(
    db: &AnyPool,
    registration_ids: &[i64],
) -> Result<Vec<(i64, Product)>, StoreError> {
    if registration_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT rp.registration_id, p.id, p.name FROM registration_products rp \
         JOIN products p ON p.id = rp.product_id WHERE rp.registration_id IN ({}) ORDER BY p.name",
        placeholders(1, registration_ids.len())
    );
    let mut query = sqlx::query_as::<_, (i64, i64, String)>(sqlx::AssertSqlSafe(sql));
    for id in registration_ids {
        query = query.bind(*id);
    }
    Ok(query
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|(registration_id, id, name)| (registration_id, Product { id, name }))
        .collect())
}

/// A manager's decision on an undecided registration.
pub struct DecisionUpdate<'a> {
    pub id: i64,
    pub status: RegistrationStatus,
    pub decided_by: i64,
    pub reason: Option<DeclineReason>,
    pub rationale: Option<&'a str>,
    pub protection_ends_at: Option<Timestamp>,
}

/// False when the registration was decided or withdrawn meanwhile.
pub async fn decide<'c, E>(
    db: E,
    update: &DecisionUpdate<'_>,
    now: Timestamp,
) -> Result<bool, StoreError>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done = sqlx::query(concat!(
        "UPDATE registrations SET status = $1, decided_at = $2, decided_by = $3, \
         decline_reason = $4, decision_rationale = $5, protection_ends_at = $6, updated_at = $2, \
         info_question = NULL \
         WHERE id = $7 AND status IN ",
        open_statuses!()
    ))
    .bind(update.status.as_str())
    .bind(now)
    .bind(update.decided_by)
    .bind(update.reason.map(DeclineReason::as_str))
    .bind(update.rationale)
    .bind(update.protection_ends_at)
    .bind(update.id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn withdraw<'c, E>(
    db: E,
    id: i64,
    organization_id: i64,
    now: Timestamp,
) -> Result<bool, StoreError>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "UPDATE registrations SET status = 'withdrawn', protection_ends_at = NULL, \
         info_question = NULL, updated_at = $1 \
         WHERE id = $2 AND organization_id = $3 \
         AND status IN ('submitted', 'info_requested', 'approved')",
    )
    .bind(now)
    .bind(id)
    .bind(organization_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The one extension request an approved registration may make.
pub async fn request_extension<'c, E>(
    db: E,
    id: i64,
    organization_id: i64,
    justification: &str,
    now: Timestamp,
) -> Result<bool, StoreError>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "UPDATE registrations SET extension_status = 'requested', extension_justification = $1, \
         extension_requested_at = $2, updated_at = $2 \
         WHERE id = $3 AND organization_id = $4 AND status = 'approved' AND extension_status IS NULL",
    )
    .bind(justification)
    .bind(now)
    .bind(id)
    .bind(organization_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Decides a pending extension; `protection_ends_at` is the new end (unchanged when declined).
/// A later end earns a new reminder before it.
pub async fn decide_extension<'c, E>(
    db: E,
    id: i64,
    status: ExtensionStatus,
    rationale: Option<&str>,
    protection_ends_at: Timestamp,
    now: Timestamp,
) -> Result<bool, StoreError>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "UPDATE registrations SET extension_status = $1, extension_rationale = $2, \
         reminded_at = CASE WHEN $3 > protection_ends_at THEN NULL ELSE reminded_at END, \
         protection_ends_at = $3, updated_at = $4 \
         WHERE id = $5 AND status = 'approved' AND extension_status = 'requested'",
    )
    .bind(status.as_str())
    .bind(rationale)
    .bind(protection_ends_at)
    .bind(now)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A registration a timer just moved, with what the message to its partner needs.
#[derive(Debug, Clone, FromRow)]
pub struct TimerRow {
    pub id: i64,
    pub organization_id: i64,
    pub company_name: String,
    pub protection_ends_at: Option<Timestamp>,
}

/// Ends the protection of approved registrations whose window has passed. Each row is
/// returned to exactly one caller, however many instances run this at once.
pub async fn expire_due<'c, E>(db: E, now: Timestamp) -> Result<Vec<TimerRow>, StoreError>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    Ok(sqlx::query_as(
        "UPDATE registrations SET status = 'expired', updated_at = $1 \
         WHERE status = 'approved' AND protection_ends_at <= $1 \
         RETURNING id, organization_id, company_name, protection_ends_at",
    )
    .bind(now)
    .fetch_all(db)
    .await?)
}

/// Marks (once) the approved registrations whose protection ends by `until`.
pub async fn remind_due<'c, E>(
    db: E,
    now: Timestamp,
    until: Timestamp,
) -> Result<Vec<TimerRow>, StoreError>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    Ok(sqlx::query_as(
        "UPDATE registrations SET reminded_at = $1 \
         WHERE status = 'approved' AND reminded_at IS NULL AND protection_ends_at <= $2 \
         RETURNING id, organization_id, company_name, protection_ends_at",
    )
    .bind(now)
    .bind(until)
    .fetch_all(db)
    .await?)
}

/// Flags (once) the undecided registrations past their approval SLA.
pub async fn flag_late<'c, E>(db: E, now: Timestamp) -> Result<Vec<TimerRow>, StoreError>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    Ok(sqlx::query_as(concat!(
        "UPDATE registrations SET sla_flagged_at = $1 \
         WHERE sla_flagged_at IS NULL AND decide_by < $1 AND status IN ",
        open_statuses!(),
        " RETURNING id, organization_id, company_name, protection_ends_at"
    ))
    .bind(now)
    .fetch_all(db)
    .await?)
}

/// Puts an undecided registration on hold with a question for the partner.
pub async fn ask<'c, E>(db: E, id: i64, question: &str, now: Timestamp) -> Result<bool, StoreError>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "UPDATE registrations SET status = 'info_requested', info_question = $1, updated_at = $2 \
         WHERE id = $3 AND status = 'submitted'",
    )
    .bind(question)
    .bind(now)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The partner answered: the registration is back in the queue.
pub async fn answered<'c, E>(
    db: E,
    id: i64,
    organization_id: i64,
    now: Timestamp,
) -> Result<bool, StoreError>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "UPDATE registrations SET status = 'submitted', info_question = NULL, updated_at = $1 \
         WHERE id = $2 AND organization_id = $3 AND status = 'info_requested'",
    )
    .bind(now)
    .bind(id)
    .bind(organization_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Undecided registrations past their approval SLA, the most overdue first, and how many
/// there are in all.
pub async fn late(
    db: &AnyPool,
    now: Timestamp,
    limit: i64,
) -> Result<(i64, Vec<RegistrationRow>), StoreError> {
    let total = sqlx::query_scalar(concat!(
        "SELECT COUNT(*) FROM registrations WHERE status IN ",
        open_statuses!(),
        " AND decide_by < $1"
    ))
    .bind(now)
    .fetch_one(db)
    .await?;
    let rows = sqlx::query_as(select_registration!(
        "WHERE r.status IN ('submitted', 'info_requested') AND r.decide_by < $1 \
         ORDER BY r.decide_by, r.id LIMIT $2"
    ))
    .bind(now)
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok((total, rows))
}
