//! One deal's life: stage moves with attribution and exit criteria, entering the pipeline from an
//! approved registration, losing protection on withdrawal, and the notes both sides share.

use super::*;

#[tokio::test]
async fn moving_a_stage_needs_attribution_and_the_exit_criteria() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let manager = app.sign_in(MANAGER).await;
    let created = add_deal(&manager, organization_id(&alice), "Proseware Labs").await;
    let id = created["opportunity"]["id"].as_i64().unwrap();
    assert_eq!(created["opportunity"]["stage"], "intro_logged");
    assert_eq!(
        created["exit_criteria"][0]["label"],
        "Customer contact confirmed"
    );

    let blocked = patch(&manager, id, json!({ "stage": "validate" })).await;
    let (_, body) = error(blocked, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(
        body["error"]["fields"]["stage"]
            .as_str()
            .unwrap()
            .contains("attribution percent"),
        "{body}"
    );

    let blocked = patch(
        &manager,
        id,
        json!({ "stage": "validate", "attribution_percent": 30, "criteria_met": [1] }),
    )
    .await;
    let (_, body) = error(blocked, StatusCode::UNPROCESSABLE_ENTITY).await;
    let message = body["error"]["fields"]["stage"].as_str().unwrap();
    assert!(
        message.contains("“Customer contact confirmed”"),
        "{message}"
    );
    assert!(!message.contains("Introduction made"), "{message}");
    // A refused request changes nothing.
    let unchanged = manager.read(&format!("/api/opportunities/{id}")).await;
    assert_eq!(unchanged["attribution_percent"], Value::Null);

    let skipped = patch(
        &manager,
        id,
        json!({ "stage": "prove_value", "attribution_percent": 30, "criteria_met": [0, 1] }),
    )
    .await;
    error(skipped, StatusCode::UNPROCESSABLE_ENTITY).await;

    app.clock.advance(3_600);
    let moved = patch(
        &manager,
        id,
        json!({
            "stage": "validate",
            "attribution_percent": 30,
            "criteria_met": [0, 1],
            "next_step": "Budget call with the CFO",
            "next_step_due": "2030-01-15",
            "amount": 42000,
            "currency": "EUR",
            "internal_notes": "Keep the discount under 10%.",
        }),
    )
    .await;
    let moved = json(moved, StatusCode::OK).await;
    assert_eq!(moved["opportunity"]["stage"], "validate");
    assert_eq!(
        moved["exit_criteria"][0]["met"], false,
        "the new stage starts unconfirmed"
    );
    assert_ne!(
        moved["opportunity"]["stage_entered_at"],
        created["opportunity"]["stage_entered_at"]
    );
    assert_eq!(app.audit("opportunity.stage_moved").await.len(), 1);

    let seen = alice.read(&format!("/api/opportunities/{id}")).await;
    assert_eq!(seen["stage"], "validate");
    assert_eq!(seen["next_step"], "Budget call with the CFO");
    assert_eq!(seen["next_step_due"], "2030-01-15");
    assert!(seen.get("amount").is_none() && seen.get("internal_notes").is_none());

    // Only internal edits leave the partner's "last updated" alone.
    app.clock.advance(3_600);
    json(
        patch(&manager, id, json!({ "internal_notes": "Changed." })).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        alice.read(&format!("/api/opportunities/{id}")).await["updated_at"],
        seen["updated_at"]
    );

    let lost = patch(&manager, id, json!({ "stage": "lost" })).await;
    let (_, body) = error(lost, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(body["error"]["fields"]["loss_reason"].is_string());
    let lost = patch(
        &manager,
        id,
        json!({ "stage": "lost", "loss_reason": "No budget." }),
    )
    .await;
    assert_eq!(
        json(lost, StatusCode::OK).await["opportunity"]["stage"],
        "lost"
    );
    let won = patch(&manager, id, json!({ "stage": "won" })).await;
    error(won, StatusCode::UNPROCESSABLE_ENTITY).await;
    let reopened = patch(&manager, id, json!({ "stage": "commercials" })).await;
    let reopened = json(reopened, StatusCode::OK).await;
    assert_eq!(reopened["loss_reason"], Value::Null);

    let bad = patch(
        &manager,
        id,
        json!({ "amount": -5, "next_step_due": "soon", "attribution_percent": 120 }),
    )
    .await;
    let (_, body) = error(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
    for field in ["amount", "next_step_due", "attribution_percent"] {
        assert!(
            body["error"]["fields"][field].is_string(),
            "{field}: {body}"
        );
    }
    error(
        patch(&manager, 999_999, json!({})).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_totals_add_up(&app).await;
}

#[tokio::test]
async fn an_approved_deal_registration_enters_the_pipeline() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let manager = app.sign_in(MANAGER).await;
    let registration = register_deal(&app, &alice, "Zephyr Robotics", "marketplace").await;
    assert!(
        every_row(&alice, "q=zephyr", async |_| {}).await.is_empty(),
        "not before approval"
    );
    approve(&manager, &registration).await;

    let rows = every_row(&alice, "q=zephyr", async |_| {}).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["stage"], "listing_ready");
    assert_eq!(rows[0]["registration_status"], "approved");
    assert_eq!(rows[0]["protection_status"], "active");
    let managed = every_row(&manager, "q=zephyr", async |_| {}).await;
    assert_eq!(managed[0]["amount"], 90000);
    assert_eq!(managed[0]["partner_role"], "sourced");

    // A reseller deal starts with "Registration approved" met: the approval was that criterion.
    approve(
        &manager,
        &register_deal(&app, &alice, "Quill Retail", "reseller").await,
    )
    .await;
    let resold = every_row(&manager, "q=quill", async |_| {}).await;
    let resold = resold[0]["opportunity"]["id"].as_i64().unwrap();
    let resold = manager.read(&format!("/api/opportunities/{resold}")).await;
    assert_eq!(resold["exit_criteria"][0]["label"], "Registration approved");
    assert_eq!(resold["exit_criteria"][0]["met"], true);
    assert_eq!(resold["exit_criteria"][1]["met"], false);

    // Near its end the window shows as expiring, then expired.
    let ends = managed[0]["opportunity"]["protection_ends"]
        .as_str()
        .unwrap()
        .to_owned();
    let ends = time::OffsetDateTime::parse(&ends, &time::format_description::well_known::Rfc3339)
        .unwrap()
        .unix_timestamp();
    app.clock.advance(ends - app.state().now() - 3 * 86_400);
    let alice = app.sign_in(ALICE).await;
    assert!(
        every_row(&alice, "q=zephyr&protection=active", async |_| {})
            .await
            .is_empty()
    );
    assert_eq!(
        every_row(&alice, "q=zephyr&protection=expiring", async |_| {})
            .await
            .len(),
        1
    );
    app.clock.advance(4 * 86_400);
    let alice = app.sign_in(ALICE).await;
    assert_eq!(
        every_row(&alice, "q=zephyr&protection=expired", async |_| {})
            .await
            .len(),
        1
    );
}

#[tokio::test]
async fn a_withdrawn_registration_leaves_its_deal_unprotected() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let manager = app.sign_in(MANAGER).await;
    let registration = register_deal(&app, &alice, "Yarrow Mills", "services").await;
    approve(&manager, &registration).await;
    let id = registration["id"].as_i64().unwrap();
    let withdrawn = alice
        .post(&format!("/api/registrations/{id}/withdraw"))
        .send()
        .await
        .unwrap();
    json(withdrawn, StatusCode::OK).await;

    let rows = every_row(&alice, "q=yarrow", async |_| {}).await;
    assert_eq!(rows[0]["registration_status"], "withdrawn");
    assert_eq!(rows[0]["protection_status"], "expired");
    assert_eq!(
        every_row(&alice, "q=yarrow&protection=expired", async |_| {})
            .await
            .len(),
        1
    );
    assert!(
        every_row(&alice, "q=yarrow&protection=none", async |_| {})
            .await
            .is_empty()
    );
    let unregistered = every_row(&alice, "protection=none&limit=100", async |_| {}).await;
    assert!(
        unregistered
            .iter()
            .all(|r| r["registration_status"].is_null())
    );
}

#[tokio::test]
async fn shared_notes_reach_both_sides() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let manager = app.sign_in(MANAGER).await;
    let id = ids(&every_row(&alice, "motion=reseller&limit=1", async |_| {}).await)[0];
    let path = format!("/api/opportunities/{id}/notes");

    let empty = alice
        .post(&path)
        .json(&json!({ "body": "  " }))
        .send()
        .await
        .unwrap();
    let (_, body) = error(empty, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(body["error"]["fields"]["body"].is_string());
    let note = json(
        alice
            .post(&path)
            .json(&json!({ "body": "<b>Demo</b> went well" }))
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(note["side"], "partner");
    json(
        manager
            .post(&path)
            .json(&json!({ "body": "Thanks, quote follows." }))
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;

    for session in [&alice, &manager] {
        let detail = session.read(&format!("/api/opportunities/{id}")).await;
        let notes = detail["notes"].as_array().unwrap();
        assert_eq!(notes.len(), 2);
        assert_eq!(
            notes[0]["body"], "<b>Demo</b> went well",
            "stored as written, escaped on output"
        );
        assert_eq!(notes[1]["side"], "vendor");
    }
    assert_eq!(app.audit("opportunity.note_added").await.len(), 2);
}
