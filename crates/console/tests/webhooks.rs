//! Webhook endpoints end to end in headless Chromium: a manager registers an endpoint and sees
//! its signing secret once; while the receiver is down the endpoint shows as failing with its
//! delivery pending; once the receiver is up the delivery arrives, and a replay sends it again
//! with the same id.

use crate::support;

use std::sync::{Arc, Mutex};

use portico_server::jobs::webhooks::run_once;
use portico_server::store::webhooks;
use support::*;

/// A receiver on `port` that answers 204 and keeps each delivery's `webhook-id`.
async fn receiver(port: u16, ids: Arc<Mutex<Vec<String>>>) -> tokio::task::JoinHandle<()> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .unwrap();
    let hook = move |headers: axum::http::HeaderMap| {
        let ids = ids.clone();
        async move {
            let id = headers["webhook-id"].to_str().unwrap().to_owned();
            ids.lock().unwrap().push(id);
            axum::http::StatusCode::NO_CONTENT
        }
    };
    let app = axum::Router::new().route("/hook", axum::routing::post(hook));
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    })
}

async fn deliver(portal: &Portal) {
    run_once(&portal.running.state).await.unwrap();
}

#[tokio::test]
async fn a_manager_registers_an_endpoint_and_follows_its_deliveries() {
    let portal = Portal::start().await;
    let port = {
        let probe = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        probe.local_addr().unwrap().port()
    };
    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    manager.open(&portal.url("/manage/integrations")).await;
    manager
        .set_value("#endpoint-url", &format!("http://127.0.0.1:{port}/hook"))
        .await;
    manager
        .click("[id='endpoint-events-asset.published']")
        .await;
    manager.click("#endpoint-save").await;
    manager
        .wait_for_text("#new-endpoint-secret", "shown only this once")
        .await;
    let secret = manager
        .wait_for_text("#new-endpoint-secret-value", "whsec_")
        .await;
    assert!(secret.trim().starts_with("whsec_"));
    let link = manager
        .find("#endpoints-table a[href^='/manage/integrations/webhooks/']")
        .await;
    let href = link.attr("href").await.unwrap().unwrap();

    // An asset is published (the event written as the publish route writes it).
    let state = &portal.running.state;
    let (draft,): (i64,) =
        portico_server::store::sql::query_as("SELECT id FROM assets WHERE state = 'draft' LIMIT 1")
            .fetch_one(state.db.pool())
            .await
            .unwrap();
    let mut tx = state.db.begin_write().await.unwrap();
    webhooks::publish_asset(&mut tx, draft, state.now_ms())
        .await
        .unwrap();
    tx.commit().await.unwrap();

    deliver(&portal).await;
    manager.open(&portal.url(&href)).await;
    manager.wait_for_text("#deliveries-table", "Pending").await;
    manager.wait_for_text("#deliveries-table", "connect").await;
    manager.wait_for_text("main", "Failing").await;

    let ids = Arc::new(Mutex::new(Vec::new()));
    let up = receiver(port, ids.clone()).await;
    portal.clock.advance(60);
    deliver(&portal).await;
    manager.open(&portal.url(&href)).await;
    manager
        .wait_for_text("#deliveries-table", "Delivered")
        .await;
    // Delivered a minute after the event: later than the 5 s target.
    manager.wait_for_text("main", "Breaching target").await;

    manager
        .click("#deliveries-table button[id^='replay-']")
        .await;
    manager.wait_for_text("#deliveries-table", "Pending").await;
    deliver(&portal).await;
    let ids = ids.lock().unwrap().clone();
    assert_eq!(ids.len(), 2, "delivered, then replayed: {ids:?}");
    assert_eq!(ids[0], ids[1], "a replay keeps the webhook id");
    up.abort();
    manager.close().await;
}
