//! The two front ends, partner portal and manager console: vendor staff land in the console
//! after signing in, and partner pages send them to the console's page for the same thing; a
//! signed-out visitor of a console address signs in and comes back to it.

use crate::support;

use support::{PASSWORD, Portal, browser};

#[tokio::test]
async fn vendor_staff_land_in_the_console_and_partner_pages_send_them_there() {
    let portal = Portal::start().await;
    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    assert_eq!(manager.wait_for_path("/manage/").await, "/manage/");
    assert!(manager.nav_links().await.contains(&"Partners".to_owned()));
    let id: i64 = portico_server::store::sql::query_scalar("SELECT MIN(id) FROM opportunities")
        .fetch_one(portal.running.state.db.pool())
        .await
        .unwrap();
    for (partner_page, console_page) in [
        ("/", "/manage/".to_owned()),
        (
            "/pipeline?motion=tech",
            "/manage/pipeline?motion=tech".to_owned(),
        ),
        ("/content", "/manage/content".to_owned()),
        ("/settings/security", "/manage/settings/security".to_owned()),
        (
            &format!("/opportunities/{id}"),
            format!("/manage/opportunities/{id}"),
        ),
    ] {
        manager.open(&portal.url(partner_page)).await;
        assert_eq!(manager.wait_for_path(&console_page).await, console_page);
    }
    manager.find("#opp-heading").await;
    manager.close().await;
}

#[tokio::test]
async fn a_signed_out_visit_to_the_console_signs_in_and_comes_back() {
    let portal = Portal::start().await;
    let browser = browser().await;
    browser.open(&portal.url("/manage/partners")).await;
    assert_eq!(
        browser.wait_for_path("/login").await,
        "/login?next=/manage/partners"
    );
    browser.type_into("#email", "manager@acme.example").await;
    browser.type_into("#password", PASSWORD).await;
    browser.click("#sign-in").await;
    browser.find("#partners-table").await;
    assert_eq!(
        browser.wait_for_path("/manage/partners").await,
        "/manage/partners"
    );
    browser.close().await;
}
