//! Both home pages at a laptop's and a phone's size: their numbers are links to the lists they
//! count, and nothing is wider than the screen.

use crate::support;

use support::*;

const ALICE: &str = "alice@northwind.example";
const MANAGER: &str = "manager@acme.example";

/// The number a home page's count shows.
async fn count_of(browser: &Browser, css: &str) -> u64 {
    let text = browser
        .find(&format!("{css} .stat-value"))
        .await
        .text()
        .await
        .unwrap();
    text.trim()
        .parse()
        .unwrap_or_else(|_| panic!("{css}: {text:?}"))
}

/// How many rows the page's first table body holds once it has loaded `expected`.
async fn wait_for_row_count(browser: &Browser, expected: u64) {
    let script = "return document.querySelectorAll('main table tbody tr').length";
    for _ in 0..200 {
        if browser.run(script).await.as_u64() == Some(expected) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the list never had {expected} rows");
}

async fn fits_the_screen(browser: &Browser) {
    let overflow = browser
        .run("return document.documentElement.scrollWidth - window.innerWidth")
        .await;
    assert!(
        overflow.as_i64().unwrap() <= 0,
        "the page is wider than the screen by {overflow}"
    );
}

#[tokio::test]
async fn a_partners_home_links_each_number_to_its_list() {
    let portal = Portal::start().await;
    for (setup, name) in [(LAPTOP, "partner-home"), (PHONE, "partner-home-phone")] {
        let alice = browser_with(setup).await;
        alice.sign_in(&portal, ALICE).await;
        alice.find("#home-registrations .stat-row").await;
        alice.find("#home-pipeline").await;
        alice.scroll_to(true).await;
        alice.find("#home-team form").await;
        alice.find("#home-tier").await;
        alice.scroll_to(false).await;
        fits_the_screen(&alice).await;
        alice.screenshot(name).await;
        alice.close().await;
    }
    let alice = browser().await;
    alice.sign_in(&portal, ALICE).await;
    let approved = alice
        .find("#home-registrations a[href='/registrations?status=approved']")
        .await;
    let count: u64 = approved
        .find(fantoccini::Locator::Css(".stat-value"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
        .parse()
        .unwrap();
    approved.click().await.unwrap();
    alice.wait_for_path("/registrations?status=approved").await;
    alice
        .wait_for_text("#registrations-filter", "Approved")
        .await;
    if count <= 25 {
        wait_for_row_count(&alice, count).await;
    }
    alice.close().await;
}

#[tokio::test]
async fn a_managers_home_links_each_number_to_its_list() {
    let portal = Portal::start().await;
    for (setup, name) in [(LAPTOP, "manager-home"), (PHONE, "manager-home-phone")] {
        let manager = browser_with(setup).await;
        manager.sign_in(&portal, MANAGER).await;
        manager.find("#home-to-decide").await;
        manager.find("#home-program .column-bar").await;
        fits_the_screen(&manager).await;
        manager.screenshot(name).await;
        if setup.width == LAPTOP.width {
            manager.click("#nav-deals").await;
            manager.screenshot("console-navigation").await;
        }
        manager.close().await;
    }
    let manager = browser().await;
    manager.sign_in(&portal, MANAGER).await;
    let late = count_of(&manager, "#home-past-sla").await;
    manager.click("#home-past-sla").await;
    manager
        .wait_for_path("/manage/registrations?late=true")
        .await;
    if late <= 25 {
        wait_for_row_count(&manager, late).await;
    }
    manager.open(&portal.url("/manage/")).await;
    manager.click("#home-overdue").await;
    manager.wait_for_path("/manage/pipeline?overdue=true").await;
    manager.find("#filter-overdue").await;
    let checked = manager
        .run("return document.getElementById('filter-overdue').checked")
        .await;
    assert_eq!(checked, serde_json::json!(true));
    manager.close().await;
}
