//! Deal and lead registration: validation, idempotency, the conflict check, isolation between
//! organizations, managers' decisions, withdrawal, extensions and the approval clock.

use crate::common;

use common::*;
use portico_server::store::sql;
use reqwest::StatusCode;
use serde_json::{Value, json};

mod accounts;
mod clock;
mod decisions;
mod filing;
mod links;
mod resolution;

const GLOBEX_ADMIN: &str = "grace@globex-consulting.example";

fn close_date(app: &TestApp, days_ahead: i64) -> String {
    let day = portico_api::date::Date::from_unix(app.state().now() + days_ahead * 86_400);
    day.to_string()
}

async fn product_ids(session: &Session) -> Vec<i64> {
    let products = json(
        session.get("/api/products").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    products
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect()
}

async fn deal(app: &TestApp, session: &Session, company: &str, domain: &str) -> Value {
    let products = product_ids(session).await;
    json!({
        "kind": "deal",
        "company_name": company,
        "company_domain": domain,
        "country": "DE",
        "contact_name": "Jane Roe",
        "contact_email": "jane@example.org",
        "contact_title": "CIO",
        "motion": "reseller",
        "products": [products[0]],
        "estimated_value": 120000,
        "currency": "EUR",
        "expected_close": close_date(app, 60),
        "description": "Replace the legacy partner portal.",
        "partner_role": "sourced"
    })
}

async fn submit(session: &Session, body: &Value) -> reqwest::Response {
    session
        .post("/api/registrations")
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn register(app: &TestApp, session: &Session, company: &str, domain: &str) -> Value {
    let body = deal(app, session, company, domain).await;
    json(submit(session, &body).await, StatusCode::CREATED).await
}

/// How many audit records of this action the registration has.
async fn audited(app: &TestApp, action: &str, id: i64) -> usize {
    let rows = app.audit(action).await;
    rows.iter()
        .filter(|(_, subject)| *subject == Some(id))
        .count()
}

async fn decide(manager: &Session, id: i64, body: Value) -> reqwest::Response {
    manager
        .post(&format!("/api/registrations/{id}/decision"))
        .json(&body)
        .send()
        .await
        .unwrap()
}
