//! Webhook delivery: claims due deliveries from the outbox, signs them per Standard Webhooks,
//! posts them through the guarded outbound client, and records the outcome.

use std::time::Duration;

use super::delivery::{self, Queue};
use crate::domain::signatures::webhook_signature;
use crate::state::AppState;
use crate::store::StoreError;
use crate::store::webhooks::{self as store, Attempt, Claimed};

/// How long a claim holds; longer than an attempt can take.
const HOLD_MS: i64 = 30_000;
/// Deliveries to one endpoint on their way at once, across instances: a slow receiver holds
/// up only these.
const PER_ENDPOINT: i64 = 4;

/// The webhook queue.
pub struct Webhooks;

impl Queue for Webhooks {
    type Item = Claimed;
    const NAME: &'static str = "webhooks";
    const BATCH: usize = 32;
    const IN_FLIGHT: usize = 64;
    const POLL: Duration = Duration::from_millis(200);

    async fn claim(&self, state: &AppState, limit: usize) -> Result<Vec<Claimed>, StoreError> {
        let now = state.now_ms();
        let mut tx = state.db.begin_write().await?;
        let batch = store::claim(&mut tx, now, now + HOLD_MS, limit as i64, PER_ENDPOINT).await?;
        tx.commit().await?;
        Ok(batch)
    }

    async fn deliver(&self, state: &AppState, claimed: Claimed) {
        let attempt = send(state, &claimed).await;
        let now = state.now_ms();
        delivery::record(state, Self::NAME, claimed.id, |mut tx| async move {
            store::record(&mut tx, claimed.id, &attempt, now).await?;
            tx.commit().await
        })
        .await;
    }
}

/// Claims one batch and delivers it; answers how many deliveries were attempted.
pub async fn run_once(state: &AppState) -> Result<usize, StoreError> {
    delivery::run_once(state, &Webhooks).await
}

/// Delivers for as long as the server runs, waking at once when this instance publishes.
pub fn spawn(state: AppState) -> tokio::task::JoinHandle<()> {
    let wake = state.webhook_signal.clone();
    delivery::spawn(state, Webhooks, Some(wake))
}

async fn send(state: &AppState, claimed: &Claimed) -> Attempt {
    let Some(secret) = state.sealer.open(&claimed.secret_sealed) else {
        return failed(
            state,
            claimed,
            None,
            "The signing secret does not open with this server's key.".into(),
            false,
        );
    };
    let timestamp = state.now();
    let signature = webhook_signature(
        &secret,
        &claimed.message_id,
        timestamp,
        claimed.payload.as_bytes(),
    );
    let headers = [
        ("webhook-id", claimed.message_id.clone()),
        ("webhook-timestamp", timestamp.to_string()),
        ("webhook-signature", signature),
    ];
    let posted = state
        .outbound
        .post_json(&claimed.url, &headers, claimed.payload.clone())
        .await;
    match posted {
        Ok(status) => Attempt::Delivered {
            status: status.as_u16(),
        },
        Err(failure) => failed(
            state,
            claimed,
            failure.status(),
            failure.describe("The endpoint"),
            failure.is_permanent(),
        ),
    }
}

fn failed(
    state: &AppState,
    claimed: &Claimed,
    status: Option<u16>,
    error: String,
    permanent: bool,
) -> Attempt {
    Attempt::Failed {
        status,
        error,
        retry_at_ms: delivery::next_attempt_ms(
            state,
            claimed.attempts,
            claimed.created_at_ms,
            permanent,
        ),
    }
}
