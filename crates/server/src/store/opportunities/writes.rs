//! Writing deals: one opening from an approved registration, one a manager adds, edits, and
//! the running totals they keep.

use portico_api::organizations::Motion;
use portico_api::pipeline::{Stage, ValidNewOpportunity};
use portico_api::registrations::PartnerRole;

use super::OpportunityRow;
use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Conn};

/// What an approved deal registration brings into the pipeline.
pub struct FromRegistration<'a> {
    pub registration_id: i64,
    pub organization_id: i64,
    pub customer_name: &'a str,
    pub motion: Motion,
    pub amount: Option<(i64, &'a str)>,
    pub partner_role: PartnerRole,
}

/// An approved deal registration enters its motion's first stage, once.
pub async fn open_from_registration(
    tx: &mut Conn,
    from: &FromRegistration<'_>,
    now: Timestamp,
) -> Result<(), StoreError> {
    let opened: Option<i64> = sql::query_scalar(
        "INSERT INTO opportunities (organization_id, registration_id, customer_name, \
         customer_search, motion, stage, stage_entered_at, amount, currency, partner_role, \
         criteria_met, created_at, updated_at, last_activity_at) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $7, $7, $7 \
         WHERE NOT EXISTS (SELECT 1 FROM opportunities WHERE registration_id = $2) RETURNING id",
    )
    .bind(from.organization_id)
    .bind(from.registration_id)
    .bind(from.customer_name)
    .bind(search_key(from.customer_name))
    .bind(from.motion.as_str())
    .bind(Stage::FIRST.slug(from.motion))
    .bind(now)
    .bind(from.amount.map(|(a, _)| a))
    .bind(from.amount.map(|(_, c)| c))
    .bind(from.partner_role.as_str())
    .bind(i64::from(Stage::FIRST.met_by_approval(from.motion)))
    .fetch_optional(&mut *tx)
    .await?;
    match opened {
        Some(id) => tally(tx, id, Count::Add).await,
        None => Ok(()),
    }
}

/// The customer name as search compares it.
pub fn search_key(name: &str) -> String {
    name.to_lowercase()
}

/// A deal a manager creates without a registration; returns its id.
pub async fn insert(
    tx: &mut Conn,
    new: &ValidNewOpportunity,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let id = sql::query_scalar(
        "INSERT INTO opportunities (organization_id, customer_name, customer_search, motion, \
         stage, stage_entered_at, owner_name, amount, currency, partner_role, \
         attribution_percent, created_at, updated_at, last_activity_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $6, $6, $6) RETURNING id",
    )
    .bind(new.organization_id)
    .bind(&new.customer_name)
    .bind(search_key(&new.customer_name))
    .bind(new.motion.as_str())
    .bind(Stage::FIRST.slug(new.motion))
    .bind(now)
    .bind(new.owner_name.as_deref())
    .bind(new.amount.map(|(a, _)| a))
    .bind(new.amount.map(|(_, c)| c))
    .bind(new.partner_role.as_str())
    .bind(new.attribution_percent.map(i64::from))
    .fetch_one(&mut *tx)
    .await?;
    tally(tx, id, Count::Add).await?;
    Ok(id)
}

/// Every editable column at once: the route merges the patch into the current row first.
/// Serialized, it is the audit record's state (the bookkeeping columns left out).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Edit {
    #[serde(skip)]
    pub id: i64,
    pub stage: String,
    pub stage_entered_at: Timestamp,
    pub criteria_met: i64,
    pub loss_reason: Option<String>,
    pub closed_at: Option<Timestamp>,
    pub owner_name: Option<String>,
    pub next_step: Option<String>,
    pub next_step_due: Option<String>,
    pub amount: Option<i64>,
    pub currency: Option<String>,
    pub discount_band: Option<String>,
    pub price_protection: bool,
    pub partner_role: Option<PartnerRole>,
    pub attribution_percent: Option<i64>,
    pub internal_notes: String,
    #[serde(skip)]
    pub updated_at: Timestamp,
    #[serde(skip)]
    pub last_activity_at: Timestamp,
}

impl From<&OpportunityRow> for Edit {
    fn from(row: &OpportunityRow) -> Edit {
        Edit {
            id: row.safe.id,
            stage: row.safe.stage.clone(),
            stage_entered_at: row.safe.stage_entered_at,
            criteria_met: row.criteria_met,
            loss_reason: row.loss_reason.clone(),
            closed_at: row.closed_at,
            owner_name: row.safe.owner_name.clone(),
            next_step: row.safe.next_step.clone(),
            next_step_due: row.safe.next_step_due.clone(),
            amount: row.amount,
            currency: row.currency.clone(),
            discount_band: row.discount_band.clone(),
            price_protection: row.price_protection,
            partner_role: row.partner_role,
            attribution_percent: row.attribution_percent,
            internal_notes: row.internal_notes.clone(),
            updated_at: row.safe.updated_at,
            last_activity_at: row.last_activity_at,
        }
    }
}

impl Edit {
    /// The editable columns a partner sees: when one changes, the partner's "last updated" does.
    pub fn partner_view(&self) -> impl PartialEq + '_ {
        (
            &self.stage,
            &self.owner_name,
            &self.next_step,
            &self.next_step_due,
        )
    }
}

pub async fn update(tx: &mut Conn, edit: &Edit) -> Result<(), StoreError> {
    tally(tx, edit.id, Count::Remove).await?;
    sql::query(
        "UPDATE opportunities SET stage = $2, stage_entered_at = $3, criteria_met = $4, \
         loss_reason = $5, closed_at = $6, owner_name = $7, next_step = $8, next_step_due = $9, \
         amount = $10, currency = $11, discount_band = $12, price_protection = $13, \
         partner_role = $14, attribution_percent = $15, internal_notes = $16, updated_at = $17, \
         last_activity_at = $18 WHERE id = $1",
    )
    .bind(edit.id)
    .bind(&edit.stage)
    .bind(edit.stage_entered_at)
    .bind(edit.criteria_met)
    .bind(edit.loss_reason.as_deref())
    .bind(edit.closed_at)
    .bind(edit.owner_name.as_deref())
    .bind(edit.next_step.as_deref())
    .bind(edit.next_step_due.as_deref())
    .bind(edit.amount)
    .bind(edit.currency.as_deref())
    .bind(edit.discount_band.as_deref())
    .bind(edit.price_protection)
    .bind(edit.partner_role.map(PartnerRole::as_str))
    .bind(edit.attribution_percent)
    .bind(&edit.internal_notes)
    .bind(edit.updated_at)
    .bind(edit.last_activity_at)
    .execute(&mut *tx)
    .await?;
    tally(tx, edit.id, Count::Add).await
}

/// Whether a deal joins its totals or leaves them.
#[derive(Debug, Clone, Copy)]
enum Count {
    Add = 1,
    Remove = -1,
}

/// Adds the deal, as it is now, to `pipeline_totals` or takes it out.
async fn tally(tx: &mut Conn, id: i64, count: Count) -> Result<(), StoreError> {
    // SQLite needs the WHERE to read ON CONFLICT as the upsert rather than a join constraint.
    sql::query(
        "INSERT INTO pipeline_totals (motion, partner_role, stage, currency, deals, value, \
         cycle_seconds) \
         SELECT motion, COALESCE(partner_role, ''), stage, COALESCE(currency, ''), $2, \
         $2 * COALESCE(amount, 0), $2 * COALESCE(closed_at - created_at, 0) \
         FROM opportunities WHERE id = $1 \
         ON CONFLICT (motion, partner_role, stage, currency) DO UPDATE SET \
         deals = pipeline_totals.deals + excluded.deals, \
         value = pipeline_totals.value + excluded.value, \
         cycle_seconds = pipeline_totals.cycle_seconds + excluded.cycle_seconds",
    )
    .bind(id)
    .bind(count as i64)
    .execute(tx)
    .await?;
    Ok(())
}

/// The totals computed afresh from every deal, after rows were written in bulk.
pub async fn recount(tx: &mut Conn) -> Result<(), StoreError> {
    sql::query("DELETE FROM pipeline_totals")
        .execute(&mut *tx)
        .await?;
    sql::query(TOTALS_FROM_DEALS).execute(tx).await?;
    Ok(())
}

/// The same statement the migration fills the table with.
const TOTALS_FROM_DEALS: &str = "INSERT INTO pipeline_totals (motion, partner_role, stage, \
     currency, deals, value, cycle_seconds) \
     SELECT motion, COALESCE(partner_role, ''), stage, COALESCE(currency, ''), COUNT(*), \
     COALESCE(SUM(amount), 0), COALESCE(SUM(closed_at - created_at), 0) FROM opportunities \
     GROUP BY motion, COALESCE(partner_role, ''), stage, COALESCE(currency, '')";
