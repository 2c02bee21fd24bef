//! Opportunities and their shared notes. Reads that a partner can reach take the caller's
//! organization as a bound parameter, so another organization's row is simply not found.

use portico_api::OrganizationRef;
use portico_api::organizations::Motion;
use portico_api::pipeline::{ExitCriterion, ManagerOpportunity, PartnerOpportunity, Stage};
use portico_api::registrations::{ConflictLevel, PartnerRole, RegistrationStatus};
use sqlx::FromRow;

use crate::clock::{Timestamp, rfc3339};
use crate::domain::pipeline::{Position, Window, protection_status};
use crate::store::Scope;
use crate::store::StoreError;
use crate::store::sql::{self, Conn, Exec, Pool};

/// The columns a partner may read, and all that partner reads select.
#[derive(Debug, Clone, FromRow)]
pub struct SafeRow {
    pub id: i64,
    pub customer_name: String,
    /// What search and the customer sort compare; pages continue from it.
    pub customer_search: String,
    pub motion: Motion,
    pub stage: String,
    pub stage_entered_at: Timestamp,
    pub owner_name: Option<String>,
    pub next_step: Option<String>,
    pub next_step_due: Option<String>,
    pub updated_at: Timestamp,
    pub registration_status: Option<RegistrationStatus>,
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
    pub price_protection: bool,
    pub partner_role: Option<PartnerRole>,
    pub attribution_percent: Option<i64>,
    pub internal_notes: String,
    pub created_at: Timestamp,
    pub last_activity_at: Timestamp,
    pub conflict: Option<ConflictLevel>,
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

mod listing;
mod notes;
pub mod stages;
mod writes;
pub use listing::{Keyset, Listed, PipelineFilter, count, page};
pub use notes::{NewNote, add_note, notes};
pub use writes::{
    Edit, FromRegistration, insert, open_from_registration, recount, search_key, update,
};

impl SafeRow {
    pub fn stage(&self) -> Result<Stage, StoreError> {
        Stage::parse(self.motion, &self.stage)
            .ok_or_else(|| StoreError::Unreadable(format!("unknown stage {:?}", self.stage)))
    }

    /// The partner's view: the safe fields, nothing else.
    pub fn into_partner_view(self, now: Timestamp) -> PartnerOpportunity {
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
            motion,
            stage,
            stage_entered_at,
            owner_name,
            next_step,
            next_step_due,
            updated_at,
            registration_status,
            protection_ends_at,
        } = self;
        PartnerOpportunity {
            id,
            customer_name,
            motion,
            stage,
            stage_entered_at: rfc3339(stage_entered_at),
            owner_name,
            next_step,
            next_step_due,
            registration_status,
            protection_status: protection_status(window, now),
            protection_ends: protection_ends_at.map(rfc3339),
            updated_at: rfc3339(updated_at),
        }
    }
}

impl OpportunityRow {
    /// What the stage-move rules need to know.
    pub fn position(&self) -> Result<Position, StoreError> {
        Ok(Position {
            motion: self.safe.motion,
            stage: self.safe.stage()?,
            criteria_met: u32::try_from(self.criteria_met).unwrap_or(0),
            partner_role: self.partner_role,
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
            opportunity: safe.into_partner_view(now),
            organization: OrganizationRef {
                id: organization_id,
                name: organization_name,
            },
            registration_id,
            amount,
            currency,
            discount_band,
            price_protection,
            partner_role: position.partner_role,
            attribution_percent: position.attribution_percent,
            internal_notes,
            loss_reason,
            conflict,
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
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as(select_opportunity!("WHERE o.id = $1"))
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
    E: Into<Exec<'c>>,
{
    Ok(
        sql::query_as("SELECT id, organization_id FROM opportunities WHERE registration_id = $1")
            .bind(registration_id)
            .fetch_optional(db)
            .await?,
    )
}

/// A partner's read of one of its organization's deals: the safe columns only.
pub async fn safe_by_id(
    db: &Pool,
    id: i64,
    organization_id: i64,
) -> Result<Option<SafeRow>, StoreError> {
    Ok(sql::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT_SAFE} WHERE o.id = $1 AND o.organization_id = $2"
    )))
    .bind(id)
    .bind(organization_id)
    .fetch_optional(db)
    .await?)
}

/// The organization a deal belongs to, if the scope may see it.
pub async fn organization_of(
    tx: &mut Conn,
    id: i64,
    scope: Scope,
) -> Result<Option<i64>, StoreError> {
    let organization: Option<i64> =
        sql::query_scalar("SELECT organization_id FROM opportunities WHERE id = $1")
            .bind(id)
            .fetch_optional(tx)
            .await?;
    Ok(organization.filter(|org| match scope {
        Scope::Organization(own) => *org == own,
        Scope::Vendor => true,
    }))
}
