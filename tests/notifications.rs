//! Notification settings, unsubscribe and the administrators' messages page end to end in
//! headless Chromium: a partner administrator turns one category's e-mail off and connects
//! the organization's Slack channel; an invitation e-mail lands in the mailbox, which an
//! administrator opens; its deliveries show as delivered.

use crate::support;

use portico_server::jobs::notifications::run_once;
use support::*;

#[tokio::test]
async fn a_partner_admin_chooses_channels_and_an_admin_reads_the_mailbox() {
    let portal = Portal::start().await;
    let alice = browser().await;
    alice.sign_in(&portal, "alice@northwind.example").await;
    alice.open(&portal.url("/settings/notifications")).await;
    let email_box = "#notify-registration_decision-email";
    alice.find(email_box).await;
    assert_eq!(alice.run(&checked(email_box)).await, true);
    alice.click(email_box).await;
    alice.click("#notifications-save").await;
    alice.wait_for_text("#notifications-status", "Saved").await;
    alice.find("#slack-current").await;
    alice
        .type_into(
            "#slack-form input[type='url']",
            "https://hooks.slack.com/services/T1/B2/abcd1234",
        )
        .await;
    alice.click("#slack-save").await;
    alice
        .wait_for_text("#slack-current", "hooks.slack.com/…/1234")
        .await;

    alice.open(&portal.url("/settings/notifications")).await;
    alice.find(email_box).await;
    assert_eq!(alice.run(&checked(email_box)).await, false);
    assert_eq!(
        alice.run(&checked("#notify-announcement-email")).await,
        true
    );
    alice.close().await;

    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    manager.open(&portal.url("/manage/invitations")).await;
    manager
        .type_into("#invite-email", "new.hire@northwind.example")
        .await;
    manager.select("#invite-org", "Northwind Partners").await;
    manager.click("#invite-submit").await;
    manager.wait_for_text("main", "/invite/").await;
    manager.close().await;
    run_once(&portal.running.state).await.unwrap();

    let admin = browser().await;
    admin.sign_in(&portal, "admin@acme.example").await;
    admin.open(&portal.url("/manage/messages")).await;
    admin
        .wait_for_text("#mailbox-table", "new.hire@northwind.example")
        .await;
    admin.click("#mailbox-table button.link-button").await;
    admin.wait_for_text("#mail-0", "invited you to join").await;
    admin
        .wait_for_text("#message-deliveries-table", "new.hire@northwind.example")
        .await;
    admin
        .wait_for_text("#message-deliveries-table", "Delivered")
        .await;
    // The wide table keeps its actions in view, and an address breaks only after its @.
    let fit = admin
        .run(
            "const t = document.querySelector('#message-deliveries-table');\
             const wrap = t.closest('.table-wrap').getBoundingClientRect();\
             const cell = t.querySelector('td.row-actions').getBoundingClientRect();\
             const address = t.querySelector('.email-address');\
             return [cell.right <= wrap.right + 1, getComputedStyle(address).overflowWrap]",
        )
        .await;
    assert_eq!(fit, serde_json::json!([true, "normal"]), "{fit}");
    admin.close().await;
}

fn checked(css: &str) -> String {
    format!("return document.querySelector({css:?}).checked")
}
