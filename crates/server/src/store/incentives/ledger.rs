//! The ledger: entries are only ever added (the database refuses changes and deletions); an
//! earning's status moves in `earning_states`. Balances are sums over the entries.

use portico_api::ledger::{EarningStatus, EntryKind};
use portico_api::registrations::PartnerRole;
use sqlx::FromRow;

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Builder, Exec};

/// An earning to add.
#[derive(Debug, Clone)]
pub struct NewEarning<'a> {
    pub organization_id: i64,
    pub currency: &'a str,
    pub amount: i64,
    pub opportunity_id: i64,
    pub role: PartnerRole,
    pub plan_version: i64,
    pub won_at: Timestamp,
    /// How many of the deal's earnings were reversed before (see `generation`).
    pub generation: i64,
    pub sequence: u32,
    pub accrues_on: &'a str,
    pub computation: &'a str,
}

/// Adds a pending earning; `None` when this win of the deal already earned it.
pub async fn insert_earning(
    tx: &mut sql::Conn,
    earning: &NewEarning<'_>,
    now: Timestamp,
) -> Result<Option<i64>, StoreError> {
    let id: Option<i64> = sql::query_scalar(
        "INSERT INTO ledger_entries (organization_id, currency, kind, amount, opportunity_id, \
         role, plan_version, won_at, generation, sequence, accrues_on, computation, created_at) \
         VALUES ($1, $2, 'earning', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
         ON CONFLICT (opportunity_id, organization_id, role, won_at, generation, sequence) \
         DO NOTHING \
         RETURNING id",
    )
    .bind(earning.organization_id)
    .bind(earning.currency)
    .bind(earning.amount)
    .bind(earning.opportunity_id)
    .bind(earning.role.as_str())
    .bind(earning.plan_version)
    .bind(earning.won_at)
    .bind(earning.generation)
    .bind(i64::from(earning.sequence))
    .bind(earning.accrues_on)
    .bind(earning.computation)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(id) = id {
        set_status(tx, id, EarningStatus::Pending, None, now).await?;
    }
    Ok(id)
}

async fn set_status(
    tx: &mut sql::Conn,
    earning_id: i64,
    status: EarningStatus,
    approved_by: Option<i64>,
    now: Timestamp,
) -> Result<(), StoreError> {
    sql::query(
        "INSERT INTO earning_states (earning_id, status, approved_by, approved_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (earning_id) DO UPDATE SET status = $2, \
         approved_by = COALESCE($3, earning_states.approved_by), \
         approved_at = COALESCE($4, earning_states.approved_at), updated_at = $5",
    )
    .bind(earning_id)
    .bind(status.as_str())
    .bind(approved_by)
    .bind(approved_by.map(|_| now))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// How many of the deal's earnings were ever reversed: earnings made after a reversal are a
/// new generation, so crediting a deal anew or winning it again earns again, while repeating
/// one accrual earns nothing twice.
pub async fn generation(tx: &mut sql::Conn, opportunity_id: i64) -> Result<i64, StoreError> {
    Ok(sql::query_scalar(
        "SELECT COUNT(*) FROM ledger_entries WHERE opportunity_id = $1 AND kind = 'reversal'",
    )
    .bind(opportunity_id)
    .fetch_one(&mut *tx)
    .await?)
}

/// An earning not reversed yet.
#[derive(Debug, Clone, FromRow)]
pub struct Standing {
    pub id: i64,
    pub organization_id: i64,
    pub currency: String,
    pub amount: i64,
}

/// The deal's earnings that no reversal undid, in order.
pub async fn unreversed(
    tx: &mut sql::Conn,
    opportunity_id: i64,
) -> Result<Vec<Standing>, StoreError> {
    Ok(sql::query_as(
        "SELECT e.id, e.organization_id, e.currency, e.amount FROM ledger_entries e \
         WHERE e.opportunity_id = $1 AND e.kind = 'earning' \
         AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses = e.id) ORDER BY e.id",
    )
    .bind(opportunity_id)
    .fetch_all(&mut *tx)
    .await?)
}

/// Undoes an earning with an entry of the opposite amount; the earning is kept, marked
/// reversed. `false` when another writer reversed it first.
pub async fn reverse(
    tx: &mut sql::Conn,
    earning: &Standing,
    why: &str,
    actor: Option<i64>,
    today: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let id: Option<i64> = sql::query_scalar(
        "INSERT INTO ledger_entries (organization_id, currency, kind, amount, opportunity_id, \
         role, plan_version, accrues_on, reverses, computation, actor_user_id, created_at) \
         SELECT organization_id, currency, 'reversal', -amount, opportunity_id, role, \
         plan_version, $2, id, $3, $4, $5 FROM ledger_entries WHERE id = $1 \
         ON CONFLICT (reverses) DO NOTHING RETURNING id",
    )
    .bind(earning.id)
    .bind(today)
    .bind(why)
    .bind(actor)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    if id.is_some() {
        set_status(tx, earning.id, EarningStatus::Reversed, None, now).await?;
    }
    Ok(id.is_some())
}

/// An entry no deal made: a manager's adjustment, a payout, a payment returned. Its id.
pub async fn insert_entry(
    tx: &mut sql::Conn,
    kind: EntryKind,
    (organization_id, currency, amount): (i64, &str, i64),
    (actor, description): (i64, &str),
    today: &str,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let rationale = (kind == EntryKind::Adjustment).then_some(description);
    Ok(sql::query_scalar(
        "INSERT INTO ledger_entries (organization_id, currency, kind, amount, accrues_on, \
         computation, actor_user_id, rationale, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(organization_id)
    .bind(currency)
    .bind(kind.as_str())
    .bind(amount)
    .bind(today)
    .bind(description)
    .bind(actor)
    .bind(rationale)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?)
}

/// Marks every approved earning of the organization in the currency paid.
pub async fn mark_paid(
    tx: &mut sql::Conn,
    organization_id: i64,
    currency: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    sql::query(
        "UPDATE earning_states SET status = 'paid', updated_at = $1 WHERE status = 'approved' \
         AND earning_id IN (SELECT id FROM ledger_entries WHERE organization_id = $2 \
         AND currency = $3)",
    )
    .bind(now)
    .bind(organization_id)
    .bind(currency)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Approves pending earnings accrued by `today`: the ids given, or every one of the
/// organization; answers the ids approved.
pub async fn approve(
    tx: &mut sql::Conn,
    (ids, organization_id): (&[i64], Option<i64>),
    manager: i64,
    today: &str,
    now: Timestamp,
) -> Result<Vec<i64>, StoreError> {
    let mut sql = Builder::new("UPDATE earning_states SET status = 'approved', approved_by = ");
    sql.push_bind(manager)
        .push(", approved_at = ")
        .push_bind(now)
        .push(", updated_at = ")
        .push_bind(now)
        .push(
            " WHERE status = 'pending' AND earning_id IN (SELECT id FROM ledger_entries \
             WHERE kind = 'earning' AND accrues_on <= ",
        )
        .push_bind(today.to_owned());
    if !ids.is_empty() {
        sql.push(" AND id IN (")
            .push_binds(ids.iter().copied())
            .push(")");
    }
    if let Some(id) = organization_id {
        sql.push(" AND organization_id = ").push_bind(id);
    }
    sql.push(") RETURNING earning_id");
    Ok(sql.query_scalar().fetch_all(&mut *tx).await?)
}

/// Approves pending earnings that accrued by `cutoff` and have no open question: the hold
/// period has passed. Answers the ids approved.
pub async fn approve_held(
    tx: &mut sql::Conn,
    cutoff: &str,
    now: Timestamp,
) -> Result<Vec<i64>, StoreError> {
    Ok(sql::query_scalar(
        "UPDATE earning_states SET status = 'approved', approved_at = $1, updated_at = $1 \
         WHERE status = 'pending' AND earning_id IN (SELECT id FROM ledger_entries \
         WHERE kind = 'earning' AND accrues_on <= $2) AND NOT EXISTS (SELECT 1 \
         FROM earning_disputes d WHERE d.earning_id = earning_states.earning_id \
         AND d.answer IS NULL) RETURNING earning_id",
    )
    .bind(now)
    .bind(cutoff)
    .fetch_all(&mut *tx)
    .await?)
}

/// One line of the ledger as read.
#[derive(Debug, Clone, FromRow)]
pub struct EntryRow {
    pub id: i64,
    pub organization_id: i64,
    pub organization_name: String,
    pub kind: EntryKind,
    pub amount: i64,
    pub currency: String,
    pub status: Option<EarningStatus>,
    pub accrues_on: String,
    pub opportunity_id: Option<i64>,
    pub customer: Option<String>,
    pub role: Option<PartnerRole>,
    pub plan_version: Option<i64>,
    pub computation: String,
    pub reverses: Option<i64>,
    pub created_at: Timestamp,
}

/// Which entries to read.
#[derive(Debug, Clone, Default)]
pub struct EntryFilter<'a> {
    pub organization_id: Option<i64>,
    pub status: Option<EarningStatus>,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    /// Entries older than this id.
    pub before: Option<i64>,
}

/// Entries newest first, at most `limit + 1` (the extra one says there are more).
pub async fn entries<'c, E>(
    db: E,
    filter: &EntryFilter<'_>,
    limit: u32,
) -> Result<Vec<EntryRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    let mut sql = Builder::new(
        "SELECT e.id, e.organization_id, o.name AS organization_name, e.kind, e.amount, \
         e.currency, s.status, e.accrues_on, e.opportunity_id, p.customer_name AS customer, \
         e.role, e.plan_version, e.computation, e.reverses, e.created_at FROM ledger_entries e \
         JOIN organizations o ON o.id = e.organization_id \
         LEFT JOIN earning_states s ON s.earning_id = e.id \
         LEFT JOIN opportunities p ON p.id = e.opportunity_id WHERE 1 = 1",
    );
    if let Some(id) = filter.organization_id {
        sql.push(" AND e.organization_id = ").push_bind(id);
    }
    if let Some(status) = filter.status {
        sql.push(" AND s.status = ").push_bind(status.as_str());
    }
    if let Some(from) = filter.from {
        sql.push(" AND e.accrues_on >= ").push_bind(from.to_owned());
    }
    if let Some(to) = filter.to {
        sql.push(" AND e.accrues_on <= ").push_bind(to.to_owned());
    }
    if let Some(before) = filter.before {
        sql.push(" AND e.id < ").push_bind(before);
    }
    sql.push(" ORDER BY e.id DESC")
        .push_limit(i64::from(limit) + 1);
    Ok(sql.query_as().fetch_all(db).await?)
}

/// One organization's sums in one currency.
#[derive(Debug, Clone, FromRow)]
pub struct BalanceRow {
    pub organization_id: i64,
    pub organization_name: String,
    pub currency: String,
    pub total: i64,
    pub upcoming: i64,
    pub pending: i64,
    pub paid: i64,
}

impl BalanceRow {
    /// What a payout would pay now: approved earnings with adjustments, reversals, payouts and
    /// returned payments, that is everything but what waits for its day or its approval.
    pub fn payable(&self) -> i64 {
        self.total - self.upcoming - self.pending
    }
}

/// Every organization's (or one's) sums per currency on `today`.
pub async fn balances<'c, E>(
    db: E,
    organization_id: Option<i64>,
    today: &str,
) -> Result<Vec<BalanceRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    let mut sql = Builder::new("");
    let today = sql.bind(today.to_owned());
    sql.push(
        "SELECT e.organization_id, o.name AS organization_name, e.currency, \
         CAST(SUM(e.amount) AS BIGINT) AS total, \
         CAST(COALESCE(SUM(CASE WHEN s.status = 'pending' AND e.accrues_on > ",
    )
    .push_param(&today)
    .push(
        " THEN e.amount END), 0) AS BIGINT) AS upcoming, \
         CAST(COALESCE(SUM(CASE WHEN s.status = 'pending' AND e.accrues_on <= ",
    )
    .push_param(&today)
    .push(
        " THEN e.amount END), 0) AS BIGINT) AS pending, \
         CAST(COALESCE(-SUM(CASE WHEN e.kind IN ('payout', 'payout_failed') THEN e.amount END), 0) \
         AS BIGINT) AS paid FROM ledger_entries e JOIN organizations o ON o.id = e.organization_id \
         LEFT JOIN earning_states s ON s.earning_id = e.id WHERE 1 = 1",
    );
    if let Some(id) = organization_id {
        sql.push(" AND e.organization_id = ").push_bind(id);
    }
    sql.push(" GROUP BY e.organization_id, o.name, e.currency ORDER BY o.name, e.currency");
    Ok(sql.query_as().fetch_all(db).await?)
}
