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
