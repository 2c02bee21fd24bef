//! The machine both delivery queues run on (webhooks; e-mail and Slack). Due deliveries are
//! claimed while there is room, each is sent on its own task and its outcome recorded as soon
//! as it is known, so a slow receiver holds only its own deliveries. How many deliveries to
//! one target may be on their way at once is decided by the claim, in SQL, so that it holds
//! across instances. Any number of instances can run a queue: a claim holds a delivery for a
//! while, and a worker that dies mid-way loses only its hold.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, Semaphore};

use crate::domain::backoff::{RETRY_WINDOW_MS, retry_delay_ms};
use crate::state::AppState;
use crate::store::StoreError;

pub trait Queue: Send + Sync + 'static {
    type Item: Send + 'static;
    /// For logs.
    const NAME: &'static str;
    /// Deliveries one claim takes at most.
    const BATCH: usize;
    /// Deliveries of this queue on their way at once in this process.
    const IN_FLIGHT: usize;
    /// How often to look for retries that came due or work another instance published.
    const POLL: Duration;

    /// Takes up to `limit` due deliveries.
    fn claim(
        &self,
        state: &AppState,
        limit: usize,
    ) -> impl Future<Output = Result<Vec<Self::Item>, StoreError>> + Send;

    /// Sends one delivery and records how it went.
    fn deliver(&self, state: &AppState, item: Self::Item) -> impl Future<Output = ()> + Send;
}

/// Claims one batch and delivers it, waiting for every outcome; answers how many deliveries
/// were attempted.
pub async fn run_once<Q: Queue>(state: &AppState, queue: &Q) -> Result<usize, StoreError> {
    let batch = queue.claim(state, Q::BATCH).await?;
    let attempted = batch.len();
    futures_util::future::join_all(batch.into_iter().map(|item| queue.deliver(state, item))).await;
    Ok(attempted)
}

/// Delivers for as long as the server runs: claims whenever a place is free and work is due,
/// looking again at once when `wake` is notified or a delivery finishes (which frees its
/// target's share), else every `Q::POLL`.
pub fn spawn<Q: Queue>(
    state: AppState,
    queue: Q,
    wake: Option<Arc<Notify>>,
) -> tokio::task::JoinHandle<()> {
    let queue = Arc::new(queue);
    let places = Arc::new(Semaphore::new(Q::IN_FLIGHT));
    let finished = Arc::new(Notify::new());
    tokio::spawn(async move {
        loop {
            let Ok(first) = Arc::clone(&places).acquire_owned().await else {
                return;
            };
            let mut permits = vec![first];
            while permits.len() < Q::BATCH {
                match Arc::clone(&places).try_acquire_owned() {
                    Ok(permit) => permits.push(permit),
                    Err(_) => break,
                }
            }
            let claimed = match queue.claim(&state, permits.len()).await {
                Ok(batch) => batch,
                Err(error) => {
                    tracing::warn!(%error, queue = Q::NAME, "could not claim deliveries");
                    Vec::new()
                }
            };
            let busy = !claimed.is_empty();
            for (item, permit) in claimed.into_iter().zip(permits) {
                let (state, queue, finished) =
                    (state.clone(), Arc::clone(&queue), Arc::clone(&finished));
                tokio::spawn(async move {
                    queue.deliver(&state, item).await;
                    drop(permit);
                    finished.notify_one();
                });
            }
            if !busy {
                idle(wake.as_deref(), &finished, Q::POLL).await;
            }
        }
    })
}

async fn idle(wake: Option<&Notify>, finished: &Notify, poll: Duration) {
    let woken = async {
        match wake {
            Some(wake) => wake.notified().await,
            None => std::future::pending().await,
        }
    };
    tokio::select! {
        () = woken => {}
        () = finished.notified() => {}
        () = tokio::time::sleep(poll) => {}
    }
}

/// When a failed delivery is tried again: after a growing, jittered pause, unless the failure
/// is permanent or the retry window has passed (then `None`: the dead letter).
pub fn next_attempt_ms(
    state: &AppState,
    attempts_before: i64,
    created_at_ms: i64,
    permanent: bool,
) -> Option<i64> {
    if permanent {
        return None;
    }
    let failures = u32::try_from(attempts_before + 1).unwrap_or(u32::MAX);
    let retry_at = state.now_ms() + retry_delay_ms(failures, rand::random::<f64>());
    (retry_at <= created_at_ms + RETRY_WINDOW_MS).then_some(retry_at)
}

/// Records an outcome in its own short write, logging (not failing) when it cannot: the hold
/// then runs out and the delivery is tried again, at least once and never lost.
pub async fn record<F, Fut>(state: &AppState, what: &'static str, id: i64, write: F)
where
    F: FnOnce(crate::store::WriteTx) -> Fut,
    Fut: Future<Output = Result<(), StoreError>>,
{
    let recorded = async {
        let tx = state.db.begin_write().await?;
        write(tx).await
    };
    if let Err(error) = recorded.await {
        tracing::warn!(%error, delivery = id, queue = what, "could not record a delivery attempt");
    }
}
