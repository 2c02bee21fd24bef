//! `GET /api/dashboard`: a partner's home counts only its own organization's work, and every
//! count on a manager's home is the size of the list it links to.

use crate::common;

use common::partners::{new_partner, published_asset};
use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn ask(manager: &Session, id: i64, question: &str) {
    let asked = manager
        .post(&format!("/api/registrations/{id}/info-request"))
        .json(&json!({ "question": question }))
        .send()
        .await
        .unwrap();
    json(asked, StatusCode::OK).await;
}

fn status_count(dashboard: &Value, status: &str) -> i64 {
    dashboard["registrations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["status"] == status)
        .unwrap()["count"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn a_partners_home_counts_its_own_registrations_deals_and_news() {
    let app = TestApp::start().await;
    let (_, email) = new_partner(&app, "Tailspin Resellers").await;
    let partner = app.sign_in(&email).await;
    let manager = app.sign_in(MANAGER).await;

    let fresh = partner.read("/api/dashboard").await;
    assert_eq!(fresh["registrations"].as_array().unwrap().len(), 6);
    assert!(
        fresh["registrations"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["count"] == 0)
    );
    assert_eq!(fresh["pipeline"], json!([]));
    let step = |home: &Value, key: &str| -> Value {
        let steps = home["onboarding"]["steps"].as_array().unwrap().clone();
        steps.into_iter().find(|s| s["key"] == key).unwrap()
    };
    assert!(
        step(&fresh, "first-sign-in")["done_on"].is_string(),
        "signed in"
    );
    assert_eq!(step(&fresh, "first-registration")["done_on"], Value::Null);
    let unread = partner.read("/api/feed/unread").await;
    assert_eq!(fresh["unread_announcements"], unread["unread"]);
    assert_eq!(fresh["to_acknowledge"], unread["to_acknowledge"]);

    published_asset(&manager).await;
    let news = partner.read("/api/dashboard").await;
    assert_eq!(
        news["new_content"],
        fresh["new_content"].as_i64().unwrap() + 1
    );
    // Looking at the hub makes what it showed no longer new.
    partner.read("/api/assets").await;
    assert_eq!(partner.read("/api/dashboard").await["new_content"], 0);

    let approved = register_deal(&app, &partner, "Contoso Pharma", "reseller").await;
    let questioned = register_deal(&app, &partner, "Litware Media", "reseller").await;
    approve(&manager, &approved).await;
    let questioned = questioned["id"].as_i64().unwrap();
    ask(&manager, questioned, "Who signs the contract?").await;

    let home = partner.read("/api/dashboard").await;
    assert_eq!(status_count(&home, "approved"), 1);
    assert_eq!(status_count(&home, "info_requested"), 1);
    assert_eq!(status_count(&home, "submitted"), 0);
    let to_answer = home["to_answer"].as_array().unwrap();
    assert_eq!(to_answer.len(), 1);
    assert_eq!(to_answer[0]["id"], questioned);
    assert_eq!(to_answer[0]["question"], "Who signs the contract?");
    assert_eq!(
        home["pipeline"],
        json!([{ "motion": "reseller", "stage": "deal_registration", "deals": 1,
                 "values": [{ "currency": "EUR", "value": 90000 }] }])
    );
    assert_eq!(home["protection_ending"], json!([]));
    assert!(step(&home, "first-registration")["done_on"].is_string());

    // Eleven days before the end the protection is listed as ending.
    app.clock.advance(79 * 86_400);
    let partner = app.sign_in(&email).await;
    let later = partner.read("/api/dashboard").await;
    assert_eq!(later["protection_ending_total"], 1);
    assert_eq!(later["protection_ending"][0]["id"], approved["id"]);
    assert_eq!(later["protection_ending"][0]["protection"]["days_left"], 11);
    assert!(later["onboarding"].is_object(), "79 days in, still new");
    app.clock.advance(45 * 86_400);
    let partner = app.sign_in(&email).await;
    let settled = partner.read("/api/dashboard").await;
    assert_eq!(
        settled["onboarding"],
        Value::Null,
        "past its first 120 days"
    );

    // Another partner's home holds none of it.
    let alice = app.sign_in(ALICE).await;
    let hers = alice.read("/api/dashboard").await.to_string();
    for secret in ["Contoso Pharma", "Litware Media", "Who signs the contract?"] {
        assert!(!hers.contains(secret), "{secret} leaked into {hers}");
    }
}

/// The number of items the list at `path` holds, paging through it.
async fn list_size(session: &Session, path: &str) -> i64 {
    let mut size = 0;
    let mut cursor = None::<String>;
    loop {
        let page_path = match &cursor {
            Some(c) => format!("{path}&limit=100&cursor={c}"),
            None => format!("{path}&limit=100"),
        };
        let page = session.read(&page_path).await;
        size += page["items"].as_array().unwrap().len() as i64;
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => return size,
        }
    }
}

/// Each count of the manager's home with the list the console links it to.
const LINKED_LISTS: [(&str, &str); 7] = [
    ("to_decide", "/api/registrations?queue=true"),
    ("past_sla", "/api/registrations?queue=true&late=true"),
    (
        "with_conflicts",
        "/api/registrations?queue=true&conflict=review",
    ),
    (
        "extension_requests",
        "/api/registrations?status=approved&extension=requested",
    ),
    ("overdue_next_steps", "/api/pipeline?overdue=true"),
    ("stalled_partners", "/api/organizations?status=stalled"),
    (
        "activating_partners",
        "/api/organizations?status=activating",
    ),
];

async fn assert_counts_match_lists(manager: &Session) -> Value {
    let home = manager.read("/api/dashboard").await;
    for (count, list) in LINKED_LISTS {
        assert_eq!(
            home[count],
            list_size(manager, list).await,
            "{count}: {home}"
        );
    }
    home
}

#[tokio::test]
async fn every_count_on_a_managers_home_is_the_size_of_its_list() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let before = assert_counts_match_lists(&manager).await;
    let (id, email) = new_partner(&app, "Fourth Coffee Partners").await;
    let partner = app.sign_in(&email).await;
    let after_join = assert_counts_match_lists(&manager).await;
    assert_eq!(
        after_join["activating_partners"],
        before["activating_partners"].as_i64().unwrap() + 1
    );
    let activating = manager
        .read("/api/organizations?status=activating&limit=100")
        .await;
    assert!(
        activating["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["id"] == id)
    );

    // A claim on a customer Alice registered needs review; it is undecided, then late.
    let alice = app.sign_in(ALICE).await;
    register_deal(&app, &alice, "Adventure Works Cycles", "reseller").await;
    let approved = register_deal(&app, &partner, "Blue Yonder Airlines", "reseller").await;
    let contested = register_deal(&app, &partner, "Adventure Works Cycles", "reseller").await;
    assert_eq!(contested["conflict"], "review");
    approve(&manager, &approved).await;
    let filed = assert_counts_match_lists(&manager).await;
    assert_eq!(
        filed["to_decide"],
        before["to_decide"].as_i64().unwrap() + 2
    );
    assert!(filed["with_conflicts"].as_i64().unwrap() > before["with_conflicts"].as_i64().unwrap());
    assert_eq!(
        filed["activating_partners"], after_join["activating_partners"],
        "a first registration leaves first steps of the plan open"
    );

    app.clock.advance(77 * 86_400);
    let partner = app.sign_in(&email).await;
    let asked = partner
        .post(&format!("/api/registrations/{}/extension", approved["id"]))
        .json(&json!({ "justification": "Procurement moved." }))
        .send()
        .await
        .unwrap();
    json(asked, StatusCode::OK).await;
    let manager = app.sign_in(MANAGER).await;
    let later = assert_counts_match_lists(&manager).await;
    assert!(later["past_sla"].as_i64().unwrap() >= 2);
    assert!(later["extension_requests"].as_i64().unwrap() >= 1);
    assert!(later["overdue_next_steps"].as_i64().unwrap() > 0, "{later}");
}
