//! Partner organizations as vendor staff read them: each with its engagement as of now.

use portico_api::organizations::Engagement;

use crate::app::{AppError, AppResult};
use crate::domain::engagement;
use crate::state::AppState;
use crate::store::engagement::activity;
use crate::store::organizations::{self, OrganizationRow};

/// These organizations, each with its engagement.
pub async fn assess(
    state: &AppState,
    rows: Vec<OrganizationRow>,
) -> AppResult<Vec<(OrganizationRow, Engagement)>> {
    let now = state.now();
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let activity = activity(state.db.pool(), &ids, now).await?;
    rows.into_iter()
        .map(|row| match activity.get(&row.id) {
            Some(a) => Ok((row, engagement::assess(a, now))),
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
