//! Deal and lead registration: validation, idempotency, the conflict check, isolation between
//! organizations, managers' decisions, withdrawal, extensions and the approval clock.

use crate::common;

use common::*;
use portico_server::store::sql;
use reqwest::StatusCode;
use serde_json::{Value, json};

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

#[tokio::test]
async fn a_partner_registers_a_deal_and_learns_its_number_and_the_check() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let body = deal(&app, &alice, "Hooli Inc.", "https://www.Hooli.com/about").await;
    let created = json(submit(&alice, &body).await, StatusCode::CREATED).await;
    assert_eq!(created["status"], "submitted");
    assert_eq!(created["conflict"], "none");
    assert_eq!(created["company_domain"], "hooli.com");
    let id = created["id"].as_i64().unwrap();
    assert_eq!(created["number"], format!("R-{}", 1000 + id));
    assert_eq!(created["submitted_by"], "Alice Northwind");
    assert_eq!(audited(&app, "registration.submitted", id).await, 1);

    let detail = json(
        alice
            .get(&format!("/api/registrations/{id}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(detail["registration"]["id"], id);
    let events: Vec<&str> = detail["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["what"].as_str().unwrap())
        .collect();
    assert_eq!(
        events,
        ["Submitted"],
        "partners do not see the conflict check itself"
    );
}

#[tokio::test]
async fn bad_fields_are_all_reported_and_nothing_is_stored() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let before = app.count("SELECT COUNT(*) FROM registrations").await;
    let mut body = deal(&app, &alice, "", "not a domain").await;
    body["contact_email"] = json!("jane");
    body["expected_close"] = json!(close_date(&app, -1));
    body["estimated_value"] = json!(0);
    body["country"] = json!("XX");
    body["products"] = json!([999_999]);
    let (code, answer) = error(
        submit(&alice, &body).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(code, "validation_failed");
    for field in [
        "company_name",
        "company_domain",
        "contact_email",
        "expected_close",
        "estimated_value",
        "country",
    ] {
        assert!(
            answer["error"]["fields"][field].is_string(),
            "{field} in {answer}"
        );
    }
    body = deal(&app, &alice, "Pied Piper", "piedpiper.com").await;
    body["products"] = json!([999_999]);
    let (_, answer) = error(
        submit(&alice, &body).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(answer["error"]["fields"]["products"].is_string());
    body["expected_close"] = json!(close_date(&app, 600));
    body["products"] = json!([]);
    let (_, answer) = error(
        submit(&alice, &body).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(answer["error"]["fields"]["expected_close"].is_string());
    assert!(answer["error"]["fields"]["products"].is_string());
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registrations").await,
        before
    );
}

#[tokio::test]
async fn a_lead_needs_fewer_fields() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let lead = json!({
        "kind": "lead",
        "company_name": "Pied Piper",
        "company_domain": "piedpiper.com",
        "country": "us",
        "contact_name": "Richard Hendricks",
        "contact_email": "richard@piedpiper.com",
        "motion": "referral",
        "description": "Wants compression for their partner content.",
        "partner_role": "influenced"
    });
    let created = json(submit(&alice, &lead).await, StatusCode::CREATED).await;
    assert_eq!(created["kind"], "lead");
    assert_eq!(created["country"], "US");
    assert_eq!(created["estimated_value"], Value::Null);
}

#[tokio::test]
async fn a_retried_submission_creates_one_registration() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let body = deal(&app, &alice, "Initrode", "initrode.com").await;
    let send = || {
        alice
            .post("/api/registrations")
            .header("Idempotency-Key", "form-123")
            .json(&body)
            .send()
    };
    let (first, second) = tokio::join!(send(), send());
    let first = json(first.unwrap(), StatusCode::CREATED).await;
    let second = json(second.unwrap(), StatusCode::CREATED).await;
    assert_eq!(first["id"], second["id"]);
    let again = json(send().await.unwrap(), StatusCode::CREATED).await;
    assert_eq!(again["id"], first["id"]);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registrations WHERE company_name = 'Initrode'")
            .await,
        1
    );

    let mut changed = body.clone();
    changed["company_name"] = json!("Initrode Global");
    let reused = alice
        .post("/api/registrations")
        .header("Idempotency-Key", "form-123")
        .json(&changed)
        .send()
        .await
        .unwrap();
    error(reused, StatusCode::UNPROCESSABLE_ENTITY).await;
}

#[tokio::test]
async fn a_second_partner_on_the_same_customer_only_learns_it_needs_review() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let bob = app.sign_in(BOB).await;
    let first = register(
        &app,
        &alice,
        "Massive Dynamic Corporation",
        "massivedynamic.com",
    )
    .await;
    let second_body = deal(
        &app,
        &bob,
        "Massive Dynamic Corp",
        "https://massivedynamic.co",
    )
    .await;
    let response = submit(&bob, &second_body).await;
    let text = response.text().await.unwrap();
    let second: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(second["conflict"], "review");
    assert_eq!(
        second["conflict_message"],
        "This customer needs review; a partner manager will decide within 48 hours."
    );
    for secret in ["Northwind", "Alice", first["number"].as_str().unwrap()] {
        assert!(
            !text.contains(secret),
            "{secret} leaked to the other partner: {text}"
        );
    }
    let id = second["id"].as_i64().unwrap();
    let detail = bob
        .get(&format!("/api/registrations/{id}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !detail.contains("Northwind") && !detail.contains("findings"),
        "{detail}"
    );

    // The same domain matches too, whatever the name.
    let third = register(
        &app,
        &app.sign_in(GLOBEX_ADMIN).await,
        "MD Labs",
        "www.massivedynamic.com",
    )
    .await;
    assert_eq!(third["conflict"], "review");
    // A different company with a similar name does not.
    let other = register(&app, &bob, "Massive Bank", "massivebank.com").await;
    assert_eq!(other["conflict"], "none");

    let manager = app.sign_in(MANAGER).await;
    let detail = json(
        manager
            .get(&format!("/api/registrations/{id}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let reason = detail["findings"][0]["reason"].as_str().unwrap();
    assert!(
        reason.starts_with("same company name as registration")
            && reason.contains(first["number"].as_str().unwrap())
            && reason.contains("Northwind Partners"),
        "{reason}"
    );
    assert_eq!(detail["matches"][0]["registration"]["id"], first["id"]);
    assert!(
        detail["suggestion"]
            .as_str()
            .unwrap()
            .contains("registered first"),
        "{detail}"
    );
}

#[tokio::test]
async fn another_organizations_registration_is_not_found() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let bob = app.sign_in(BOB).await;
    let mine = register(&app, &alice, "Soylent", "soylent.com").await;
    let id = mine["id"].as_i64().unwrap();
    for path in [
        format!("/api/registrations/{id}"),
        "/api/registrations/999999".to_owned(),
    ] {
        error(bob.get(&path).send().await.unwrap(), StatusCode::NOT_FOUND).await;
    }
    let withdraw = bob.post(&format!("/api/registrations/{id}/withdraw"));
    let extension = bob
        .post(&format!("/api/registrations/{id}/extension"))
        .json(&json!({ "justification": "mine now" }));
    for request in [withdraw, extension] {
        error(request.send().await.unwrap(), StatusCode::NOT_FOUND).await;
    }
    let bobs = json(
        bob.get("/api/registrations").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert!(
        bobs["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["id"] != id),
        "{bobs}"
    );
    let alices = json(
        alice.get("/api/registrations").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(alices["items"][0]["id"], id, "newest first");
}

#[tokio::test]
async fn only_managers_decide_and_a_decline_needs_a_rationale() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let manager = app.sign_in(MANAGER).await;
    let id = register(&app, &alice, "Vandelay Industries", "vandelay.com").await["id"]
        .as_i64()
        .unwrap();
    let approve = json!({ "decision": "approve", "rationale": "Looks good" });
    error(
        decide(&alice, id, approve.clone()).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let (code, body) = error(
        decide(&manager, id, json!({ "decision": "decline" })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(code, "validation_failed");
    assert!(body["error"]["fields"]["rationale"].is_string());
    error(
        decide(&manager, 999_999, approve.clone()).await,
        StatusCode::NOT_FOUND,
    )
    .await;

    let decided = json(decide(&manager, id, approve.clone()).await, StatusCode::OK).await;
    assert_eq!(decided["registration"]["status"], "approved");
    assert_eq!(decided["registration"]["protection"]["days_left"], 90);
    error(decide(&manager, id, approve).await, StatusCode::CONFLICT).await;
    assert_eq!(audited(&app, "registration.approved", id).await, 1);
    let messages: i64 = sql::query_scalar("SELECT COUNT(*) FROM outbox WHERE registration_id = $1")
        .bind(id)
        .fetch_one(app.state().db.pool())
        .await
        .unwrap();
    assert_eq!(messages, 1);

    let seen = json(
        alice
            .get(&format!("/api/registrations/{id}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let protection = &seen["registration"]["protection"];
    assert_eq!(protection["days_left"], 90);
    let approved = &seen["timeline"][1];
    assert_eq!(approved["what"], "Approved");
    assert_eq!(approved["who"], "Partner manager");
    assert_eq!(approved["rationale"], "Looks good");
}

#[tokio::test]
async fn a_declined_partner_reads_the_rationale() {
    let app = TestApp::start().await;
    let bob = app.sign_in(BOB).await;
    let manager = app.sign_in(MANAGER).await;
    let id = register(&app, &bob, "Kramerica", "kramerica.com").await["id"]
        .as_i64()
        .unwrap();
    let body = json!({ "decision": "decline", "reason": "existing_customer", "rationale": "Direct sales owns Kramerica." });
    json(decide(&manager, id, body).await, StatusCode::OK).await;
    let seen = json(
        bob.get(&format!("/api/registrations/{id}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let decision = &seen["registration"]["decision"];
    assert_eq!(decision["decision"], "decline");
    assert_eq!(decision["reason"], "existing_customer");
    assert_eq!(decision["rationale"], "Direct sales owns Kramerica.");
    assert_eq!(seen["registration"]["protection"], Value::Null);

    let notices = json(
        bob.get("/api/notifications").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    let newest = &notices["items"][0];
    assert_eq!(
        newest["subject"],
        format!("R-{} declined: Kramerica", 1000 + id)
    );
    assert_eq!(newest["body"], "Direct sales owns Kramerica.");
    let alices = json(
        app.sign_in(ALICE)
            .await
            .get("/api/notifications")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert!(
        alices["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|n| n["registration_id"] != id)
    );
}

#[tokio::test]
async fn a_partner_withdraws_and_asks_once_for_an_extension() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let manager = app.sign_in(MANAGER).await;
    let id = register(&app, &alice, "Wonka Industries", "wonka.com").await["id"]
        .as_i64()
        .unwrap();
    let extension = |text: &'static str| {
        alice
            .post(&format!("/api/registrations/{id}/extension"))
            .json(&json!({ "justification": text }))
            .send()
    };
    error(extension("Too early").await.unwrap(), StatusCode::CONFLICT).await;
    json(
        decide(&manager, id, json!({ "decision": "approve" })).await,
        StatusCode::OK,
    )
    .await;
    let (_, blank) = error(
        extension(" ").await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(blank["error"]["fields"]["justification"].is_string());
    let asked = json(
        extension("Procurement moved to Q3").await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(asked["extension"]["status"], "requested");
    error(extension("Again").await.unwrap(), StatusCode::CONFLICT).await;

    let granted = manager
        .post(&format!("/api/registrations/{id}/extension/decision"))
        .json(&json!({ "decision": "approve", "rationale": "Fine" }))
        .send()
        .await
        .unwrap();
    let granted = json(granted, StatusCode::OK).await;
    assert_eq!(granted["registration"]["protection"]["days_left"], 120);
    assert_eq!(granted["registration"]["extension"]["status"], "approved");

    let withdrawn = json(
        alice
            .post(&format!("/api/registrations/{id}/withdraw"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(withdrawn["status"], "withdrawn");
    assert_eq!(withdrawn["protection"], Value::Null);
    error(
        alice
            .post(&format!("/api/registrations/{id}/withdraw"))
            .send()
            .await
            .unwrap(),
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(audited(&app, "registration.withdrawn", id).await, 1);
}

#[tokio::test]
async fn the_queue_lists_the_undecided_oldest_first_and_marks_sla_breaches() {
    let app = TestApp::start().await;
    let older = register(
        &app,
        &app.sign_in(ALICE).await,
        "Cyberdyne Systems",
        "cyberdyne.com",
    )
    .await;
    app.clock.advance(47 * 3600);
    let alice = app.sign_in(ALICE).await;
    let newer = register(&app, &alice, "Oscorp", "oscorp.com").await;
    app.clock.advance(2 * 3600);
    let manager = app.sign_in(MANAGER).await;
    let queue = json(
        manager
            .get("/api/registrations?queue=true&limit=100")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let items = queue["items"].as_array().unwrap();
    let position = |id: &Value| {
        items
            .iter()
            .position(|m| m["registration"]["id"] == *id)
            .unwrap()
    };
    assert!(position(&older["id"]) < position(&newer["id"]));
    let older_item = &items[position(&older["id"])];
    assert_eq!(older_item["sla_breached"], true);
    assert_eq!(older_item["organization"]["name"], "Northwind Partners");
    assert_eq!(items[position(&newer["id"])]["sla_breached"], false);
    assert!(items.iter().all(|m| matches!(
        m["registration"]["status"].as_str(),
        Some("submitted" | "info_requested")
    )));
    error(
        alice
            .post("/api/products")
            .json(&json!({ "name": "Shadow IT" }))
            .send()
            .await
            .unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
}

#[tokio::test]
async fn vendor_staff_cannot_register_and_anonymous_callers_are_refused() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let body = deal(&app, &manager, "Dunder Mifflin", "dundermifflin.com").await;
    error(submit(&manager, &body).await, StatusCode::FORBIDDEN).await;
    let anonymous = app
        .anonymous()
        .post(app.url("/api/registrations"))
        .json(&body)
        .send()
        .await
        .unwrap();
    error(anonymous, StatusCode::UNAUTHORIZED).await;
}

async fn import(manager: &Session, csv: &str) -> reqwest::Response {
    manager
        .post("/api/accounts/import")
        .header("Content-Type", "text/csv")
        .body(csv.to_owned())
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn managers_import_the_account_book_all_or_nothing() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let before = app.count("SELECT COUNT(*) FROM accounts").await;
    let bad = "name,domain,owner,incumbent_partner\n\
               Umbrella Corp,umbrella.com,Dana Direct,\n\
               ,nodomain.com,Dana Direct,\n\
               Aperture Science,aperture.com,Dana Direct,No Such Partner\n";
    let (code, body) = error(
        import(&manager, bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(code, "validation_failed");
    assert!(
        body["error"]["fields"]["row 3"]
            .as_str()
            .unwrap()
            .starts_with("name:"),
        "{body}"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM accounts").await,
        before,
        "nothing half-imported"
    );
    let (_, body) = error(
        import(&manager, "name,domain,owner,incumbent_partner\nAperture Science,aperture.com,Dana,No Such Partner\n").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        body["error"]["fields"]["row 2"]
            .as_str()
            .unwrap()
            .contains("No Such Partner")
    );

    let good = "Name,Domain,Owner,Incumbent Partner\n\
                Umbrella Corp,https://www.umbrella.com,Dana Direct,Globex Consulting\n\
                Aperture Science,,Lee Direct,\n";
    let summary = json(import(&manager, good).await, StatusCode::OK).await;
    assert_eq!(summary, json!({ "created": 2, "updated": 0, "merged": 0 }));
    let again = "name,domain,owner\nUmbrella Corporation,umbrella.com,Sam Channel\n";
    let summary = json(import(&manager, again).await, StatusCode::OK).await;
    assert_eq!(summary, json!({ "created": 0, "updated": 1, "merged": 0 }));
    let listed = json(
        manager
            .get("/api/accounts?q=umbrella")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(listed["items"][0]["owner"], "Sam Channel");
    assert_eq!(listed["items"][0]["incumbent"], Value::Null);
    assert_eq!(app.audit("accounts.imported").await.len(), 2);

    let id = listed["items"][0]["id"].as_i64().unwrap();
    let edit = json!({ "name": "Umbrella Corp", "domain": "umbrella.com", "owner": "Dana Direct", "incumbent_organization_id": null });
    let edited = json(
        manager
            .send(reqwest::Method::PUT, &format!("/api/accounts/{id}"))
            .json(&edit)
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(edited["owner"], "Dana Direct");
    let missing = manager
        .send(reqwest::Method::PUT, "/api/accounts/999999")
        .json(&edit)
        .send()
        .await
        .unwrap();
    error(missing, StatusCode::NOT_FOUND).await;
    let bad = json!({ "name": "", "owner": " " });
    let (_, body) = error(
        manager
            .send(reqwest::Method::PUT, &format!("/api/accounts/{id}"))
            .json(&bad)
            .send()
            .await
            .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        body["error"]["fields"]["name"].is_string() && body["error"]["fields"]["owner"].is_string()
    );
    assert_eq!(audited(&app, "account.updated", id).await, 1);

    let alice = app.sign_in(ALICE).await;
    error(import(&alice, good).await, StatusCode::FORBIDDEN).await;
    error(
        alice.get("/api/accounts").send().await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
    let not_csv = manager
        .post("/api/accounts/import")
        .json(&json!({}))
        .unchecked()
        .send()
        .await
        .unwrap();
    error(not_csv, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
}

/// The conflict check finds candidates by blocking keys: an edited account is found under its
/// new name only, and keys lost or computed by older rules are computed again at start-up.
#[tokio::test]
async fn the_check_finds_accounts_under_their_current_name_and_recomputes_stale_keys() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let account = |name: &str| json!({ "name": name, "owner": "Dana Direct" });
    let created = json(
        manager
            .post("/api/accounts")
            .json(&account("Zyxland Robotics"))
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let id = created["id"].as_i64().unwrap();
    json(
        manager
            .send(reqwest::Method::PUT, &format!("/api/accounts/{id}"))
            .json(&account("Quorvex Dynamics GmbH"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;

    let alice = app.sign_in(ALICE).await;
    let typo = register(&app, &alice, "Quorvx Dynamics", "quorvex-one.example").await;
    assert_eq!(typo["conflict"], "review");
    let old_name = register(&app, &alice, "Zyxland Robotics", "zyxland.example").await;
    assert_eq!(old_name["conflict"], "none");

    app.reopen_after(&[
        "DELETE FROM account_blocks",
        "DELETE FROM registration_blocks",
        "UPDATE accounts SET name_key = 'stale'",
        "UPDATE matching_keys SET version = 0",
    ])
    .await;
    assert!(app.count("SELECT COUNT(*) FROM account_blocks").await > 0);
    let bob = app.sign_in(BOB).await;
    let again = register(&app, &bob, "Quorvex Dynamics", "quorvex-two.example").await;
    assert_eq!(again["conflict"], "review");
    let same_as_alice = register(&app, &bob, "Zyxland Robotic", "zyxland-two.example").await;
    assert_eq!(same_as_alice["conflict"], "review");
}

#[tokio::test]
async fn a_registration_on_an_account_with_an_incumbent_suggests_the_incumbent() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let csv = "name,domain,owner,incumbent_partner\nAperture Science Inc,aperture.com,Dana Direct,Globex Consulting\n";
    json(import(&manager, csv).await, StatusCode::OK).await;
    let alice = app.sign_in(ALICE).await;
    let created = register(&app, &alice, "Aperture Science", "labs.aperture.com").await;
    assert_eq!(created["conflict"], "review");
    let text = serde_json::to_string(&created).unwrap();
    assert!(!text.contains("Globex") && !text.contains("Dana"), "{text}");

    let id = created["id"].as_i64().unwrap();
    let detail = json(
        manager
            .get(&format!("/api/registrations/{id}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        detail["findings"][0]["reason"],
        "same domain as account Aperture Science Inc (owner: Dana Direct; incumbent partner: Globex Consulting)"
    );
    assert_eq!(detail["accounts"][0]["name"], "Aperture Science Inc");
    assert_eq!(
        detail["suggestion"],
        format!(
            "Decline R-{}: Globex Consulting is the incumbent partner on Aperture Science Inc.",
            1000 + id
        )
    );
}

#[tokio::test]
async fn a_manager_asks_and_the_partner_answers_in_the_portal() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let manager = app.sign_in(MANAGER).await;
    let id = register(&app, &alice, "Gringotts", "gringotts.com").await["id"]
        .as_i64()
        .unwrap();
    let ask = |question: &'static str| {
        manager
            .post(&format!("/api/registrations/{id}/info-request"))
            .json(&json!({ "question": question }))
            .send()
    };
    let asked = json(
        ask("Who signs the contract?").await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(asked["registration"]["status"], "info_requested");
    error(ask("Again?").await.unwrap(), StatusCode::CONFLICT).await;
    let seen = json(
        alice
            .get(&format!("/api/registrations/{id}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        seen["registration"]["open_question"],
        "Who signs the contract?"
    );

    let answer = alice
        .post(&format!("/api/registrations/{id}/info-response"))
        .json(&json!({ "answer": "The CFO, Griphook." }))
        .send()
        .await
        .unwrap();
    let answered = json(answer, StatusCode::OK).await;
    assert_eq!(answered["status"], "submitted");
    assert_eq!(answered["open_question"], Value::Null);
    let detail = json(
        manager
            .get(&format!("/api/registrations/{id}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let last = detail["timeline"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["what"], "Partner answered");
    assert_eq!(last["rationale"], "The CFO, Griphook.");
    assert_eq!(last["who"], "Alice Northwind");
}

/// A registration's status and when it was reminded and flagged as late.
async fn timers_of(app: &TestApp, id: i64) -> (String, Option<i64>, Option<i64>) {
    sql::query_as("SELECT status, reminded_at, sla_flagged_at FROM registrations WHERE id = $1")
        .bind(id)
        .fetch_one(app.state().db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn the_clock_expires_protection_reminds_before_and_flags_late_approvals() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let manager = app.sign_in(MANAGER).await;
    let approved = register(&app, &alice, "Nakatomi Trading", "nakatomi.com").await["id"]
        .as_i64()
        .unwrap();
    let waiting = register(&app, &alice, "Weyland Yutani", "weyland.com").await["id"]
        .as_i64()
        .unwrap();
    json(
        decide(&manager, approved, json!({ "decision": "approve" })).await,
        StatusCode::OK,
    )
    .await;
    let run = || portico_server::jobs::registrations::run_once(app.state());

    app.clock.advance(49 * 3600);
    run().await.unwrap();
    run().await.unwrap();
    assert!(
        timers_of(&app, waiting).await.2.is_some(),
        "past the 48 h SLA"
    );
    assert_eq!(
        audited(&app, "registration.sla_breached", waiting).await,
        1,
        "flagged once"
    );

    app.clock.advance(83 * 86_400);
    run().await.unwrap();
    let (state, reminded, _) = timers_of(&app, approved).await;
    assert_eq!(
        (state.as_str(), reminded.is_some()),
        ("approved", true),
        "a week before the end"
    );
    run().await.unwrap();
    assert_eq!(
        audited(&app, "registration.reminded", approved).await,
        1,
        "reminded once"
    );

    app.clock.advance(7 * 86_400);
    let another_instance = app.another_instance().await;
    let (first, second) = tokio::join!(
        run(),
        portico_server::jobs::registrations::run_once(&another_instance.state)
    );
    first.unwrap();
    second.unwrap();
    assert_eq!(timers_of(&app, approved).await.0, "expired");
    assert_eq!(
        audited(&app, "registration.expired", approved).await,
        1,
        "expired once"
    );
    let alice = app.sign_in(ALICE).await;
    let seen = json(
        alice
            .get(&format!("/api/registrations/{approved}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(seen["registration"]["status"], "expired");
    let whats: Vec<&str> = seen["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["what"].as_str().unwrap())
        .collect();
    assert_eq!(
        whats,
        [
            "Submitted",
            "Approved",
            "Protection ends within 7 days",
            "Protection ended"
        ]
    );
    let messages: i64 = sql::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE registration_id = $1 AND category = 'protection_reminder'",
    )
    .bind(approved)
    .fetch_one(app.state().db.pool())
    .await
    .unwrap();
    assert_eq!(messages, 2);
}

fn token_of(link: &str) -> &str {
    link.rsplit('/').next().unwrap()
}

#[tokio::test]
async fn sellers_without_an_account_register_through_the_organizations_link() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let status = json(
        alice.get("/api/registration-link").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(status["active"], false);
    let created = json(
        alice.post("/api/registration-link").send().await.unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let link = created["link"].as_str().unwrap();
    assert!(link.starts_with("http://127.0.0.1/r/"), "{link}");
    let token = token_of(link);

    let seller = app.anonymous();
    let form = json(
        seller
            .get(app.url(&format!("/api/public/registration-links/{token}")))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        form.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["products"]
    );
    let registration = deal(&app, &alice, "Prestige Worldwide", "prestigeworldwide.com").await;
    let url = app.url(&format!(
        "/api/public/registration-links/{token}/registrations"
    ));
    let body =
        json!({ "submitter_name": "", "submitter_email": "x", "registration": registration });
    let (_, bad) = error(
        seller.post(&url).json(&body).send().await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        bad["error"]["fields"]["submitter_name"].is_string()
            && bad["error"]["fields"]["submitter_email"].is_string()
    );

    let body = json!({ "submitter_name": "Sid Seller", "submitter_email": "sid@northwind.example", "registration": registration });
    let filed = json(
        seller.post(&url).json(&body).send().await.unwrap(),
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(filed["submitted_by"], "Sid Seller");
    let mine = json(
        alice.get("/api/registrations").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        mine["items"][0]["id"], filed["id"],
        "it belongs to Northwind"
    );

    // Rotating the link ends the old one.
    let rotated = json(
        alice.post("/api/registration-link").send().await.unwrap(),
        StatusCode::CREATED,
    )
    .await;
    assert_ne!(token_of(rotated["link"].as_str().unwrap()), token);
    error(
        seller.post(&url).json(&body).send().await.unwrap(),
        StatusCode::NOT_FOUND,
    )
    .await;
    error(
        seller
            .get(app.url("/api/public/registration-links/not-a-token"))
            .send()
            .await
            .unwrap(),
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(app.audit("registration_link.rotated").await.len(), 2);

    // Only partner admins manage the link.
    let bob = app.sign_in(BOB).await;
    error(
        bob.post("/api/registration-link").send().await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
    error(
        app.sign_in(MANAGER)
            .await
            .get("/api/registration-link")
            .send()
            .await
            .unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
}

#[tokio::test]
async fn a_registration_link_is_rate_limited_per_address() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let created = json(
        alice.post("/api/registration-link").send().await.unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let url = app.url(&format!(
        "/api/public/registration-links/{}/registrations",
        token_of(created["link"].as_str().unwrap())
    ));
    let seller = app.anonymous();
    for i in 0..10 {
        let registration = deal(
            &app,
            &alice,
            &format!("Company {i}"),
            &format!("company{i}.example.com"),
        )
        .await;
        let body = json!({ "submitter_name": "Sid Seller", "submitter_email": "sid@x.example", "registration": registration });
        json(
            seller.post(&url).json(&body).send().await.unwrap(),
            StatusCode::CREATED,
        )
        .await;
    }
    let registration = deal(&app, &alice, "One Too Many", "onetoomany.com").await;
    let body = json!({ "submitter_name": "Sid Seller", "submitter_email": "sid@x.example", "registration": registration });
    let (code, _) = error(
        seller.post(&url).json(&body).send().await.unwrap(),
        StatusCode::TOO_MANY_REQUESTS,
    )
    .await;
    assert_eq!(code, "rate_limited");
}

/// The hourly submission budget per organization keeps the check from being mined; a second
/// organization has its own, and the budget comes back as the hour moves on.
#[tokio::test]
async fn an_organization_has_an_hourly_submission_budget() {
    let app = TestApp::start_with(|s| s.rules.submissions_per_hour = 3).await;
    let alice = app.sign_in(ALICE).await;
    for i in 0..3 {
        register(
            &app,
            &alice,
            &format!("Budget {i}"),
            &format!("budget{i}.example"),
        )
        .await;
        app.clock.advance(60);
    }
    let body = deal(&app, &alice, "Budget 3", "budget3.example").await;
    let refused = submit(&alice, &body).await;
    let retry_after = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .to_owned();
    let (code, _) = error(refused, StatusCode::TOO_MANY_REQUESTS).await;
    assert_eq!(code, "rate_limited");
    // The oldest of the three leaves the window an hour after it was made, 3 minutes ago.
    assert_eq!(retry_after, (60 * 60 - 180).to_string());

    let bob = app.sign_in(BOB).await;
    register(&app, &bob, "Budget 3", "budget3.example").await;
    app.clock.advance(60 * 60 - 180);
    json(submit(&alice, &body).await, StatusCode::CREATED).await;
}

#[tokio::test]
async fn simultaneous_claims_on_one_customer_cannot_both_miss_each_other() {
    // Filings read the conflict check's claims outside the write turn and take turns only to
    // write. The rendezvous holds each filing after that reading until the other has read
    // too, so both read before either writes and neither reading holds the other's claim: the
    // check can catch the overlap only by reading again in its turn, which this proves it does.
    // (Held inside the turn instead, the second filing could never arrive: a deadlock.)
    let app = TestApp::start_with(|settings| {
        settings.filing_rendezvous = Some(std::sync::Arc::new(tokio::sync::Barrier::new(2)));
    })
    .await;
    let alice = app.sign_in(ALICE).await;
    let bob = app.sign_in(BOB).await;
    let first = deal(&app, &alice, "Sirius Cybernetics", "sirius.example.org").await;
    let second = deal(
        &app,
        &bob,
        "Sirius Cybernetics Corp",
        "www.sirius.example.org",
    )
    .await;
    let (a, b) = tokio::join!(submit(&alice, &first), submit(&bob, &second));
    let mut levels = vec![
        json(a, StatusCode::CREATED).await["conflict"].clone(),
        json(b, StatusCode::CREATED).await["conflict"].clone(),
    ];
    levels.sort_by_key(|l| l.to_string());
    assert_eq!(levels, [json!("none"), json!("review")]);
}

#[tokio::test]
async fn the_approval_sla_is_configurable_and_partners_are_told_it() {
    let app = TestApp::start_with(|settings| settings.rules.approval_sla_hours = 24).await;
    let alice = app.sign_in(ALICE).await;
    let bob = app.sign_in(BOB).await;
    register(&app, &alice, "Hyperion Corp", "hyperion.example.org").await;
    let second = register(
        &app,
        &bob,
        "Hyperion Corporation",
        "hyperion-group.example.org",
    )
    .await;
    assert_eq!(
        second["conflict_message"],
        "This customer needs review; a partner manager will decide within 24 hours."
    );
    app.clock.advance(25 * 3600);
    let manager = app.sign_in(MANAGER).await;
    let id = second["id"].as_i64().unwrap();
    let detail = json(
        manager
            .get(&format!("/api/registrations/{id}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(detail["registration"]["sla_breached"], true);
    assert_eq!(detail["registration"]["waiting_hours"], 25);
}
