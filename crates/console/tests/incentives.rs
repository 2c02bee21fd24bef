//! A manager shares a won deal between two partners (the shares of a role never pass 100 %,
//! and the change needs a reason), then records the customer's refund, which reverses what
//! the deal earned.

use crate::support;

use portico_server::store::sql;
use support::*;

#[tokio::test]
async fn a_manager_shares_a_won_deal_and_records_its_refund() {
    let portal = Portal::start().await;
    let pool = portal.running.state.db.pool();
    let deal: i64 = sql::query_scalar(
        "SELECT MIN(o.id) FROM opportunities o JOIN organizations g ON g.id = o.organization_id \
         WHERE g.name = 'Northwind Partners' AND o.stage = 'won' AND o.amount IS NOT NULL",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    manager
        .open(&portal.url(&format!("/manage/opportunities/{deal}")))
        .await;
    manager.find("#credit-0-partner").await;
    manager.select("#credit-0-role", "We sourced it").await;
    manager.type_into("#credit-0-share", "60").await;
    manager.click("#attribution-add").await;
    manager
        .select("#credit-1-partner", "Globex Consulting")
        .await;
    manager.type_into("#credit-1-share", "50").await;
    manager
        .type_into("#attribution-rationale", "Co-sold with Globex.")
        .await;
    manager.click("#attribution-save").await;
    manager
        .wait_for_text("#attribution-error", "add up to at most 100 %")
        .await;
    manager.type_into("#credit-1-share", "40").await;
    manager.click("#attribution-save").await;
    manager.find("#attribution-saved:not([hidden])").await;
    let shares: Vec<(String, i64)> = sql::query_as(
        "SELECT g.name, c.share_bp FROM attributions c \
         JOIN organizations g ON g.id = c.organization_id \
         WHERE c.opportunity_id = $1 ORDER BY c.share_bp DESC",
    )
    .bind(deal)
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(
        shares,
        vec![
            ("Northwind Partners".to_owned(), 6_000),
            ("Globex Consulting".to_owned(), 4_000)
        ]
    );
    manager.assert_accessible().await;

    manager.click("#refund-save").await;
    manager
        .wait_for_text("#refund-reason-error", "Say why")
        .await;
    manager
        .type_into("#refund-reason", "The customer cancelled within 14 days.")
        .await;
    manager.click("#refund-save").await;
    manager
        .wait_for_text("#refund-done", "earnings reversed")
        .await;
    let reversals: i64 = sql::query_scalar(
        "SELECT COUNT(*) FROM ledger_entries WHERE opportunity_id = $1 AND kind = 'reversal'",
    )
    .bind(deal)
    .fetch_one(pool)
    .await
    .unwrap();
    assert!(
        reversals >= 2,
        "both partners' earnings are reversed: {reversals}"
    );
    manager.close().await;
}

#[tokio::test]
async fn a_manager_adds_a_commission_plan_with_a_bonus_as_a_new_version() {
    let portal = Portal::start().await;
    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    manager.nav_to("/manage/incentives").await;
    manager
        .wait_for_text("#plans-version", "Version 1 is in force.")
        .await;
    manager.click("#plan-add").await;
    let last = "fieldset.plan:last-of-type";
    let at = |part: &str| format!("{last} [id$='-{part}']");
    manager.type_into(&at("name"), "Gold resellers").await;
    manager
        .select(&at("kind"), "Flat amount per won deal")
        .await;
    manager.type_into(&at("sourced"), "abc").await;
    manager.click("#plans-save").await;
    manager
        .wait_for_text(&at("sourced-error"), "Enter a number such as 12.5.")
        .await;
    manager.type_into(&at("sourced"), "500").await;
    manager.type_into(&at("influenced"), "250").await;
    manager.type_into(&at("currency"), "EURO").await;
    manager.click("#plans-save").await;
    manager
        .wait_for_text(&at("currency-error"), "currency")
        .await;
    manager.type_into(&at("currency"), "eur").await;
    manager.click(&at("tiers-gold")).await;
    manager.click(&at("add-bonus")).await;
    let bonus = format!("{last} .spiff");
    let of_bonus = |part: &str| format!("{bonus} [id$='-{part}']");
    manager.type_into(&of_bonus("name"), "Year-end push").await;
    manager.set_value(&of_bonus("from"), "2026-12-01").await;
    manager.set_value(&of_bonus("to"), "2026-12-31").await;
    manager.type_into(&of_bonus("value"), "5").await;
    manager.click("#plans-save").await;
    manager
        .wait_for_text("#plans-saved", "Saved as version 2.")
        .await;
    manager.assert_accessible().await;

    let (version, plans) = portico_server::store::incentives::plans(portal.running.state.db.pool())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(version, 2);
    let added = serde_json::to_value(plans.plans.last().unwrap()).unwrap();
    assert_eq!(
        added,
        serde_json::json!({
            "name": "Gold resellers", "tiers": ["gold"], "motions": [],
            "structure": { "kind": "flat", "sourced": 50000, "influenced": 25000, "currency": "EUR" },
            "spiffs": [{ "name": "Year-end push", "product_id": null, "motion": null,
                         "from": "2026-12-01", "to": "2026-12-31",
                         "bonus": { "kind": "percent", "bp": 500 } }]
        })
    );
    manager.close().await;
}
