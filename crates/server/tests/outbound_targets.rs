//! Where people can make the server send requests, as a production server (no
//! `--outbound-allow-private`) sees it: webhook endpoints and Slack channels are refused when
//! saved unless they are public https (Slack's own hosts for Slack), and a saved name that
//! resolves inside the network is refused at delivery: recorded once, in our words, never
//! retried. Names resolve through the test's own lookup, so nothing leaves for such an address.

use crate::common;

use std::sync::Arc;

use common::smtp::deliver_due;
use common::*;
use portico_server::outbound::TargetPolicy;
use portico_server::store::sql;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn production(names: &[(&str, &str)]) -> TestApp {
    let lookup = Arc::new(FixedLookup::new(names));
    TestApp::start_with(move |s| {
        s.outbound_policy = TargetPolicy::PublicOnly;
        s.outbound_lookup = lookup;
    })
    .await
}

async fn save_endpoint(manager: &Session, url: &str) -> reqwest::Response {
    manager
        .post("/api/webhooks/endpoints")
        .json(&json!({ "url": url, "event_types": ["asset.published"] }))
        .send()
        .await
        .unwrap()
}

async fn save_slack(session: &Session, organization: i64, url: &str) -> reqwest::Response {
    session
        .send(
            reqwest::Method::PUT,
            &format!("/api/organizations/{organization}/slack"),
        )
        .json(&json!({ "url": url }))
        .send()
        .await
        .unwrap()
}

async fn url_error(response: reqwest::Response) -> String {
    let (code, body) = error(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(code, "validation_failed");
    body["error"]["fields"]["url"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn webhook_endpoints_take_public_https_urls_only() {
    let app = production(&[]).await;
    let manager = app.sign_in(MANAGER).await;
    for url in [
        "http://hooks.example.com/portico",
        "https://127.0.0.1:9000/hook",
        "https://0x7f000001/hook",
        "https://[::1]/hook",
        "https://[::ffff:7f00:1]/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://10.0.0.1/hook",
        "https://localhost/hook",
    ] {
        let message = url_error(save_endpoint(&manager, url).await).await;
        assert!(message.contains("public address"), "{url}: {message}");
    }
    let saved = save_endpoint(&manager, "https://hooks.example.com/portico").await;
    let endpoint = json(saved, StatusCode::CREATED).await["endpoint"]["id"]
        .as_i64()
        .unwrap();
    let moved = manager
        .send(
            reqwest::Method::PUT,
            &format!("/api/webhooks/endpoints/{endpoint}"),
        )
        .json(&json!({ "url": "https://192.168.1.20/hook", "event_types": ["asset.published"] }))
        .send()
        .await
        .unwrap();
    assert!(url_error(moved).await.contains("public address"));
}

#[tokio::test]
async fn slack_channels_take_slacks_own_urls_only() {
    let app = production(&[]).await;
    let alice = app.sign_in(ALICE).await;
    let northwind = alice.me.organization.as_ref().unwrap().id;
    for url in [
        "http://127.0.0.1:9000/services/T/B/x",
        "http://[::1]/services/T/B/x",
        "https://0x7f000001/services/T/B/x",
        "https://169.254.169.254/services/T/B/x",
        "https://10.0.0.1/services/T/B/x",
        "https://metadata.google.internal/computeMetadata/v1/",
        "https://hooks.slack.com.evil.example/services/T/B/x",
        "https://hooks.slack.com:8443/services/T/B/x",
        "http://hooks.slack.com/services/T/B/x",
    ] {
        let message = url_error(save_slack(&alice, northwind, url).await).await;
        assert!(
            message.contains("hooks.slack.com/services/"),
            "{url}: {message}"
        );
    }
    let saved = save_slack(
        &alice,
        northwind,
        "https://hooks.slack.com/services/T1/B2/abcd",
    )
    .await;
    assert_eq!(
        json(saved, StatusCode::OK).await["url_hint"],
        "hooks.slack.com/…/abcd"
    );
}

#[tokio::test]
async fn a_webhook_name_that_resolves_inside_the_network_is_refused_once() {
    let app = production(&[("hooks.partner.example", "10.20.30.40")]).await;
    let manager = app.sign_in(MANAGER).await;
    let saved = save_endpoint(&manager, "https://hooks.partner.example/portico").await;
    let endpoint = json(saved, StatusCode::CREATED).await["endpoint"]["id"]
        .as_i64()
        .unwrap();
    publish_one_asset(&app).await;

    assert_eq!(
        portico_server::jobs::webhooks::run_once(app.state())
            .await
            .unwrap(),
        1
    );
    app.clock.advance(7200);
    assert_eq!(
        portico_server::jobs::webhooks::run_once(app.state())
            .await
            .unwrap(),
        0
    );
    let deliveries = json(
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
    let items = deliveries["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{deliveries}");
    assert_eq!(items[0]["attempts"], 1);
    assert_eq!(
        items[0]["last_error"],
        "Refused: hooks.partner.example resolves to a private network address; \
         Portico sends only to public addresses."
    );
}

#[tokio::test]
async fn a_slack_host_that_resolves_to_loopback_is_refused_once() {
    // As if Slack's name were poisoned or rebound after the URL was checked.
    let app = production(&[("hooks.slack.com", "127.0.0.1")]).await;
    let (alice, manager) = (app.sign_in(ALICE).await, app.sign_in(MANAGER).await);
    let northwind = alice.me.organization.as_ref().unwrap().id;
    let saved = save_slack(
        &alice,
        northwind,
        "https://hooks.slack.com/services/T1/B2/x",
    )
    .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let registration = register_deal(&app, &alice, "Rebinding Corp", "reseller").await;
    approve(&manager, &registration).await;
    deliver_due(app.state()).await;
    app.clock.advance(7200);
    deliver_due(app.state()).await;

    let admin = app.sign_in(ADMIN).await;
    let dead: Value = json(
        admin
            .get("/api/messages/deliveries?state=dead")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let items = dead["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{dead}");
    assert_eq!(items[0]["channel"], "slack");
    assert_eq!(items[0]["attempts"], 1);
    assert_eq!(
        items[0]["last_error"],
        "Refused: hooks.slack.com resolves to a loopback address; \
         Portico sends only to public addresses."
    );
}

/// Publishes one `asset.published` event, as publishing an asset does.
async fn publish_one_asset(app: &TestApp) {
    let state = app.state();
    let (asset,): (i64,) = sql::query_as("SELECT MIN(id) FROM assets")
        .fetch_one(state.db.pool())
        .await
        .unwrap();
    let mut tx = state.db.begin_write().await.unwrap();
    portico_server::store::webhooks::publish_asset(&mut tx, asset, state.now_ms())
        .await
        .unwrap();
    tx.commit().await.unwrap();
}
