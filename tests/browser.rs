//! What partners, managers and admins do in the real SPA, end to end, in headless Chromium.

use crate::support;

use support::*;

#[tokio::test]
async fn a_wrong_password_shows_an_error_and_keeps_the_email() {
    let portal = Portal::start().await;
    let browser = browser().await;
    browser.open(&portal.url("/login")).await;
    browser.type_into("#email", "alice@northwind.example").await;
    browser.type_into("#password", "not-the-password").await;
    browser.click("#sign-in").await;
    let message = browser.wait_for_text("#form-error", "not right").await;
    assert!(message.contains("e-mail address or password"), "{message}");
    assert_eq!(browser.value_of("#email").await, "alice@northwind.example");
    assert_eq!(browser.wait_for_path("/login").await, "/login");
    browser.close().await;
}

/// Whether the page asked the server who is signed in: a signed-out visitor's `GET /api/me`
/// answers 401, which the browser logs as an error.
const ASKED_WHO_IS_SIGNED_IN: &str = "return performance.getEntriesByType('resource')\
    .some(e => new URL(e.name).pathname === '/api/me');";

/// The page's own script asks while the document is still being parsed; the app's scripts are
/// deferred and run after parsing, so an ask of theirs starts after `domInteractive`. (The
/// wasm's own timing says nothing here: a second load takes it from the cache at once.)
const ASKED_ONCE_BEFORE_THE_APP_ARRIVED: &str = "const me = performance\
    .getEntriesByType('resource').filter(e => new URL(e.name).pathname === '/api/me');\
    const page = performance.getEntriesByType('navigation')[0];\
    return me.length === 1 && me[0].startTime < page.domInteractive;";

#[tokio::test]
async fn a_signed_out_visit_does_not_ask_who_is_signed_in() {
    let portal = Portal::start().await;
    let browser = browser().await;
    browser.open(&portal.url("/pipeline")).await;
    assert_eq!(
        browser.wait_for_path("/login").await,
        "/login?next=/pipeline"
    );
    browser.find("#sign-in").await;
    assert_eq!(browser.run(ASKED_WHO_IS_SIGNED_IN).await, false);

    // Signed in, a new page load asks, and finds the session; it asks once, while the app is
    // still downloading.
    browser.sign_in(&portal, "alice@northwind.example").await;
    browser.open(&portal.url("/pipeline")).await;
    browser.find("#pipeline-heading").await;
    assert_eq!(browser.run(ASKED_WHO_IS_SIGNED_IN).await, true);
    assert_eq!(browser.run(ASKED_ONCE_BEFORE_THE_APP_ARRIVED).await, true);

    // Signed out again, the next load does not ask.
    browser.click("#sign-out").await;
    browser.find("#sign-in").await;
    browser.open(&portal.url("/")).await;
    browser.wait_for_path("/login").await;
    browser.find("#sign-in").await;
    assert_eq!(browser.run(ASKED_WHO_IS_SIGNED_IN).await, false);
    browser.close().await;
}

#[tokio::test]
async fn signing_in_lands_on_the_home_page_with_name_and_organization() {
    let portal = Portal::start().await;
    let browser = browser().await;
    browser.sign_in(&portal, "alice@northwind.example").await;
    browser
        .wait_for_text("#welcome", "Welcome, Alice Northwind")
        .await;
    browser
        .wait_for_text("#home-org", "Northwind Partners")
        .await;
    browser.wait_for_text("#home-role", "Partner admin").await;
    browser
        .wait_for_text("#current-user", "Alice Northwind")
        .await;
    browser.close().await;
}

#[tokio::test]
async fn partners_see_no_manager_navigation_and_manager_urls_are_not_found() {
    let portal = Portal::start().await;
    let browser = browser().await;
    browser
        .sign_in(&portal, "bob@globex-consulting.example")
        .await;
    assert_eq!(
        browser.nav_links().await,
        [
            "Home",
            "Registrations",
            "Pipeline",
            "Content",
            "Earnings",
            "Announcements"
        ]
    );
    for path in [
        "/manage/invitations",
        "/manage/users",
        "/manage/integrations",
        "/manage/messages",
        "/manage/partners",
    ] {
        browser.open(&portal.url(path)).await;
        browser.find("#not-found").await;
        // The portal's page, not the console's.
        assert_eq!(browser.nav_links().await.last().unwrap(), "Announcements");
        assert!(!browser.is_present("#invite-email").await);
        assert!(!browser.is_present("#users-table").await);
        assert!(!browser.is_present("#partners-table").await);
    }
    browser.close().await;

    let admin = support::browser().await;
    admin.sign_in(&portal, "admin@acme.example").await;
    assert_eq!(
        admin.nav_links().await,
        [
            "Home",
            "Registrations",
            "Pipeline",
            "Accounts",
            "Products",
            "Channel data",
            "Partners",
            "Tiers",
            "Certifications",
            "Onboarding",
            "Invitations",
            "Numbers",
            "Ledger",
            "Payouts",
            "Commission plans",
            "Content",
            "Announcements",
            "Integrations",
            "Users",
            "Messages",
            "Security"
        ]
    );
    admin.close().await;
}

#[tokio::test]
async fn signing_out_returns_to_the_sign_in_page() {
    let portal = Portal::start().await;
    let browser = browser().await;
    browser.sign_in(&portal, "manager@acme.example").await;
    assert_eq!(
        browser.nav_links().await,
        [
            "Home",
            "Registrations",
            "Pipeline",
            "Accounts",
            "Products",
            "Channel data",
            "Partners",
            "Tiers",
            "Certifications",
            "Onboarding",
            "Invitations",
            "Numbers",
            "Ledger",
            "Payouts",
            "Commission plans",
            "Content",
            "Announcements",
            "Integrations"
        ]
    );
    browser.click("#sign-out").await;
    browser.wait_for_path("/login").await;
    browser.find("#sign-in").await;
    // The session is over: a protected page sends the visitor back to sign in.
    browser.open(&portal.url("/")).await;
    browser.wait_for_path("/login").await;
    browser.close().await;
}

#[tokio::test]
async fn an_expired_session_returns_to_sign_in_and_back_where_the_user_was() {
    let portal = Portal::start().await;
    let browser = browser().await;
    browser.sign_in(&portal, "manager@acme.example").await;
    browser.open(&portal.url("/manage/invitations")).await;
    browser.find("#invite-email").await;
    portal.expire_sessions().await;
    // Any request now finds the session gone.
    browser
        .type_into("#invite-email", "someone@northwind.example")
        .await;
    let org = browser.find("#invite-org").await;
    org.select_by_label("Northwind Partners").await.unwrap();
    browser.click("#invite-submit").await;
    let path = browser.wait_for_path("/login").await;
    assert!(path.contains("expired=1"), "{path}");
    browser
        .wait_for_text("#session-notice", "session has ended")
        .await;
    browser.type_into("#email", "manager@acme.example").await;
    browser.type_into("#password", PASSWORD).await;
    browser.click("#sign-in").await;
    browser.wait_for_path("/manage/invitations").await;
    browser.find("#invite-email").await;
    browser.close().await;
}

#[tokio::test]
async fn a_manager_invites_a_partner_who_joins_from_the_link() {
    let portal = Portal::start().await;
    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    manager.open(&portal.url("/manage/invitations")).await;
    manager
        .type_into("#invite-email", "new.seller@northwind.example")
        .await;
    let org = manager.find("#invite-org").await;
    org.select_by_label("Northwind Partners").await.unwrap();
    manager.click("#invite-submit").await;
    let link = manager.wait_for_text("#invite-link", "/invite/").await;
    manager.close().await;

    let newcomer = browser().await;
    let path = link.trim();
    let path = &path[path.find("/invite/").unwrap()..];
    newcomer.open(&portal.url(path)).await;
    newcomer
        .wait_for_text("body", "new.seller@northwind.example")
        .await;
    newcomer.type_into("#accept-name", "Nia Seller").await;
    newcomer.type_into("#accept-password", "short").await;
    newcomer.type_into("#accept-confirm", "short").await;
    newcomer.click("#accept-submit").await;
    newcomer.wait_for_text("#accept-password-error", "12").await;
    newcomer
        .type_into("#accept-password", "a long enough password")
        .await;
    newcomer
        .type_into("#accept-confirm", "a long enough password")
        .await;
    newcomer.click("#accept-submit").await;
    newcomer
        .wait_for_text("#welcome", "Welcome, Nia Seller")
        .await;
    newcomer
        .wait_for_text("#home-org", "Northwind Partners")
        .await;
    newcomer.close().await;
}

#[tokio::test]
async fn links_and_the_back_button_change_pages_without_reloading_the_app() {
    let portal = Portal::start().await;
    let browser = browser().await;
    browser.sign_in(&portal, "admin@acme.example").await;
    // A full page load would forget this.
    browser.run("window.portalStayed = true").await;
    let users_link = "#main-nav a[href='/manage/users']";
    browser.nav_to("/manage/users").await;
    browser.wait_for_text("#users-heading", "Users").await;
    assert_eq!(
        browser.wait_for_path("/manage/users").await,
        "/manage/users"
    );
    let current = browser.find(users_link).await.attr("aria-current").await;
    assert_eq!(current.unwrap().as_deref(), Some("page"));
    // The group holding the page says so while it is folded, and only that group.
    let group = browser.find("#nav-settings").await;
    assert_eq!(
        group.attr("aria-current").await.unwrap().as_deref(),
        Some("true")
    );
    assert_eq!(
        group.attr("aria-expanded").await.unwrap().as_deref(),
        Some("false")
    );
    let other = browser
        .find("#nav-deals")
        .await
        .attr("aria-current")
        .await
        .unwrap();
    assert_eq!(other, None);

    browser.client.back().await.unwrap();
    browser.find("#welcome").await;
    assert_eq!(browser.wait_for_path("/manage/").await, "/manage/");
    let stayed = browser.run("return window.portalStayed === true").await;
    assert_eq!(stayed, serde_json::Value::Bool(true));
    browser.close().await;
}

#[tokio::test]
async fn the_header_keeps_its_height_when_the_navigation_arrives() {
    const HEADER_HEIGHT: &str =
        "return document.querySelector('.site-header').getBoundingClientRect().height";
    let portal = Portal::start().await;
    // A laptop, where the navigation fits the header row, and a phone, where it folds behind
    // the menu button.
    for width in [1280, 390] {
        let browser = browser().await;
        browser.client.set_window_size(width, 900).await.unwrap();
        // Before the session is known, a page shows the header without navigation, as here.
        browser.open(&portal.url("/login")).await;
        browser.find("#sign-in").await;
        let without_navigation = browser.run(HEADER_HEIGHT).await;
        browser.sign_in(&portal, "alice@northwind.example").await;
        browser.find("#main-nav").await;
        assert_eq!(
            browser.run(HEADER_HEIGHT).await,
            without_navigation,
            "{width} px"
        );
        browser.close().await;
    }
}

#[tokio::test]
async fn on_a_phone_the_navigation_opens_from_the_menu_button_and_closes_on_a_move() {
    let portal = Portal::start().await;
    let browser = browser().await;
    browser.client.set_window_size(390, 900).await.unwrap();
    browser.sign_in(&portal, "alice@northwind.example").await;
    let pipeline = "#main-nav a[href='/pipeline']";
    let shown = |css: &'static str| {
        let browser = &browser;
        async move { browser.find(css).await.is_displayed().await.unwrap() }
    };
    assert!(!shown(pipeline).await);
    browser.click("#menu-toggle").await;
    assert!(shown(pipeline).await);
    let expanded = browser
        .find("#menu-toggle")
        .await
        .attr("aria-expanded")
        .await;
    assert_eq!(expanded.unwrap().as_deref(), Some("true"));
    browser.click(pipeline).await;
    browser.find("#pipeline-heading").await;
    assert!(!shown(pipeline).await);
    browser.close().await;
}
