//! Each page but sign-in and home is a wasm module of its own (`portico_ui::lazy`): a first
//! load fetches only the app's main module (the home's cards with modules of their own, a
//! partner admin's team card and the tier card, come when scrolled into view), a
//! page's module comes when the page is first opened, and a module that cannot be fetched costs
//! that page, not the app.

use std::path::{Path, PathBuf};

use crate::support;

use support::{Browser, Portal, browser, dist};

/// The paths of the wasm files the page has fetched, in order.
const WASM_FETCHED: &str = "return performance.getEntriesByType('resource')\
    .map(e => new URL(e.name).pathname).filter(p => p.endsWith('.wasm'));";

async fn wasm_fetched(browser: &Browser) -> Vec<String> {
    serde_json::from_value(browser.run(WASM_FETCHED).await).unwrap()
}

fn file_names(paths: &[String]) -> Vec<&str> {
    paths
        .iter()
        .map(|p| p.rsplit('/').next().unwrap_or_default())
        .collect()
}

#[tokio::test]
async fn a_first_load_fetches_the_main_module_and_a_page_its_own_when_opened() {
    let portal = Portal::start().await;
    // With tiers, every partner's home also fetches the tier card's module.
    portal.without_tier_program().await;
    let admin = browser().await;
    admin.sign_in(&portal, "alice@northwind.example").await;
    admin.find("#home-pipeline").await;
    assert_eq!(
        file_names(&wasm_fetched(&admin).await),
        ["portico-app_bg.wasm"],
        "the team card is below the fold"
    );
    admin.scroll_to(true).await;
    admin.find("#home-team form").await;
    let names = file_names(&wasm_fetched(&admin).await).join(" ");
    assert!(names.contains("split_team.wasm"), "{names}");
    assert!(
        !names.contains("split_tier.wasm"),
        "no tiers, no tier card: {names}"
    );
    admin.close().await;

    let browser = browser().await;
    browser
        .sign_in(&portal, "bob@globex-consulting.example")
        .await;
    browser.find("#home-pipeline").await;
    assert_eq!(
        file_names(&wasm_fetched(&browser).await),
        ["portico-app_bg.wasm"]
    );

    browser.nav_to("/pipeline").await;
    browser.find("#pipeline-heading").await;
    let fetched = wasm_fetched(&browser).await;
    let names = file_names(&fetched);
    assert!(names.contains(&"split_pipeline.wasm"), "{names:?}");
    assert!(!names.contains(&"split_content.wasm"), "{names:?}");
    // The app did not reload: the main module was fetched once.
    assert_eq!(
        names
            .iter()
            .filter(|n| **n == "portico-app_bg.wasm")
            .count(),
        1
    );
    browser.close().await;
}

#[tokio::test]
async fn a_page_whose_module_cannot_be_fetched_says_so_and_the_app_goes_on() {
    let copy = tempfile::tempdir().unwrap();
    copy_dir(&dist(), copy.path());
    // As after a deploy that replaced the modules while the app was open (with the
    // precompressed copies, which the server would send instead).
    let module = find_file(copy.path(), "split_pipeline.wasm").expect("the pipeline's module");
    for extension in ["", ".br", ".gz"] {
        let mut file = module.clone().into_os_string();
        file.push(extension);
        let _ = std::fs::remove_file(file);
    }
    assert!(!module.exists());
    let portal = Portal::start_with_dist(copy.path().to_owned()).await;
    let browser = browser().await;
    browser.sign_in(&portal, "alice@northwind.example").await;

    browser.nav_to("/pipeline").await;
    let alert = browser
        .wait_for_text("#page-unloaded", "did not download")
        .await;
    assert!(alert.contains("Check your connection"), "{alert}");

    browser.nav_to("/content").await;
    browser.find("#content-heading").await;
    browser.close().await;
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            std::fs::create_dir(&target).unwrap();
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

fn find_file(dir: &Path, name: &str) -> Option<PathBuf> {
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.file_name().is_some_and(|n| n == name) {
                return Some(path);
            }
        }
    }
    None
}
