//! Approving earnings whose hold period passed (`app::incentives::ledger::approve_held`),
//! hourly: repeating it approves nothing twice, and instances take turns on the writer or the
//! rows.

use crate::app::AppResult;
use crate::app::incentives::ledger;
use crate::state::AppState;

pub async fn run_once(state: &AppState) -> AppResult<()> {
    let approved = ledger::approve_held(state).await?;
    if approved > 0 {
        tracing::info!(approved, "held earnings approved");
    }
    Ok(())
}
