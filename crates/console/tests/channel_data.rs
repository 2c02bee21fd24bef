//! A manager adds a distributor, uploads its Excel report, confirms the suggested mapping and
//! watches the import to its end; settles the two rows that wait (two product names nobody
//! knew), and finds the sale linked to the partner's registered deal.

use crate::support;

use portico_server::jobs;
use portico_server::store::sql;
use rust_xlsxwriter::Workbook;
use support::*;

const HEADERS: [&str; 8] = [
    "Invoice Date",
    "Invoice No",
    "End Customer",
    "SKU",
    "Qty",
    "Unit Price",
    "Currency",
    "Reseller",
];

/// A distributor's workbook: a sale to Northwind's registered customer, and two lines whose
/// product names are not in the catalogue.
fn report(path: &std::path::Path) {
    let rows = [
        (
            "2026-11-20",
            "LW-1",
            "Contoso Ltd",
            "Acme Connect",
            4.0,
            250.0,
        ),
        (
            "2026-11-21",
            "LW-2",
            "Coho Winery",
            "Acme Analytic",
            1.0,
            990.0,
        ),
        (
            "2026-11-22",
            "LW-3",
            "Proseware",
            "Cloud Platform",
            2.0,
            400.0,
        ),
    ];
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (date, number, customer, product, qty, price)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, *date).unwrap();
        sheet.write_string(r, 1, *number).unwrap();
        sheet.write_string(r, 2, *customer).unwrap();
        sheet.write_string(r, 3, *product).unwrap();
        sheet.write_number(r, 4, *qty).unwrap();
        sheet.write_number(r, 5, *price).unwrap();
        sheet.write_string(r, 6, "EUR").unwrap();
        sheet.write_string(r, 7, "Northwind Partners").unwrap();
    }
    book.save(path).unwrap();
}

#[tokio::test]
async fn a_manager_imports_a_distributor_workbook_and_settles_what_waits() {
    let portal = Portal::start().await;
    // The test server runs no background work of its own; the import needs its worker.
    let worker = jobs::channel_data::spawn(portal.running.state.clone());
    let pool = portal.running.state.db.pool();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("litware-november.xlsx");
    report(&file);
    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    manager.nav_to("/manage/channel-data").await;

    manager
        .type_into("#source-name", "Litware Distribution")
        .await;
    manager.click("#source-add").await;
    manager
        .wait_for_text("#sources", "Litware Distribution")
        .await;
    manager
        .select("#report-source", "Litware Distribution")
        .await;
    manager
        .find("#report-file")
        .await
        .send_keys(file.to_str().unwrap())
        .await
        .unwrap();
    manager.click("#report-send").await;
    manager.wait_for_path("/manage/channel-data/imports/").await;

    // The suggestion read the headers; the preview shows the rows as they will read.
    manager.find("#mapping-confirm").await;
    assert_eq!(manager.value_of("#column-0").await, "transaction_date");
    assert_eq!(manager.value_of("#column-3").await, "product");
    assert_eq!(manager.value_of("#column-7").await, "reseller");
    manager.wait_for_text("#preview", "Contoso Ltd").await;
    manager.assert_accessible().await;
    manager.click("#mapping-confirm").await;
    manager.wait_for_text("#import-state", "Done").await;
    manager.find("#import-progress").await;
    manager
        .wait_for_text("#import-counts [data-status='imported'] dd", "1")
        .await;
    manager
        .wait_for_text("#import-counts [data-status='waiting'] dd", "2")
        .await;

    let waiting: Vec<i64> = sql::query_scalar(
        "SELECT r.id FROM channel_rows r JOIN channel_sources s ON s.id = r.source_id \
         WHERE s.name = 'Litware Distribution' AND r.status = 'waiting' ORDER BY r.row_number",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(waiting.len(), 2);
    manager.click("#review-link").await;
    manager.wait_for_path("/manage/channel-data/review").await;
    let answers = [
        (waiting[0], "Acme Analytics (suggested)"),
        (waiting[1], "Acme Cloud Platform (suggested)"),
    ];
    for (id, product) in answers {
        let row = format!("[data-row='{id}']");
        manager.select(&format!("#settle-{id}"), product).await;
        manager.click(&format!("{row} button[type='submit']")).await;
        manager.wait_for_text("#review-notice", "Settled").await;
        gone(&manager, &row).await;
    }
    manager
        .wait_for_text("#waiting-rows", "Acme Insight Pro")
        .await;
    manager.assert_accessible().await;

    // Each settled name is now an alias of its product, and the sale to Contoso closes the
    // loop on Northwind's registration.
    let aliases: Vec<String> = sql::query_scalar(
        "SELECT alias FROM product_aliases WHERE alias IN ('Acme Analytic', 'Cloud Platform') \
         ORDER BY alias",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(aliases, vec!["Acme Analytic", "Cloud Platform"]);
    let registration: i64 = sql::query_scalar(
        "SELECT g.id FROM registrations g JOIN organizations o ON o.id = g.organization_id \
         WHERE o.name = 'Northwind Partners' AND g.company_name = 'Contoso Ltd' \
         AND g.status = 'approved'",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    manager
        .open(&portal.url("/manage/channel-data/transactions"))
        .await;
    let linked = manager
        .wait_for_text(
            &format!("#transactions a[href='/manage/registrations/{registration}']"),
            "Registration",
        )
        .await;
    assert_eq!(linked, format!("Registration {registration}"));
    manager.wait_for_text("#transactions", "Proseware").await;
    manager.assert_accessible().await;

    // The upload is listed with its outcome, newest first, and leads back to its page.
    manager.open(&portal.url("/manage/channel-data")).await;
    let newest = "#uploads tbody tr:first-child";
    let line = manager.wait_for_text(newest, "litware-november.xlsx").await;
    assert!(
        line.contains("Litware Distribution") && line.contains("Done"),
        "{line}"
    );
    manager.click(&format!("{newest} a")).await;
    manager.wait_for_text("#import-state", "Done").await;
    manager.close().await;
    worker.abort();
}

/// Waits until nothing matches `css`: the settled row left the reloaded list.
async fn gone(browser: &Browser, css: &str) {
    for _ in 0..100 {
        if !browser.is_present(css).await {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{css} is still there");
}
