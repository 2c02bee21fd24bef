//! Delivery of the notification outbox: claims due deliveries, sends each as an e-mail or a
//! Slack post, and records the outcome.

use std::time::Duration;

use portico_api::notifications::{Category, Channel};

use super::delivery::{self, Queue};
use crate::domain::notice::{Notice, unsubscribe_query};
use crate::mail::Email;
use crate::state::AppState;
use crate::store::StoreError;
use crate::store::deliveries::{self as store, Claimed, Outcome};

/// Longer than an SMTP conversation or a Slack post can take.
const HOLD_MS: i64 = 60_000;
/// Posts to one Slack channel on their way at once, across instances.
const PER_SLACK_CHANNEL: i64 = 2;
/// E-mails on their way at once, across instances: they all go to one SMTP server.
const EMAILS_AT_ONCE: i64 = 8;

/// The e-mail and Slack queue.
pub struct Notifications;

impl Queue for Notifications {
    type Item = Claimed;
    const NAME: &'static str = "notifications";
    const BATCH: usize = 16;
    const IN_FLIGHT: usize = 32;
    const POLL: Duration = Duration::from_secs(1);

    async fn claim(&self, state: &AppState, limit: usize) -> Result<Vec<Claimed>, StoreError> {
        let now = state.now_ms();
        let limits = store::TargetLimits {
            slack_channel: PER_SLACK_CHANNEL,
            email: EMAILS_AT_ONCE,
        };
        let mut tx = state.db.begin_write().await?;
        let batch = store::claim(&mut tx, now, now + HOLD_MS, limit as i64, limits).await?;
        tx.commit().await?;
        Ok(batch)
    }

    async fn deliver(&self, state: &AppState, claimed: Claimed) {
        let outcome = match send(state, &claimed).await {
            Ok(()) => Outcome::Delivered,
            Err(failure) => Outcome::Failed {
                retry_at_ms: delivery::next_attempt_ms(
                    state,
                    claimed.attempts,
                    claimed.created_at_ms,
                    failure.permanent,
                ),
                error: failure.error,
            },
        };
        let now = state.now_ms();
        delivery::record(state, Self::NAME, claimed.id, |mut tx| async move {
            store::record(&mut tx, claimed.id, &outcome, now).await?;
            tx.commit().await
        })
        .await;
    }
}

/// Claims one batch and delivers it; answers how many deliveries were attempted.
pub async fn run_once(state: &AppState) -> Result<usize, StoreError> {
    delivery::run_once(state, &Notifications).await
}

/// Delivers for as long as the server runs, waking at once when this instance writes to the
/// outbox.
pub fn spawn(state: AppState) -> tokio::task::JoinHandle<()> {
    let wake = state.outbox_signal.clone();
    delivery::spawn(state, Notifications, Some(wake))
}

/// Why a delivery failed, and whether trying again could help.
struct SendError {
    error: String,
    permanent: bool,
}

impl From<&str> for SendError {
    fn from(error: &str) -> Self {
        SendError {
            error: error.to_owned(),
            permanent: false,
        }
    }
}

impl From<String> for SendError {
    fn from(error: String) -> Self {
        SendError {
            error,
            permanent: false,
        }
    }
}

async fn send(state: &AppState, claimed: &Claimed) -> Result<(), SendError> {
    let category = Category::parse(&claimed.category)
        .ok_or_else(|| format!("Unknown category {}.", claimed.category))?;
    let link = match &claimed.link_sealed {
        Some(sealed) => Some(absolute(
            state,
            &state
                .sealer
                .open(sealed)
                .ok_or("The link does not open with this server's key.")?,
        )),
        None => None,
    };
    let channel = Channel::parse(&claimed.channel)
        .ok_or_else(|| format!("Unknown channel {}.", claimed.channel))?;
    match channel {
        Channel::Email => {
            let to = claimed
                .email
                .as_deref()
                .ok_or("The delivery has no address.")?;
            let query = claimed
                .user_id
                .filter(|_| category.choosable())
                .map(|user| unsubscribe_query(&state.tokens, user, category));
            let page = query
                .as_ref()
                .map(|q| absolute(state, &format!("/unsubscribe?{q}")));
            let one_click = query.map(|q| absolute(state, &format!("/api/unsubscribe?{q}")));
            let email = Email {
                to,
                notice: notice(claimed, category, link.as_deref(), page.as_deref()),
                id: &format!("portico-message-{}", claimed.id),
                one_click_unsubscribe: one_click.as_deref(),
            };
            state.mailer.send(&email).await.map_err(SendError::from)
        }
        Channel::Slack => {
            let sealed = claimed
                .slack_url_sealed
                .as_deref()
                .ok_or("The organization disconnected its Slack channel.")?;
            let url = state
                .sealer
                .open(sealed)
                .ok_or("The Slack URL does not open with this server's key.")?;
            let payload = notice(claimed, category, link.as_deref(), None).slack();
            post_to_slack(state, &url, &payload).await
        }
    }
}

fn notice<'a>(
    claimed: &'a Claimed,
    category: Category,
    link: Option<&'a str>,
    unsubscribe: Option<&'a str>,
) -> Notice<'a> {
    Notice {
        category,
        subject: &claimed.subject,
        body: &claimed.body,
        link,
        unsubscribe,
    }
}

fn absolute(state: &AppState, path: &str) -> String {
    format!("{}{path}", state.public_url)
}

async fn post_to_slack(
    state: &AppState,
    url: &str,
    payload: &serde_json::Value,
) -> Result<(), SendError> {
    match state
        .outbound
        .post_json(url, &[], payload.to_string())
        .await
    {
        Ok(_) => Ok(()),
        Err(failure) => Err(SendError {
            error: failure.describe("Slack"),
            permanent: failure.is_permanent(),
        }),
    }
}
