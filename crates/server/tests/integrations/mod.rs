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

mod cards;
mod crm_events;
mod webhooks;

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
