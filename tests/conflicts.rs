//! A conflict between two claims decided in the console: in one step (approve one, decline
//! the other), and one decision after another through the queue.

use crate::support;

use support::forms::register_deal;
use support::*;

#[tokio::test]
async fn a_manager_approves_one_claim_and_declines_the_other_in_one_step() {
    let portal = Portal::start().await;
    let alice = browser().await;
    alice.sign_in(&portal, "alice@northwind.example").await;
    alice.open(&portal.url("/registrations/new")).await;
    let first = register_deal(&alice, "Initech Systems", "initech.example").await;
    alice.close().await;
    let bob = browser().await;
    bob.sign_in(&portal, "bob@globex-consulting.example").await;
    bob.open(&portal.url("/registrations/new")).await;
    let second = register_deal(&bob, "Initech Systems", "initech.example").await;

    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    manager.open(&portal.url("/manage/registrations")).await;
    let row = |id: i64| format!("tr:has(a[href='/manage/registrations/{id}'])");
    manager
        .wait_for_text(&row(first), "1 competing claim")
        .await;
    manager
        .wait_for_text(&row(second), "1 competing claim")
        .await;
    manager
        .open(&portal.url(&format!("/manage/registrations/{second}")))
        .await;
    let choice = format!("Approve R-{} and decline R-{}", 1000 + first, 1000 + second);
    let button = manager.wait_for_text("#resolve-1", &choice).await;
    assert_eq!(button, choice);
    manager.screenshot("conflict-view").await;
    manager.click("#resolve-1").await;
    manager.wait_for_text(".claim-main", "Declined").await;
    manager.wait_for_text("#findings", "Resolved").await;
    assert!(!manager.is_present("#resolution").await);
    manager.close().await;

    bob.open(&portal.url(&format!("/registrations/{second}")))
        .await;
    bob.wait_for_text("#decision", "Another registration has this customer")
        .await;
    let said = bob.wait_for_text("#conflict-result", "declined").await;
    assert!(!said.contains("will decide"), "{said}");
    bob.close().await;
}

#[tokio::test]
async fn after_a_decision_the_next_registration_to_decide_opens() {
    let portal = Portal::start().await;
    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    manager.open(&portal.url("/manage/registrations")).await;
    let first = manager.find("main table tbody tr a").await;
    let href = first.attr("href").await.unwrap().unwrap();
    first.click().await.unwrap();
    manager.wait_for_path(&href).await;
    manager.click("#decision-verdict-approve").await;
    manager.click("#decision-next").await;
    // The oldest other undecided registration opens.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let path = manager
            .client
            .current_url()
            .await
            .unwrap()
            .path()
            .to_owned();
        if path != href && path.starts_with("/manage/registrations/") {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "stayed at {path}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    manager.find("#decision-verdict-approve").await;
    manager.close().await;
}
