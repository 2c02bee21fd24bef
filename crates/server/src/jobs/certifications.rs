//! Reminding holders a month before a certification expires, every six hours: each earning
//! is reminded of once, whatever the restarts or the number of instances.

use crate::app::AppResult;
use crate::app::certifications::reminders;
use crate::state::AppState;

pub async fn run_once(state: &AppState) -> AppResult<()> {
    let told = reminders::remind(state).await?;
    if told > 0 {
        tracing::info!(told, "certification expiry reminders written");
    }
    Ok(())
}
