//! A new partner follows its onboarding checklist on the home page and learns, as it chooses a
//! product, that the product needs a certification nobody there holds; a partner admin sees
//! which of their people's certifications end soon.

use crate::support;

use support::*;

#[tokio::test]
async fn a_new_partner_sees_its_checklist_and_what_a_product_needs() {
    let portal = Portal::start().await;
    let roy = browser().await;
    roy.sign_in(&portal, "roy@tyrell.example").await;
    let checklist = roy
        .wait_for_text("#onboarding-heading", "Get started: 3 of 7 done")
        .await;
    assert!(!checklist.is_empty());
    let signed_in = roy.wait_for_text("#onboarding-first-sign-in", "done").await;
    assert!(signed_in.contains("Sign in to the portal"), "{signed_in}");
    roy.wait_for_text("#onboarding-first-registration", "due")
        .await;
    roy.assert_accessible().await;

    roy.click("#onboarding-first-registration a").await;
    roy.wait_for_path("/registrations/new").await;
    roy.wait_for_text("#reg-products", "Premium Support").await;
    let premium = roy
        .run(
            "return Array.from(document.querySelectorAll('#reg-products label'))\
             .find(l => l.textContent.includes('Premium Support')).querySelector('input').id;",
        )
        .await;
    roy.click(&format!("#{}", premium.as_str().unwrap())).await;
    let needed = roy
        .wait_for_text("#product-requirements", "Implementation Specialist")
        .await;
    assert!(needed.contains("academy.acme.example"), "{needed}");
    roy.click(&format!("#{}", premium.as_str().unwrap())).await;
    assert!(
        !roy.find("#product-requirements")
            .await
            .text()
            .await
            .unwrap()
            .contains("Implementation"),
        "unchecking the product clears the warning"
    );
    roy.close().await;
}

#[tokio::test]
async fn a_partner_admin_sees_whose_certification_ends_soon() {
    let portal = Portal::start().await;
    let alice = browser().await;
    alice.sign_in(&portal, "alice@northwind.example").await;
    alice.find("#home-pipeline").await;
    assert!(
        !alice.is_present("#onboarding").await,
        "Northwind joined two years ago"
    );
    alice.scroll_to(true).await;
    let table = alice
        .wait_for_text("#people-certifications", "Sales Foundations")
        .await;
    assert!(
        table.contains("Alice Northwind") && table.contains("Expires soon"),
        "{table}"
    );
    alice.assert_accessible().await;
    alice.close().await;
}
