//! Scheduled announcements: each reaches its audience once its time has come
//! (`app::announcements`); this is when the check runs.

use crate::app::AppResult;
use crate::app::announcements;
use crate::state::AppState;

/// Publishes what is due; answers how many announcements were published.
pub async fn run_once(state: &AppState) -> AppResult<usize> {
    announcements::publish_scheduled(state).await
}
