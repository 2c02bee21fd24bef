//! CRM events: signed, applied once and in order, and visible to the partner.

use super::*;

#[tokio::test]
async fn crm_events_apply_once_in_order_and_reach_the_partner() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    let secret = integration_secret(&manager, "hubspot", json!({ "frame_origins": [] })).await;
    let registration = register_deal(&app, &alice, "Synced Deal", "reseller").await;
    approve(&manager, &registration).await;
    let opportunity = opportunity_of(&app, registration["id"].as_i64().unwrap()).await;
    let event = |id: &str, at: &str, change: Value| {
        let mut event = json!({ "id": id, "occurred_at": at, "crm_deal_id": "D-77" });
        event
            .as_object_mut()
            .unwrap()
            .extend(change.as_object().unwrap().clone());
        event
    };
    let before_link = send_events(&app, &secret, &json!({ "events": [
        event("e0", "2026-11-01T09:00:00Z", json!({ "type": "deal.stage_changed", "stage": "qualification" })),
    ] })).await;
    assert_eq!(before_link[0]["outcome"], "unknown_deal");

    let results = send_events(&app, &secret, &json!({ "events": [
        event("e1", "2026-11-01T10:00:00Z", json!({ "type": "deal.linked", "registration_id": registration["id"] })),
        event("e3", "2026-11-03T10:00:00Z", json!({ "type": "deal.stage_changed", "stage": "configure_and_quote" })),
        event("e2", "2026-11-02T10:00:00Z", json!({ "type": "deal.stage_changed", "stage": "qualification" })),
        event("e4", "2026-11-02T11:00:00Z", json!({ "type": "deal.owner_changed", "owner": "Dana Seller" })),
        event("e5", "2026-11-02T12:00:00Z", json!({ "type": "deal.amount_changed", "amount": 120000, "currency": "usd" })),
        event("e6", "2026-11-03T12:00:00Z", json!({ "type": "deal.stage_changed", "stage": "not_a_stage" })),
        event("e3", "2026-11-03T10:00:00Z", json!({ "type": "deal.stage_changed", "stage": "configure_and_quote" })),
    ] })).await;
    let outcomes: Vec<&str> = results
        .iter()
        .map(|r| r["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(
        outcomes,
        [
            "applied",
            "applied",
            "superseded",
            "applied",
            "applied",
            "invalid",
            "duplicate"
        ]
    );
    assert!(
        results[5]["message"]
            .as_str()
            .unwrap()
            .contains("qualification"),
        "lists the stages"
    );
    assert_eq!(results[1]["opportunity_id"], opportunity);

    // The partner sees the CRM's stage and owner; the amount stays with vendor staff.
    let mine = json(
        alice
            .get(&format!("/api/opportunities/{opportunity}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(mine["stage"], "configure_and_quote");
    assert_eq!(mine["owner_name"], "Dana Seller");
    assert!(!mine.to_string().contains("120000"));
    let theirs = json(
        manager
            .get(&format!("/api/opportunities/{opportunity}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(theirs["amount"], 120000);
    assert_eq!(theirs["currency"], "USD");
    assert_eq!(app.audit("opportunity.crm_updated").await.len(), 3);
    assert_eq!(app.audit("opportunity.crm_linked").await.len(), 1);

    // Sent again after its fix, an invalid event applies; closing lost keeps a reason.
    let closed = send_events(
        &app,
        &secret,
        &json!({ "events": [
        event("e6", "2026-11-04T09:00:00Z", json!({ "type": "deal.closed", "won": false })),
    ] }),
    )
    .await;
    assert_eq!(closed[0]["outcome"], "applied");
    let theirs = json(
        manager
            .get(&format!("/api/opportunities/{opportunity}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(theirs["opportunity"]["stage"], "lost");
    assert!(
        theirs["loss_reason"]
            .as_str()
            .is_some_and(|r| !r.is_empty())
    );

    // A wrong key or an old timestamp changes nothing.
    let late = event(
        "e9",
        "2026-11-05T09:00:00Z",
        json!({ "type": "deal.closed", "won": true }),
    );
    let batch = json!({ "events": [late] });
    error(
        signed_events(&app, "not-the-secret", &batch, app.state().now()).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    error(
        signed_events(&app, &secret, &batch, app.state().now() - 600).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM crm_events WHERE event_id = 'e9'")
            .await,
        0
    );
}
