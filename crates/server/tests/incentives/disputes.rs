//! A partner questions an earning and a manager answers; earnings nobody questions are
//! approved once the plans' hold period has passed, a questioned one only after the answer.

use super::*;

#[tokio::test]
async fn a_questioned_earning_waits_for_the_answer_before_the_hold_period_approves_it() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let (northwind, alice) = partner(&app, "Contoso Channel").await;
    let mut held = plans();
    held["hold_days"] = json!(30);
    json(save_plans(&manager, &held).await, StatusCode::OK).await;
    let deal = deal_ready_to_win(&app, &manager, northwind, 10_000).await;
    move_to(&manager, deal, "won").await;
    let ledger = alice.read("/api/ledger").await;
    let first = ledger["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["opportunity_id"] == deal)
        .map(|e| e["id"].as_i64().unwrap())
        .min()
        .unwrap();

    let path = format!("/api/ledger/{first}/dispute");
    let raise = |session: &Session, comment: &str| {
        session
            .post(&path)
            .json(&json!({ "comment": comment }))
            .send()
    };
    let (_, body) = error(
        raise(&alice, " ").await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(body["error"]["fields"]["comment"].is_string());
    let raised = json(
        raise(&alice, "The deal was 12,000 EUR, not 10,000.")
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    error(raise(&alice, "Again.").await.unwrap(), StatusCode::CONFLICT).await;
    let feed = manager.read("/api/notifications").await;
    let told = &feed["items"][0];
    assert_eq!(told["subject"], "Contoso Channel questions an earning");
    assert_eq!(told["category"], "earning_question");
    assert!(told["body"].as_str().unwrap().contains("not 10,000"));
    let bob = app.sign_in(BOB).await;
    error(raise(&bob, "Mine?").await.unwrap(), StatusCode::NOT_FOUND).await;
    error(
        raise(&manager, "Ours.").await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
    let shown = alice.read("/api/ledger").await;
    let entry = shown["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == first)
        .cloned()
        .unwrap();
    assert_eq!(
        entry["dispute"]["comment"],
        "The deal was 12,000 EUR, not 10,000."
    );
    assert_eq!(entry["dispute"]["answer"], Value::Null);

    let approve_held = || portico_server::app::incentives::ledger::approve_held(app.state());
    let status = async |session: &Session| -> Value {
        let ledger = session.read("/api/ledger").await;
        let entries = ledger["entries"].as_array().unwrap().clone();
        entries.into_iter().find(|e| e["id"] == first).unwrap()["status"].clone()
    };
    approve_held().await.unwrap();
    assert_eq!(status(&alice).await, "pending", "nothing held 30 days yet");
    app.clock.advance(31 * DAY);
    approve_held().await.unwrap();
    let email = alice.me.user.email.clone();
    let (manager, alice) = (app.sign_in(MANAGER).await, app.sign_in(&email).await);
    assert_eq!(
        status(&alice).await,
        "pending",
        "the questioned earning waits"
    );
    let answer_path = format!("/api/ledger/disputes/{}/answer", raised["id"]);
    let answer = |session: &Session| {
        session
            .post(&answer_path)
            .json(&json!({ "answer": "The CRM says 10,000; send the signed order." }))
            .send()
    };
    error(answer(&alice).await.unwrap(), StatusCode::FORBIDDEN).await;
    let answered = json(answer(&manager).await.unwrap(), StatusCode::OK).await;
    assert!(answered["answered_at"].is_string());
    error(answer(&manager).await.unwrap(), StatusCode::NOT_FOUND).await;
    let approved_before = app.audit("ledger.approved").await.len();
    assert!(approve_held().await.unwrap() >= 1);
    assert_eq!(status(&alice).await, "approved", "answered, then approved");
    assert_eq!(approve_held().await.unwrap(), 0, "once");
    assert!(app.audit("ledger.approved").await.len() > approved_before);
    for action in ["ledger.disputed", "ledger.dispute_answered"] {
        assert_eq!(app.audit(action).await.len(), 1, "{action}");
    }
    let eur = balance(&alice.read("/api/ledger").await, "EUR");
    assert_eq!(eur["payable"], 50_000);
}
