//! Certifications over HTTP: definitions, what people hold and who may see it, the reminders
//! before expiry. The CSV import is in `import`, gating filings in `gating`, the move from
//! organizations to people in `migration`.

use crate::common;

mod gating;
mod import;
mod migration;

use common::*;
use portico_api::date::Date;
use reqwest::StatusCode;
use serde_json::{Value, json};

const DAY: i64 = 86_400;

pub fn today(app: &TestApp) -> Date {
    Date::from_unix(app.state().now())
}

/// The id of the definition with this code.
pub async fn definition(manager: &Session, code: &str) -> i64 {
    let list = manager.read("/api/certifications").await;
    list["certifications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == code)
        .and_then(|c| c["id"].as_i64())
        .unwrap_or_else(|| panic!("no certification {code} in {list}"))
}

/// Records that the person earned the certification on that day: the person's holdings.
pub async fn record(manager: &Session, person: i64, certification: i64, day: &str) -> Value {
    let path = format!("/api/people/{person}/certifications");
    let body = json!({ "certification_id": certification, "earned_on": day });
    json(
        manager.post(&path).json(&body).send().await.unwrap(),
        StatusCode::CREATED,
    )
    .await
}

fn definition_body(name: &str) -> Value {
    json!({
        "name": name, "kind": "product", "validity_months": 12,
        "how_to_earn": "Pass the exam on the academy.",
        "required_for_motions": [], "required_for_products": [],
    })
}

#[tokio::test]
async fn managers_define_certifications_and_partners_cannot() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let created = json(
        manager
            .post("/api/certifications")
            .json(&definition_body("Data Platform Expert"))
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(created["code"], "data_platform_expert");
    assert_eq!(created["holders"], 0);
    let id = created["id"].as_i64().unwrap();

    let mut changed = definition_body("Data Platform Expert");
    changed["renewal"] = json!({ "release": "Acme 5", "released_on": "2026-06-01" });
    changed["required_for_motions"] = json!(["services", "services"]);
    let path = format!("/api/certifications/{id}");
    let updated = json(
        manager
            .send(reqwest::Method::PUT, &path)
            .json(&changed)
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(updated["required_for_motions"], json!(["services"]));
    assert_eq!(updated["renewal"]["release"], "Acme 5");
    assert_eq!(app.audit("certification.created").await.len(), 1);
    assert_eq!(app.audit("certification.updated").await.len(), 1);

    let taken = manager
        .post("/api/certifications")
        .json(&definition_body("Solutions Architect"))
        .send()
        .await
        .unwrap();
    let (code, body) = error(taken, StatusCode::CONFLICT).await;
    assert_eq!(code, "conflict", "{body}");
    let mut bad = definition_body(" ");
    bad["validity_months"] = json!(0);
    bad["required_for_products"] = json!([999_999]);
    let (_, body) = error(
        manager
            .post("/api/certifications")
            .json(&bad)
            .send()
            .await
            .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(body["error"]["fields"]["name"].is_string(), "{body}");
    assert!(
        body["error"]["fields"]["validity_months"].is_string(),
        "{body}"
    );
    let mut unknown_product = definition_body("Another One");
    unknown_product["required_for_products"] = json!([999_999]);
    let (_, body) = error(
        manager
            .post("/api/certifications")
            .json(&unknown_product)
            .send()
            .await
            .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(body["error"]["fields"]["required_for_products"].is_string());

    let alice = app.sign_in(ALICE).await;
    error(
        alice.get("/api/certifications").send().await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
    error(
        alice
            .post("/api/certifications")
            .json(&definition_body("Self-made"))
            .send()
            .await
            .unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
}

#[tokio::test]
async fn people_hold_certifications_that_expire_and_partners_see_only_their_own() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let (alice, bob) = (app.sign_in(ALICE).await, app.sign_in(BOB).await);
    let architect = definition(&manager, "solutions_architect").await;
    let today = today(&app);
    let (alice_id, northwind) = (alice.me.user.id, alice.me.organization.as_ref().unwrap().id);
    // Earned 23 months and 10 days ago, for 24 months: it ends in about 20 days.
    let earned = Date::from_unix(today.months_before(23).unix_start() - 10 * DAY);
    let held = record(&manager, alice_id, architect, &earned.to_string()).await;
    let holding = held["holdings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["certification_id"] == architect)
        .unwrap()
        .clone();
    assert_eq!(holding["status"], "expiring_soon");
    assert_eq!(holding["expires_on"], earned.add_months(24).to_string());
    assert_eq!(app.audit("certification.recorded").await.len(), 1);

    let again = manager
        .post(&format!("/api/people/{alice_id}/certifications"))
        .json(&json!({ "certification_id": architect, "earned_on": earned.to_string() }))
        .send()
        .await
        .unwrap();
    error(again, StatusCode::CONFLICT).await;
    let future = manager
        .post(&format!("/api/people/{alice_id}/certifications"))
        .json(&json!({ "certification_id": architect, "earned_on": "2999-01-01" }))
        .send()
        .await
        .unwrap();
    let (_, body) = error(future, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(body["error"]["fields"]["earned_on"].is_string());

    // Alice (Northwind's admin) sees her people; Bob, a Globex user, sees only himself.
    let people = alice
        .read(&format!("/api/organizations/{northwind}/people"))
        .await;
    let names: Vec<&str> = people["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Alice Northwind", "Nate Sales"]);
    let globex = bob.me.organization.as_ref().unwrap().id;
    let theirs = bob
        .get(&format!("/api/organizations/{globex}/people"))
        .send()
        .await
        .unwrap();
    error(theirs, StatusCode::FORBIDDEN).await;
    let hers = bob
        .get(&format!("/api/people/{alice_id}/certifications"))
        .send()
        .await
        .unwrap();
    let (_, body) = error(hers, StatusCode::NOT_FOUND).await;
    assert!(!body.to_string().contains("Alice"), "{body}");
    let own = bob
        .read(&format!("/api/people/{}/certifications", bob.me.user.id))
        .await;
    assert_eq!(own["name"], "Bob Globex");
    for path in [
        format!("/api/organizations/{globex}/people"),
        format!("/api/people/{}/certifications", bob.me.user.id),
    ] {
        error(
            alice.get(&path).send().await.unwrap(),
            StatusCode::NOT_FOUND,
        )
        .await;
    }
    let manager_id = manager.me.user.id;
    error(
        manager
            .get(&format!("/api/people/{manager_id}/certifications"))
            .send()
            .await
            .unwrap(),
        StatusCode::NOT_FOUND,
    )
    .await;
    let record_own = alice
        .post(&format!("/api/people/{alice_id}/certifications"))
        .json(&json!({ "certification_id": architect, "earned_on": today.to_string() }))
        .send()
        .await
        .unwrap();
    error(record_own, StatusCode::FORBIDDEN).await;
}

#[tokio::test]
async fn a_release_asks_holders_from_before_it_to_renew() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let nate = app.sign_in("nate@northwind.example").await;
    let specialist = definition(&manager, "implementation_specialist").await;
    let today = today(&app);
    let earned = today.months_before(2).to_string();
    record(&manager, nate.me.user.id, specialist, &earned).await;
    let released_on = Date::from_unix(today.unix_start() - 50 * DAY).to_string();
    let mut body = definition_body("Implementation Specialist");
    body["validity_months"] = json!(24);
    body["renewal"] = json!({ "release": "Acme 5", "released_on": released_on });
    let path = format!("/api/certifications/{specialist}");
    json(
        manager
            .send(reqwest::Method::PUT, &path)
            .json(&body)
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let mine = nate
        .read(&format!("/api/people/{}/certifications", nate.me.user.id))
        .await;
    let holding = &mine["holdings"][0];
    assert_eq!(holding["renewal_release"], "Acme 5");
    assert_eq!(
        holding["expires_on"],
        Date::from_unix(today.unix_start() + 40 * DAY).to_string(),
        "90 days after the release"
    );
    assert_eq!(holding["status"], "current");
}

#[tokio::test]
async fn holders_hear_once_a_month_before_their_certification_expires() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let nate = app.sign_in("nate@northwind.example").await;
    let specialist = definition(&manager, "implementation_specialist").await;
    let today = today(&app);
    record(
        &manager,
        nate.me.user.id,
        specialist,
        &today.months_before(23).to_string(),
    )
    .await;
    const SENT: &str = "SELECT COUNT(*) FROM outbox WHERE category = 'certification_expiry' \
                        AND subject LIKE 'Your Implementation Specialist certification%'";
    let remind = || portico_server::app::certifications::reminders::remind(app.state());

    let before = app.count(SENT).await;
    remind().await.unwrap();
    assert_eq!(app.count(SENT).await, before, "more than 30 days left");
    app.clock.advance(5 * DAY);
    let burst = futures_util::future::join_all((0..4).map(|_| remind())).await;
    assert!(burst.iter().all(Result::is_ok));
    assert_eq!(
        app.count(SENT).await,
        before + 1,
        "once, however many run at once"
    );
    remind().await.unwrap();
    assert_eq!(app.count(SENT).await, before + 1);
    assert_eq!(app.count(DELIVERED).await, 1, "by e-mail, to Nate alone");

    // Someone who turned these e-mails off is not sent one.
    let (manager, alice) = (app.sign_in(MANAGER).await, app.sign_in(ALICE).await);
    let off = json!({ "choices": [
        { "category": "certification_expiry", "email": false, "slack": false },
    ]});
    let response = alice
        .send(reqwest::Method::PUT, "/api/me/notifications")
        .json(&off)
        .send()
        .await
        .unwrap();
    json(response, StatusCode::OK).await;
    let days = |d: i64| Date::from_unix(today.unix_start() - d * DAY).to_string();
    record(&manager, alice.me.user.id, specialist, &days(715)).await;
    app.clock.advance(DAY);
    remind().await.unwrap();
    assert_eq!(
        app.count(DELIVERED).await,
        1,
        "Alice's reminder is written but goes nowhere"
    );
}

const DELIVERED: &str = "SELECT COUNT(*) FROM outbox_deliveries d \
    JOIN outbox m ON m.id = d.message_id \
    WHERE m.subject LIKE 'Your Implementation Specialist certification%'";
