//! Managers' decisions and the conversation around them: approve or decline with a rationale,
//! questions and answers, withdrawal and extensions, the queue and the approval SLA.

use super::*;

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
    let extension = async |alice: &Session, text: &'static str| {
        alice
            .post(&format!("/api/registrations/{id}/extension"))
            .json(&json!({ "justification": text }))
            .send()
            .await
            .unwrap()
    };
    error(extension(&alice, "Too early").await, StatusCode::CONFLICT).await;
    let approved = json(
        decide(&manager, id, json!({ "decision": "approve" })).await,
        StatusCode::OK,
    )
    .await;
    let protection = &approved["registration"]["protection"];
    assert_eq!(protection["days_left"], 90);
    let (_, early) = error(extension(&alice, "Early").await, StatusCode::CONFLICT).await;
    let opens = &protection["extension_opens_at"].as_str().unwrap()[..10];
    let message = early["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("last 14 days") && message.contains(opens),
        "{message}"
    );

    // 13 days before the end the window is open.
    app.clock.advance(77 * 86_400);
    let (alice, manager) = (app.sign_in(ALICE).await, app.sign_in(MANAGER).await);
    let (_, blank) = error(
        extension(&alice, " ").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(blank["error"]["fields"]["justification"].is_string());
    let asked = json(
        extension(&alice, "Procurement moved to Q3").await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(asked["extension"]["status"], "requested");
    error(extension(&alice, "Again").await, StatusCode::CONFLICT).await;

    let granted = manager
        .post(&format!("/api/registrations/{id}/extension/decision"))
        .json(&json!({ "decision": "approve", "rationale": "Fine" }))
        .send()
        .await
        .unwrap();
    let granted = json(granted, StatusCode::OK).await;
    assert_eq!(granted["registration"]["protection"]["days_left"], 43);
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
