//! The scheduled tier evaluation. The rules and their records are the use case's
//! (`app::tiers`); this is when it runs: at start and every six hours, so at least nightly
//! whatever the restarts. A repeated run changes nothing, and instances take turns.

use crate::app::{AppResult, tiers};
use crate::state::AppState;

pub async fn run_once(state: &AppState) -> AppResult<()> {
    if let Some(evaluation) = tiers::evaluate_on_schedule(state).await? {
        tracing::info!(
            evaluated = evaluation.evaluated,
            changes = evaluation.changes.len(),
            "tiers evaluated"
        );
    }
    Ok(())
}
