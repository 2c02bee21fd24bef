//! Scheduled announcements: each reaches its audience once its time has come.

use crate::state::AppState;
use crate::store::StoreError;
use crate::store::announcements;

/// Publishes what is due; answers how many announcements were published.
pub async fn run_once(state: &AppState) -> Result<usize, StoreError> {
    let mut tx = state.db.begin_write().await?;
    let published = announcements::publish_due(&mut tx, &state.sealer, state.now_ms()).await?;
    tx.commit().await?;
    Ok(published.len())
}
