//! Onboarding: each motion's plan, the steps managers ticked, and the first time each
//! organization did what a plan's steps ask, read from the tables that record it.

use std::collections::HashMap;

use portico_api::date::Date;
use portico_api::onboarding::{OnboardingPlan, StepKind};
use portico_api::organizations::Motion;
use sqlx::FromRow;
use sqlx::types::Json;

use crate::clock::Timestamp;
use crate::domain::onboarding::Observed;
use crate::store::StoreError;
use crate::store::sql::{self, Builder, Exec, Pool};

pub async fn plan<'c, E>(db: E, motion: Motion) -> Result<Option<OnboardingPlan>, StoreError>
where
    E: Into<Exec<'c>>,
{
    let row: Option<Json<OnboardingPlan>> =
        sql::query_scalar("SELECT document FROM onboarding_plans WHERE motion = $1")
            .bind(motion.as_str())
            .fetch_optional(db)
            .await?;
    Ok(row.map(|Json(plan)| plan))
}

/// Every saved plan, by motion.
pub async fn plans(db: &Pool) -> Result<HashMap<Motion, OnboardingPlan>, StoreError> {
    let rows: Vec<(Motion, Json<OnboardingPlan>)> =
        sql::query_as("SELECT motion, document FROM onboarding_plans")
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().map(|(m, Json(p))| (m, p)).collect())
}

pub async fn save_plan<'c, E>(
    db: E,
    motion: Motion,
    plan: &OnboardingPlan,
    user_id: i64,
    now: Timestamp,
) -> Result<(), StoreError>
where
    E: Into<Exec<'c>>,
{
    let document = serde_json::to_value(plan).map_err(StoreError::unreadable)?;
    sql::query(
        "INSERT INTO onboarding_plans (motion, document, updated_by, updated_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (motion) \
         DO UPDATE SET document = $2, updated_by = $3, updated_at = $4",
    )
    .bind(motion.as_str())
    .bind(document)
    .bind(user_id)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// Ticks a manual step; `false` when it was ticked already.
pub async fn tick<'c, E>(
    db: E,
    organization_id: i64,
    key: &str,
    user_id: i64,
    now: Timestamp,
) -> Result<bool, StoreError>
where
    E: Into<Exec<'c>>,
{
    let done = sql::query(
        "INSERT INTO onboarding_ticks (organization_id, step_key, ticked_by, ticked_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (organization_id, step_key) DO NOTHING",
    )
    .bind(organization_id)
    .bind(key)
    .bind(user_id)
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The first time each organization did each kind of step.
#[derive(Debug, FromRow)]
struct FirstsRow {
    organization_id: i64,
    sign_in: Option<Timestamp>,
    view: Option<Timestamp>,
    download: Option<Timestamp>,
    registration: Option<Timestamp>,
    approval: Option<Timestamp>,
    invitation: Option<Timestamp>,
    acknowledgment: Option<Timestamp>,
}

/// What each of these organizations did, as onboarding reads it, by organization id.
pub async fn observed(db: &Pool, ids: &[i64]) -> Result<HashMap<i64, Observed>, StoreError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let (firsts, certifications, ticks) =
        tokio::try_join!(firsts(db, ids), certifications(db, ids), ticks(db, ids))?;
    let mut observed: HashMap<i64, Observed> = HashMap::new();
    for row in firsts {
        let kinds = [
            (StepKind::SignIn, row.sign_in),
            (
                StepKind::ReadAsset,
                row.view.into_iter().chain(row.download).min(),
            ),
            (StepKind::DownloadAsset, row.download),
            (StepKind::RegisterDeal, row.registration),
            (StepKind::DealApproved, row.approval),
            (StepKind::InviteColleague, row.invitation),
            (StepKind::AcknowledgeAnnouncement, row.acknowledgment),
        ];
        observed.entry(row.organization_id).or_default().firsts = kinds
            .into_iter()
            .filter_map(|(kind, at)| Some((kind, at?)))
            .collect();
    }
    for (organization, certification, earned_on) in certifications {
        if let Some(day) = Date::parse(&earned_on) {
            let o = observed.entry(organization).or_default();
            o.certifications.insert(certification, day);
        }
    }
    for (organization, key, at) in ticks {
        observed
            .entry(organization)
            .or_default()
            .ticks
            .insert(key, at);
    }
    Ok(observed)
}

/// Each source's first event per organization: the first entry of an index on
/// (organization, time) for the busy tables.
async fn firsts(db: &Pool, ids: &[i64]) -> Result<Vec<FirstsRow>, StoreError> {
    let mut sql = Builder::new(
        "SELECT o.id AS organization_id, \
         (SELECT MIN(s.at) FROM sign_ins s WHERE s.organization_id = o.id) AS sign_in, \
         (SELECT MIN(e.at) FROM asset_events e WHERE e.organization_id = o.id \
         AND e.kind = 'view') AS view, \
         (SELECT MIN(e.at) FROM asset_events e WHERE e.organization_id = o.id \
         AND e.kind = 'download') AS download, \
         (SELECT MIN(g.submitted_at) FROM registrations g WHERE g.organization_id = o.id) \
         AS registration, \
         (SELECT MIN(g.decided_at) FROM registrations g WHERE g.organization_id = o.id \
         AND g.status IN ('approved', 'expired')) AS approval, \
         (SELECT MIN(i.created_at) FROM invitations i WHERE i.organization_id = o.id) \
         AS invitation, \
         (SELECT MIN(r.acknowledged_at) FROM announcement_receipts r \
         WHERE r.organization_id = o.id) AS acknowledgment \
         FROM organizations o WHERE o.id IN (",
    );
    sql.push_binds(ids.iter().copied()).push(")");
    Ok(sql.query_as().fetch_all(db).await?)
}

/// The first day each organization's people earned each certification.
async fn certifications(db: &Pool, ids: &[i64]) -> Result<Vec<(i64, i64, String)>, StoreError> {
    let mut sql = Builder::new(
        "SELECT organization_id, certification_id, MIN(earned_on) FROM person_certifications \
         WHERE organization_id IN (",
    );
    sql.push_binds(ids.iter().copied())
        .push(") GROUP BY organization_id, certification_id");
    Ok(sql.query_as().fetch_all(db).await?)
}

async fn ticks(db: &Pool, ids: &[i64]) -> Result<Vec<(i64, String, Timestamp)>, StoreError> {
    let mut sql = Builder::new(
        "SELECT organization_id, step_key, ticked_at FROM onboarding_ticks \
         WHERE organization_id IN (",
    );
    sql.push_binds(ids.iter().copied()).push(")");
    Ok(sql.query_as().fetch_all(db).await?)
}
