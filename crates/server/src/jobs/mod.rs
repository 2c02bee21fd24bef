//! Background loops. Each pass is idempotent and safe to run on several instances at once.

use std::time::Duration;

use crate::domain::throttle::{PER_ACCOUNT, PER_ADDRESS};
use crate::routes::session::IDLE_SECS;
use crate::state::AppState;
use crate::store::{login_failures, sessions};

const HOUSEKEEPING_EVERY: Duration = Duration::from_secs(10 * 60);

/// Forgets dead sessions and old sign-in failures, so those tables stay small.
pub async fn housekeeping_once(state: &AppState) -> Result<(), sqlx::Error> {
    let now = state.now();
    let purged = sessions::purge_dead(state.db.pool(), now, now - IDLE_SECS).await?;
    let window = PER_ACCOUNT.window_secs.max(PER_ADDRESS.window_secs);
    login_failures::forget_before(state.db.pool(), now - window).await?;
    tracing::debug!(purged, "housekeeping done");
    Ok(())
}

/// Runs housekeeping now and then for as long as the server runs.
pub fn spawn_housekeeping(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(HOUSEKEEPING_EVERY);
        loop {
            ticker.tick().await;
            if let Err(error) = housekeeping_once(&state).await {
                tracing::warn!(%error, "housekeeping failed; will retry");
            }
        }
    })
}
