//! Announcements and sign-in links end to end in headless Chromium: a manager publishes an
//! announcement to the gold tier that must be acknowledged; a gold partner sees the unread
//! badge, reads and acknowledges it; a platinum partner sees nothing; the manager sees the
//! counts change. A partner signs in through the link taken from the e-mail the portal wrote.

use crate::support;

use portico_server::jobs::notifications::run_once;
use portico_server::mail;
use support::*;

#[tokio::test]
async fn a_gold_partner_reads_and_acknowledges_what_a_platinum_partner_never_sees() {
    let portal = Portal::start().await;
    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    manager.open(&portal.url("/manage/announcements/new")).await;
    manager
        .type_into("#announcement-title", "Gold tier: new certification rule")
        .await;
    manager
        .type_into(
            "#announcement-body",
            "From **March**, gold partners need two certified engineers.",
        )
        .await;
    manager.click("#audience-kind-segments").await;
    manager.click("#audience-tiers-gold").await;
    manager.click("#requires-ack").await;
    manager.click("#announcement-save").await;
    manager.wait_for_text("#count-delivered", "3").await;
    manager.wait_for_text("#count-acknowledged", "0").await;
    let detail = manager.run("return location.pathname").await;
    let detail = detail.as_str().unwrap().to_owned();
    let id = detail.rsplit('/').next().unwrap().to_owned();
    assert!(id.parse::<i64>().is_ok(), "{detail}");

    let alice = browser().await;
    alice.sign_in(&portal, "alice@northwind.example").await;
    alice.wait_for_text("#unread-badge", "1").await;
    alice.nav_to("/announcements").await;
    alice
        .wait_for_text(".feed", "Gold tier: new certification rule")
        .await;
    alice
        .click(&format!(".feed a[href='/announcements/{id}']"))
        .await;
    alice
        .wait_for_text("#announcement-body strong", "March")
        .await;
    alice.click("#acknowledge").await;
    alice
        .wait_for_text("#acknowledged", "You acknowledged this")
        .await;
    wait_until_hidden(&alice, "#unread-badge").await;

    let bob = browser().await;
    bob.sign_in(&portal, "bob@globex-consulting.example").await;
    assert!(
        !bob.find("#unread-badge")
            .await
            .is_displayed()
            .await
            .unwrap()
    );
    bob.open(&portal.url("/announcements")).await;
    bob.wait_for_text("main", "No announcements yet").await;
    bob.open(&portal.url(&format!("/announcements/{id}"))).await;
    bob.find("#not-found").await;

    manager.open(&portal.url(&detail)).await;
    manager.wait_for_text("#count-read", "1").await;
    manager.wait_for_text("#count-acknowledged", "1").await;
    let waiting = manager.wait_for_text("#not-acknowledged", "Nate").await;
    assert!(
        waiting.contains("Uma") && !waiting.contains("Alice"),
        "{waiting}"
    );
    manager.click("#remind").await;
    manager.click("#remind-confirm").await;
    manager
        .wait_for_text("main", "2 reminders are on their way.")
        .await;
    for b in [manager, alice, bob] {
        b.close().await;
    }
}

#[tokio::test]
async fn a_partner_signs_in_with_the_link_from_the_email_and_lands_where_they_were_going() {
    let portal = Portal::start().await;
    let browser = browser().await;
    browser
        .open(&portal.url("/login?next=/registrations"))
        .await;
    browser
        .type_into("#link-email", "alice@northwind.example")
        .await;
    browser.click("#send-sign-in-link").await;
    browser
        .wait_for_text("#sign-in-link-sent", "If an account uses that address")
        .await;

    let state = &portal.running.state;
    run_once(state).await.unwrap();
    let mailbox = state.mailer.mailbox().expect("no SMTP server: the mailbox");
    let written = mail::list_mailbox(mailbox, 10).await.unwrap();
    assert_eq!(written.len(), 1);
    assert_eq!(written[0].to, "alice@northwind.example");
    let email = mail::open_mailbox(mailbox, &written[0].name)
        .await
        .unwrap()
        .unwrap();
    // The portal's public address has no port here; the test server listens on one.
    let link = email.links[0].replacen("http://127.0.0.1", &portal.base, 1);
    assert!(link.contains("/sign-in/"), "{link}");

    browser.open(&link).await;
    browser.click("#use-sign-in-link").await;
    browser.wait_for_path("/registrations").await;
    browser
        .wait_for_text("#current-user", "Alice Northwind")
        .await;

    // Used once: the same link no longer signs anyone in.
    browser.click("#sign-out").await;
    browser.wait_for_path("/login").await;
    browser.open(&link).await;
    browser.click("#use-sign-in-link").await;
    browser
        .wait_for_text("main", "has been used or has expired")
        .await;
    browser.close().await;
}

async fn wait_until_hidden(browser: &Browser, css: &str) {
    for _ in 0..100 {
        if !browser.find(css).await.is_displayed().await.unwrap() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{css} stayed visible");
}
