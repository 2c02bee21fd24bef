//! Where a partner organization is based: vendor staff set it, and its people's registration
//! forms start with that country's currency.

use crate::common;

use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn northwind(manager: &Session) -> Value {
    let page = manager.read("/api/organizations").await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "Northwind Partners")
        .cloned()
        .unwrap()
}

async fn set_country(session: &Session, id: i64, country: Value) -> reqwest::Response {
    session
        .patch(&format!("/api/organizations/{id}"))
        .json(&json!({ "country": country }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_manager_sets_the_country_and_the_partners_forms_follow_its_currency() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    let org = northwind(&manager).await;
    let id = org["id"].as_i64().unwrap();
    assert_eq!(org["country"], "DE");
    assert_eq!(alice.read("/api/me").await["currency"], "EUR");

    let moved = set_country(&manager, id, json!("ch")).await;
    assert_eq!(moved.status(), StatusCode::NO_CONTENT);
    assert_eq!(northwind(&manager).await["country"], "CH");
    assert_eq!(alice.read("/api/me").await["currency"], "CHF");

    let cleared = set_country(&manager, id, Value::Null).await;
    assert_eq!(cleared.status(), StatusCode::NO_CONTENT);
    assert_eq!(alice.read("/api/me").await["currency"], Value::Null);
    assert_eq!(manager.read("/api/me").await["currency"], Value::Null);
    assert_eq!(app.audit("organization.updated").await.len(), 2);
}

#[tokio::test]
async fn only_vendor_staff_set_a_country_and_only_a_real_one() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    let id = northwind(&manager).await["id"].as_i64().unwrap();

    let by_partner = set_country(&alice, id, json!("FR")).await;
    assert_eq!(
        error(by_partner, StatusCode::FORBIDDEN).await.0,
        "forbidden"
    );
    let (code, body) = error(
        set_country(&manager, id, json!("Atlantis")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(code, "validation_failed");
    assert!(body["error"]["fields"]["country"].is_string());
    let missing = set_country(&manager, 999_999, json!("FR")).await;
    assert_eq!(error(missing, StatusCode::NOT_FOUND).await.0, "not_found");
    assert_eq!(northwind(&manager).await["country"], "DE");
    assert!(app.audit("organization.updated").await.is_empty());
}
