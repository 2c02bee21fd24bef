//! A receiver that never answers holds up only its own deliveries: beside it, a healthy
//! webhook endpoint and the e-mail queue keep their pace, and the silent one never has more
//! than its share of deliveries on their way. The real delivery workers run here, as a server
//! runs them; the receivers listen on loopback.

use crate::common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::*;
use portico_api::notifications::Category;
use portico_server::store::outbox::{self, Message, Recipients};
use portico_server::store::sql;
use reqwest::StatusCode;
use serde_json::json;
use tokio::io::AsyncReadExt;

/// Well under the outbound client's 10 s answer timeout, which a worker stuck behind the
/// silent receiver would wait out.
const PROMPTLY: Duration = Duration::from_secs(5);

/// Accepts connections and never answers; tracks how many are open at once.
struct Silent {
    port: u16,
    most_open: Arc<AtomicUsize>,
}

impl Silent {
    async fn start() -> Silent {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let open = Arc::new(AtomicUsize::new(0));
        let most_open = Arc::new(AtomicUsize::new(0));
        let (open_now, most) = (open.clone(), most_open.clone());
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let now = open_now.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                let open_now = open_now.clone();
                tokio::spawn(async move {
                    let mut buffer = [0u8; 4096];
                    // Read until the client gives up and closes; answer nothing.
                    while stream.read(&mut buffer).await.is_ok_and(|n| n > 0) {}
                    open_now.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        Silent { port, most_open }
    }

    fn most_open(&self) -> usize {
        self.most_open.load(Ordering::SeqCst)
    }
}

/// Answers every post at once and counts them.
async fn prompt_receiver() -> (u16, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let count = Arc::new(AtomicUsize::new(0));
    let counted = count.clone();
    let hook = move || {
        let counted = counted.clone();
        async move {
            counted.fetch_add(1, Ordering::SeqCst);
            axum::http::StatusCode::NO_CONTENT
        }
    };
    let app = axum::Router::new().route("/hook", axum::routing::post(hook));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (port, count)
}

async fn endpoint(manager: &Session, port: u16, event_type: &str) -> i64 {
    let created = manager
        .post("/api/webhooks/endpoints")
        .json(&json!({ "url": format!("http://127.0.0.1:{port}/hook"),
            "event_types": [event_type] }))
        .send()
        .await
        .unwrap();
    json(created, StatusCode::CREATED).await["endpoint"]["id"]
        .as_i64()
        .unwrap()
}

/// A backlog of `count` due deliveries to one endpoint, each about its own subject so none
/// waits for another, written as the outbox writes them.
async fn backlog(app: &TestApp, endpoint: i64, event_type: &str, count: usize) {
    let state = app.state();
    let now = state.now_ms();
    let mut tx = state.db.begin_write().await.unwrap();
    for n in 0..count {
        let subject = format!("test:{event_type}:{n}");
        let (event,): (i64,) = sql::query_as(
            "INSERT INTO webhook_events (message_id, event_type, subject, payload, \
             created_at_ms) VALUES ($1, $2, $3, '{}', $4) RETURNING id",
        )
        .bind(format!("msg_{event_type}_{n}"))
        .bind(event_type)
        .bind(&subject)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        sql::query(
            "INSERT INTO webhook_deliveries (endpoint_id, event_id, subject, state, attempts, \
             created_at_ms, next_attempt_at_ms) VALUES ($1, $2, $3, 'pending', 0, $4, $4)",
        )
        .bind(endpoint)
        .bind(event)
        .bind(&subject)
        .bind(now)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
}

async fn wait_for(what: impl Fn() -> bool) -> Duration {
    let started = Instant::now();
    while !what() && started.elapsed() < PROMPTLY * 2 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    started.elapsed()
}

#[tokio::test]
async fn a_silent_webhook_receiver_does_not_delay_a_healthy_one() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let silent = Silent::start().await;
    let (port, received) = prompt_receiver().await;
    let stuck = endpoint(&manager, silent.port, "registration.expired").await;
    let healthy = endpoint(&manager, port, "asset.published").await;
    // The silent endpoint's backlog comes first in the queue.
    backlog(&app, stuck, "registration.expired", 150).await;
    backlog(&app, healthy, "asset.published", 20).await;

    let worker = portico_server::jobs::webhooks::spawn(app.state().clone());
    let took = wait_for(|| received.load(Ordering::SeqCst) == 20).await;
    worker.abort();
    assert_eq!(received.load(Ordering::SeqCst), 20);
    assert!(took < PROMPTLY, "the healthy endpoint waited {took:?}");
    let most = silent.most_open();
    assert!(
        (1..=4).contains(&most),
        "{most} posts at once to the silent endpoint"
    );
}

#[tokio::test]
async fn a_silent_slack_channel_does_not_delay_e_mail() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let northwind = alice.me.organization.as_ref().unwrap().id;
    let silent = Silent::start().await;
    let url = format!("http://127.0.0.1:{}/services/T/B/x", silent.port);
    let connected = alice
        .send(
            reqwest::Method::PUT,
            &format!("/api/organizations/{northwind}/slack"),
        )
        .json(&json!({ "url": url }))
        .send()
        .await
        .unwrap();
    assert_eq!(connected.status(), StatusCode::OK);
    let state = app.state();
    let mut tx = state.db.begin_write().await.unwrap();
    for n in 0..30 {
        let message = Message {
            category: Category::RegistrationDecision,
            to: Recipients::Organization(Some(northwind)),
            registration_id: None,
            subject: format!("Decision {n}"),
            body: "A decision was made.".into(),
            link: None,
        };
        outbox::enqueue(&mut tx, &state.sealer, &message, state.now_ms())
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    let emails = app
        .count("SELECT COUNT(*) FROM outbox_deliveries WHERE channel = 'email'")
        .await;
    assert!(emails >= 30, "{emails} e-mails");

    let worker = portico_server::jobs::notifications::spawn(state.clone());
    let delivered = "SELECT COUNT(*) FROM outbox_deliveries WHERE channel = 'email' \
                     AND state = 'delivered'";
    let started = Instant::now();
    while app.count(delivered).await < emails && started.elapsed() < PROMPTLY * 2 {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let took = started.elapsed();
    worker.abort();
    assert_eq!(app.count(delivered).await, emails);
    assert!(took < PROMPTLY, "the e-mails waited {took:?}");
    let most = silent.most_open();
    assert!(
        (1..=2).contains(&most),
        "{most} posts at once to the silent channel"
    );
}
