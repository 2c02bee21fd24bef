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
    let text = manager.wait_for_text(&tyrell, "Activation 2 of 3").await;
    for step in ["First sign-in", "First download", "First registration"] {
        assert!(text.contains(step), "{step} in {text}");
    }
    assert!(!text.contains("Stalled"), "{text}");
    manager.close().await;
}
