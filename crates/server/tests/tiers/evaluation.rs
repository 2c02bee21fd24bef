//! The evaluation over time: promotion, grace and moving down with the clock, approval and
//! override with its reminder, a burst taking turns, the scheduled run, and the demo's program.

use futures_util::future::join_all;
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{DAY, NO_PROGRAM, change, changes_of, evaluate, program, save, won};
use crate::common::partners::new_partner;
use crate::common::*;

#[tokio::test]
async fn a_partner_is_promoted_kept_through_grace_and_moved_down_at_its_end() {
    let app = TestApp::start().await;
    let mut manager = app.sign_in(MANAGER).await;
    let (org, admin) = new_partner(&app, "Tiered Co").await;
    let mut partner = app.sign_in(&admin).await;
    json(save(&manager, &program("automatic")).await, StatusCode::OK).await;
    // 95,000 EUR at 1.1 is 104,500 USD: gold.
    won(&app, org, "sourced", 95_000, "EUR", 10).await;

    let first = evaluate(&manager).await;
    assert_eq!(
        changes_of(&first, org),
        [change("promoted", "silver", "gold")]
    );
    let again = evaluate(&manager).await;
    assert!(again["changes"].as_array().unwrap().is_empty(), "{again}");

    let mine = partner.read("/api/program/my-tier").await;
    assert_eq!(mine["current"]["tier"], "gold");
    assert_eq!(mine["current"]["benefits"], "gold benefits");
    assert_eq!(mine["next"]["tier"], "platinum");
    assert_eq!(
        mine["progress"],
        json!([{ "measure": "won_deals", "certification": null, "current": 1, "required": 50, "met": false }])
    );
    assert_eq!(mine["grace_until"], Value::Null);

    // The deal leaves the twelve-month window: grace first, then down. (Sessions end meanwhile.)
    app.clock.advance(365 * DAY);
    (manager, partner) = (app.sign_in(MANAGER).await, app.sign_in(&admin).await);
    let lost = evaluate(&manager).await;
    assert_eq!(
        changes_of(&lost, org),
        [change("grace_started", "gold", "gold")]
    );
    let in_grace = partner.read("/api/program/my-tier").await;
    assert_eq!(in_grace["current"]["tier"], "gold");
    assert!(in_grace["grace_until"].is_string());

    app.clock.advance(30 * DAY);
    manager = app.sign_in(MANAGER).await;
    let down = evaluate(&manager).await;
    assert_eq!(
        changes_of(&down, org),
        [change("moved_down", "gold", "registered")]
    );
    let standing = manager
        .read(&format!("/api/organizations/{org}/tier"))
        .await;
    assert_eq!(standing["assigned"], "registered");
    assert_eq!(standing["eligible"], "registered");
    let events: Vec<&str> = standing["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["event"].as_str().unwrap())
        .collect();
    assert_eq!(events, ["moved_down", "grace_started", "promoted"]);
    let audited = app.audit("organization.tier_changed").await;
    assert_eq!(audited.iter().filter(|(_, s)| *s == Some(org)).count(), 3);

    // The partner heard of each change, with what was missing when the grace period began.
    let partner = app.sign_in(&admin).await;
    let feed = partner.read("/api/notifications").await;
    let told: Vec<(&str, &str)> = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["category"] == "tier_change")
        .map(|n| (n["subject"].as_str().unwrap(), n["body"].as_str().unwrap()))
        .collect();
    let subjects: Vec<&str> = told.iter().map(|(s, _)| *s).collect();
    assert_eq!(
        subjects,
        [
            "Tiered Co is now REGISTERED",
            "Tiered Co no longer meets GOLD's rules",
            "Tiered Co is now GOLD"
        ]
    );
    assert!(
        told[1]
            .1
            .contains("- Partner-sourced won revenue: 0 USD of 100,000 USD"),
        "{}",
        told[1].1
    );
}

#[tokio::test]
async fn promotions_wait_for_approval_and_an_override_holds_until_it_expires() {
    let app = TestApp::start().await;
    let mut manager = app.sign_in(MANAGER).await;
    let (org, _) = new_partner(&app, "Careful Co").await;
    json(save(&manager, &program("approval")).await, StatusCode::OK).await;
    won(&app, org, "sourced", 150_000, "USD", 5).await;

    let proposed = evaluate(&manager).await;
    assert_eq!(
        changes_of(&proposed, org),
        [change("promotion_proposed", "silver", "gold")]
    );
    let standing = manager
        .read(&format!("/api/organizations/{org}/tier"))
        .await;
    assert_eq!(
        (&standing["assigned"], &standing["proposed"]),
        (&json!("silver"), &json!("gold"))
    );

    let standings = manager.read("/api/program/tiers/standings").await;
    let row = standings
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["organization"]["id"] == org)
        .unwrap();
    assert_eq!(
        [
            &row["assigned"],
            &row["eligible"],
            &row["proposed"],
            &row["next"]
        ],
        [
            &json!("silver"),
            &json!("gold"),
            &json!("gold"),
            &json!("gold")
        ]
    );
    assert_eq!(row["next_progress"], 100);
    let feed = manager.read("/api/notifications").await;
    assert!(
        feed["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["subject"] == "Careful Co qualifies for GOLD"),
        "vendor staff hear of a promotion waiting for them: {feed}"
    );

    let approve = || {
        manager
            .post(&format!("/api/organizations/{org}/tier/approve"))
            .send()
    };
    let approved = json(approve().await.unwrap(), StatusCode::OK).await;
    assert_eq!(
        (&approved["event"], &approved["to"]),
        (&json!("promoted"), &json!("gold"))
    );
    assert_eq!(
        error(approve().await.unwrap(), StatusCode::CONFLICT)
            .await
            .0,
        "conflict"
    );

    let set = |body: Value| {
        manager
            .send(
                reqwest::Method::PUT,
                &format!("/api/organizations/{org}/tier/override"),
            )
            .json(&body)
            .send()
    };
    let today = portico_api::date::Date::from_unix(app.state().now());
    let (_, body) = error(
        set(json!({ "tier": "platinum", "until": today.to_string(), "rationale": " " }))
            .await
            .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        body["error"]["fields"]["until"].is_string()
            && body["error"]["fields"]["rationale"].is_string()
    );
    let until = portico_api::date::Date::from_unix(app.state().now() + 10 * DAY).to_string();
    let overridden = set(
        json!({ "tier": "platinum", "until": until, "rationale": "Strategic launch partner." }),
    );
    let overridden = json(overridden.await.unwrap(), StatusCode::OK).await;
    assert_eq!(
        (&overridden["event"], &overridden["to"]),
        (&json!("overridden"), &json!("platinum"))
    );

    assert!(
        changes_of(&evaluate(&manager).await, org).is_empty(),
        "held"
    );
    let standing = manager
        .read(&format!("/api/organizations/{org}/tier"))
        .await;
    assert_eq!(
        standing["override"]["rationale"],
        "Strategic launch partner."
    );

    // Vendor staff hear once, in the override's last week, that it is about to end.
    let reminders = async |manager: &Session| {
        let feed = manager.read("/api/notifications").await;
        feed["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| {
                n["subject"]
                    .as_str()
                    .unwrap()
                    .starts_with("Careful Co's tier set by hand ends on")
            })
            .count()
    };
    assert_eq!(reminders(&manager).await, 0);
    app.clock.advance(4 * DAY);
    manager = app.sign_in(MANAGER).await;
    evaluate(&manager).await;
    evaluate(&manager).await;
    assert_eq!(reminders(&manager).await, 1);

    app.clock.advance(7 * DAY);
    manager = app.sign_in(MANAGER).await;
    let expired = evaluate(&manager).await;
    assert_eq!(
        changes_of(&expired, org),
        [
            change("override_expired", "platinum", "platinum"),
            change("grace_started", "platinum", "platinum")
        ]
    );
}

#[tokio::test]
async fn a_burst_of_evaluations_records_each_change_once() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let (org, _) = new_partner(&app, "Busy Co").await;
    json(save(&manager, &program("automatic")).await, StatusCode::OK).await;
    won(&app, org, "sourced", 200_000, "USD", 1).await;
    let burst = (0..6).map(|_| evaluate(&manager));
    let answers = join_all(burst).await;
    let promotions: usize = answers.iter().map(|a| changes_of(a, org).len()).sum();
    assert_eq!(promotions, 1);
    let standing = manager
        .read(&format!("/api/organizations/{org}/tier"))
        .await;
    assert_eq!(standing["history"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn the_scheduled_evaluation_waits_for_a_program_then_places_partners() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let (org, _) = new_partner(&app, "Scheduled Co").await;
    won(&app, org, "sourced", 120_000, "USD", 3).await;
    app.reopen_after(&[NO_PROGRAM]).await;
    portico_server::jobs::tiers::run_once(app.state())
        .await
        .unwrap();
    assert_eq!(app.count("SELECT COUNT(*) FROM tier_history").await, 0);

    json(save(&manager, &program("automatic")).await, StatusCode::OK).await;
    portico_server::jobs::tiers::run_once(app.state())
        .await
        .unwrap();
    let standing = manager
        .read(&format!("/api/organizations/{org}/tier"))
        .await;
    assert_eq!(standing["assigned"], "gold");
    let entry = &standing["history"][0];
    assert_eq!(
        (&entry["event"], &entry["actor"]),
        (&json!("promoted"), &Value::Null)
    );
}

#[tokio::test]
async fn the_demo_program_shows_grace_near_promotions_and_promotions() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let evaluation = evaluate(&manager).await;
    let standings = manager.read("/api/program/tiers/standings").await;
    let of = |name: &str| {
        standings
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["organization"]["name"] == name)
            .cloned()
            .unwrap()
    };
    for in_grace in ["Globex Consulting", "Umbrella Cloud Marketplace"] {
        assert!(of(in_grace)["grace_until"].is_string(), "{in_grace}");
    }
    for (close, next) in [
        ("Northwind Partners", "platinum"),
        ("Stark Integrations", "gold"),
    ] {
        let standing = of(close);
        assert_eq!(standing["next"], next, "{close}");
        assert!(
            standing["next_progress"].as_u64().unwrap() >= 90,
            "{standing}"
        );
    }
    let promoted: Vec<&str> = evaluation["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["event"] == "promoted")
        .map(|c| c["organization"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(promoted, ["Wayne Managed Services", "Tyrell Resellers"]);
}
