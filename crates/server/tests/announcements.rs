//! Announcements: audiences, scheduling, edit history, read receipts, acknowledgments,
//! reminders to exactly those who have not acknowledged, and e-mail that ignores opt-outs when
//! an acknowledgment is required.

use crate::common;

use common::smtp::{SmtpReceiver, deliver_due, wait_for_messages};
use common::{ALICE, BOB, MANAGER, Session, TestApp, error, json};
use reqwest::StatusCode;
use serde_json::{Value, json};

const NATE: &str = "nate@northwind.example";
const UMA: &str = "uma@umbrella.example";

fn gold_rules(requires_ack: bool) -> Value {
    json!({
        "title": "New gold tier rules",
        "body": "From **March** the gold tier needs two certified people.<script>alert(1)</script>",
        "audience": {"kind": "segments", "tiers": ["gold"], "motions": []},
        "requires_ack": requires_ack,
        "publish_at": null,
    })
}

async fn publish(manager: &Session, body: &Value) -> Value {
    let response = manager
        .post("/api/announcements")
        .json(body)
        .send()
        .await
        .unwrap();
    json(response, StatusCode::CREATED).await
}

async fn unread(session: &Session) -> Value {
    json(
        session.get("/api/feed/unread").send().await.unwrap(),
        StatusCode::OK,
    )
    .await
}

async fn counts(manager: &Session, id: i64) -> Value {
    json(
        manager
            .get(&format!("/api/announcements/{id}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await["counts"]
        .clone()
}

#[tokio::test]
async fn a_tier_announcement_reaches_only_that_tier_and_counts_reads_and_acknowledgments() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    let bob = app.sign_in(BOB).await;

    let created = publish(&manager, &gold_rules(true)).await;
    let id = created["id"].as_i64().unwrap();
    assert!(created["published_at"].is_string());
    assert_eq!(created["version"], 1);
    let html = created["body_html"].as_str().unwrap();
    assert!(
        html.contains("<strong>March</strong>") && !html.contains("<script"),
        "{html}"
    );
    // Gold: Northwind (Alice, Nate) and Umbrella (Uma).
    assert_eq!(
        created["counts"],
        json!({"delivered": 3, "read": 0, "acknowledged": 0})
    );

    assert_eq!(
        unread(&alice).await,
        json!({"unread": 1, "to_acknowledge": 1})
    );
    assert_eq!(
        unread(&bob).await,
        json!({"unread": 0, "to_acknowledge": 0})
    );
    let bobs_feed = json(bob.get("/api/feed").send().await.unwrap(), StatusCode::OK).await;
    assert_eq!(bobs_feed["items"], json!([]));
    for path in [format!("/api/feed/{id}"), format!("/api/feed/{id}/read")] {
        let response = if path.ends_with("read") {
            bob.post(&path).send().await.unwrap()
        } else {
            bob.get(&path).send().await.unwrap()
        };
        error(response, StatusCode::NOT_FOUND).await;
    }
    let by_vendor = manager.get("/api/feed").send().await.unwrap();
    error(by_vendor, StatusCode::FORBIDDEN).await;
    let partner_manages = alice.get("/api/announcements").send().await.unwrap();
    error(partner_manages, StatusCode::FORBIDDEN).await;

    let feed = json(alice.get("/api/feed").send().await.unwrap(), StatusCode::OK).await;
    assert_eq!(feed["items"][0]["id"], id);
    assert!(feed["items"][0]["read_at"].is_null());
    let item: &Value = &feed["items"][0];
    let fields: Vec<&str> = item
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        fields,
        [
            "acknowledged_at",
            "body_html",
            "edited_at",
            "id",
            "published_at",
            "read_at",
            "requires_ack",
            "title"
        ],
        "partners see no audience and no one else's receipts"
    );

    let read = alice
        .post(&format!("/api/feed/{id}/read"))
        .send()
        .await
        .unwrap();
    let read = json(read, StatusCode::OK).await;
    assert!(read["read_at"].is_string());
    app.clock.advance(60);
    let again = alice
        .post(&format!("/api/feed/{id}/read"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        json(again, StatusCode::OK).await["read_at"],
        read["read_at"]
    );
    assert_eq!(
        unread(&alice).await,
        json!({"unread": 0, "to_acknowledge": 1})
    );
    assert_eq!(
        counts(&manager, id).await,
        json!({"delivered": 3, "read": 1, "acknowledged": 0})
    );

    let acked = alice
        .post(&format!("/api/feed/{id}/acknowledgment"))
        .send()
        .await
        .unwrap();
    assert!(json(acked, StatusCode::OK).await["acknowledged_at"].is_string());
    assert_eq!(
        unread(&alice).await,
        json!({"unread": 0, "to_acknowledge": 0})
    );
    assert_eq!(
        counts(&manager, id).await,
        json!({"delivered": 3, "read": 1, "acknowledged": 1})
    );
    let pending = json(
        manager
            .get(&format!("/api/announcements/{id}/unacknowledged"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let emails: Vec<&str> = pending["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["email"].as_str().unwrap())
        .collect();
    assert_eq!(emails, [NATE, UMA]);
    assert_eq!(
        pending["items"][0]["organization"]["name"],
        "Northwind Partners"
    );
    assert_eq!(app.audit("announcement.acknowledged").await.len(), 1);
    assert_eq!(app.audit("announcement.created").await.len(), 1);
    assert_eq!(app.audit("announcement.published").await.len(), 1);
}

#[tokio::test]
async fn reminders_go_by_email_to_exactly_those_who_have_not_acknowledged() {
    let smtp = SmtpReceiver::start().await;
    let url = smtp.url();
    let app = TestApp::start_with(|s| s.smtp_url = Some(url)).await;
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    let nate = app.sign_in(NATE).await;
    // Nate turned announcement e-mail off; an announcement to acknowledge reaches him anyway.
    let off = nate
        .send(reqwest::Method::PUT, "/api/me/notifications")
        .json(&json!({"choices": [{"category": "announcement", "email": false, "slack": false}]}))
        .send()
        .await
        .unwrap();
    json(off, StatusCode::OK).await;

    let plain = publish(&manager, &gold_rules(false)).await;
    deliver_due(app.state()).await;
    let first = wait_for_messages(&smtp, 2).await;
    let mut to: Vec<&str> = first.iter().map(|m| m.to.as_str()).collect();
    to.sort();
    assert_eq!(to, [ALICE, UMA], "no e-mail for Nate, who turned them off");
    assert!(first[0].html.contains("<strong>March</strong>"));
    assert!(!first[0].html.contains("<script"));

    let must = publish(&manager, &gold_rules(true)).await;
    let id = must["id"].as_i64().unwrap();
    deliver_due(app.state()).await;
    let second = wait_for_messages(&smtp, 5).await;
    assert!(second[2..].iter().any(|m| m.to == NATE));
    assert!(
        second[2..]
            .iter()
            .all(|m| m.text.contains(&format!("/announcements/{id}")))
    );

    alice
        .post(&format!("/api/feed/{id}/acknowledgment"))
        .send()
        .await
        .unwrap();
    let reminded = manager
        .post(&format!("/api/announcements/{id}/reminders"))
        .send()
        .await
        .unwrap();
    assert_eq!(json(reminded, StatusCode::OK).await, json!({"reminded": 2}));
    deliver_due(app.state()).await;
    let third = wait_for_messages(&smtp, 7).await;
    let mut reminded_to: Vec<&str> = third[5..].iter().map(|m| m.to.as_str()).collect();
    reminded_to.sort();
    assert_eq!(reminded_to, [NATE, UMA]);
    assert!(third[5].subject.starts_with("Reminder: please acknowledge"));

    let no_ack = manager
        .post(&format!(
            "/api/announcements/{}/reminders",
            plain["id"].as_i64().unwrap()
        ))
        .send()
        .await
        .unwrap();
    error(no_ack, StatusCode::CONFLICT).await;
    let not_asked = alice
        .post(&format!(
            "/api/feed/{}/acknowledgment",
            plain["id"].as_i64().unwrap()
        ))
        .send()
        .await
        .unwrap();
    error(not_asked, StatusCode::CONFLICT).await;
    assert_eq!(app.audit("announcement.reminded").await.len(), 1);
}

#[tokio::test]
async fn a_scheduled_announcement_publishes_once_at_its_time_and_edits_keep_history() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    let northwind = alice.me.organization.as_ref().unwrap().id;
    let at = portico_server::clock::rfc3339(app.state().now() + 3600);
    let body = json!({
        "title": "Quarterly webinar",
        "body": "Join us.",
        "audience": {"kind": "organizations", "ids": [northwind]},
        "requires_ack": false,
        "publish_at": at,
    });
    let scheduled = publish(&manager, &body).await;
    let id = scheduled["id"].as_i64().unwrap();
    assert!(scheduled["published_at"].is_null());
    assert_eq!(scheduled["publish_at"], at);
    assert_eq!(unread(&alice).await["unread"], 0);

    // Edited while scheduled: the audience may still change.
    let mut edited = body.clone();
    edited["body"] = "Join us on Thursday.".into();
    let saved = manager
        .send(reqwest::Method::PUT, &format!("/api/announcements/{id}"))
        .json(&edited)
        .send()
        .await
        .unwrap();
    assert_eq!(json(saved, StatusCode::OK).await["version"], 2);

    portico_server::jobs::announcements::run_once(app.state())
        .await
        .unwrap();
    assert_eq!(unread(&alice).await["unread"], 0, "not yet");
    app.clock.advance(3600);
    let published = portico_server::jobs::announcements::run_once(app.state())
        .await
        .unwrap();
    assert_eq!(published, 1);
    let again = portico_server::jobs::announcements::run_once(app.state())
        .await
        .unwrap();
    assert_eq!(again, 0, "published once");
    assert_eq!(unread(&alice).await["unread"], 1);
    let item = json(
        alice.get(&format!("/api/feed/{id}")).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert!(
        item["edited_at"].is_null(),
        "edits before publishing are not news"
    );

    app.clock.advance(60);
    edited["title"] = "Quarterly webinar (new link)".into();
    let after = manager
        .send(reqwest::Method::PUT, &format!("/api/announcements/{id}"))
        .json(&edited)
        .send()
        .await
        .unwrap();
    assert_eq!(json(after, StatusCode::OK).await["version"], 3);
    let item = json(
        alice.get(&format!("/api/feed/{id}")).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(item["title"], "Quarterly webinar (new link)");
    assert!(item["edited_at"].is_string());
    let versions = json(
        manager
            .get(&format!("/api/announcements/{id}/versions"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let titles: Vec<(i64, &str)> = versions
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["version"].as_i64().unwrap(), v["title"].as_str().unwrap()))
        .collect();
    assert_eq!(
        titles,
        [
            (3, "Quarterly webinar (new link)"),
            (2, "Quarterly webinar"),
            (1, "Quarterly webinar")
        ]
    );
    assert_eq!(versions[2]["body"], "Join us.");
    assert_eq!(versions[0]["edited_by"], "Morgan Manager");

    let mut widened = edited.clone();
    widened["audience"] = json!({"kind": "all"});
    let refused = manager
        .send(reqwest::Method::PUT, &format!("/api/announcements/{id}"))
        .json(&widened)
        .send()
        .await
        .unwrap();
    error(refused, StatusCode::CONFLICT).await;
    assert_eq!(app.audit("announcement.edited").await.len(), 2);
}

#[tokio::test]
async fn a_bad_announcement_is_refused_field_by_field() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let refused = manager
        .post("/api/announcements")
        .json(&json!({
            "title": " ", "body": "", "requires_ack": false, "publish_at": "next week",
            "audience": {"kind": "segments", "tiers": [], "motions": []},
        }))
        .send()
        .await
        .unwrap();
    let (code, body) = error(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(code, "validation_failed");
    let fields = &body["error"]["fields"];
    assert!(fields["title"].is_string() && fields["body"].is_string());
    assert_eq!(fields["audience"], "Choose at least one tier or motion.");
    let late = manager
        .post("/api/announcements")
        .json(&json!({
            "title": "Hi", "body": "Text", "requires_ack": false, "publish_at": "next week",
            "audience": {"kind": "all"},
        }))
        .send()
        .await
        .unwrap();
    let (_, body) = error(late, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(body["error"]["fields"]["publish_at"].is_string());
    let missing = manager
        .get("/api/announcements/999999")
        .send()
        .await
        .unwrap();
    error(missing, StatusCode::NOT_FOUND).await;
}
