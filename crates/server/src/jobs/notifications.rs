//! Delivery of the notification outbox: claims due deliveries, sends each as an e-mail or a
//! Slack post, and records the outcome. Any number of instances can run it: a claim holds a
//! delivery for a while, and a worker that dies mid-way loses only its hold.

use std::time::Duration;

use portico_api::notifications::{Category, Channel};

use crate::domain::backoff::retry_delay_ms;
use crate::domain::notice::{Notice, unsubscribe_query};
use crate::mail::Email;
use crate::state::AppState;
use crate::store::deliveries::{self as store, Claimed, Outcome, RETRY_WINDOW_MS};

const BATCH: i64 = 16;
/// Longer than an SMTP conversation or a Slack post can take.
const HOLD_MS: i64 = 60_000;
const SLACK_TIMEOUT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_secs(1);

/// Posts to Slack; one per process, sharing its connections.
#[derive(Clone)]
pub struct Sender {
    client: reqwest::Client,
}

impl Sender {
    pub fn new() -> Sender {
        Sender {
            client: super::outbound_client(SLACK_TIMEOUT),
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
    let now = state.now_ms();
    let mut tx = state.db.begin_write().await?;
    let batch = store::claim(&mut tx, now, now + HOLD_MS, BATCH).await?;
    tx.commit().await?;
    let attempted = batch.len();
    futures_util::future::join_all(batch.into_iter().map(|c| deliver(state, sender, c))).await;
    Ok(attempted)
}

async fn deliver(state: &AppState, sender: &Sender, claimed: Claimed) {
    let outcome = match send(state, sender, &claimed).await {
        Ok(()) => Outcome::Delivered,
        Err(error) => failed(state, &claimed, error),
    };
    let now = state.now_ms();
    let recorded = async {
        let mut tx = state.db.begin_write().await?;
        store::record(&mut tx, claimed.id, &outcome, now).await?;
        tx.commit().await
    };
    if let Err(error) = recorded.await {
        // The hold runs out and the delivery is tried again: at least once, never lost.
        tracing::warn!(%error, delivery = claimed.id, "could not record a message delivery");
    }
}

async fn send(state: &AppState, sender: &Sender, claimed: &Claimed) -> Result<(), String> {
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
            state.mailer.send(&email).await
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
            post_to_slack(sender, &url, &payload).await
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
    sender: &Sender,
    url: &str,
    payload: &serde_json::Value,
) -> Result<(), String> {
    let response = sender
        .client
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(payload.to_string())
        .send()
        .await;
    match response {
        Ok(response) if response.status().is_success() => Ok(()),
        Ok(response) => Err(format!("Slack answered {}.", response.status())),
        Err(error) if error.is_timeout() => Err("Slack did not answer within 10 seconds.".into()),
        Err(error) if error.is_connect() => Err("Could not connect to Slack.".into()),
        Err(error) => Err(format!("The request to Slack failed: {error}")),
    }
}

fn failed(state: &AppState, claimed: &Claimed, error: String) -> Outcome {
    let failures = u32::try_from(claimed.attempts + 1).unwrap_or(u32::MAX);
    let retry_at = state.now_ms() + retry_delay_ms(failures, rand::random::<f64>());
    Outcome::Failed {
        error,
        retry_at_ms: (retry_at <= claimed.created_at_ms + RETRY_WINDOW_MS).then_some(retry_at),
    }
}

/// Delivers for as long as the server runs, polling for due deliveries.
pub fn spawn(state: AppState) -> tokio::task::JoinHandle<()> {
    let sender = Sender::new();
    tokio::spawn(async move {
        loop {
            match run_once(&state, &sender).await {
                Ok(attempted) if attempted > 0 => continue,
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "could not claim message deliveries"),
            }
            tokio::time::sleep(POLL).await;
        }
    })
}
