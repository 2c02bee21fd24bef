//! Deal registration end to end in headless Chromium: two partners claim one customer, the
//! manager compares the claims and decides, and each partner reads only its own outcome.

use crate::support;

use support::forms::register_deal;
use support::*;

#[tokio::test]
async fn two_partners_claim_one_customer_and_the_manager_decides_between_them() {
    let portal = Portal::start().await;

    let alice = browser().await;
    alice.sign_in(&portal, "alice@northwind.example").await;
    alice.nav_to("/registrations").await;
    alice.click("a[href='/registrations/new']").await;
    // Submitting an empty form shows every problem next to its field and sends nothing.
    alice
        .type_into("#reg-contact-email", "not-an-address")
        .await;
    alice.click("#register-submit").await;
    alice
        .wait_for_text("#reg-company-name-error", "company name")
        .await;
    alice
        .wait_for_text("#reg-contact-email-error", "e-mail address")
        .await;
    alice
        .wait_for_text("#reg-contact-name-error", "Enter the contact's name.")
        .await;
    assert_eq!(alice.value_of("#reg-contact-email").await, "not-an-address");
    let first = register_deal(
        &alice,
        "Massive Dynamic Corporation",
        "https://www.massivedynamic.com/about",
    )
    .await;
    alice
        .wait_for_text("#conflict-result", "No conflict found")
        .await;
    alice
        .wait_for_text("#registration-status", "Submitted")
        .await;

    let bob = browser().await;
    bob.sign_in(&portal, "bob@globex-consulting.example").await;
    bob.open(&portal.url("/registrations/new")).await;
    let second = register_deal(&bob, "Massive Dynamic Corp.", "massivedynamic.co").await;
    bob.wait_for_text("#conflict-result", "needs review").await;
    let page = bob.find("main").await.text().await.unwrap();
    assert!(
        !page.contains("Northwind") && !page.contains(&format!("R-{}", 1000 + first)),
        "{page}"
    );

    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    manager.nav_to("/manage/registrations").await;
    manager.wait_for_text("#queue-heading", "to decide").await;
    manager
        .click(&format!("a[href='/manage/registrations/{second}']"))
        .await;
    let findings = manager
        .wait_for_text("#findings", "Northwind Partners")
        .await;
    assert!(
        findings.contains(&format!("R-{}", 1000 + first)) && findings.contains("Same name · 95"),
        "{findings}"
    );
    manager
        .wait_for_text("#suggestion", "registered first")
        .await;
    let side_by_side = manager.find(".side-by-side").await.text().await.unwrap();
    assert!(
        side_by_side.contains("Globex Consulting") && side_by_side.contains("Northwind Partners")
    );

    // The first claim shows the conflict too, and names the later one.
    manager
        .open(&portal.url(&format!("/manage/registrations/{first}")))
        .await;
    manager
        .wait_for_text("#findings", "1 competing claim")
        .await;
    manager
        .wait_for_text(
            "#side-by-side",
            &format!("R-{} by Globex Consulting, filed later", 1000 + second),
        )
        .await;
    manager.click("#decision-verdict-approve").await;
    manager
        .type_into("#decision-rationale", "Registered first, net-new customer.")
        .await;
    manager.click("#decision-submit").await;
    manager.wait_for_text(".claim-main", "Approved").await;

    manager
        .open(&portal.url(&format!("/manage/registrations/{second}")))
        .await;
    manager.click("#decision-verdict-decline").await;
    let label = manager
        .find("label[for='decision-rationale']")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !label.contains("optional"),
        "a decline's rationale is required: {label}"
    );
    manager.click("#decision-submit").await;
    manager
        .wait_for_text("#decision-rationale-error", "Explain the decline")
        .await;
    manager
        .select("#decision-reason", "Another registration has this customer")
        .await;
    manager
        .type_into(
            "#decision-rationale",
            "Another partner registered this customer first.",
        )
        .await;
    manager.click("#decision-submit").await;
    manager.wait_for_text(".claim-main", "Declined").await;
    manager.wait_for_text("#findings", "Resolved").await;
    manager.close().await;

    alice
        .open(&portal.url(&format!("/registrations/{first}")))
        .await;
    let protection = alice.wait_for_text("#protection", "days left").await;
    assert!(protection.contains("Protected until"), "{protection}");
    alice
        .wait_for_text("#decision", "Registered first, net-new customer.")
        .await;
    // A longer protection is offered in its last two weeks, and the page says when.
    alice
        .wait_for_text("#extension-later", "last 14 days, from")
        .await;
    assert!(!alice.is_present("#extension-submit").await);
    portal.clock.advance(80 * 86_400);
    alice.sign_in(&portal, "alice@northwind.example").await;
    alice
        .open(&portal.url(&format!("/registrations/{first}")))
        .await;
    let left = alice.wait_for_text("#protection", "days left").await;
    assert!(
        left.contains("(9 days left)") || left.contains("(10 days left)"),
        "{left}"
    );
    alice
        .type_into(
            "#extension-submit-text",
            "Procurement moved to next quarter.",
        )
        .await;
    alice.click("#extension-submit").await;
    alice
        .wait_for_text("#extension", "Extension requested")
        .await;
    assert!(!alice.is_present("#extension-later").await);
    alice.close().await;

    // The clock moved past Bob's session.
    bob.sign_in(&portal, "bob@globex-consulting.example").await;
    bob.open(&portal.url(&format!("/registrations/{second}")))
        .await;
    bob.wait_for_text(
        "#decision-rationale",
        "Another partner registered this customer first.",
    )
    .await;
    bob.wait_for_text("#decision", "Another registration has this customer")
        .await;
    assert!(!bob.is_present("#protection").await);
    bob.close().await;
}

#[tokio::test]
async fn a_seller_without_an_account_registers_through_the_link() {
    let portal = Portal::start().await;
    let admin = browser().await;
    admin.sign_in(&portal, "alice@northwind.example").await;
    admin.open(&portal.url("/registrations")).await;
    admin.click("#rotate-link").await;
    let link = admin.wait_for_text("#registration-link", "/r/").await;
    admin.close().await;

    let seller = browser().await;
    let path = &link[link.find("/r/").unwrap()..];
    seller.open(&portal.url(path.trim())).await;
    seller
        .wait_for_text("#link-organization", "Northwind Partners")
        .await;
    seller.type_into("#reg-submitter-name", "Sid Seller").await;
    seller
        .type_into("#reg-submitter-email", "sid@northwind.example")
        .await;
    let id = register_deal(&seller, "Prestige Worldwide", "prestigeworldwide.com").await;
    seller
        .wait_for_text("#conflict-result", "No conflict found")
        .await;
    assert!(
        !seller.is_present("#main-nav").await,
        "no portal navigation without an account"
    );
    seller.close().await;

    let alice = browser().await;
    alice.sign_in(&portal, "alice@northwind.example").await;
    alice
        .open(&portal.url(&format!("/registrations/{id}")))
        .await;
    alice.wait_for_text("main", "Sid Seller").await;
    alice.close().await;
}

#[tokio::test]
async fn a_manager_imports_the_account_book_and_edits_an_account() {
    let portal = Portal::start().await;
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "name,domain,owner\nInitrode,initrode.com,\n").unwrap();
    let good = dir.path().join("accounts.csv");
    std::fs::write(
        &good,
        "name,domain,owner,incumbent_partner\nInitrode,initrode.com,Dana Direct,Globex Consulting\n",
    )
    .unwrap();

    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    manager.nav_to("/manage/accounts").await;
    let file = manager.find("#accounts-file").await;
    file.send_keys(&bad.display().to_string()).await.unwrap();
    manager.click("#accounts-submit").await;
    manager
        .wait_for_text("#accounts-result", "row 2: owner:")
        .await;

    let file = manager.find("#accounts-file").await;
    file.clear().await.unwrap();
    file.send_keys(&good.display().to_string()).await.unwrap();
    manager.click("#accounts-submit").await;
    manager
        .wait_for_text("#accounts-result", "1 new, 0 updated")
        .await;
    let row = manager.wait_for_text("#accounts-table", "Initrode").await;
    assert!(row.contains("Globex Consulting"), "{row}");

    manager.click("#accounts-table tr:last-child button").await;
    manager
        .wait_for_text("#account-form-heading", "Edit the account")
        .await;
    manager.type_into("#account-owner", "Lee Direct").await;
    manager.click("#account-submit").await;
    manager.wait_for_text("#account-form", "Saved").await;
    manager.wait_for_text("#accounts-table", "Lee Direct").await;
    manager.close().await;
}

async fn upload(browser: &Browser, path: &str) {
    let file = browser.find("#accounts-file").await;
    file.clear().await.unwrap();
    file.send_keys(path).await.unwrap();
    browser.click("#accounts-submit").await;
}

/// The strengths shown in the page, in the order shown.
async fn strengths(browser: &Browser, css: &str) -> Vec<String> {
    let script = format!(
        "return Array.from(document.querySelectorAll({css:?})).map(e => e.dataset.strength);"
    );
    serde_json::from_value(browser.run(&script).await).unwrap()
}

#[tokio::test]
async fn a_manager_merges_a_company_listed_twice_and_reads_findings_best_first() {
    let portal = Portal::start().await;
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.csv");
    std::fs::write(
        &book,
        "name,domain,owner,incumbent_partner\n\
         Quillmere Analytics,quillmere.example,Dana Direct,\n\
         Quillmere Data Labs,www.quillmere.example,Dana Direct,\n\
         Quillmere,,Lee Direct,Globex Consulting\n",
    )
    .unwrap();

    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    manager.open(&portal.url("/manage/accounts")).await;
    let path = book.display().to_string();
    upload(&manager, &path).await;
    manager
        .wait_for_text("#accounts-result", "row 3: The same account as row 2")
        .await;
    manager.click("#accounts-merge").await;
    upload(&manager, &path).await;
    manager
        .wait_for_text("#accounts-result", "2 new, 0 updated, 1 row merged")
        .await;
    manager
        .wait_for_text("#accounts-table", "Also: Quillmere Data Labs")
        .await;

    let alice = browser().await;
    alice.sign_in(&portal, "alice@northwind.example").await;
    alice.open(&portal.url("/registrations/new")).await;
    let id = register_deal(&alice, "Quillmere Data Labs GmbH", "qdl.example").await;
    alice
        .wait_for_text("#conflict-result", "needs review")
        .await;
    let page = alice.find("main").await.text().await.unwrap();
    assert!(
        !page.contains("Possible") && !page.contains("Dana"),
        "{page}"
    );
    alice.close().await;

    manager
        .open(&portal.url(&format!("/manage/registrations/{id}")))
        .await;
    let findings = manager.wait_for_text("#findings", "Same name · 95").await;
    assert!(findings.contains("Possible match · "), "{findings}");
    assert_eq!(
        strengths(&manager, "#findings [data-strength]").await,
        ["same_name", "possible"]
    );
    // The claims beside the registration come in the findings' order, each with its strength.
    assert_eq!(
        strengths(&manager, "#side-by-side [data-strength]").await,
        ["same_name", "possible"]
    );
    let cards = manager.find("#side-by-side").await.text().await.unwrap();
    let analytics = cards.find("Account: Quillmere Analytics").unwrap();
    let short = cards.rfind("Account: Quillmere").unwrap();
    assert!(analytics < short, "{cards}");
    assert!(cards.contains("Also known as"), "{cards}");
    // The suggestion follows the sure match, not the incumbent of the possible one.
    manager
        .wait_for_text("#suggestion", "owned by Dana Direct")
        .await;
    manager.close().await;
}

#[tokio::test]
async fn managers_keep_the_product_catalog_partners_choose_from() {
    let portal = Portal::start().await;
    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    manager.nav_to("/manage/products").await;
    manager.click("#add-product-submit").await;
    manager
        .wait_for_text("#product-name-error", "product name")
        .await;
    manager.type_into("#product-name", "Acme Vault").await;
    manager.click("#add-product-submit").await;
    manager.wait_for_text(".product-list", "Acme Vault").await;

    let alice = browser().await;
    alice.sign_in(&portal, "alice@northwind.example").await;
    alice.open(&portal.url("/registrations/new")).await;
    alice.wait_for_text("#reg-products", "Acme Vault").await;

    manager
        .click("button[aria-label='Archive Acme Vault']")
        .await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while manager
        .find(".product-list")
        .await
        .text()
        .await
        .unwrap()
        .contains("Acme Vault")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the archived product stayed listed"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    alice.open(&portal.url("/registrations/new")).await;
    alice
        .wait_for_text("#reg-products", "Premium Support")
        .await;
    let choices = alice.find("#reg-products").await.text().await.unwrap();
    assert!(!choices.contains("Acme Vault"), "{choices}");
    manager.close().await;
    alice.close().await;
}
