//! The registration clock's pass: protection ends, reminders, late approvals. The rules and
//! their records are the use case's (`app::registrations::timers`); this is when it runs.

use crate::app::AppResult;
use crate::app::registrations::timers;
use crate::state::AppState;

/// One pass; safe on several instances at once, as each step claims its rows.
pub async fn run_once(state: &AppState) -> AppResult<()> {
    timers::run_due(state).await
}
