//! The registration clock: protection expires, reminders go out before it does, and late
//! approvals are flagged.

use super::*;

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
