//! A partner admin sends the organization's own sales report: says once how its reports write
//! dates, uploads a CSV, confirms the suggested mapping, watches it import, corrects the row
//! that waits, and finds the upload listed. A partner user is told who sends them.

use crate::support;

use portico_server::jobs;
use support::*;

const REPORT: &str = "Date;Invoice;Customer;Product;Qty;Unit price;Currency\n\
                      20.11.2026;NW-1;Contoso Ltd;Acme Connect;2;250,00;EUR\n\
                      21.11.2026;NW-2;Proseware;Acme Conect Plus;1;90,00;EUR\n";

#[tokio::test]
async fn a_partner_admin_sends_a_report_and_corrects_what_waits() {
    let portal = Portal::start().await;
    // The test server runs no background work of its own; the import needs its worker.
    let worker = jobs::channel_data::spawn(portal.running.state.clone());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("northwind-november.csv");
    std::fs::write(&file, REPORT).unwrap();

    let alice = browser().await;
    alice.sign_in(&portal, "alice@northwind.example").await;
    alice.nav_to("/earnings").await;
    alice.click("#sales-reports-link").await;
    alice.wait_for_path("/sales-reports").await;
    // The first time: how the organization's reports write dates.
    alice.find("#reports-setup").await;
    alice.assert_accessible().await;
    alice.type_into("#reports-currency", "EUR").await;
    alice.click("#reports-setup-save").await;
    alice.find("#report-upload").await;
    assert!(
        !alice.is_present("#report-source").await,
        "one source: nothing to choose"
    );
    alice
        .find("#report-file")
        .await
        .send_keys(file.to_str().unwrap())
        .await
        .unwrap();
    alice.click("#report-send").await;
    alice.wait_for_path("/sales-reports/").await;

    alice.find("#mapping-confirm").await;
    assert_eq!(alice.value_of("#column-0").await, "transaction_date");
    assert_eq!(alice.value_of("#column-3").await, "product");
    alice.wait_for_text("#preview", "Contoso Ltd").await;
    alice.assert_accessible().await;
    alice.click("#mapping-confirm").await;
    alice.wait_for_text("#import-state", "Done").await;
    alice
        .wait_for_text("#import-counts [data-status='imported'] dd", "1")
        .await;
    alice
        .wait_for_text("#import-counts [data-status='waiting'] dd", "1")
        .await;

    // The misspelt product waits; she writes it as it should read.
    alice.click("#review-link").await;
    alice.wait_for_path("/sales-reports").await;
    let waiting = alice
        .wait_for_text("#waiting-rows", "Acme Conect Plus")
        .await;
    assert!(waiting.contains("Proseware"), "{waiting}");
    let field = alice.find("#waiting-rows input[id^='settle-']").await;
    let id = field.attr("id").await.unwrap().unwrap();
    alice.type_into(&format!("#{id}"), "Acme Connect").await;
    alice
        .click("#waiting-rows li:first-child button[type='submit']")
        .await;
    alice.wait_for_text("#review-notice", "Settled").await;
    alice
        .wait_for_text("#waiting .empty", "No row is waiting")
        .await;
    let line = alice
        .wait_for_text("#uploads tbody tr:first-child", "northwind-november.csv")
        .await;
    assert!(line.contains("Done"), "{line}");
    alice.assert_accessible().await;
    alice.close().await;

    let nate = browser().await;
    nate.sign_in(&portal, "nate@northwind.example").await;
    nate.open(&portal.url("/sales-reports")).await;
    nate.wait_for_text("#reports-admins-only", "admins").await;
    nate.close().await;
    worker.abort();
}
