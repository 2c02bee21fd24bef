//! A manager defines a certification that a product needs, records it for a partner's person
//! and sees it in the people's table, and imports a learning system's file, every bad row
//! named; then keeps a motion's onboarding plan and ticks a new partner's manual step.

use crate::support;

use support::*;

#[tokio::test]
async fn a_manager_defines_records_and_imports_certifications() {
    let portal = Portal::start().await;
    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    manager.nav_to("/manage/certifications").await;
    manager
        .wait_for_text("#definitions-table", "Implementation Specialist")
        .await;

    manager.click("#definition-save").await;
    manager
        .wait_for_text("#certification-name-error", "Name the certification.")
        .await;
    manager
        .type_into("#certification-name", "Connect Expert")
        .await;
    manager.set_value("#certification-validity", "12").await;
    manager
        .type_into(
            "#certification-how",
            "Book the course at academy.acme.example.",
        )
        .await;
    manager
        .click("#certification-products label:nth-of-type(3) input")
        .await;
    manager.click("#definition-save").await;
    manager
        .wait_for_text("#definition-saved", "Connect Expert saved.")
        .await;
    let row = manager
        .wait_for_text("#definitions-table", "Connect Expert")
        .await;
    assert!(
        row.contains("12 months") && row.contains("1 product"),
        "{row}"
    );

    manager
        .select("#record-partner", "Northwind Partners")
        .await;
    manager
        .select("#record-person", "Nate Sales (nate@northwind.example)")
        .await;
    manager
        .select("#record-certification", "Connect Expert")
        .await;
    let today = portico_api::date::Date::from_unix(portal.running.state.now()).to_string();
    manager.set_value("#record-earned-on", &today).await;
    manager.click("#record-submit").await;
    let people = manager
        .wait_for_text("#people-certifications", "Connect Expert")
        .await;
    assert!(people.contains("Nate Sales"), "{people}");
    manager.assert_accessible().await;

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("completions.csv");
    std::fs::write(
        &file,
        format!(
            "email,certification,completed_at\n\
             nate@northwind.example,Sales Foundations,{today}\n\
             ghost@nowhere.example,Sales Foundations,{today}\n"
        ),
    )
    .unwrap();
    let input = manager.find("#completions-file").await;
    input.send_keys(&file.display().to_string()).await.unwrap();
    manager.click("#completions-submit").await;
    manager
        .wait_for_text("#completions-result", "row 3: No active partner person")
        .await;
    manager.close().await;
}

#[tokio::test]
async fn a_manager_keeps_a_plan_and_ticks_a_new_partners_manual_step() {
    let portal = Portal::start().await;
    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    manager.nav_to("/manage/onboarding").await;
    let tyrell = manager
        .wait_for_text("#progress-table", "Tyrell Resellers")
        .await;
    assert!(tyrell.contains("3 of 7 done"), "{tyrell}");

    // Tech partners also list their integration, a step ticked by hand.
    manager.select("#plan-motion", "Tech / ISV").await;
    manager.find("#plan-starter").await;
    manager.click("#plan-add-step").await;
    manager.click("#plan-save").await;
    manager
        .wait_for_text("#plan-problems", "Name the step in 1 to 100 characters.")
        .await;
    let last = manager
        .run("return document.querySelectorAll('#plan-form .rule-row').length - 1;")
        .await;
    let title = format!("#plan-step-{last}-title");
    manager
        .type_into(&title, "Publish the integration listing")
        .await;
    manager.click("#plan-save").await;
    manager.wait_for_text("#plan-saved", "Plan saved.").await;

    manager.open(&portal.url("/manage/onboarding")).await;
    let stark: i64 =
        portico_server::store::sql::query_scalar("SELECT id FROM organizations WHERE name = $1")
            .bind("Stark Integrations")
            .fetch_one(portal.running.state.db.pool())
            .await
            .unwrap();
    let row = format!("#progress-{stark}");
    let before = manager.wait_for_text(&row, "of 8 done").await;
    let done = |text: &str| -> usize {
        let at = text.find(" of 8 done").unwrap();
        text[..at]
            .split_whitespace()
            .last()
            .unwrap()
            .parse()
            .unwrap()
    };
    manager.click(&format!("{row} summary")).await;
    manager
        .wait_for_text(&row, "Publish the integration listing")
        .await;
    manager.click(&format!("#tick-{stark}-step-8")).await;
    let after = manager
        .wait_for_text(&row, &format!("{} of 8 done", done(&before) + 1))
        .await;
    assert!(after.contains("Stark Integrations"), "{after}");
    manager.assert_accessible().await;
    manager.close().await;
}
