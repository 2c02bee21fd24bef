//! The console's navigation in groups: one header row on a laptop, a menu on a phone, and a
//! group that folds on Escape, on a click elsewhere and on a move to another page.

use crate::support;

use support::*;

const HEADER_HEIGHT: &str =
    "return document.querySelector('.site-header').getBoundingClientRect().height";

async fn expanded(browser: &Browser, css: &str) -> Option<String> {
    browser.find(css).await.attr("aria-expanded").await.unwrap()
}

#[tokio::test]
async fn on_a_laptop_the_groups_open_below_a_one_row_header() {
    let portal = Portal::start().await;
    let admin = browser().await;
    admin.sign_in(&portal, "admin@acme.example").await;
    admin.find("#nav-deals").await;
    let height = admin.run(HEADER_HEIGHT).await.as_f64().unwrap();
    assert!(height < 80.0, "the header is {height} px tall");

    admin.click("#nav-deals").await;
    assert_eq!(
        expanded(&admin, "#nav-deals").await.as_deref(),
        Some("true")
    );
    assert!(
        admin
            .find("#nav-deals-menu a[href='/manage/pipeline']")
            .await
            .is_displayed()
            .await
            .unwrap()
    );
    // Escape folds it and gives the focus back to its button.
    admin
        .client
        .active_element()
        .await
        .unwrap()
        .send_keys("\u{E00C}")
        .await
        .unwrap();
    assert_eq!(
        expanded(&admin, "#nav-deals").await.as_deref(),
        Some("false")
    );
    admin.wait_for_focus("#nav-deals").await;

    // A click elsewhere folds an open group.
    admin.click("#nav-partners").await;
    admin.click("#welcome").await;
    assert_eq!(
        expanded(&admin, "#nav-partners").await.as_deref(),
        Some("false")
    );

    // Opening one of its pages folds it and marks it.
    admin.nav_to("/manage/numbers").await;
    admin.wait_for_path("/manage/numbers").await;
    assert_eq!(
        expanded(&admin, "#nav-partners").await.as_deref(),
        Some("false")
    );
    let current = admin
        .find("#nav-partners")
        .await
        .attr("aria-current")
        .await
        .unwrap();
    assert_eq!(current.as_deref(), Some("true"));
    admin.close().await;
}

#[tokio::test]
async fn on_a_phone_the_groups_are_inside_the_menu() {
    let portal = Portal::start().await;
    let manager = browser_with(PHONE).await;
    manager.sign_in(&portal, "manager@acme.example").await;
    let menu = manager.find("#main-nav").await;
    assert!(!menu.is_displayed().await.unwrap());
    manager.click("#menu-toggle").await;
    manager.click("#nav-deals").await;
    manager
        .click("#nav-deals-menu a[href='/manage/pipeline']")
        .await;
    manager.wait_for_path("/manage/pipeline").await;
    assert!(
        !manager
            .find("#main-nav")
            .await
            .is_displayed()
            .await
            .unwrap()
    );
    let overflow = manager
        .run("return document.documentElement.scrollWidth - window.innerWidth")
        .await;
    assert!(overflow.as_i64().unwrap() <= 0, "{overflow}");
    manager.close().await;
}
