//! Programmatic tiers over HTTP: the program managers save (and the starter ladder before),
//! who may read which tier, and a tier's protection length; the evaluation over time is in
//! `evaluation`.

use crate::common;

mod evaluation;

use common::partners::new_partner;
use common::*;
use portico_server::store::sql;
use reqwest::StatusCode;
use serde_json::{Value, json};

const DAY: i64 = 86_400;
/// The demo data has a program in force; without it, a program nobody saved yet.
const NO_PROGRAM: &str = "DELETE FROM tier_program";

/// A ladder that is easy to reach in a test: one won deal for silver, 100,000 USD sourced for
/// gold, fifty won deals for platinum.
fn program(promotion: &str) -> Value {
    let tier = |tier: &str, rules: Value| {
        json!({ "tier": tier, "name": tier.to_uppercase(), "benefits": format!("{tier} benefits"),
                "protection_days": null, "rules": rules })
    };
    json!({
        "currency": "USD", "window_months": 12, "grace_days": 30, "promotion": promotion,
        "tiers": [
            tier("registered", json!([])),
            tier("silver", json!([{ "measure": "won_deals", "at_least": 1 }])),
            tier("gold", json!([{ "measure": "sourced_revenue", "at_least": 100_000 }])),
            tier("platinum", json!([{ "measure": "won_deals", "at_least": 50 }])),
        ],
        "exchange_rates": [{ "currency": "EUR", "from": "2000-01-01", "rate": "1.1" }],
    })
}

async fn save(manager: &Session, program: &Value) -> reqwest::Response {
    manager
        .send(reqwest::Method::PUT, "/api/program/tiers")
        .json(program)
        .send()
        .await
        .unwrap()
}

async fn evaluate(manager: &Session) -> Value {
    let response = manager
        .post("/api/program/tiers/evaluate")
        .send()
        .await
        .unwrap();
    json(response, StatusCode::OK).await
}

/// The changes an evaluation made to one organization: (event, from, to).
fn changes_of(evaluation: &Value, organization: i64) -> Vec<(String, String, String)> {
    evaluation["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["organization"]["id"] == organization)
        .map(|c| {
            let text = |k: &str| c[k].as_str().unwrap().to_owned();
            (text("event"), text("from"), text("to"))
        })
        .collect()
}

fn change(event: &str, from: &str, to: &str) -> (String, String, String) {
    (event.to_owned(), from.to_owned(), to.to_owned())
}

/// A deal the organization won `days_ago`, as the CRM would have recorded it.
async fn won(
    app: &TestApp,
    organization: i64,
    role: &str,
    amount: i64,
    currency: &str,
    days_ago: i64,
) {
    let closed = app.state().now() - days_ago * DAY;
    let mut tx = app.state().db.begin_write().await.unwrap();
    sql::query(
        "INSERT INTO opportunities (organization_id, customer_name, customer_search, motion, stage, \
         stage_entered_at, closed_at, amount, currency, partner_role, created_at, updated_at, \
         last_activity_at) VALUES ($1, 'Won Co', 'won co', 'reseller', 'won', $2, $2, $3, $4, $5, \
         $2, $2, $2)",
    )
    .bind(organization)
    .bind(closed)
    .bind(amount)
    .bind(currency)
    .bind(role)
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn the_starter_ladder_is_shown_until_managers_save_a_valid_program() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    let demo = manager.read("/api/program/tiers").await;
    assert_eq!(demo["in_force"], true, "the demo's program");
    app.reopen_after(&[NO_PROGRAM]).await;
    let shown = manager.read("/api/program/tiers").await;
    assert_eq!(shown["in_force"], false);
    assert_eq!(shown["program"]["tiers"].as_array().unwrap().len(), 4);
    let early = manager
        .post("/api/program/tiers/evaluate")
        .send()
        .await
        .unwrap();
    assert_eq!(error(early, StatusCode::CONFLICT).await.0, "conflict");
    let no_tier_yet = alice.get("/api/program/my-tier").send().await.unwrap();
    assert_eq!(
        error(no_tier_yet, StatusCode::NOT_FOUND).await.0,
        "not_found"
    );

    let mut bad = program("automatic");
    bad["tiers"][0]["rules"] = json!([{ "measure": "won_deals", "at_least": 1 }]);
    bad["tiers"][2]["rules"] = json!([
        { "measure": "engagement_score", "at_least": 120 },
        { "measure": "engagement_score", "at_least": 10 }
    ]);
    bad["exchange_rates"] = json!([{ "currency": "USD", "from": "someday", "rate": "-1" }]);
    bad["window_months"] = json!(0);
    let (code, body) = error(save(&manager, &bad).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(code, "validation_failed");
    for field in [
        "window_months",
        "tiers[0].rules",
        "tiers[2].rules[0].at_least",
        "tiers[2].rules[1].measure",
        "exchange_rates[0].currency",
        "exchange_rates[0].from",
        "exchange_rates[0].rate",
    ] {
        assert!(
            body["error"]["fields"][field].is_string(),
            "{field}: {body}"
        );
    }
    let mut reordered = program("automatic");
    reordered["tiers"].as_array_mut().unwrap().swap(1, 2);
    let (_, body) = error(
        save(&manager, &reordered).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(body["error"]["fields"]["tiers"].is_string());

    let by_partner = save(&alice, &program("automatic")).await;
    assert_eq!(by_partner.status(), StatusCode::FORBIDDEN);
    let saved = json(save(&manager, &program("automatic")).await, StatusCode::OK).await;
    assert_eq!(saved["in_force"], true);
    assert_eq!(manager.read("/api/program/tiers").await, saved);
    assert_eq!(app.audit("tier_program.updated").await.len(), 1);
}

#[tokio::test]
async fn partners_read_only_their_own_tier() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let bob = app.sign_in(BOB).await;
    let (org, _) = new_partner(&app, "Private Co").await;
    json(save(&manager, &program("automatic")).await, StatusCode::OK).await;

    for path in [
        format!("/api/organizations/{org}/tier"),
        "/api/program/tiers".to_owned(),
        "/api/program/tiers/standings".to_owned(),
    ] {
        let response = bob.get(&path).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
    }
    let evaluate = bob
        .post("/api/program/tiers/evaluate")
        .send()
        .await
        .unwrap();
    assert_eq!(evaluate.status(), StatusCode::FORBIDDEN);
    let approve = bob
        .post(&format!("/api/organizations/{org}/tier/approve"))
        .send()
        .await
        .unwrap();
    assert_eq!(approve.status(), StatusCode::FORBIDDEN);
    let mine = bob.read("/api/program/my-tier").await;
    assert!(mine["current"]["tier"].is_string());
    let managers_own = manager.get("/api/program/my-tier").send().await.unwrap();
    assert_eq!(managers_own.status(), StatusCode::FORBIDDEN);
    let missing = manager
        .get("/api/organizations/999999/tier")
        .send()
        .await
        .unwrap();
    assert_eq!(error(missing, StatusCode::NOT_FOUND).await.0, "not_found");
}

#[tokio::test]
async fn a_tier_sets_how_long_an_approval_protects() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let (_, admin) = new_partner(&app, "Protected Co").await;
    let partner = app.sign_in(&admin).await;
    let mut longer = program("automatic");
    longer["tiers"][1]["protection_days"] = json!(150);
    json(save(&manager, &longer).await, StatusCode::OK).await;

    let filed = register_deal(&app, &partner, "Lucerne Publishing", "referral").await;
    approve(&manager, &filed).await;
    let id = filed["id"].as_i64().unwrap();
    let seen = partner.read(&format!("/api/registrations/{id}")).await;
    assert_eq!(
        seen["registration"]["protection"]["days_left"], 150,
        "a silver partner's protection: {seen}"
    );
}
