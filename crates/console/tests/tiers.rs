//! A manager shapes the tier program, runs the evaluation, approves a proposed promotion, sets
//! a partner's tier by hand and reads its history, all from `/manage/tiers`.

use crate::support;

use support::*;

async fn organization_id(portal: &Portal, name: &str) -> i64 {
    portico_server::store::sql::query_scalar("SELECT id FROM organizations WHERE name = $1")
        .bind(name)
        .fetch_one(portal.running.state.db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_manager_saves_the_program_evaluates_approves_and_overrides() {
    let portal = Portal::start().await;
    portal.without_tier_program().await;
    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    manager.nav_to("/manage/tiers").await;
    manager.find("#tier-starter").await;

    // Every partner reaches silver; promotions wait for approval.
    manager
        .select("#tier-promotion", "When a manager approves")
        .await;
    manager.set_value("#tier-1-rule-0-at-least", "0").await;
    manager
        .click("#tier-1-fields .rule-row:nth-child(2) button")
        .await;
    manager.set_value("#tier-window", "0").await;
    manager.click("#tier-program-save").await;
    manager
        .wait_for_text(
            "#tier-program-problems",
            "Choose a window of 1 to 36 months.",
        )
        .await;
    manager.set_value("#tier-window", "12").await;
    manager.click("#tier-program-save").await;
    manager
        .wait_for_text("#tier-program-saved", "the program is in force")
        .await;
    assert!(!manager.is_present("#tier-starter").await);

    manager.click("#tiers-evaluate").await;
    manager
        .wait_for_text("#tiers-evaluation", "Evaluated 7 partners")
        .await;
    let tyrell = format!(
        "#standing-{}",
        organization_id(&portal, "Tyrell Resellers").await
    );
    manager
        .wait_for_text(&tyrell, "Promotion to Silver proposed")
        .await;
    manager.click(&format!("{tyrell}-approve")).await;
    manager
        .wait_for_text(&format!("{tyrell} td"), "Silver")
        .await;

    manager.click(&format!("{tyrell}-override")).await;
    let id = organization_id(&portal, "Tyrell Resellers").await;
    manager
        .select(&format!("#override-{id}-tier"), "Platinum")
        .await;
    let until = portico_api::date::Date::from_unix(portal.running.state.now() + 10 * 86_400);
    manager
        .set_value(&format!("#override-{id}-until"), &until.to_string())
        .await;
    manager
        .type_into(&format!("#override-{id}-rationale"), "Launch partner.")
        .await;
    manager.click(&format!("#override-{id}-save")).await;
    manager
        .wait_for_text(&tyrell, "Set by a manager until")
        .await;
    manager.click(&format!("#history-{id} summary")).await;
    let history = manager
        .wait_for_text(
            &format!("#history-{id}"),
            "Set by a manager: Silver → Platinum",
        )
        .await;
    assert!(
        history.contains("by Morgan Manager (Launch partner.)"),
        "{history}"
    );
    assert!(
        history.contains("Promoted: Registered → Silver"),
        "{history}"
    );
    manager.assert_accessible().await;
    manager.close().await;
}
