//! CRM integrations over real HTTP: signed card URLs, HubSpot's v3 card fetch, Salesforce
//! Canvas, framing headers, CRM events (idempotent, ordered), and the webhook outbox delivering
//! to a real local receiver that is down at first, across a restart, into and out of the dead
//! letter. Signatures are checked here with an implementation independent of the server's.

use crate::common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode as AxumStatus};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use common::*;
use hmac::{Hmac, Mac};
use portico_server::jobs::webhooks::run_once;
use portico_server::store::sql;
use reqwest::StatusCode;
use serde_json::{Value, json};
use sha2::Sha256;

fn mac(key: &[u8], message: &[u8]) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(message);
    mac.finalize().into_bytes().to_vec()
}

/// Path and query of a URL the server made with its public URL.
fn local(url: &str) -> &str {
    url.strip_prefix("http://127.0.0.1").expect("a portal URL")
}

async fn opportunity_of(app: &TestApp, registration_id: i64) -> i64 {
    let (id,): (i64,) = sql::query_as("SELECT id FROM opportunities WHERE registration_id = $1")
        .bind(registration_id)
        .fetch_one(app.state().db.pool())
        .await
        .unwrap();
    id
}

/// The card URL scheme the README documents, computed here: hex HMAC of `path?exp=…`.
fn card_signature(secret: &str, path: &str, exp: i64) -> String {
    hex::encode(mac(
        secret.as_bytes(),
        format!("{path}?exp={exp}").as_bytes(),
    ))
}

/// A card fetched anonymously, as a CRM frame would, by a URL signed here.
async fn hand_signed_card(app: &TestApp, secret: &str, path: &str, exp: i64) -> reqwest::Response {
    let sig = card_signature(secret, path, exp);
    app.anonymous()
        .get(app.url(&format!("{path}?exp={exp}&sig={sig}")))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn signed_card_urls_show_the_deal_only_when_signed_and_fresh() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    let secret = integration_secret(
        &manager,
        "hubspot",
        json!({ "frame_origins": ["https://app.hubspot.com"] }),
    )
    .await;
    let registration = register_deal(&app, &alice, "Card Testers", "reseller").await;
    approve(&manager, &registration).await;
    let opportunity = opportunity_of(&app, registration["id"].as_i64().unwrap()).await;

    let link = manager
        .post("/api/integrations/hubspot/card-links")
        .json(&json!({ "subject": { "opportunity": opportunity }, "valid_days": 7 }))
        .send()
        .await
        .unwrap();
    let link = json(link, StatusCode::OK).await;
    let url = link["url"].as_str().unwrap();
    let card = app
        .anonymous()
        .get(app.url(local(url)))
        .send()
        .await
        .unwrap();
    assert_eq!(card.status(), StatusCode::OK);
    let csp = card.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("frame-ancestors https://app.hubspot.com"),
        "{csp}"
    );
    assert!(!card.headers().contains_key("x-frame-options"));
    assert_eq!(card.headers()["cache-control"], "no-store");
    let html = card.text().await.unwrap();
    assert!(html.contains("Card Testers"));
    assert!(html.contains("Northwind"), "the partner is named");
    assert!(html.contains("Protected until"));
    assert!(html.contains(&format!("/opportunities/{opportunity}")));
    assert!(!html.contains("<script"));
    assert!(html.len() < 20 * 1024, "{} bytes", html.len());

    let path = format!("/embed/deals/{opportunity}");
    let exp = app.state().now() + 600;
    let sig = card_signature(&secret, &path, exp);
    let ours = hand_signed_card(&app, &secret, &path, exp).await;
    assert_eq!(ours.status(), StatusCode::OK);

    let refused = |query: String| {
        let client = app.anonymous();
        let url = app.url(&format!("{path}?{query}"));
        async move {
            let response = client.get(url).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
            let html = response.text().await.unwrap();
            assert!(
                !html.contains("Card Testers") && !html.contains("Northwind"),
                "{html}"
            );
            html
        }
    };
    let mut tampered = sig.clone();
    tampered.replace_range(0..1, if sig.starts_with('0') { "1" } else { "0" });
    refused(format!("exp={exp}&sig={tampered}")).await;
    refused(format!("exp={}&sig={sig}", exp + 1)).await;
    refused(format!("exp={exp}")).await;
    app.clock.advance(601);
    let expired = refused(format!("exp={exp}&sig={sig}")).await;
    assert!(expired.contains("expired"));

    // Rotating the secret retires every link signed with the old one.
    manager
        .post("/api/integrations/hubspot/secret")
        .send()
        .await
        .unwrap();
    let old = app
        .anonymous()
        .get(app.url(local(url)))
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED);

    // Partners cannot make links or see integrations.
    for path in ["/api/integrations", "/api/webhooks/endpoints"] {
        let response = alice.get(path).send().await.unwrap();
        error(response, StatusCode::FORBIDDEN).await;
    }
    let response = alice
        .post("/api/integrations/hubspot/card-links")
        .json(&json!({ "subject": { "opportunity": opportunity }, "valid_days": 7 }))
        .send()
        .await
        .unwrap();
    error(response, StatusCode::FORBIDDEN).await;
}

#[tokio::test]
async fn every_other_page_refuses_to_be_framed() {
    let app = TestApp::start().await;
    for path in ["/healthz", "/api/me", "/login"] {
        let response = app.anonymous().get(app.url(path)).send().await.unwrap();
        assert_eq!(response.headers()["x-frame-options"], "DENY", "{path}");
        let csp = response.headers()["content-security-policy"]
            .to_str()
            .unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
    }
}

#[tokio::test]
async fn cards_name_the_competing_claim_for_vendor_staff() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let (alice, bob) = (app.sign_in(ALICE).await, app.sign_in(BOB).await);
    let secret = integration_secret(
        &manager,
        "salesforce",
        json!({ "frame_origins": [], "app_secret": "sf-consumer" }),
    )
    .await;
    register_deal(&app, &bob, "Contested Corp", "reseller").await;
    let second = register_deal(&app, &alice, "Contested Corp", "reseller").await;
    let path = format!("/embed/registrations/{}", second["id"]);
    let card = hand_signed_card(&app, &secret, &path, app.state().now() + 60).await;
    assert_eq!(card.status(), StatusCode::OK);
    let csp = card.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("frame-ancestors 'none'"),
        "no origin configured: {csp}"
    );
    let html = card.text().await.unwrap();
    assert!(html.contains("Conflict:"), "{html}");
    assert!(
        html.contains("Globex"),
        "the competing partner is named: {html}"
    );
    assert!(html.contains("None while submitted"));
}

/// Sets the integration up and links CRM deal `crm_deal_id` to a newly approved deal of
/// `company`, through a CRM event.
async fn linked_deal(
    app: &TestApp,
    system: &str,
    settings: Value,
    company: &str,
    crm_deal_id: &str,
) {
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    let secret = integration_secret(&manager, system, settings).await;
    let registration = register_deal(app, &alice, company, "reseller").await;
    approve(&manager, &registration).await;
    let link = json!({ "events": [{ "id": format!("link-{crm_deal_id}"),
        "occurred_at": "2026-11-01T10:00:00Z", "crm_deal_id": crm_deal_id, "type": "deal.linked",
        "registration_id": registration["id"] }] });
    assert_eq!(
        send_events(app, &secret, &link).await[0]["outcome"],
        "applied"
    );
}

#[tokio::test]
async fn hubspot_card_fetches_need_a_fresh_v3_signature() {
    let app = TestApp::start().await;
    let settings =
        json!({ "frame_origins": ["https://app.hubspot.com"], "app_secret": "hs-client-secret" });
    linked_deal(&app, "hubspot", settings, "Hub Deal", "9001").await;

    let path = "/api/integrations/hubspot/card?associatedObjectId=9001&associatedObjectType=DEAL&portalId=62515";
    let fetch = |secret: &'static str, age_ms: i64| {
        let timestamp = (app.state().now() * 1000 - age_ms).to_string();
        // HubSpot signs method + the URI it called + body + timestamp.
        let signed = format!("GET{}{path}{timestamp}", "http://127.0.0.1");
        let signature = STANDARD.encode(mac(secret.as_bytes(), signed.as_bytes()));
        app.anonymous()
            .get(app.url(path))
            .header("X-HubSpot-Signature-v3", signature)
            .header("X-HubSpot-Request-Timestamp", timestamp)
            .send()
    };
    let card = json(
        fetch("hs-client-secret", 1_000).await.unwrap(),
        StatusCode::OK,
    )
    .await;
    let result = &card["results"][0];
    assert_eq!(result["objectId"], "9001");
    assert_eq!(result["title"], "Hub Deal");
    let labels: Vec<&str> = result["properties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"Partner") && labels.contains(&"Protection"),
        "{labels:?}"
    );
    assert!(
        result["properties"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["dataType"] == "STRING")
    );
    let action = &result["actions"][0];
    assert_eq!(action["type"], "IFRAME");
    let frame = app
        .anonymous()
        .get(app.url(local(action["uri"].as_str().unwrap())))
        .send()
        .await
        .unwrap();
    assert_eq!(frame.status(), StatusCode::OK);
    assert!(frame.text().await.unwrap().contains("Hub Deal"));

    error(
        fetch("wrong-secret", 1_000).await.unwrap(),
        StatusCode::UNAUTHORIZED,
    )
    .await;
    error(
        fetch("hs-client-secret", 6 * 60 * 1000).await.unwrap(),
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let unsigned = app.anonymous().get(app.url(path)).send().await.unwrap();
    error(unsigned, StatusCode::UNAUTHORIZED).await;
}

#[tokio::test]
async fn salesforce_canvas_requests_open_the_linked_deal() {
    let app = TestApp::start().await;
    let settings =
        json!({ "frame_origins": ["https://*.lightning.force.com"], "app_secret": "sf-consumer" });
    linked_deal(&app, "salesforce", settings, "Force Deal", "006AB").await;

    // `issuedAt` as a real Salesforce request carries it: not a Unix time, so not checked.
    let canvas = |consumer_secret: &str| {
        let context = STANDARD.encode(
            json!({ "algorithm": "HMACSHA256", "issuedAt": -1_882_588_807,
                "userId": "005i0000001P83xAAC", "context": { "environment": {
                "record": { "attributes": { "type": "Opportunity" }, "Id": "006AB" } } } })
            .to_string(),
        );
        let signature = STANDARD.encode(mac(consumer_secret.as_bytes(), context.as_bytes()));
        app.anonymous()
            .post(app.url("/embed/salesforce"))
            .form(&[("signed_request", format!("{signature}.{context}"))])
            .send()
    };
    let card = canvas("sf-consumer").await.unwrap();
    assert_eq!(card.status(), StatusCode::OK);
    let csp = card.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("frame-ancestors https://*.lightning.force.com"),
        "{csp}"
    );
    assert!(card.text().await.unwrap().contains("Force Deal"));
    let refused = canvas("another-secret").await.unwrap();
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    assert!(!refused.text().await.unwrap().contains("Force Deal"));
}

/// Posts CRM events signed per Standard Webhooks with the integration secret as the key.
async fn send_events(app: &TestApp, secret: &str, batch: &Value) -> Vec<Value> {
    let response = signed_events(app, secret, batch, app.state().now()).await;
    json(response, StatusCode::OK).await["results"]
        .as_array()
        .unwrap()
        .clone()
}

async fn signed_events(
    app: &TestApp,
    secret: &str,
    batch: &Value,
    timestamp: i64,
) -> reqwest::Response {
    let body = batch.to_string();
    let id = format!("batch-{}", rand_id());
    let signature = STANDARD.encode(mac(
        secret.as_bytes(),
        format!("{id}.{timestamp}.{body}").as_bytes(),
    ));
    app.anonymous()
        .post(app.url("/api/integrations/crm/events"))
        .header("content-type", "application/json")
        .header("webhook-id", id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", format!("v1,{signature}"))
        .body(body)
        .send()
        .await
        .unwrap()
}

fn rand_id() -> String {
    portico_server::domain::token::generate()
}

#[tokio::test]
async fn crm_events_apply_once_in_order_and_reach_the_partner() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    let secret = integration_secret(&manager, "hubspot", json!({ "frame_origins": [] })).await;
    let registration = register_deal(&app, &alice, "Synced Deal", "reseller").await;
    approve(&manager, &registration).await;
    let opportunity = opportunity_of(&app, registration["id"].as_i64().unwrap()).await;
    let event = |id: &str, at: &str, change: Value| {
        let mut event = json!({ "id": id, "occurred_at": at, "crm_deal_id": "D-77" });
        event
            .as_object_mut()
            .unwrap()
            .extend(change.as_object().unwrap().clone());
        event
    };
    let before_link = send_events(&app, &secret, &json!({ "events": [
        event("e0", "2026-11-01T09:00:00Z", json!({ "type": "deal.stage_changed", "stage": "qualification" })),
    ] })).await;
    assert_eq!(before_link[0]["outcome"], "unknown_deal");

    let results = send_events(&app, &secret, &json!({ "events": [
        event("e1", "2026-11-01T10:00:00Z", json!({ "type": "deal.linked", "registration_id": registration["id"] })),
        event("e3", "2026-11-03T10:00:00Z", json!({ "type": "deal.stage_changed", "stage": "configure_and_quote" })),
        event("e2", "2026-11-02T10:00:00Z", json!({ "type": "deal.stage_changed", "stage": "qualification" })),
        event("e4", "2026-11-02T11:00:00Z", json!({ "type": "deal.owner_changed", "owner": "Dana Seller" })),
        event("e5", "2026-11-02T12:00:00Z", json!({ "type": "deal.amount_changed", "amount": 120000, "currency": "usd" })),
        event("e6", "2026-11-03T12:00:00Z", json!({ "type": "deal.stage_changed", "stage": "not_a_stage" })),
        event("e3", "2026-11-03T10:00:00Z", json!({ "type": "deal.stage_changed", "stage": "configure_and_quote" })),
    ] })).await;
    let outcomes: Vec<&str> = results
        .iter()
        .map(|r| r["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(
        outcomes,
        [
            "applied",
            "applied",
            "superseded",
            "applied",
            "applied",
            "invalid",
            "duplicate"
        ]
    );
    assert!(
        results[5]["message"]
            .as_str()
            .unwrap()
            .contains("qualification"),
        "lists the stages"
    );
    assert_eq!(results[1]["opportunity_id"], opportunity);

    // The partner sees the CRM's stage and owner; the amount stays with vendor staff.
    let mine = json(
        alice
            .get(&format!("/api/opportunities/{opportunity}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(mine["stage"], "configure_and_quote");
    assert_eq!(mine["owner_name"], "Dana Seller");
    assert!(!mine.to_string().contains("120000"));
    let theirs = json(
        manager
            .get(&format!("/api/opportunities/{opportunity}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(theirs["amount"], 120000);
    assert_eq!(theirs["currency"], "USD");
    assert_eq!(app.audit("opportunity.crm_updated").await.len(), 3);
    assert_eq!(app.audit("opportunity.crm_linked").await.len(), 1);

    // Sent again after its fix, an invalid event applies; closing lost keeps a reason.
    let closed = send_events(
        &app,
        &secret,
        &json!({ "events": [
        event("e6", "2026-11-04T09:00:00Z", json!({ "type": "deal.closed", "won": false })),
    ] }),
    )
    .await;
    assert_eq!(closed[0]["outcome"], "applied");
    let theirs = json(
        manager
            .get(&format!("/api/opportunities/{opportunity}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(theirs["opportunity"]["stage"], "lost");
    assert!(
        theirs["loss_reason"]
            .as_str()
            .is_some_and(|r| !r.is_empty())
    );

    // A wrong key or an old timestamp changes nothing.
    let late = event(
        "e9",
        "2026-11-05T09:00:00Z",
        json!({ "type": "deal.closed", "won": true }),
    );
    let batch = json!({ "events": [late] });
    error(
        signed_events(&app, "not-the-secret", &batch, app.state().now()).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    error(
        signed_events(&app, &secret, &batch, app.state().now() - 600).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM crm_events WHERE event_id = 'e9'")
            .await,
        0
    );
}

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
