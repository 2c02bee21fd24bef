//! Account security end to end in headless Chromium: a partner turns on two-factor sign-in from
//! the key the page shows, signs in with the password and a code, and with a recovery code
//! exactly once; a password change signs the other browser out; an administrator requires
//! two-factor sign-in of vendor staff, and a manager without it lands on the setup page.

use crate::support;

use portico_server::domain::totp::Secret;
use support::*;

const ALICE: &str = "alice@northwind.example";

/// The code the app would show now, by the portal's clock.
fn code_now(portal: &Portal, secret: &str) -> String {
    Secret::from_base32(secret)
        .expect("the page shows a base32 key")
        .code_at(portal.running.state.now())
}

/// Types the e-mail address and password and asks to sign in, without waiting for where it
/// leads.
async fn enter_password(browser: &Browser, portal: &Portal, email: &str) {
    browser.open(&portal.url("/login")).await;
    browser.type_into("#email", email).await;
    browser.type_into("#password", PASSWORD).await;
    browser.click("#sign-in").await;
}

async fn sign_out(browser: &Browser) {
    browser.click("#sign-out").await;
    browser.wait_for_path("/login").await;
}

/// Turns two-factor sign-in on from the account security page; answers the key and the
/// recovery codes the page showed.
async fn turn_on_two_factor(browser: &Browser, portal: &Portal) -> (String, Vec<String>) {
    browser.click("#two-factor-start").await;
    browser.find("#two-factor-qr").await;
    let secret = browser
        .find("#two-factor-secret")
        .await
        .text()
        .await
        .unwrap();
    browser
        .type_into("#two-factor-code", &code_now(portal, &secret))
        .await;
    browser.type_into("#two-factor-password", PASSWORD).await;
    browser.click("#two-factor-confirm").await;
    let shown = browser.wait_for_text("#recovery-codes", "-").await;
    let codes: Vec<String> = shown.split_whitespace().map(str::to_owned).collect();
    assert_eq!(codes.len(), 10, "{shown}");
    browser
        .wait_for_text("#two-factor-status", "10 of 10 recovery codes left")
        .await;
    (secret, codes)
}

#[tokio::test]
async fn a_partner_signs_in_with_a_code_and_once_with_each_recovery_code() {
    let portal = Portal::start().await;
    let alice = browser().await;
    alice.sign_in(&portal, ALICE).await;
    alice.click("a[href='/settings/security']").await;
    let (secret, codes) = turn_on_two_factor(&alice, &portal).await;
    sign_out(&alice).await;

    enter_password(&alice, &portal, ALICE).await;
    alice.find("#second-factor-code").await;
    // The code that turned it on is spent; the next one is not.
    portal.clock.advance(30);
    alice
        .type_into("#second-factor-code", &code_now(&portal, &secret))
        .await;
    alice.click("#second-factor-submit").await;
    alice.find("#welcome").await;
    sign_out(&alice).await;

    enter_password(&alice, &portal, ALICE).await;
    alice.type_into("#second-factor-code", &codes[0]).await;
    alice.click("#second-factor-submit").await;
    alice.find("#welcome").await;
    sign_out(&alice).await;

    enter_password(&alice, &portal, ALICE).await;
    alice.type_into("#second-factor-code", &codes[0]).await;
    alice.click("#second-factor-submit").await;
    alice
        .wait_for_text("#second-factor-code-error", "not right")
        .await;
    assert!(!alice.is_present("#welcome").await);
    alice.close().await;
}

#[tokio::test]
async fn changing_the_password_signs_the_other_browser_out() {
    let portal = Portal::start().await;
    let laptop = browser().await;
    let phone = browser().await;
    laptop.sign_in(&portal, ALICE).await;
    phone.sign_in(&portal, ALICE).await;

    laptop.open(&portal.url("/settings/security")).await;
    laptop.type_into("#current-password", PASSWORD).await;
    laptop.type_into("#new-password", "qwerty123456").await;
    laptop
        .type_into("#new-password-confirm", "qwerty123456")
        .await;
    laptop.click("#change-password").await;
    laptop
        .wait_for_text("#new-password-error", "most commonly used")
        .await;

    let fresh = "seven blue herons at dawn";
    laptop.type_into("#new-password", fresh).await;
    laptop.type_into("#new-password-confirm", fresh).await;
    laptop.click("#change-password").await;
    laptop
        .wait_for_text("#password-status", "signed out everywhere else")
        .await;

    phone.open(&portal.url("/pipeline")).await;
    phone.wait_for_path("/login").await;
    laptop.open(&portal.url("/pipeline")).await;
    laptop.wait_for_path("/pipeline").await;
    for b in [laptop, phone] {
        b.close().await;
    }
}

#[tokio::test]
async fn a_manager_without_two_factor_lands_on_the_setup_page_once_it_is_required() {
    let portal = Portal::start().await;
    let admin = browser().await;
    admin.sign_in(&portal, "admin@acme.example").await;
    admin.open(&portal.url("/manage/settings/security")).await;
    turn_on_two_factor(&admin, &portal).await;
    admin.nav_to("/manage/security").await;
    admin.click("#require-vendor-two-factor").await;
    admin.click("#security-settings-save").await;
    admin
        .wait_for_text("#security-settings-status", "Saved")
        .await;
    admin.close().await;

    let manager = browser().await;
    enter_password(&manager, &portal, "manager@acme.example").await;
    manager.wait_for_path("/manage/settings/security").await;
    manager
        .wait_for_text("#two-factor-required", "requires two-factor sign-in")
        .await;
    manager.open(&portal.url("/manage/registrations")).await;
    manager.wait_for_path("/manage/settings/security").await;

    turn_on_two_factor(&manager, &portal).await;
    manager.nav_to("/manage/registrations").await;
    manager.wait_for_path("/manage/registrations").await;
    manager.close().await;
}
