//! The report import worker: works queued imports one after another, woken when this instance
//! queues one and otherwise looking every few seconds (for imports queued elsewhere, or left
//! by an instance that stopped, once their lease lapsed).

use std::time::Duration;

use crate::app::channel_data::processing;
use crate::state::AppState;

const LOOK_EVERY: Duration = Duration::from_secs(5);

pub fn spawn(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match processing::run_next(&state, None).await {
                Ok(Some(_)) => continue,
                Ok(None) => {}
                Err(error) => tracing::warn!(%error, "report import failed; will retry"),
            }
            let _ = tokio::time::timeout(LOOK_EVERY, state.channel_signal.notified()).await;
        }
    })
}
