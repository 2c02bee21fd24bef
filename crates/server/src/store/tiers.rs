//! Programmatic tiers: the program document, each organization's standing between evaluations,
//! its tier history, and what the rules measure (won deals and approved registrations).

use portico_api::organizations::Tier;
use portico_api::registrations::PartnerRole;
use portico_api::tiers::{TierEvent, TierHistoryEntry, TierProgram};
use sqlx::FromRow;
use sqlx::types::Json;

use crate::clock::{Timestamp, rfc3339};
use crate::domain::tiering::{Override, Standing};
use crate::store::sql::{self, Exec};
use crate::store::{Engine, StoreError};

pub async fn program<'c, E>(db: E) -> Result<Option<TierProgram>, StoreError>
where
    E: Into<Exec<'c>>,
{
    let row: Option<Json<TierProgram>> =
        sql::query_scalar("SELECT document FROM tier_program WHERE id = 1")
            .fetch_optional(db)
            .await?;
    Ok(row.map(|Json(program)| program))
}

pub async fn save_program<'c, E>(
    db: E,
    program: &TierProgram,
    user_id: i64,
    now: Timestamp,
) -> Result<(), StoreError>
where
    E: Into<Exec<'c>>,
{
    let document = serde_json::to_value(program).map_err(StoreError::unreadable)?;
    sql::query(
        "INSERT INTO tier_program (id, document, updated_by, updated_at) VALUES (1, $1, $2, $3) \
         ON CONFLICT (id) DO UPDATE SET document = $1, updated_by = $2, updated_at = $3",
    )
    .bind(document)
    .bind(user_id)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// How long the organization's tier protects an approved registration, when the program in
/// force says.
pub async fn protection_days(
    tx: &mut sql::Conn,
    organization_id: i64,
) -> Result<Option<i64>, StoreError> {
    let Some(program) = program(&mut *tx).await? else {
        return Ok(None);
    };
    let tier: Option<Tier> = sql::query_scalar("SELECT tier FROM organizations WHERE id = $1")
        .bind(organization_id)
        .fetch_optional(&mut *tx)
        .await?;
    Ok(tier
        .and_then(|t| program.tiers.into_iter().find(|d| d.tier == t))
        .and_then(|d| d.protection_days))
}

/// Makes evaluations take turns, so two instances evaluating at once cannot both record one
/// change. SQLite's one writer already does; PostgreSQL takes a transaction-scoped advisory lock.
pub async fn take_evaluation_turn(tx: &mut sql::Conn, engine: Engine) -> Result<(), StoreError> {
    if engine == Engine::Postgres {
        sql::query("SELECT pg_advisory_xact_lock(7263)")
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// An organization with its assigned tier and its standing, if it was ever evaluated.
#[derive(Debug, Clone, FromRow)]
pub struct StandingRow {
    pub organization_id: i64,
    pub organization_name: String,
    pub assigned: Tier,
    pub eligible: Option<Tier>,
    pub grace_until: Option<Timestamp>,
    pub proposed: Option<Tier>,
    pub override_tier: Option<Tier>,
    pub override_until: Option<Timestamp>,
    pub override_rationale: Option<String>,
    pub override_reminded_at: Option<Timestamp>,
}

impl StandingRow {
    pub fn standing(&self) -> Standing {
        Standing {
            assigned: self.assigned,
            grace_until: self.grace_until,
            proposed: self.proposed,
            manual: self
                .override_tier
                .zip(self.override_until)
                .map(|(tier, until)| Override { tier, until }),
        }
    }
}

macro_rules! select_standing {
    ($tail:literal) => {
        concat!(
            "SELECT o.id AS organization_id, o.name AS organization_name, o.tier AS assigned, \
             s.eligible, s.grace_until, s.proposed, s.override_tier, s.override_until, \
             s.override_rationale, s.override_reminded_at \
             FROM organizations o LEFT JOIN tier_standings s ON s.organization_id = o.id ",
            $tail
        )
    };
}

/// Every organization's standing, by id.
pub async fn standings<'c, E>(db: E) -> Result<Vec<StandingRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as(select_standing!("ORDER BY o.id"))
        .fetch_all(db)
        .await?)
}

pub async fn standing<'c, E>(db: E, organization_id: i64) -> Result<Option<StandingRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as(select_standing!("WHERE o.id = $1"))
        .bind(organization_id)
        .fetch_optional(db)
        .await?)
}

/// Writes the standing: the assigned tier on the organization, the rest beside it.
pub async fn save_standing(
    tx: &mut sql::Conn,
    organization_id: i64,
    standing: &Standing,
    eligible: Tier,
    rationale: Option<&str>,
    now: Timestamp,
) -> Result<(), StoreError> {
    sql::query("UPDATE organizations SET tier = $1 WHERE id = $2")
        .bind(standing.assigned.as_str())
        .bind(organization_id)
        .execute(&mut *tx)
        .await?;
    let manual = standing.manual;
    sql::query(
        "INSERT INTO tier_standings (organization_id, eligible, grace_until, proposed, \
         override_tier, override_until, override_rationale, evaluated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (organization_id) DO UPDATE SET eligible = $2, grace_until = $3, \
         proposed = $4, override_tier = $5, override_until = $6, override_rationale = $7, \
         evaluated_at = $8, override_reminded_at = CASE WHEN tier_standings.override_until = $6 \
         THEN tier_standings.override_reminded_at ELSE NULL END",
    )
    .bind(organization_id)
    .bind(eligible.as_str())
    .bind(standing.grace_until)
    .bind(standing.proposed.map(Tier::as_str))
    .bind(manual.map(|m| m.tier.as_str()))
    .bind(manual.map(|m| m.until))
    .bind(manual.and(rationale))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Notes that vendor staff were told the override ends soon.
pub async fn mark_override_reminded(
    tx: &mut sql::Conn,
    organization_id: i64,
    now: Timestamp,
) -> Result<(), StoreError> {
    sql::query("UPDATE tier_standings SET override_reminded_at = $1 WHERE organization_id = $2")
        .bind(now)
        .bind(organization_id)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

pub struct HistoryEntry<'a> {
    pub organization_id: i64,
    pub event: TierEvent,
    pub from: Tier,
    pub to: Tier,
    pub actor_user_id: Option<i64>,
    pub rationale: Option<&'a str>,
}

pub async fn record<'c, E>(
    db: E,
    entry: &HistoryEntry<'_>,
    now: Timestamp,
) -> Result<(), StoreError>
where
    E: Into<Exec<'c>>,
{
    sql::query(
        "INSERT INTO tier_history (organization_id, event, from_tier, to_tier, actor_user_id, \
         rationale, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(entry.organization_id)
    .bind(entry.event.as_str())
    .bind(entry.from.as_str())
    .bind(entry.to.as_str())
    .bind(entry.actor_user_id)
    .bind(entry.rationale)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

#[derive(Debug, FromRow)]
struct HistoryRow {
    event: TierEvent,
    from_tier: Tier,
    to_tier: Tier,
    actor: Option<String>,
    rationale: Option<String>,
    at: Timestamp,
}

/// The organization's tier history, newest first (the last hundred changes).
pub async fn history<'c, E>(
    db: E,
    organization_id: i64,
) -> Result<Vec<TierHistoryEntry>, StoreError>
where
    E: Into<Exec<'c>>,
{
    let rows: Vec<HistoryRow> = sql::query_as(
        "SELECT h.event, h.from_tier, h.to_tier, u.name AS actor, h.rationale, h.at \
         FROM tier_history h LEFT JOIN users u ON u.id = h.actor_user_id \
         WHERE h.organization_id = $1 ORDER BY h.id DESC LIMIT 100",
    )
    .bind(organization_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| TierHistoryEntry {
            event: r.event,
            from: r.from_tier,
            to: r.to_tier,
            actor: r.actor,
            rationale: r.rationale,
            at: rfc3339(r.at),
        })
        .collect())
}

/// A won deal credited to a partner, as the revenue and deal rules count it.
#[derive(Debug, Clone, FromRow)]
pub struct Win {
    pub organization_id: i64,
    pub partner_role: Option<PartnerRole>,
    pub amount: Option<i64>,
    pub currency: Option<String>,
    pub closed_at: Timestamp,
}

/// Deals won since `since` (all organizations, or one).
pub async fn wins<'c, E>(
    db: E,
    organization_id: Option<i64>,
    since: Timestamp,
) -> Result<Vec<Win>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as(
        "SELECT organization_id, partner_role, amount, currency, closed_at FROM opportunities \
         WHERE stage = 'won' AND closed_at >= $1 AND ($2 IS NULL OR organization_id = $2)",
    )
    .bind(since)
    .bind(organization_id)
    .fetch_all(db)
    .await?)
}

/// Registrations approved since `since` and still standing (approved, or expired after
/// approval), per organization.
pub async fn approved_registrations<'c, E>(
    db: E,
    organization_id: Option<i64>,
    since: Timestamp,
) -> Result<Vec<(i64, i64)>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as(
        "SELECT organization_id, COUNT(*) FROM registrations \
         WHERE status IN ('approved', 'expired') AND decided_at >= $1 \
         AND ($2 IS NULL OR organization_id = $2) GROUP BY organization_id",
    )
    .bind(since)
    .bind(organization_id)
    .fetch_all(db)
    .await?)
}
