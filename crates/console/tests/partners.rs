//! The partner list end to end in headless Chromium: a manager finds each partner's engagement,
//! the stalled partner marked and the new partner's first steps.

use crate::support;

use support::*;

/// The table row of the demo partner with this name.
async fn row(portal: &Portal, name: &str) -> String {
    let id: i64 =
        portico_server::store::sql::query_scalar("SELECT id FROM organizations WHERE name = $1")
            .bind(name)
            .fetch_one(portal.running.state.db.pool())
            .await
            .unwrap();
    format!("#partner-{id}")
}

#[tokio::test]
async fn a_manager_sees_which_partners_engage_stall_or_are_new() {
    let portal = Portal::start().await;
    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    manager.nav_to("/manage/partners").await;
    manager.wait_for_path("/manage/partners").await;

    let northwind = row(&portal, "Northwind Partners").await;
    let text = manager
        .wait_for_text(&northwind, "Northwind Partners")
        .await;
    assert!(text.contains("Gold") && text.contains("Reseller"), "{text}");
    assert!(!text.contains("Stalled"), "{text}");
    assert!(manager.is_present(&format!("{northwind} meter")).await);

    let wayne = row(&portal, "Wayne Managed Services").await;
    manager.wait_for_text(&wayne, "Stalled").await;

    let tyrell = row(&portal, "Tyrell Resellers").await;
    let text = manager.wait_for_text(&tyrell, "Activation 3 of 5").await;
    for step in [
        "Sign in to the portal",
        "Kickoff call",
        "Register your first deal",
    ] {
        assert!(text.contains(step), "{step} in {text}");
    }
    assert!(!text.contains("Stalled"), "{text}");
    manager.close().await;
}

#[tokio::test]
async fn a_manager_sets_where_a_partner_is_based_from_its_row() {
    let portal = Portal::start().await;
    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    manager.nav_to("/manage/partners").await;
    let northwind = row(&portal, "Northwind Partners").await;
    let button = format!("{northwind}-country");
    manager.wait_for_text(&button, "Germany").await;

    manager.click(&button).await;
    let choice = format!("{northwind}-country-choice");
    manager.wait_for_focus(&choice).await;
    manager.select(&choice, "Switzerland").await;
    manager
        .click(&format!("{northwind} form button[type=submit]"))
        .await;
    manager.wait_for_text(&northwind, "Saved").await;
    manager.wait_for_focus(&button).await;
    manager.wait_for_text(&button, "Switzerland").await;

    let stored: Option<String> = portico_server::store::sql::query_scalar(
        "SELECT country FROM organizations WHERE name = 'Northwind Partners'",
    )
    .fetch_one(portal.running.state.db.pool())
    .await
    .unwrap();
    assert_eq!(stored.as_deref(), Some("CH"));
    manager.close().await;
}
