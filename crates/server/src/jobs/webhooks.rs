//! Webhook delivery: claims due deliveries from the outbox, signs them per Standard Webhooks,
//! posts them, and records the outcome. Any number of instances can run it: a claim holds a
//! delivery for a while, and a worker that dies mid-way loses only its hold.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::domain::backoff::retry_delay_ms;
use crate::domain::signatures::webhook_signature;
use crate::state::AppState;
use crate::store::webhooks::{self as store, Attempt, Claimed, RETRY_WINDOW_MS};

/// Deliveries one claim takes.
const BATCH: i64 = 32;
/// Batches on their way at once; a slow receiver holds up only its own batch.
const BATCHES_IN_FLIGHT: usize = 4;
/// How long a claim holds; longer than an attempt can take.
const HOLD_MS: i64 = 30_000;
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);
/// How often to look for work another instance published or a retry that came due.
const POLL: Duration = Duration::from_millis(200);

/// Sends webhooks; one per process, sharing its connections.
#[derive(Clone)]
pub struct Sender {
    client: reqwest::Client,
}

impl Sender {
    pub fn new() -> Sender {
        Sender {
            client: super::outbound_client(ATTEMPT_TIMEOUT),
        }
    }
}

impl Default for Sender {
    fn default() -> Self {
        Sender::new()
    }
}

/// Claims one batch and delivers it; answers how many deliveries were attempted.
pub async fn run_once(state: &AppState, sender: &Sender) -> Result<usize, sqlx::Error> {
    let batch = claim(state).await?;
    let attempted = batch.len();
    deliver_all(state, sender, batch).await;
    Ok(attempted)
}

async fn claim(state: &AppState) -> Result<Vec<Claimed>, sqlx::Error> {
    let now = state.now_ms();
    let mut tx = state.db.begin_write().await?;
    let batch = store::claim(&mut tx, now, now + HOLD_MS, BATCH).await?;
    tx.commit().await?;
    Ok(batch)
}

async fn deliver_all(state: &AppState, sender: &Sender, batch: Vec<Claimed>) {
    futures_util::future::join_all(batch.into_iter().map(|c| deliver(state, sender, c))).await;
}

async fn deliver(state: &AppState, sender: &Sender, claimed: Claimed) {
    let attempt = send(state, sender, &claimed).await;
    let now = state.now_ms();
    let recorded = async {
        let mut tx = state.db.begin_write().await?;
        store::record(&mut tx, claimed.id, &attempt, now).await?;
        tx.commit().await
    };
    if let Err(error) = recorded.await {
        // The hold runs out and the delivery is tried again: at least once, never lost.
        tracing::warn!(%error, delivery = claimed.id, "could not record a webhook attempt");
    }
}

async fn send(state: &AppState, sender: &Sender, claimed: &Claimed) -> Attempt {
    let Some(secret) = state.sealer.open(&claimed.secret_sealed) else {
        return failed(
            state,
            claimed,
            None,
            "the signing secret does not open with this server's key".into(),
        );
    };
    let timestamp = state.now();
    let signature = webhook_signature(
        &secret,
        &claimed.message_id,
        timestamp,
        claimed.payload.as_bytes(),
    );
    let response = sender
        .client
        .post(&claimed.url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header("webhook-id", &claimed.message_id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .body(claimed.payload.clone())
        .send()
        .await;
    match response {
        Ok(response) if response.status().is_success() => Attempt::Delivered {
            status: response.status().as_u16(),
        },
        Ok(response) => {
            let status = response.status();
            failed(
                state,
                claimed,
                Some(status.as_u16()),
                format!("The endpoint answered {status}."),
            )
        }
        Err(error) => failed(state, claimed, None, describe(&error)),
    }
}

fn failed(state: &AppState, claimed: &Claimed, status: Option<u16>, error: String) -> Attempt {
    let failures = u32::try_from(claimed.attempts + 1).unwrap_or(u32::MAX);
    let retry_at = state.now_ms() + retry_delay_ms(failures, rand::random::<f64>());
    Attempt::Failed {
        status,
        error,
        retry_at_ms: (retry_at <= claimed.created_at_ms + RETRY_WINDOW_MS).then_some(retry_at),
    }
}

fn describe(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        "No answer within 10 seconds.".into()
    } else if error.is_connect() {
        "Could not connect to the endpoint.".into()
    } else {
        format!("The request failed: {error}")
    }
}

/// Delivers for as long as the server runs: a new batch whenever one is due and a place is
/// free, waking at once when this instance publishes.
pub fn spawn(state: AppState) -> tokio::task::JoinHandle<()> {
    let sender = Sender::new();
    let places = Arc::new(Semaphore::new(BATCHES_IN_FLIGHT));
    tokio::spawn(async move {
        loop {
            let Ok(place) = places.clone().acquire_owned().await else {
                return;
            };
            match claim(&state).await {
                Ok(batch) if !batch.is_empty() => {
                    let (state, sender) = (state.clone(), sender.clone());
                    tokio::spawn(async move {
                        deliver_all(&state, &sender, batch).await;
                        drop(place);
                    });
                    continue;
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "could not claim webhook deliveries"),
            }
            drop(place);
            tokio::select! {
                () = state.webhook_signal.notified() => {}
                () = tokio::time::sleep(POLL) => {}
            }
        }
    })
}
