//! Partner organizations as vendor staff read them: each with its engagement as of now; and
//! where each is based, which vendor staff set.

use portico_api::organizations::Engagement;

use crate::app::{AppError, AppResult, onboarding, unit_of_work};
use crate::domain::engagement;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::engagement::activity;
use crate::store::organizations::{self, OrganizationRow};

/// Sets (or clears) the country an organization is based in: its people's registration forms
/// start with that country's currency.
pub async fn set_country(
    state: &AppState,
    user_id: i64,
    organization_id: i64,
    country: Option<&str>,
) -> AppResult<()> {
    unit_of_work::run(state, async |unit| {
        let (_, before) = organizations::name_and_country(unit.tx(), organization_id)
            .await?
            .ok_or(AppError::NotFound)?;
        organizations::set_country(unit.tx(), organization_id, country).await?;
        unit.record(AuditEntry {
            organization_id: Some(organization_id),
            before: audit::state(&serde_json::json!({ "country": before })),
            after: audit::state(&serde_json::json!({ "country": country })),
            ..AuditEntry::new(
                Some(user_id),
                "organization.updated",
                "organization",
                Some(organization_id),
            )
        });
        Ok(())
    })
    .await
}

/// These organizations, each with its engagement (and, while new, its onboarding plan's first
/// steps).
pub async fn assess(
    state: &AppState,
    rows: Vec<OrganizationRow>,
) -> AppResult<Vec<(OrganizationRow, Engagement)>> {
    let now = state.now();
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let activity = activity(state.db.pool(), &ids, now).await?;
    let mut first_steps = onboarding::first_steps(state, &rows.iter().collect::<Vec<_>>()).await?;
    rows.into_iter()
        .map(|row| match activity.get(&row.id) {
            Some(a) => {
                let engagement = engagement::assess(a, now, first_steps.remove(&row.id));
                Ok((row, engagement))
            }
            None => Err(AppError::internal(format!(
                "no activity read for organization {}",
                row.id
            ))),
        })
        .collect()
}

/// Every organization, by id, each with its engagement.
pub async fn assess_all(state: &AppState) -> AppResult<Vec<(OrganizationRow, Engagement)>> {
    assess(state, organizations::all(state.db.pool()).await?).await
}
