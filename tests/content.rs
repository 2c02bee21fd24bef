//! The content hub end to end in headless Chromium: a manager uploads a PDF for gold and
//! platinum partners, watching the upload, and publishes it; a gold partner finds it by a word
//! of its description, reads it and downloads exactly the uploaded bytes; the manager sees that
//! use; a registered-tier partner neither finds nor
//! opens it; once archived, the gold partner loses it too. A search over a large library says
//! when its counts stop at the cap.

use crate::support;

use support::*;

/// A word no demo content contains, in the PDF's text and the asset's description.
const WORD: &str = "zephyrquartz";
const TITLE: &str = "Zephyr battlecard";
const FILE_NAME: &str = "zephyr-battlecard.pdf";

/// A minimal valid one-page PDF that shows a line of text with `WORD` in it.
fn pdf() -> Vec<u8> {
    let text = format!("BT /F1 24 Tf 72 720 Td (Why we win: {WORD}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{object}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

/// Keeps every text the upload's status line shows, in `window.uploadSeen`: the page moves on
/// as soon as the upload completes.
const WATCH_UPLOAD: &str = "window.uploadSeen = []; \
    new MutationObserver(records => { for (const r of records) { \
        const el = r.target.nodeType === 3 ? r.target.parentElement : r.target; \
        if (el && el.id === 'upload-status') window.uploadSeen.push(el.textContent); \
    } }).observe(document.body, { subtree: true, childList: true, characterData: true }); \
    return true;";

/// Waits for an address `{prefix}{id}` (with or without a query) and returns the id.
async fn id_in_path(browser: &Browser, prefix: &str) -> i64 {
    for _ in 0..300 {
        let path = browser.wait_for_path(prefix).await;
        let id = path[prefix.len()..].split(['?', '/']).next().unwrap();
        if let Ok(id) = id.parse() {
            return id;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("never reached {prefix}{{id}}");
}

/// Searches the hub for `WORD` with the search box and Enter.
async fn search_hub(browser: &Browser) {
    browser.nav_to("/content").await;
    browser.type_into("#content-q", WORD).await;
    browser
        .find("#content-q")
        .await
        .send_keys("\u{E007}")
        .await
        .unwrap();
    browser.wait_for_path(&format!("/content?q={WORD}")).await;
}

/// The manager's part: the new-asset form, checked, then the upload and the publication.
async fn upload_and_publish(manager: &Browser, file: &std::path::Path) -> i64 {
    manager.nav_to("/manage/content").await;
    manager.click("#new-asset").await;
    manager.find("#asset-title").await;
    // Nothing filled in: the shared rules say what is missing, and nothing is sent.
    manager.click("#asset-save").await;
    manager
        .wait_for_text("#asset-title-error", "Give the asset a title")
        .await;
    manager
        .wait_for_text("#asset-kind-error", "Choose what kind")
        .await;
    manager
        .wait_for_text("#asset-file-error", "Choose a file")
        .await;
    assert_eq!(
        manager.wait_for_path("/manage/content/new").await,
        "/manage/content/new"
    );

    manager.type_into("#asset-title", TITLE).await;
    manager.select("#asset-kind", "Battlecard").await;
    manager
        .type_into("#asset-summary", "How resellers win against Globex.")
        .await;
    manager
        .type_into(
            "#asset-body",
            &format!("# Why we win\n\nThe {WORD} plan beats Globex on **time to value**."),
        )
        .await;
    manager.click("#asset-motions-reseller").await;
    manager
        .type_into("#asset-industries", "Retail, Banking")
        .await;
    manager
        .type_into("#asset-use-cases", "Competitive deals")
        .await;
    manager.click("#asset-tiers-gold").await;
    manager.click("#asset-tiers-platinum").await;
    manager
        .find("#asset-file")
        .await
        .send_keys(file.to_str().unwrap())
        .await
        .unwrap();
    manager.run(WATCH_UPLOAD).await;
    manager.click("#asset-save").await;

    let id = id_in_path(manager, "/manage/content/").await;
    manager
        .wait_for_text("#asset-status", "Upload complete")
        .await;
    let seen = manager.run("return window.uploadSeen").await;
    assert!(
        seen.as_array().unwrap().iter().any(|t| {
            let t = t.as_str().unwrap_or_default();
            t.starts_with("Uploading… ") && t.ends_with('%') || t == "Upload complete."
        }),
        "the upload's progress was never shown: {seen}"
    );
    manager.wait_for_text("#asset-state", "Draft").await;
    let versions = manager.wait_for_text("#asset-versions", FILE_NAME).await;
    assert!(versions.contains("bytes"), "{versions}");
    let sha = manager
        .find("#asset-versions code.sha")
        .await
        .attr("title")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sha.len(), 64, "{sha}");
    manager
        .wait_for_text("#asset-preview h1", "Why we win")
        .await;
    for tier in ["gold", "platinum"] {
        let checked = manager
            .find(&format!("#asset-tiers-{tier}"))
            .await
            .prop("checked")
            .await
            .unwrap();
        assert_eq!(checked.as_deref(), Some("true"), "{tier}");
    }

    manager.click("#asset-publish").await;
    manager.wait_for_text("#asset-state", "Published").await;
    manager.wait_for_text("#asset-status", "Published").await;
    id
}

/// The gold partner's part: search, facets, the asset's page and its download.
async fn find_read_and_download(alice: &Browser, id: i64, uploaded: &[u8]) {
    let nav = alice.nav_links().await;
    assert!(nav.contains(&"Content".to_owned()), "{nav:?}");
    assert!(!nav.contains(&"Manage content".to_owned()), "{nav:?}");
    search_hub(alice).await;
    alice.wait_for_text("#content-count", "1 asset").await;
    let card = alice.wait_for_text("#content-results li", TITLE).await;
    // The kind is styled in capitals.
    assert!(card.to_lowercase().contains("battlecard"), "{card}");
    assert!(card.contains("Banking"), "{card}");
    // Published within the days before a first visit to the hub: new to this reader.
    alice.find("#content-results li .badge-new").await;

    // Narrowing by a facet keeps the words and goes into the address.
    alice.wait_for_text("#facet-kind", "Battlecard (1)").await;
    alice.click("#facet-kind a").await;
    alice
        .wait_for_path(&format!("/content?q={WORD}&kind=battlecard"))
        .await;
    alice.wait_for_text("#content-count", "1 asset").await;
    alice.select("#content-sort", "Newest").await;
    alice
        .wait_for_path(&format!("/content?q={WORD}&kind=battlecard&sort=newest"))
        .await;
    alice.wait_for_text("#content-results", TITLE).await;

    alice
        .click(&format!("#content-results a[href='/content/{id}']"))
        .await;
    alice.wait_for_text("#asset-title", TITLE).await;
    alice.wait_for_text("#asset-body h1", "Why we win").await;
    alice
        .wait_for_text("#asset-body strong", "time to value")
        .await;
    alice.wait_for_text("#asset-body", WORD).await;
    alice.wait_for_text("#asset-file-about", "PDF").await;
    let download = alice.find("#asset-download").await;
    assert_eq!(
        download.attr("href").await.unwrap().as_deref(),
        Some(format!("/api/assets/{id}/download").as_str())
    );
    let answer = alice
        .run(
            "return fetch(document.querySelector('#asset-download').href)\
             .then(r => r.arrayBuffer().then(b => [r.status, \
                r.headers.get('content-disposition'), r.headers.get('content-type'), \
                Array.from(new Uint8Array(b))]))",
        )
        .await;
    assert_eq!(answer[0], 200, "{}", answer[1]);
    let disposition = answer[1].as_str().unwrap();
    assert!(
        disposition.starts_with("attachment") && disposition.contains(FILE_NAME),
        "{disposition}"
    );
    assert_eq!(answer[2], "application/pdf");
    let bytes: Vec<u8> = serde_json::from_value(answer[3].clone()).unwrap();
    assert_eq!(bytes, uploaded, "the download differs from the upload");
}

/// The manager's reports: the asset's use by Northwind.
async fn review_usage(manager: &Browser, portal: &Portal, id: i64) {
    manager
        .open(&portal.url(&format!("/manage/content/{id}")))
        .await;
    manager
        .wait_for_text("#asset-usage-partners", "Northwind Partners")
        .await;
    manager.nav_to("/manage/content").await;
    manager.click("#usage-link").await;
    manager.wait_for_text("#usage-top", TITLE).await;
    manager.find("#usage-weekly").await;
    manager
        .wait_for_text("#usage-partner", "Northwind Partners")
        .await;
    manager.select("#usage-partner", "Northwind Partners").await;
    manager
        .wait_for_path("/manage/content/usage?organization_id=")
        .await;
    manager.wait_for_text("#partner-usage-table", TITLE).await;
}

/// Neither the search nor the address shows the asset to this partner.
async fn cannot_see(browser: &Browser, portal: &Portal, id: i64) {
    search_hub(browser).await;
    browser.wait_for_text("#content-count", "0 assets").await;
    let results = browser.find("main").await.text().await.unwrap();
    assert!(!results.contains(TITLE), "{results}");
    assert!(results.contains("No content matches"), "{results}");
    browser.find("#content-clear").await;
    browser.open(&portal.url(&format!("/content/{id}"))).await;
    browser.find("#not-found").await;
    let page = browser.find("main").await.text().await.unwrap();
    assert!(!page.contains(TITLE), "{page}");
    let download = browser
        .run(&format!(
            "return fetch('/api/assets/{id}/download').then(r => r.status)"
        ))
        .await;
    assert_eq!(download, 404);
}

#[tokio::test]
async fn a_published_pdf_reaches_its_audience_and_no_one_else() {
    let portal = Portal::start().await;
    let uploaded = pdf();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(FILE_NAME);
    std::fs::write(&file, &uploaded).unwrap();

    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    let id = upload_and_publish(&manager, &file).await;

    let alice = browser().await;
    alice.sign_in(&portal, "alice@northwind.example").await;
    find_read_and_download(&alice, id, &uploaded).await;
    // Nor the managers' desk.
    alice.open(&portal.url("/manage/content")).await;
    alice.find("#not-found").await;

    review_usage(&manager, &portal, id).await;

    let roy = browser().await;
    roy.sign_in(&portal, "roy@tyrell.example").await;
    cannot_see(&roy, &portal, id).await;
    roy.close().await;

    manager
        .open(&portal.url(&format!("/manage/content/{id}")))
        .await;
    manager.wait_for_text("#asset-state", "Published").await;
    manager.click("#asset-archive").await;
    manager.wait_for_text("#asset-state", "Archived").await;
    manager.close().await;

    alice.open(&portal.url("/")).await;
    alice.find("#welcome").await;
    cannot_see(&alice, &portal, id).await;
    alice.close().await;
}

/// A search that matches more assets than the hub counts says so: "1,000+ assets", how to
/// narrow it, and facet counts marked as lower bounds. Words past the rules are refused beside
/// the box before anything is sent.
#[tokio::test]
async fn a_broad_search_says_its_counts_are_lower_bounds() {
    let portal = Portal::start().await;
    let state = &portal.running.state;
    portico_server::demo::asset_volume::load(&state.db, 2_000, state.now())
        .await
        .unwrap();
    let alice = browser().await;
    alice.sign_in(&portal, "alice@northwind.example").await;
    // Two generated assets in three hold a word starting with "kaka".
    alice.open(&portal.url("/content?q=kaka")).await;
    alice.wait_for_text("#content-count", "1,000+ assets").await;
    alice
        .wait_for_text("#content-capped", "More than 1,000 assets match.")
        .await;
    let kinds = alice.find("#facet-kind").await.text().await.unwrap();
    assert!(kinds.contains("+)"), "{kinds}");

    alice
        .type_into(
            "#content-q",
            "one two three four five six seven eight nine ten eleven",
        )
        .await;
    alice.click("#content-search").await;
    alice
        .wait_for_text("#content-q-error", "Use at most 10 words.")
        .await;
    assert_eq!(alice.wait_for_path("/content").await, "/content?q=kaka");

    alice.type_into("#content-q", WORD).await;
    alice.click("#content-search").await;
    alice.wait_for_text("#content-count", "0 assets").await;
    assert!(!alice.is_present("#content-capped").await);
    let error = alice.find("#content-q-error").await.text().await.unwrap();
    assert_eq!(error, "", "the error goes once the words are fine");
    // An address with too many words says what is wrong with them.
    let eleven = "a%20b%20c%20d%20e%20f%20g%20h%20i%20j%20k";
    alice
        .open(&portal.url(&format!("/content?q={eleven}")))
        .await;
    alice
        .wait_for_text(
            ".notice-error",
            "The search words cannot be used: Use at most 10 words.",
        )
        .await;
    alice.close().await;
}

#[tokio::test]
async fn on_a_phone_the_content_hub_shows_results_first_and_filters_in_a_drawer() {
    let portal = Portal::start().await;
    let alice = browser_with(PHONE).await;
    alice.sign_in(&portal, "alice@northwind.example").await;
    alice.open(&portal.url("/content")).await;
    alice.find("#content-results li").await;
    assert!(!alice.find("#facets").await.is_displayed().await.unwrap());
    let toggle = alice.find("#facets-toggle").await;
    assert_eq!(
        toggle.attr("aria-expanded").await.unwrap().as_deref(),
        Some("false")
    );
    toggle.click().await.unwrap();
    assert!(alice.find("#facets").await.is_displayed().await.unwrap());
    let expanded = alice
        .find("#facets-toggle")
        .await
        .attr("aria-expanded")
        .await;
    assert_eq!(expanded.unwrap().as_deref(), Some("true"));
    alice.close().await;
}
