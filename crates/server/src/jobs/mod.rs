//! Background loops. Each pass is idempotent and safe to run on several instances at once.

pub mod announcements;
pub mod certifications;
pub mod channel_data;
pub mod delivery;
pub mod incentives;
pub mod notifications;
pub mod registrations;
pub mod tiers;
pub mod webhooks;

use std::future::Future;
use std::time::Duration;

use crate::domain::session_lifetime::IDLE_SECS;
use crate::domain::throttle::LONGEST_WINDOW_SECS;
use crate::state::AppState;
use crate::store::StoreError;
use crate::store::{pending_sign_ins, sessions, sign_in_links, throttles};

const HOUSEKEEPING_EVERY: Duration = Duration::from_secs(10 * 60);
const REGISTRATION_TIMERS_EVERY: Duration = Duration::from_secs(60);
const ANNOUNCEMENTS_EVERY: Duration = Duration::from_secs(15);
const TIERS_EVERY: Duration = Duration::from_secs(6 * 60 * 60);
const CERTIFICATION_REMINDERS_EVERY: Duration = Duration::from_secs(6 * 60 * 60);
const HELD_EARNINGS_EVERY: Duration = Duration::from_secs(60 * 60);

/// Forgets dead sessions, attempts too old to count against any limit, and expired sign-in links
/// and pending sign-ins, so those tables stay small.
pub async fn housekeeping_once(state: &AppState) -> Result<(), StoreError> {
    let now = state.now();
    let db = &state.db;
    let purged = db
        .write(async |conn| sessions::purge_dead(conn, now, now - IDLE_SECS).await)
        .await?;
    throttles::forget_before(db, now - LONGEST_WINDOW_SECS).await?;
    db.write(async |conn| sign_in_links::forget_before(conn, now).await)
        .await?;
    db.write(async |conn| pending_sign_ins::forget_before(conn, now).await)
        .await?;
    tracing::debug!(purged, "housekeeping done");
    Ok(())
}

/// Starts every background loop; they run now and then for as long as the server runs.
pub fn spawn_all(state: AppState) -> Vec<tokio::task::JoinHandle<()>> {
    vec![
        spawn_every(
            "housekeeping",
            HOUSEKEEPING_EVERY,
            state.clone(),
            |s| async move { housekeeping_once(&s).await },
        ),
        spawn_every(
            "registration timers",
            REGISTRATION_TIMERS_EVERY,
            state.clone(),
            |s| async move { registrations::run_once(&s).await },
        ),
        spawn_every(
            "scheduled announcements",
            ANNOUNCEMENTS_EVERY,
            state.clone(),
            |s| async move { announcements::run_once(&s).await.map(drop) },
        ),
        spawn_every(
            "tier evaluation",
            TIERS_EVERY,
            state.clone(),
            |s| async move { tiers::run_once(&s).await },
        ),
        spawn_every(
            "certification reminders",
            CERTIFICATION_REMINDERS_EVERY,
            state.clone(),
            |s| async move { certifications::run_once(&s).await },
        ),
        spawn_every(
            "held earnings",
            HELD_EARNINGS_EVERY,
            state.clone(),
            |s| async move { incentives::run_once(&s).await },
        ),
        notifications::spawn(state.clone()),
        channel_data::spawn(state.clone()),
        webhooks::spawn(state),
    ]
}

fn spawn_every<F, Fut, E>(
    name: &'static str,
    period: Duration,
    state: AppState,
    pass: F,
) -> tokio::task::JoinHandle<()>
where
    F: Fn(AppState) -> Fut + Send + 'static,
    Fut: Future<Output = Result<(), E>> + Send,
    E: std::fmt::Display,
{
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(period);
        loop {
            ticker.tick().await;
            if let Err(error) = pass(state.clone()).await {
                tracing::warn!(%error, job = name, "background job failed; will retry");
            }
        }
    })
}
