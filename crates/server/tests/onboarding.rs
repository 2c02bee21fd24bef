//! Onboarding plans over HTTP: the starter plan and saving one, progress observed from what a
//! new partner does, steps managers tick, who sees which progress, and the demo's partners.

use crate::common;

use common::partners::{new_partner, published_asset};
use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

const DAY: i64 = 86_400;

fn step<'a>(progress: &'a Value, key: &str) -> &'a Value {
    progress["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == key)
        .unwrap_or_else(|| panic!("no step {key} in {progress}"))
}

async fn own_progress(partner: &Session) -> Value {
    let overview = partner.read("/api/onboarding/progress").await;
    assert_eq!(overview["partners"].as_array().unwrap().len(), 1);
    overview["partners"][0].clone()
}

#[tokio::test]
async fn managers_keep_a_plan_per_motion() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let starter = manager.read("/api/onboarding/plans/referral").await;
    assert_eq!(starter["saved"], false);
    assert_eq!(starter["motion"], "referral");
    assert!(
        !starter["plan"]["steps"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["kind"] == "earn_certification"),
        "referral partners need no certification"
    );

    let put = |body: Value| {
        manager
            .send(reqwest::Method::PUT, "/api/onboarding/plans/tech")
            .json(&body)
            .send()
    };
    let bad = json!({ "steps": [
        { "key": "Kickoff!", "title": "", "due_day": 0, "kind": "manual" },
        { "key": "cert", "title": "Certify", "due_day": 30, "kind": "earn_certification",
          "certification_id": 999_999 },
    ]});
    let (_, body) = error(put(bad).await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY).await;
    let fields = body["error"]["fields"].as_object().unwrap();
    let named: Vec<&str> = fields.keys().map(String::as_str).collect();
    assert_eq!(
        named,
        ["steps[0].due_day", "steps[0].key", "steps[0].title"]
    );
    let unknown = json!({ "steps": [
        { "key": "cert", "title": "Certify", "due_day": 30, "kind": "earn_certification",
          "certification_id": 999_999 },
    ]});
    let (_, body) = error(
        put(unknown).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(body["error"]["fields"]["steps[0].certification_id"].is_string());

    let plan = json!({ "steps": [
        { "key": "kickoff", "title": "Kickoff call", "due_day": 5, "kind": "manual" },
        { "key": "listing", "title": "Publish the integration listing", "due_day": 45,
          "kind": "manual" },
    ]});
    let saved = json(put(plan.clone()).await.unwrap(), StatusCode::OK).await;
    assert_eq!(saved["saved"], true);
    assert_eq!(
        manager.read("/api/onboarding/plans/tech").await["plan"],
        plan
    );
    assert_eq!(app.audit("onboarding_plan.updated").await.len(), 1);

    let alice = app.sign_in(ALICE).await;
    error(
        alice
            .get("/api/onboarding/plans/tech")
            .send()
            .await
            .unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
}

#[tokio::test]
async fn a_new_partners_progress_follows_what_it_does() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let asset = published_asset(&manager).await;
    let (id, email) = new_partner(&app, "Contoso Channel").await;
    let partner = app.sign_in(&email).await;

    let fresh = own_progress(&partner).await;
    assert_eq!(fresh["motion"], "reseller");
    assert_eq!(step(&fresh, "first-sign-in")["done_on"], fresh["joined_on"]);
    assert_eq!(step(&fresh, "read-content")["done_on"], Value::Null);
    assert_eq!(step(&fresh, "first-approval")["overdue"], false);

    partner.read(&format!("/api/assets/{asset}")).await;
    let filed = register_deal(&app, &partner, "Litware Labs", "reseller").await;
    approve(&manager, &filed).await;
    let invited = partner
        .post("/api/invitations")
        .json(
            &json!({ "email": "colleague@contoso-channel.example", "role": "partner_user",
                       "organization_id": id }),
        )
        .send()
        .await
        .unwrap();
    json(invited, StatusCode::CREATED).await;
    let done = own_progress(&partner).await;
    for key in [
        "read-content",
        "first-registration",
        "first-approval",
        "invite-colleague",
    ] {
        assert!(step(&done, key)["done_on"].is_string(), "{key}: {done}");
    }

    // Fifteen days in, the kickoff call (due on day 7) is late until a manager ticks it.
    app.clock.advance(15 * DAY);
    let (manager, partner) = (app.sign_in(MANAGER).await, app.sign_in(&email).await);
    assert_eq!(
        step(&own_progress(&partner).await, "kickoff-call")["overdue"],
        true
    );
    let tick = |key: &str| {
        manager
            .post(&format!("/api/onboarding/progress/{id}/steps/{key}"))
            .send()
    };
    let ticked = json(tick("kickoff-call").await.unwrap(), StatusCode::OK).await;
    assert_eq!(step(&ticked, "kickoff-call")["overdue"], false);
    json(tick("kickoff-call").await.unwrap(), StatusCode::OK).await;
    assert_eq!(app.audit("onboarding.step_ticked").await.len(), 1, "once");
    for not_manual in ["first-sign-in", "no-such-step"] {
        error(tick(not_manual).await.unwrap(), StatusCode::NOT_FOUND).await;
    }
    let by_partner = partner
        .post(&format!("/api/onboarding/progress/{id}/steps/kickoff-call"))
        .send()
        .await
        .unwrap();
    error(by_partner, StatusCode::FORBIDDEN).await;

    // Managers see every new partner; a partner only its own.
    let overview = manager.read("/api/onboarding/progress").await;
    let names: Vec<&str> = overview["partners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["organization"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names[0], "Contoso Channel", "newest first");
    assert!(
        !names.contains(&"Northwind Partners"),
        "joined two years ago"
    );
    let one = manager
        .read(&format!("/api/onboarding/progress?organization={id}"))
        .await;
    assert_eq!(one["partners"][0]["organization"]["id"], id);
    let alice = app.sign_in(ALICE).await;
    error(
        alice
            .get(&format!("/api/onboarding/progress?organization={id}"))
            .send()
            .await
            .unwrap(),
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[tokio::test]
async fn the_demos_newest_partner_is_halfway_through_its_first_month() {
    let app = TestApp::start().await;
    let roy = app.sign_in("roy@tyrell.example").await;
    let tyrell = own_progress(&roy).await;
    let done: Vec<&str> = tyrell["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["done_on"].is_string())
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        done,
        ["first-sign-in", "kickoff-call", "read-content"],
        "{tyrell}"
    );
    let manager = app.sign_in(MANAGER).await;
    let overview = manager.read("/api/onboarding/progress").await;
    let stark = overview["partners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["organization"]["name"] == "Stark Integrations")
        .cloned()
        .unwrap();
    assert!(
        stark["steps"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["overdue"] == true),
        "{stark}"
    );
}
