//! axe-core over every page of both apps, signed out, as a partner and as an administrator, on
//! a laptop and on a phone: no serious or critical violation anywhere.

use crate::support;

use portico_api::announcements::Audience;
use portico_server::store::announcements::Draft;
use portico_server::store::sql;
use serde_json::Value;
use support::*;

/// An announcement to every partner, as a manager publishes it: the demo data has none.
async fn announce(portal: &Portal) {
    let state = &portal.running.state;
    let manager: i64 = sql::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind("manager@acme.example")
        .fetch_one(state.db.pool())
        .await
        .unwrap();
    let draft = Draft {
        title: "New deal registration rules",
        body: "Protection now lasts **90 days** for every motion.",
        audience: &Audience::All,
        requires_ack: true,
        publish_at: state.now(),
    };
    portico_server::app::announcements::create(state, manager, &draft)
        .await
        .unwrap();
}

/// The first item's id of a list the signed-in page can read from the API.
async fn first_id(browser: &Browser, path: &str) -> i64 {
    let script = format!("return fetch({path:?}).then(r => r.json())");
    let answer: Value = browser.run(&script).await;
    let items = answer.get("items").unwrap_or(&answer);
    let first = &items[0];
    first["id"]
        .as_i64()
        .or_else(|| first["opportunity"]["id"].as_i64())
        .or_else(|| first["registration"]["id"].as_i64())
        .or_else(|| first["asset"]["id"].as_i64())
        .unwrap_or_else(|| panic!("no item in {path}: {answer}"))
}

async fn check_pages(browser: &Browser, portal: &Portal, paths: &[String]) {
    for path in paths {
        browser.open(&portal.url(path)).await;
        browser.wait_until_loaded().await;
        browser.assert_accessible().await;
    }
}

#[tokio::test]
async fn every_partner_page_passes_axe_on_a_laptop_and_a_phone() {
    let portal = Portal::start().await;
    announce(&portal).await;
    for setup in [LAPTOP, PHONE] {
        let alice = browser_with(setup).await;
        alice.open(&portal.url("/login")).await;
        alice.wait_until_loaded().await;
        alice.assert_accessible().await;
        alice.sign_in(&portal, "alice@northwind.example").await;
        let registration = first_id(&alice, "/api/registrations").await;
        let deal = first_id(&alice, "/api/pipeline").await;
        let asset = first_id(&alice, "/api/assets").await;
        let announcement = first_id(&alice, "/api/feed").await;
        let paths = [
            "/".to_owned(),
            "/registrations".to_owned(),
            "/registrations/new".to_owned(),
            format!("/registrations/{registration}"),
            "/pipeline".to_owned(),
            format!("/opportunities/{deal}"),
            "/content".to_owned(),
            format!("/content/{asset}"),
            "/announcements".to_owned(),
            format!("/announcements/{announcement}"),
            "/settings/notifications".to_owned(),
            "/settings/security".to_owned(),
            "/not-found".to_owned(),
        ];
        check_pages(&alice, &portal, &paths).await;
        alice.close().await;
    }
}

#[tokio::test]
async fn every_console_page_passes_axe_on_a_laptop_and_a_phone() {
    let portal = Portal::start().await;
    announce(&portal).await;
    for setup in [LAPTOP, PHONE] {
        let admin = browser_with(setup).await;
        admin.sign_in(&portal, "admin@acme.example").await;
        let registration = first_id(&admin, "/api/registrations?queue=true").await;
        let deal = first_id(&admin, "/api/pipeline").await;
        let asset = first_id(&admin, "/api/assets").await;
        let announcement = first_id(&admin, "/api/announcements").await;
        let paths = [
            "/manage/".to_owned(),
            "/manage/registrations".to_owned(),
            format!("/manage/registrations/{registration}"),
            "/manage/pipeline".to_owned(),
            "/manage/pipeline?view=board&motion=reseller".to_owned(),
            format!("/manage/opportunities/{deal}"),
            "/manage/partners".to_owned(),
            "/manage/tiers".to_owned(),
            "/manage/numbers".to_owned(),
            "/manage/content".to_owned(),
            "/manage/content/new".to_owned(),
            format!("/manage/content/{asset}"),
            "/manage/content/usage".to_owned(),
            "/manage/accounts".to_owned(),
            "/manage/products".to_owned(),
            "/manage/channel-data".to_owned(),
            "/manage/channel-data/review".to_owned(),
            "/manage/channel-data/transactions".to_owned(),
            "/manage/invitations".to_owned(),
            "/manage/integrations".to_owned(),
            "/manage/announcements".to_owned(),
            "/manage/announcements/new".to_owned(),
            format!("/manage/announcements/{announcement}"),
            "/manage/users".to_owned(),
            "/manage/messages".to_owned(),
            "/manage/security".to_owned(),
            "/manage/settings/notifications".to_owned(),
            "/manage/settings/security".to_owned(),
        ];
        check_pages(&admin, &portal, &paths).await;
        // An open navigation group is checked too.
        admin.open(&portal.url("/manage/")).await;
        admin.wait_until_loaded().await;
        if setup.width == PHONE.width {
            admin.click("#menu-toggle").await;
        }
        admin.click("#nav-deals").await;
        admin.assert_accessible().await;
        admin.close().await;
    }
}
