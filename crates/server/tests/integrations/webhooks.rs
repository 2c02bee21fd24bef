//! The webhook outbox delivering to a real local receiver that is down at first, across a
//! restart, into and out of the dead letter; endpoint health, and several instances at once.

use super::*;

/// A webhook receiver on a real port: checks each signature itself and keeps what came.
struct Receiver {
    task: tokio::task::JoinHandle<()>,
}

impl Receiver {
    async fn start(port: u16, secret: String, got: Arc<Mutex<Vec<Value>>>) -> Receiver {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .unwrap();
        let kept = got.clone();
        let hook = move |headers: HeaderMap, body: Bytes| {
            let (secret, got) = (secret.clone(), kept.clone());
            async move {
                let header = |name: &str| headers[name].to_str().unwrap().to_owned();
                let key = STANDARD
                    .decode(secret.strip_prefix("whsec_").unwrap())
                    .unwrap();
                let signed = [
                    header("webhook-id").as_bytes(),
                    b".",
                    header("webhook-timestamp").as_bytes(),
                    b".",
                    &body,
                ]
                .concat();
                let expected = format!("v1,{}", STANDARD.encode(mac(&key, &signed)));
                if header("webhook-signature") != expected {
                    return AxumStatus::BAD_REQUEST;
                }
                let mut payload: Value = serde_json::from_slice(&body).unwrap();
                payload["webhook_id"] = header("webhook-id").into();
                got.lock().unwrap().push(payload);
                AxumStatus::NO_CONTENT
            }
        };
        let app = axum::Router::new().route("/hook", axum::routing::post(hook));
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Receiver { task }
    }

    fn stop(self) {
        self.task.abort();
    }
}

async fn free_port() -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    listener.local_addr().unwrap().port()
}

async fn deliver_everything(state: &portico_server::state::AppState) {
    for _ in 0..50 {
        if run_once(state).await.unwrap() == 0 {
            return;
        }
    }
    panic!("deliveries never ran out");
}

async fn move_stage(manager: &Session, opportunity: i64, stage: &str) {
    let response = manager
        .patch(&format!("/api/opportunities/{opportunity}"))
        .json(&json!({ "stage": stage, "criteria_met": [0, 1], "attribution_percent": 100 }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "{}",
        response.text().await.unwrap()
    );
}

#[tokio::test]
async fn webhooks_arrive_once_in_order_despite_a_down_receiver_and_a_restart() {
    let mut app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    let port = free_port().await;
    let created = manager
        .post("/api/webhooks/endpoints")
        .json(&json!({ "url": format!("http://127.0.0.1:{port}/hook"), "description": "CRM sync",
            "event_types": ["registration.submitted", "registration.approved", "opportunity.stage_changed"] }))
        .send()
        .await
        .unwrap();
    let created = json(created, StatusCode::CREATED).await;
    let endpoint = created["endpoint"]["id"].as_i64().unwrap();
    let secret = created["secret"]["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_"));

    let registration = register_deal(&app, &alice, "Hooked Deal", "reseller").await;
    approve(&manager, &registration).await;
    let opportunity = opportunity_of(&app, registration["id"].as_i64().unwrap()).await;
    move_stage(&manager, opportunity, "qualification").await;
    move_stage(&manager, opportunity, "configure_and_quote").await;

    // The receiver is down: every subject's first delivery fails and waits; nothing is lost.
    deliver_everything(app.state()).await;
    let page = json(
        manager
            .get(&format!("/api/webhooks/endpoints/{endpoint}/deliveries"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let deliveries = page["items"].as_array().unwrap();
    assert_eq!(deliveries.len(), 4);
    assert!(deliveries.iter().all(|d| d["state"] == "pending"));
    let tried: Vec<_> = deliveries.iter().filter(|d| d["attempts"] == 1).collect();
    assert_eq!(
        tried.len(),
        2,
        "only the first of each subject was tried: {deliveries:?}"
    );
    assert!(tried.iter().all(|d| {
        d["last_error"]
            .as_str()
            .is_some_and(|e| e.contains("connect"))
    }));
    let health = json(
        manager
            .get(&format!("/api/webhooks/endpoints/{endpoint}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(health["health"]["failing"], true);

    // The server restarts; another instance on the same database finds the queue as it was.
    app.stop().await;
    let restarted = app.another_instance().await;
    let got = Arc::new(Mutex::new(Vec::new()));
    let receiver = Receiver::start(port, secret.clone(), got.clone()).await;
    app.clock.advance(60);
    deliver_everything(&restarted.state).await;
    let received = got.lock().unwrap().clone();
    let ids: Vec<&str> = received
        .iter()
        .map(|p| p["webhook_id"].as_str().unwrap())
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        (ids.len(), unique.len()),
        (4, 4),
        "each event exactly once: {ids:?}"
    );
    let by_subject = |prefix: &str| -> Vec<String> {
        received
            .iter()
            .filter(|p| p["type"].as_str().unwrap().starts_with(prefix))
            .map(|p| {
                format!(
                    "{}:{}",
                    p["type"].as_str().unwrap(),
                    p["data"]["to_stage"].as_str().unwrap_or("")
                )
            })
            .collect()
    };
    assert_eq!(
        by_subject("registration"),
        ["registration.submitted:", "registration.approved:"]
    );
    assert_eq!(
        by_subject("opportunity"),
        [
            "opportunity.stage_changed:qualification",
            "opportunity.stage_changed:configure_and_quote"
        ]
    );
    assert_eq!(received[0]["data"]["company_name"], "Hooked Deal");

    // Down for more than a day: the next event goes to the dead letter, and a replay sends it.
    receiver.stop();
    let manager = manager.against(restarted.addr);
    move_stage(&manager, opportunity, "transact").await;
    app.clock.advance(25 * 3600);
    deliver_everything(&restarted.state).await;
    let manager = Session::sign_in(&format!("http://{}", restarted.addr), MANAGER).await;
    let dead = json(
        manager
            .get(&format!(
                "/api/webhooks/endpoints/{endpoint}/deliveries?state=dead"
            ))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(dead["items"].as_array().unwrap().len(), 1);
    let receiver = Receiver::start(port, secret, got.clone()).await;
    let replayed = manager
        .post(&format!("/api/webhooks/endpoints/{endpoint}/replay"))
        .send()
        .await
        .unwrap();
    assert_eq!(json(replayed, StatusCode::OK).await["replayed"], 1);
    deliver_everything(&restarted.state).await;
    let last = got.lock().unwrap().last().cloned().unwrap();
    assert_eq!(last["data"]["to_stage"], "transact");
    assert_eq!(last["webhook_id"], dead["items"][0]["message_id"]);
    let endpoint_view = json(
        manager
            .get(&format!("/api/webhooks/endpoints/{endpoint}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(endpoint_view["health"]["dead"], 0);
    assert_eq!(endpoint_view["health"]["failing"], false);
    let replays: (i64,) =
        sql::query_as("SELECT COUNT(*) FROM audit_log WHERE action = 'webhook_endpoint.replayed'")
            .fetch_one(restarted.state.db.pool())
            .await
            .unwrap();
    assert_eq!(replays.0, 1);
    receiver.stop();
    restarted.stop().await.unwrap();
}

#[tokio::test]
async fn endpoint_health_reports_latency_and_the_target() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let port = free_port().await;
    let created = manager
        .post("/api/webhooks/endpoints")
        .json(&json!({ "url": format!("http://127.0.0.1:{port}/hook"),
            "event_types": ["asset.published"], "sla_seconds": 5, "sla_percent": 95 }))
        .send()
        .await
        .unwrap();
    let created = json(created, StatusCode::CREATED).await;
    let endpoint = created["endpoint"]["id"].as_i64().unwrap();
    let got = Arc::new(Mutex::new(Vec::new()));
    let receiver = Receiver::start(
        port,
        created["secret"]["secret"].as_str().unwrap().into(),
        got.clone(),
    )
    .await;
    let drafts: Vec<(i64,)> = sql::query_as("SELECT id FROM assets WHERE state = 'draft'")
        .fetch_all(app.state().db.pool())
        .await
        .unwrap();
    let draft = drafts[0].0;
    let published = manager
        .post(&format!("/api/assets/{draft}/publish"))
        .send()
        .await
        .unwrap();
    json(published, StatusCode::OK).await;
    deliver_everything(app.state()).await;
    assert_eq!(got.lock().unwrap()[0]["type"], "asset.published");
    let view = json(
        manager
            .get(&format!("/api/webhooks/endpoints/{endpoint}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let health = &view["health"];
    assert_eq!(health["delivered"], 1);
    assert_eq!(health["within_target_percent"], 100.0);
    assert_eq!(health["breaching"], false);
    assert!(health["p50_ms"].as_u64().is_some() && health["p95_ms"].as_u64().is_some());

    let mut counts = HashMap::new();
    for row in got.lock().unwrap().iter() {
        *counts.entry(row["webhook_id"].to_string()).or_insert(0) += 1;
    }
    assert!(counts.values().all(|n| *n == 1));
    let bad = manager
        .post("/api/webhooks/endpoints")
        .json(&json!({ "url": "ftp://example.com/hook", "event_types": [] }))
        .send()
        .await
        .unwrap();
    let (code, body) = error(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(code, "validation_failed");
    assert!(
        body["error"]["fields"]["url"]
            .as_str()
            .unwrap()
            .contains("https")
    );
    assert!(body["error"]["fields"]["event_types"].is_string());
    receiver.stop();
}

/// An endpoint for `event_type` and its receiver, up and checking signatures.
async fn subscribed(manager: &Session, event_type: &str) -> (Receiver, Arc<Mutex<Vec<Value>>>) {
    let port = free_port().await;
    let created = manager
        .post("/api/webhooks/endpoints")
        .json(&json!({ "url": format!("http://127.0.0.1:{port}/hook"),
            "event_types": [event_type] }))
        .send()
        .await
        .unwrap();
    let secret = json(created, StatusCode::CREATED).await["secret"]["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    let got = Arc::new(Mutex::new(Vec::new()));
    (Receiver::start(port, secret, got.clone()).await, got)
}

#[tokio::test]
async fn expired_protection_reaches_subscribed_endpoints() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    let (receiver, got) = subscribed(&manager, "registration.expired").await;
    let registration = register_deal(&app, &alice, "Lapsing Deal", "reseller").await;
    approve(&manager, &registration).await;

    app.clock.advance(200 * 86_400);
    portico_server::jobs::registrations::run_once(app.state())
        .await
        .unwrap();
    deliver_everything(app.state()).await;
    let got = got.lock().unwrap().clone();
    let ours: Vec<&Value> = got
        .iter()
        .filter(|p| p["data"]["registration_id"] == registration["id"])
        .collect();
    assert_eq!(ours.len(), 1, "{got:?}");
    assert_eq!(ours[0]["type"], "registration.expired");
    assert_eq!(ours[0]["data"]["status"], "expired");
    assert!(got.iter().all(|p| p["type"] == "registration.expired"));
    receiver.stop();
}

#[tokio::test]
async fn two_instances_deliver_each_event_once() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let (receiver, got) = subscribed(&manager, "asset.published").await;
    let state = app.state();
    let assets: Vec<(i64,)> = sql::query_as("SELECT id FROM assets ORDER BY id")
        .fetch_all(state.db.pool())
        .await
        .unwrap();
    let mut tx = state.db.begin_write().await.unwrap();
    for _ in 0..2 {
        for (id,) in &assets {
            portico_server::store::webhooks::publish_asset(&mut tx, *id, state.now_ms())
                .await
                .unwrap();
        }
    }
    tx.commit().await.unwrap();

    let other = app.another_instance().await;
    loop {
        let (a, b) = tokio::join!(run_once(state), run_once(&other.state));
        if a.unwrap() + b.unwrap() == 0 {
            break;
        }
    }
    let got = got.lock().unwrap().clone();
    let mut ids: Vec<&str> = got
        .iter()
        .map(|p| p["webhook_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), assets.len() * 2);
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), assets.len() * 2, "no event twice");
    receiver.stop();
    other.stop().await.unwrap();
}
