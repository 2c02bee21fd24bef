//! The partner engagement score on the managers' organization list: known events at a fixed
//! clock make a known score, trend and last activity; quiet partners stall; new partners show
//! their first steps. Runs on SQLite, and on PostgreSQL when `PORTICO_TEST_POSTGRES_URL` is set.

use crate::common;

use common::partners::{new_partner, published_asset};
use common::*;
use portico_server::clock::rfc3339;
use portico_server::store::sql;
use reqwest::StatusCode;
use serde_json::{Value, json};

const DAY: i64 = 86_400;

/// A deal a manager adds for the partner, on which both sides can post notes; returns its id.
async fn add_deal(manager: &Session, organization_id: i64) -> i64 {
    let response = manager
        .post("/api/opportunities")
        .json(&json!({
            "organization_id": organization_id,
            "customer_name": "Fabrikam Foods",
            "motion": "referral",
            "partner_role": "influenced",
        }))
        .send()
        .await
        .unwrap();
    let created = json(response, StatusCode::CREATED).await;
    created["opportunity"]["id"].as_i64().unwrap()
}

async fn post_note(session: &Session, deal: i64, body: &str) {
    let response = session
        .post(&format!("/api/opportunities/{deal}/notes"))
        .json(&json!({ "body": body }))
        .send()
        .await
        .unwrap();
    json(response, StatusCode::CREATED).await;
}

async fn open(session: &Session, path: &str) {
    let response = session.get(path).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path}");
}

/// The organization's engagement in the managers' list, read by a fresh manager session (the
/// clock may have moved past an older one's lifetime).
async fn engagement(app: &TestApp, organization_id: i64) -> Value {
    let manager = app.sign_in(MANAGER).await;
    let page = json(
        manager
            .get("/api/organizations?limit=100")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == organization_id)
        .map(|o| o["engagement"].clone())
        .expect("the organization is listed")
}

#[tokio::test]
async fn known_events_make_a_known_score_trend_and_last_activity() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let asset = published_asset(&manager).await;
    let (id, email) = new_partner(&app, "Contoso Channel").await;
    let deal = add_deal(&manager, id).await;
    let start = app.state().now();

    // Day 0: a sign-in (1), a view (1), a download (3), a registration (8) and a note (2).
    let partner = app.sign_in(&email).await;
    open(&partner, &format!("/api/assets/{asset}")).await;
    open(&partner, &format!("/api/assets/{asset}/download")).await;
    register_deal(&app, &partner, "Litware Labs", "reseller").await;
    post_note(&partner, deal, "The customer asked for a demo.").await;
    // The vendor's side of the conversation is not the partner's activity.
    post_note(&manager, deal, "Demo booked.").await;

    // 15 points: 100 × (1 − e^(−15/40)) = 31.3, all of it gained in the last 30 days.
    assert_eq!(
        engagement(&app, id).await,
        json!({
            "score": 31, "trend": 31, "last_activity_at": rfc3339(start), "stalled": false,
            "activation": first_steps([true, false, true, false, true]),
        })
    );

    // Day 45: half of it is left (7.5 points, 17); 30 days ago, 15 days old, it made
    // 12.5 points (27). A month without events makes the partner stalled.
    app.clock.advance(45 * DAY);
    assert_eq!(
        engagement(&app, id).await,
        json!({
            "score": 17, "trend": -10, "last_activity_at": rfc3339(start), "stalled": true,
            "activation": null,
        })
    );

    // A sign-in adds a point and ends the stall.
    app.sign_in(&email).await;
    assert_eq!(
        engagement(&app, id).await,
        json!({
            "score": 19, "trend": -8, "last_activity_at": rfc3339(start + 45 * DAY),
            "stalled": false, "activation": null,
        })
    );

    // Day 100: day 0 no longer counts and the sign-in, 55 days old, is worth 0.39 (1); 30 days
    // ago day 0 was worth 3.33 and the sign-in 0.72 (10).
    app.clock.advance(55 * DAY);
    assert_eq!(
        engagement(&app, id).await,
        json!({
            "score": 1, "trend": -9, "last_activity_at": rfc3339(start + 45 * DAY),
            "stalled": true, "activation": null,
        })
    );
}

#[tokio::test]
async fn new_partners_show_their_onboarding_plans_first_steps_for_thirty_days() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let asset = published_asset(&manager).await;
    let (id, email) = new_partner(&app, "Adatum Resale").await;

    let fresh = engagement(&app, id).await;
    assert_eq!(
        fresh,
        json!({
            "score": 0, "trend": 0, "last_activity_at": null, "stalled": false,
            "activation": first_steps([false; 5]),
        })
    );

    app.sign_in(&email).await;
    assert_eq!(
        engagement(&app, id).await["activation"],
        first_steps([true, false, false, false, false]),
    );
    app.clock.advance(10 * DAY);
    let partner = app.sign_in(&email).await;
    open(&partner, &format!("/api/assets/{asset}")).await;
    assert_eq!(
        engagement(&app, id).await["activation"],
        first_steps([true, false, true, false, false]),
        "opening an asset reads the content"
    );
    register_deal(&app, &partner, "Northwind Traders", "reseller").await;
    assert_eq!(
        engagement(&app, id).await["activation"],
        first_steps([true, false, true, false, true])
    );

    // From day 30 the partner is no longer new; 31 quiet days later it has stalled.
    app.clock.advance(20 * DAY);
    let month_old = engagement(&app, id).await;
    assert_eq!(month_old["activation"], Value::Null);
    assert_eq!(month_old["stalled"], false);
    app.clock.advance(31 * DAY);
    assert_eq!(engagement(&app, id).await["stalled"], true);
}

/// Announcements have no endpoint yet: their receipts are written here as the announcements
/// feature will write them, to check that the score's query reads them on either engine.
#[tokio::test]
async fn announcement_reads_and_acknowledgments_count() {
    let app = TestApp::start().await;
    let (id, email) = new_partner(&app, "Fourth Coffee Partners").await;
    let mut tx = app.state().db.begin_write().await.unwrap();
    let now = app.state().now();
    let manager_id: i64 = sql::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(MANAGER)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    let user_id: i64 = sql::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(&email)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    let announcement: i64 = sql::query_scalar(
        "INSERT INTO announcements (title, body, audience, requires_ack, publish_at, \
         published_at, version, created_by, created_at, updated_at) \
         VALUES ('Price change', 'New prices.', '{}', TRUE, $1, $1, 1, $2, $1, $1) RETURNING id",
    )
    .bind(now - 2 * DAY)
    .bind(manager_id)
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    sql::query(
        "INSERT INTO announcement_receipts \
         (announcement_id, user_id, organization_id, read_at, acknowledged_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(announcement)
    .bind(user_id)
    .bind(id)
    .bind(now - DAY)
    .bind(now)
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();

    // A read a day old (89/90) and an acknowledgment now (2): 100 × (1 − e^(−2.99/40)) = 7.2.
    let engagement = engagement(&app, id).await;
    assert_eq!(engagement["score"], 7);
    assert_eq!(engagement["last_activity_at"], rfc3339(now));
}

#[tokio::test]
async fn partners_cannot_list_organizations() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let response = alice.get("/api/organizations").send().await.unwrap();
    let (code, _) = error(response, StatusCode::FORBIDDEN).await;
    assert_eq!(code, "forbidden");
}

/// The demo shows every state: busy partners, one stalled, one that joined days ago.
#[tokio::test]
async fn the_demo_partners_differ() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let page = json(
        manager.get("/api/organizations").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    let by_name = |name: &str| {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["name"] == name)
            .map(|o| o["engagement"].clone())
            .unwrap()
    };
    let northwind = by_name("Northwind Partners");
    let wayne = by_name("Wayne Managed Services");
    let tyrell = by_name("Tyrell Resellers");
    assert!(northwind["score"].as_u64() > wayne["score"].as_u64());
    assert_eq!(northwind["stalled"], false);
    assert_eq!(wayne["stalled"], true);
    assert_eq!(wayne["activation"], Value::Null);
    assert_eq!(tyrell["stalled"], false);
    assert_eq!(
        tyrell["activation"],
        first_steps([true, true, true, false, false])
    );
}

/// The starter plan's steps of a reseller's first 30 days, each done or not.
fn first_steps(done: [bool; 5]) -> Value {
    let titles = [
        "Sign in to the portal",
        "Kickoff call with your partner manager",
        "Read the program's enablement content",
        "Invite a colleague",
        "Register your first deal",
    ];
    let steps: Vec<Value> = titles
        .iter()
        .zip(done)
        .map(|(title, done)| json!({ "title": title, "done": done }))
        .collect();
    json!({ "steps": steps })
}
