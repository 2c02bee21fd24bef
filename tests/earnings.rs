//! Earnings from end to end: a deal is won, the partner sees the pending earning on its
//! statement and asks about it, the manager answers, approves it and pays it in a batch, and
//! the partner sees it paid with the answer. Where a partner is paid: its admins give the
//! account (checked as typed), everyone else is told who manages it.

use crate::support;

use portico_api::organizations::Motion;
use portico_api::pipeline::stages;
use portico_server::store::sql;
use support::*;

/// A Northwind deal put in its last open stage with every criterion met, sourced by the
/// partner, worth 40,000 EUR: the manager can win it. Its id and customer.
async fn deal_ready_to_win(portal: &Portal) -> (i64, String) {
    let pool = portal.running.state.db.pool();
    let (id, customer, motion): (i64, String, String) = sql::query_as(
        "SELECT o.id, o.customer_name, o.motion FROM opportunities o \
         JOIN organizations g ON g.id = o.organization_id \
         WHERE g.name = 'Northwind Partners' AND o.stage NOT IN ('won', 'lost') \
         ORDER BY o.id LIMIT 1",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    let last = stages(Motion::parse(&motion).unwrap())[4].slug;
    portal
        .running
        .state
        .db
        .write(async |conn| {
            Ok(sql::query(
                "UPDATE opportunities SET stage = $1, criteria_met = 2147483647, \
                 amount = 40000, currency = 'EUR', partner_role = 'sourced', \
                 attribution_percent = 100 WHERE id = $2",
            )
            .bind(last)
            .bind(id)
            .execute(conn)
            .await?)
        })
        .await
        .unwrap();
    (id, customer)
}

/// The earning the deal made that counts from today, and the question about it once asked.
async fn earning_of(portal: &Portal, deal: i64) -> i64 {
    let today = portal.running.state.today();
    sql::query_scalar(
        "SELECT MIN(id) FROM ledger_entries WHERE opportunity_id = $1 AND kind = 'earning' \
         AND accrues_on <= $2",
    )
    .bind(deal)
    .bind(today.to_string())
    .fetch_one(portal.running.state.db.pool())
    .await
    .unwrap()
}

#[tokio::test]
async fn a_won_deal_is_earned_questioned_approved_and_paid() {
    let portal = Portal::start().await;
    let (deal, customer) = deal_ready_to_win(&portal).await;
    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    manager
        .open(&portal.url(&format!("/manage/opportunities/{deal}")))
        .await;
    manager.find("#opp-form").await;
    manager.select("#opp-stage", "Won").await;
    manager.click("#opp-save").await;
    manager.wait_for_text("#opp-stage-label", "Won").await;
    let earning = earning_of(&portal, deal).await;

    let alice = browser().await;
    alice.sign_in(&portal, "alice@northwind.example").await;
    alice.nav_to("/earnings").await;
    let row = format!("#entry-{earning}");
    let shown = alice.wait_for_text(&row, "Pending").await;
    assert!(shown.contains(&customer), "{shown}");
    alice.find("#balance-EUR").await;
    let download = alice.find("#statement-download").await;
    assert_eq!(
        download.attr("href").await.unwrap().as_deref(),
        Some("/api/ledger.csv")
    );
    alice.click(&format!("{row} summary")).await;
    alice.click(&format!("#question-{earning}-send")).await;
    alice
        .wait_for_text(&format!("#question-{earning}-error"), "Say what is wrong")
        .await;
    alice
        .type_into(&format!("#question-{earning}"), "Was the discount counted?")
        .await;
    alice.click(&format!("#question-{earning}-send")).await;
    alice.wait_for_text(&row, "Not answered yet.").await;
    alice.assert_accessible().await;

    // The manager answers and approves the earning in the partner's ledger.
    let northwind: i64 =
        sql::query_scalar("SELECT id FROM organizations WHERE name = 'Northwind Partners'")
            .fetch_one(portal.running.state.db.pool())
            .await
            .unwrap();
    manager
        .open(&portal.url(&format!(
            "/manage/ledger?organization={northwind}&status=pending"
        )))
        .await;
    manager
        .wait_for_text(&row, "Was the discount counted?")
        .await;
    let dispute: i64 = sql::query_scalar("SELECT id FROM earning_disputes WHERE earning_id = $1")
        .bind(earning)
        .fetch_one(portal.running.state.db.pool())
        .await
        .unwrap();
    manager
        .type_into(&format!("#answer-{dispute}"), "Yes: 40,000 after discount.")
        .await;
    manager.click(&format!("#answer-{dispute}-send")).await;
    manager
        .wait_for_text(&row, "Yes: 40,000 after discount.")
        .await;
    manager.click(&format!("#approve-{earning}")).await;
    manager.click("#approve-selected").await;
    manager
        .wait_for_text("#approval-status", "1 earning approved.")
        .await;
    manager.assert_accessible().await;

    // …and pays it in a batch.
    manager.nav_to("/manage/payouts").await;
    manager.type_into("#batch-minimum", "1.00").await;
    manager.click("#batch-create").await;
    manager.wait_for_path("/manage/payouts/").await;
    manager
        .wait_for_text("#payments", "Northwind Partners")
        .await;
    manager.click("#batch-confirm").await;
    manager.click("#batch-confirm-confirm").await;
    manager.find("#batch-csv").await;
    manager.click("#batch-paid").await;
    manager.click("#batch-paid-confirm").await;
    manager.wait_for_text(".facts", "Paid").await;
    assert!(!manager.is_present("#batch-paid").await);
    manager.assert_accessible().await;
    manager.close().await;

    alice.open(&portal.url("/earnings")).await;
    let paid = alice.wait_for_text(&row, "Paid").await;
    assert!(paid.contains("Yes: 40,000 after discount."), "{paid}");
    alice.close().await;
}

#[tokio::test]
async fn partner_admins_give_where_they_are_paid_and_colleagues_are_told_who_does() {
    let portal = Portal::start().await;
    let alice = browser().await;
    alice.sign_in(&portal, "alice@northwind.example").await;
    alice.nav_to("/earnings").await;
    alice.click("#payee-link").await;
    alice.wait_for_text("#payee-current", "DE•• ").await;
    alice
        .type_into("#payee-holder", "Northwind Partners SAS")
        .await;
    alice
        .type_into("#payee-iban", "FR14 2004 1010 0505 0001 3M02 607")
        .await;
    alice.type_into("#payee-bic", "PSSTFRPPPAR").await;
    alice.click("#payee-save").await;
    alice.wait_for_text("#payee-iban-error", "IBAN").await;
    alice.wait_for_focus("#payee-iban").await;
    alice
        .type_into("#payee-iban", "FR14 2004 1010 0505 0001 3M02 606")
        .await;
    alice.click("#payee-save").await;
    alice.find("#payee-saved:not([hidden])").await;
    let current = alice.wait_for_text("#payee-current", "FR••").await;
    assert!(
        current.contains("Northwind Partners SAS") && !current.contains("0505"),
        "{current}"
    );
    alice.assert_accessible().await;
    alice.close().await;

    let nate = browser().await;
    nate.sign_in(&portal, "nate@northwind.example").await;
    nate.nav_to("/earnings").await;
    nate.find("#statement").await;
    assert!(!nate.is_present("#payee-link").await);
    nate.open(&portal.url("/settings/payouts")).await;
    nate.wait_for_text("#payee-admins-only", "Only your organization's admins")
        .await;
    nate.close().await;
}
