//! Opportunities and their shared notes. Reads that a partner can reach take the caller's
//! organization as a bound parameter, so another organization's row is simply not found.

use portico_api::OrganizationRef;
use portico_api::organizations::Motion;
use portico_api::pipeline::{
    ExitCriterion, LOST, ManagerOpportunity, NoteSide, PartnerOpportunity, PipelineSort,
    ProtectionStatus, SharedNote, Stage, ValidNewOpportunity, WON,
};
use portico_api::registrations::{ConflictLevel, PartnerRole, RegistrationStatus};
use sqlx::{AnyConnection, FromRow};

use crate::clock::{Timestamp, rfc3339};
use crate::domain::pipeline::{Position, Window, expiring_from, protection_status};
use crate::store::Scope;
use crate::store::StoreError;
use crate::store::conditions::{Conditions, SortKey};

/// The columns a partner may read, and all that partner reads select.
#[derive(Debug, Clone, FromRow)]
pub struct SafeRow {
    pub id: i64,
    pub customer_name: String,
    /// What search and the customer sort compare; pages continue from it.
    pub customer_search: String,
    pub motion: String,
    pub stage: String,
    pub stage_entered_at: Timestamp,
    pub owner_name: Option<String>,
    pub next_step: Option<String>,
    pub next_step_due: Option<String>,
    pub updated_at: Timestamp,
    pub registration_status: Option<String>,
    pub protection_ends_at: Option<Timestamp>,
}

/// A whole opportunity, for vendor staff.
#[derive(Debug, Clone, FromRow)]
pub struct OpportunityRow {
    #[sqlx(flatten)]
    pub safe: SafeRow,
    pub organization_id: i64,
    pub organization_name: String,
    pub registration_id: Option<i64>,
    pub criteria_met: i64,
    pub loss_reason: Option<String>,
    pub closed_at: Option<Timestamp>,
    pub amount: Option<i64>,
    pub currency: Option<String>,
    pub discount_band: Option<String>,
    pub price_protection: i64,
    pub partner_role: Option<String>,
    pub attribution_percent: Option<i64>,
    pub internal_notes: String,
    pub created_at: Timestamp,
    pub last_activity_at: Timestamp,
    pub conflict: Option<String>,
}

/// The safe columns, from `opportunities o LEFT JOIN registrations r`.
macro_rules! safe_columns {
    () => {
        "o.id, o.customer_name, o.customer_search, o.motion, o.stage, o.stage_entered_at, o.owner_name, \
         o.next_step, o.next_step_due, o.updated_at, r.status AS registration_status, \
         r.protection_ends_at"
    };
}

const SELECT_SAFE: &str = concat!(
    "SELECT ",
    safe_columns!(),
    " FROM opportunities o LEFT JOIN registrations r ON r.id = o.registration_id "
);

macro_rules! select_opportunity {
    ($tail:literal) => {
        concat!(
            "SELECT ",
            safe_columns!(),
            ", o.organization_id, g.name AS organization_name, o.registration_id, \
             o.criteria_met, o.loss_reason, o.closed_at, o.amount, o.currency, \
             o.discount_band, o.price_protection, o.partner_role, o.attribution_percent, \
             o.internal_notes, o.created_at, o.last_activity_at, r.conflict \
             FROM opportunities o JOIN organizations g ON g.id = o.organization_id \
             LEFT JOIN registrations r ON r.id = o.registration_id ",
            $tail
        )
    };
}

fn parsed<T>(value: &str, parse: fn(&str) -> Option<T>, what: &str) -> Result<T, StoreError> {
    parse(value)
        .ok_or_else(|| StoreError::Unreadable(format!("unknown {what} {value:?} in opportunities")))
}

fn optional<T>(
    value: Option<&str>,
    parse: fn(&str) -> Option<T>,
    what: &str,
) -> Result<Option<T>, StoreError> {
    value.map(|v| parsed(v, parse, what)).transpose()
}

impl SafeRow {
    pub fn motion(&self) -> Result<Motion, StoreError> {
        parsed(&self.motion, Motion::parse, "motion")
    }

    pub fn stage(&self) -> Result<Stage, StoreError> {
        Stage::parse(self.motion()?, &self.stage)
            .ok_or_else(|| StoreError::Unreadable(format!("unknown stage {:?}", self.stage)))
    }

    /// The partner's view: the safe fields, nothing else.
    pub fn into_partner_view(self, now: Timestamp) -> Result<PartnerOpportunity, StoreError> {
        let motion = self.motion()?;
        let window = match self.registration_status {
            None => Window::Unregistered,
            Some(_) => Window::Registered {
                ends: self.protection_ends_at,
            },
        };
        let SafeRow {
            id,
            customer_name,
            customer_search: _,
            motion: _,
            stage,
            stage_entered_at,
            owner_name,
            next_step,
            next_step_due,
            updated_at,
            registration_status,
            protection_ends_at,
        } = self;
        Ok(PartnerOpportunity {
            id,
            customer_name,
            motion,
            stage,
            stage_entered_at: rfc3339(stage_entered_at),
            owner_name,
            next_step,
            next_step_due,
            registration_status: optional(
                registration_status.as_deref(),
                RegistrationStatus::parse,
                "registration status",
            )?,
            protection_status: protection_status(window, now),
            protection_ends: protection_ends_at.map(rfc3339),
            updated_at: rfc3339(updated_at),
        })
    }
}

impl OpportunityRow {
    /// What the stage-move rules need to know.
    pub fn position(&self) -> Result<Position, StoreError> {
        Ok(Position {
            motion: self.safe.motion()?,
            stage: self.safe.stage()?,
            criteria_met: u32::try_from(self.criteria_met).unwrap_or(0),
            partner_role: optional(self.partner_role.as_deref(), PartnerRole::parse, "role")?,
            attribution_percent: self.attribution_percent.and_then(|p| u8::try_from(p).ok()),
        })
    }

    /// The partner's view and everything the vendor keeps to itself. Every column is named
    /// here, so a new one cannot reach a response without a decision.
    pub fn into_manager_view(self, now: Timestamp) -> Result<ManagerOpportunity, StoreError> {
        let position = self.position()?;
        let OpportunityRow {
            safe,
            organization_id,
            organization_name,
            registration_id,
            criteria_met: _,
            loss_reason,
            closed_at: _,
            amount,
            currency,
            discount_band,
            price_protection,
            partner_role: _,
            attribution_percent: _,
            internal_notes,
            created_at,
            last_activity_at,
            conflict,
        } = self;
        Ok(ManagerOpportunity {
            opportunity: safe.into_partner_view(now)?,
            organization: OrganizationRef {
                id: organization_id,
                name: organization_name,
            },
            registration_id,
            amount,
            currency,
            discount_band,
            price_protection: price_protection != 0,
            partner_role: position.partner_role,
            attribution_percent: position.attribution_percent,
            internal_notes,
            loss_reason,
            conflict: optional(conflict.as_deref(), ConflictLevel::parse, "conflict")?,
            exit_criteria: exit_criteria(&position),
            last_activity_at: rfc3339(last_activity_at),
            created_at: rfc3339(created_at),
        })
    }
}

fn exit_criteria(position: &Position) -> Vec<ExitCriterion> {
    position
        .stage
        .exit_criteria(position.motion)
        .iter()
        .enumerate()
        .map(|(i, label)| ExitCriterion {
            label: (*label).to_owned(),
            met: position.criteria_met & (1 << i) != 0,
        })
        .collect()
}

/// A whole deal, for vendor staff.
pub async fn by_id<'c, E>(db: E, id: i64) -> Result<Option<OpportunityRow>, StoreError>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    Ok(sqlx::query_as(select_opportunity!("WHERE o.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await?)
}

/// The deal an approved registration became, with its organization: `(id, organization_id)`.
pub async fn of_registration<'c, E>(
    db: E,
    registration_id: i64,
) -> Result<Option<(i64, i64)>, StoreError>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    Ok(
        sqlx::query_as("SELECT id, organization_id FROM opportunities WHERE registration_id = $1")
            .bind(registration_id)
            .fetch_optional(db)
            .await?,
    )
}

/// A partner's read of one of its organization's deals: the safe columns only.
pub async fn safe_by_id(
    db: &sqlx::AnyPool,
    id: i64,
    organization_id: i64,
) -> Result<Option<SafeRow>, StoreError> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT_SAFE} WHERE o.id = $1 AND o.organization_id = $2"
    )))
    .bind(id)
    .bind(organization_id)
    .fetch_optional(db)
    .await?)
}

/// The organization a deal belongs to, if the scope may see it.
pub async fn organization_of(
    tx: &mut AnyConnection,
    id: i64,
    scope: Scope,
) -> Result<Option<i64>, StoreError> {
    let organization: Option<i64> =
        sqlx::query_scalar("SELECT organization_id FROM opportunities WHERE id = $1")
            .bind(id)
            .fetch_optional(tx)
            .await?;
    Ok(organization.filter(|org| match scope {
        Scope::Organization(own) => *org == own,
        Scope::Vendor => true,
    }))
}

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
    tx: &mut AnyConnection,
    from: &FromRegistration<'_>,
    now: Timestamp,
) -> Result<(), StoreError> {
    let opened: Option<i64> = sqlx::query_scalar(
        "INSERT INTO opportunities (organization_id, registration_id, customer_name, \
         customer_search, motion, stage, stage_entered_at, amount, currency, partner_role, \
         created_at, updated_at, last_activity_at) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $7, $7, $7 \
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
    tx: &mut AnyConnection,
    new: &ValidNewOpportunity,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let id = sqlx::query_scalar(
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
    pub partner_role: Option<String>,
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
            price_protection: row.price_protection != 0,
            partner_role: row.partner_role.clone(),
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

pub async fn update(tx: &mut AnyConnection, edit: &Edit) -> Result<(), StoreError> {
    tally(tx, edit.id, Count::Remove).await?;
    sqlx::query(
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
    .bind(i64::from(edit.price_protection))
    .bind(edit.partner_role.as_deref())
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
async fn tally(tx: &mut AnyConnection, id: i64, count: Count) -> Result<(), StoreError> {
    // SQLite needs the WHERE to read ON CONFLICT as the upsert rather than a join constraint.
    sqlx::query(
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
pub async fn recount(tx: &mut AnyConnection) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM pipeline_totals")
        .execute(&mut *tx)
        .await?;
    sqlx::query(TOTALS_FROM_DEALS).execute(tx).await?;
    Ok(())
}

/// The same statement the migration fills the table with.
const TOTALS_FROM_DEALS: &str = "INSERT INTO pipeline_totals (motion, partner_role, stage, \
     currency, deals, value, cycle_seconds) \
     SELECT motion, COALESCE(partner_role, ''), stage, COALESCE(currency, ''), COUNT(*), \
     COALESCE(SUM(amount), 0), COALESCE(SUM(closed_at - created_at), 0) FROM opportunities \
     GROUP BY motion, COALESCE(partner_role, ''), stage, COALESCE(currency, '')";

#[derive(Debug, Clone, FromRow)]
struct NoteRow {
    id: i64,
    side: String,
    author_name: String,
    body: String,
    created_at: Timestamp,
}

pub async fn notes(db: &sqlx::AnyPool, opportunity_id: i64) -> Result<Vec<SharedNote>, StoreError> {
    let rows: Vec<NoteRow> = sqlx::query_as(
        "SELECT id, side, author_name, body, created_at FROM opportunity_notes \
         WHERE opportunity_id = $1 ORDER BY id",
    )
    .bind(opportunity_id)
    .fetch_all(db)
    .await?;
    rows.into_iter().map(NoteRow::into_view).collect()
}

impl NoteRow {
    fn into_view(self) -> Result<SharedNote, StoreError> {
        let NoteRow {
            id,
            side,
            author_name,
            body,
            created_at,
        } = self;
        Ok(SharedNote {
            id,
            side: parsed(&side, NoteSide::parse, "note side")?,
            author_name,
            body,
            created_at: rfc3339(created_at),
        })
    }
}

pub struct NewNote<'a> {
    pub opportunity_id: i64,
    pub side: NoteSide,
    pub author_user_id: i64,
    pub author_name: &'a str,
    pub body: &'a str,
}

/// Adds a shared note and marks the deal as updated for both sides.
pub async fn add_note(
    tx: &mut AnyConnection,
    note: &NewNote<'_>,
    now: Timestamp,
) -> Result<SharedNote, StoreError> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO opportunity_notes (opportunity_id, side, author_user_id, author_name, body, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(note.opportunity_id)
    .bind(note.side.as_str())
    .bind(note.author_user_id)
    .bind(note.author_name)
    .bind(note.body)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("UPDATE opportunities SET updated_at = $2, last_activity_at = $2 WHERE id = $1")
        .bind(note.opportunity_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    Ok(SharedNote {
        id,
        side: note.side,
        author_name: note.author_name.to_owned(),
        body: note.body.to_owned(),
        created_at: rfc3339(now),
    })
}

/// Where a page starts: the sort key and id of the previous page's last row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyset {
    pub key: SortKey,
    pub id: i64,
}

impl Keyset {
    /// Opaque to clients: `<id>.<hex of the key>`, so any customer name fits in a URL.
    pub fn encode(&self) -> String {
        let key = match &self.key {
            SortKey::Number(n) => n.to_string(),
            SortKey::Text(t) => t.clone(),
        };
        format!("{}.{}", self.id, hex::encode(key))
    }

    pub fn decode(cursor: &str, sort: PipelineSort) -> Option<Keyset> {
        let (id, key) = cursor.split_once('.')?;
        let key = String::from_utf8(hex::decode(key).ok()?).ok()?;
        let key = match sort {
            PipelineSort::Updated | PipelineSort::StageEntered => {
                SortKey::Number(key.parse().ok()?)
            }
            PipelineSort::Customer | PipelineSort::NextStepDue => SortKey::Text(key),
        };
        Some(Keyset {
            key,
            id: id.parse().ok()?,
        })
    }

    /// The keyset of a row under `sort`.
    pub fn of(row: &SafeRow, sort: PipelineSort) -> Keyset {
        let key = match sort {
            PipelineSort::Updated => SortKey::Number(row.updated_at),
            PipelineSort::StageEntered => SortKey::Number(row.stage_entered_at),
            PipelineSort::Customer => SortKey::Text(row.customer_search.clone()),
            PipelineSort::NextStepDue => SortKey::Text(
                row.next_step_due
                    .clone()
                    .unwrap_or_else(|| NO_DUE.to_owned()),
            ),
        };
        Keyset { key, id: row.id }
    }
}

/// Sorts deals without a due date after every real date.
const NO_DUE: &str = "9999-12-31";

/// The sort's SQL expression and whether it runs newest first.
fn order(sort: PipelineSort) -> (&'static str, bool) {
    match sort {
        PipelineSort::Updated => ("o.updated_at", true),
        PipelineSort::StageEntered => ("o.stage_entered_at", true),
        PipelineSort::Customer => ("o.customer_search", false),
        PipelineSort::NextStepDue => ("COALESCE(o.next_step_due, '9999-12-31')", false),
    }
}

/// What a pipeline list asks for, already checked against the caller's role.
#[derive(Debug, Clone)]
pub struct PipelineFilter {
    pub scope: Scope,
    pub organization_id: Option<i64>,
    pub motion: Option<Motion>,
    pub stage: Option<String>,
    pub protection: Option<ProtectionStatus>,
    pub search: Option<String>,
    pub conflict_only: bool,
    /// Only open deals idle since before this moment.
    pub idle_since: Option<Timestamp>,
    pub sort: PipelineSort,
    pub after: Option<Keyset>,
    pub limit: u32,
    pub now: Timestamp,
}

fn conditions(filter: &PipelineFilter) -> Conditions {
    use SortKey::{Number, Text};
    let mut c = Conditions::default();
    let organization = match filter.scope {
        Scope::Organization(id) => Some(id),
        Scope::Vendor => filter.organization_id,
    };
    if let Some(id) = organization {
        c.add("o.organization_id = ?", [Number(id)]);
    }
    if let Some(motion) = filter.motion {
        c.add("o.motion = ?", [Text(motion.as_str().to_owned())]);
    }
    if let Some(stage) = &filter.stage {
        c.add("o.stage = ?", [Text(stage.clone())]);
    }
    if let Some(protection) = filter.protection {
        let now = filter.now;
        match protection {
            ProtectionStatus::None => c.fixed("o.registration_id IS NULL"),
            ProtectionStatus::Expired => c.add(
                "o.registration_id IS NOT NULL \
                 AND (r.protection_ends_at IS NULL OR r.protection_ends_at <= ?)",
                [Number(now)],
            ),
            ProtectionStatus::Expiring => c.add(
                "r.protection_ends_at > ? AND r.protection_ends_at <= ?",
                [Number(now), Number(expiring_from(now))],
            ),
            ProtectionStatus::Active => {
                c.add("r.protection_ends_at > ?", [Number(expiring_from(now))])
            }
        }
    }
    if let Some(search) = &filter.search {
        c.add(
            "o.customer_search LIKE ? ESCAPE '\\'",
            [Text(format!("%{}%", like_escape(&search_key(search))))],
        );
    }
    if filter.conflict_only {
        c.fixed("r.conflict = 'review'");
    }
    if let Some(since) = filter.idle_since {
        c.add(
            &format!("o.stage NOT IN ('{WON}', '{LOST}') AND o.last_activity_at < ?"),
            [Number(since)],
        );
    }
    if let Some(after) = &filter.after {
        let (expression, descending) = order(filter.sort);
        let op = if descending { "<" } else { ">" };
        c.add(
            &format!("({expression} {op} ? OR ({expression} = ? AND o.id {op} ?))"),
            [after.key.clone(), after.key.clone(), Number(after.id)],
        );
    }
    c
}

fn like_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// A row a pipeline list reads: partners read `SafeRow`s, vendor staff whole rows.
pub trait Listed: for<'r> FromRow<'r, sqlx::any::AnyRow> + Send + Unpin {
    const SELECT: &'static str;

    fn safe(&self) -> &SafeRow;
}

impl Listed for SafeRow {
    const SELECT: &'static str = SELECT_SAFE;

    fn safe(&self) -> &SafeRow {
        self
    }
}

impl Listed for OpportunityRow {
    const SELECT: &'static str = select_opportunity!("");

    fn safe(&self) -> &SafeRow {
        &self.safe
    }
}

/// One page (`limit + 1` rows, to tell whether another follows) in the filter's order.
pub async fn page<R: Listed>(
    db: &sqlx::AnyPool,
    filter: &PipelineFilter,
) -> Result<Vec<R>, StoreError> {
    let c = conditions(filter);
    let (expression, descending) = order(filter.sort);
    let direction = if descending { "DESC" } else { "ASC" };
    let sql = format!(
        "{} WHERE {} ORDER BY {expression} {direction}, o.id {direction} LIMIT {}",
        R::SELECT,
        c.clause(),
        i64::from(filter.limit) + 1,
    );
    Ok(
        sqlx::query_as_with(sqlx::AssertSqlSafe(sql), c.arguments()?)
            .fetch_all(db)
            .await?,
    )
}

/// How many rows match, for the review lists' totals.
pub async fn count(db: &sqlx::AnyPool, filter: &PipelineFilter) -> Result<i64, StoreError> {
    let c = conditions(filter);
    let sql = format!(
        "SELECT COUNT(*) FROM opportunities o LEFT JOIN registrations r \
         ON r.id = o.registration_id WHERE {}",
        c.clause()
    );
    Ok(
        sqlx::query_scalar_with(sqlx::AssertSqlSafe(sql), c.arguments()?)
            .fetch_one(db)
            .await?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_any_key() {
        for (sort, key) in [
            (PipelineSort::Updated, SortKey::Number(1_790_000_000)),
            (
                PipelineSort::Customer,
                SortKey::Text("o'brien & 50% ünd.co".into()),
            ),
        ] {
            let keyset = Keyset { key, id: 42 };
            let cursor = keyset.encode();
            assert!(
                cursor
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'.')
            );
            assert_eq!(Keyset::decode(&cursor, sort), Some(keyset));
        }
        assert_eq!(Keyset::decode("12.zz", PipelineSort::Customer), None);
        assert_eq!(Keyset::decode("12", PipelineSort::Updated), None);
    }
}
