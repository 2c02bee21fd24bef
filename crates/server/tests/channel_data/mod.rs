//! Channel data over HTTP: a distributor's report suggested its mapping, imported with its
//! duplicates counted once, a corrected file replacing rows, the review queue learning from a
//! resolution, partners kept to their own data, bad files refused, and an import resumed
//! after its worker stopped half way.

use crate::common;

mod customers;
mod feeds;
mod files;
mod isolation;
mod resume;

use common::*;
use portico_server::app::channel_data::processing;
use portico_server::store::sql;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::json;

const HEADER: &str =
    "Invoice Date;Invoice No;End Customer;E-Mail;SKU;Qty;Unit Price;Currency;Reseller";

/// A distributor source, day first, for the manager.
async fn distributor(manager: &Session) -> i64 {
    let source = json(
        manager
            .post("/api/channel-data/sources")
            .json(&json!({ "name": "Ingram Europe", "kind": "distributor", "date_order": "day_first" }))
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    source["id"].as_i64().unwrap()
}

async fn upload(
    session: &Session,
    source_id: i64,
    name: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let form = Form::new()
        .text("source_id", source_id.to_string())
        .part("file", Part::bytes(bytes).file_name(name.to_owned()));
    session
        .post("/api/channel-data/imports")
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// Works every queued import to its end.
/// Confirms the suggested mapping, days first.
async fn confirm(manager: &Session, source: i64, suggestion: &serde_json::Value) {
    let mapping = json!({ "columns": suggestion, "date_order": "day_first" });
    let path = format!("/api/channel-data/sources/{source}/mapping");
    json(
        manager
            .send(reqwest::Method::PUT, &path)
            .json(&mapping)
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
}

async fn process(app: &TestApp) {
    while processing::run_next(app.state(), None)
        .await
        .unwrap()
        .is_some()
    {}
}

/// The approved Northwind registration's customer: (id, company, domain).
/// A count of the source's rows in a table, `$1` being the source: the demo imports reports
/// of its own.
async fn count_of(app: &TestApp, query: &'static str, source: i64) -> i64 {
    sql::query_scalar(query)
        .bind(source)
        .fetch_one(app.state().db.pool())
        .await
        .unwrap()
}

async fn registered(app: &TestApp) -> (i64, String, String) {
    sql::query_as(
        "SELECT r.id, r.company_name, r.company_domain FROM registrations r \
         JOIN organizations o ON o.id = r.organization_id \
         WHERE o.name = 'Northwind Partners' AND r.status = 'approved' ORDER BY r.id LIMIT 1",
    )
    .fetch_one(app.state().db.pool())
    .await
    .unwrap()
}

fn report(rows: &[String]) -> Vec<u8> {
    let mut text = String::from(HEADER);
    for row in rows {
        text.push('\n');
        text.push_str(row);
    }
    text.into_bytes()
}

#[tokio::test]
async fn a_distributors_report_is_mapped_imported_once_corrected_and_reviewed() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let source = distributor(&manager).await;
    let (registration, company, domain) = registered(&app).await;
    let rows = vec![
        format!(
            "01.12.2026;INV-1;{company};buyer@{domain};Acme Connect;3;1.000,00;EUR;Northwind Partners"
        ),
        "02/12/2026;INV-2;Contoso Ltd;it@contoso.example;acme analytics;1;250;€;Globex Consulting"
            .to_owned(),
        "02/12/2026;INV-2;Contoso Ltd;it@contoso.example;acme analytics;1;250;€;Globex Consulting"
            .to_owned(),
        "03/12/2026;INV-3;Tailspin;;Connect Pro X;2;10;EUR;Unknown Reseller".to_owned(),
        "soon;INV-4;Tailspin;;Acme Connect;2;10;EUR;".to_owned(),
    ];
    let first = json(
        upload(&manager, source, "december.csv", report(&rows)).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(first["state"], "needs_mapping");
    let suggestion = first["suggestion"].as_array().unwrap().clone();
    let fields: Vec<&str> = suggestion
        .iter()
        .map(|c| c["field"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(
        fields,
        [
            "transaction_date",
            "reference",
            "customer_name",
            "customer_domain",
            "product",
            "quantity",
            "unit_price",
            "currency",
            "reseller"
        ]
    );
    assert_eq!(
        first["preview"][0]["amount"], 300_000,
        "3 × 1.000,00: {first}"
    );
    assert_eq!(
        first["preview"][4]["problem"],
        "Transaction date \"soon\" cannot be read."
    );

    confirm(&manager, source, &json!(suggestion)).await;
    process(&app).await;
    let id = first["id"].as_i64().unwrap();
    let done = manager
        .read(&format!("/api/channel-data/imports/{id}"))
        .await;
    assert_eq!(done["state"], "done");
    assert_eq!(
        done["counts"],
        json!({ "imported": 2, "duplicate": 1, "rejected": 0, "waiting": 2 })
    );

    let transactions = manager
        .read(&format!("/api/channel-data/transactions?source={source}"))
        .await;
    let items = transactions["items"].as_array().unwrap();
    let linked = items.iter().find(|t| t["reference"] == "INV-1").unwrap();
    assert_eq!(linked["registration_id"], registration);
    assert_eq!(linked["organization"]["name"], "Northwind Partners");
    assert_eq!(
        (linked["amount"].as_i64(), linked["quantity"].as_str()),
        (Some(300_000), Some("3"))
    );

    // The unknown product waits with suggestions; choosing it teaches the name.
    let waiting = manager
        .read(&format!(
            "/api/channel-data/rows?import={id}&status=waiting"
        ))
        .await;
    let waits = waiting["items"].as_array().unwrap();
    let product_row = waits.iter().find(|r| r["field"] == "product").unwrap();
    assert_eq!(
        product_row["suggestions"][0]["name"], "Acme Connect",
        "{product_row}"
    );
    let connect = product_row["suggestions"][0]["id"].as_i64().unwrap();
    let resolved = json(
        manager
            .post(&format!(
                "/api/channel-data/rows/{}/resolve",
                product_row["id"]
            ))
            .json(&json!({ "product_id": connect }))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(resolved["row"]["status"], "imported");
    let aliases = manager
        .read(&format!("/api/products/{connect}/aliases"))
        .await;
    assert_eq!(aliases["aliases"][0]["alias"], "Connect Pro X");
    let date_row = waits
        .iter()
        .find(|r| r["field"] == "transaction_date")
        .unwrap();
    let fixed = json(
        manager
            .post(&format!(
                "/api/channel-data/rows/{}/resolve",
                date_row["id"]
            ))
            .json(&json!({ "values": [{ "field": "transaction_date", "value": "04.12.2026" }] }))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(fixed["row"]["status"], "imported");
    let after = manager
        .read(&format!("/api/channel-data/imports/{id}"))
        .await;
    assert_eq!(
        after["counts"],
        json!({ "imported": 4, "duplicate": 1, "rejected": 0, "waiting": 0 })
    );

    // The same file again changes nothing; a corrected row replaces its transaction.
    let mut corrected = rows.clone();
    corrected[0] = corrected[0].replace(";3;", ";4;");
    let again = json(
        upload(&manager, source, "december-v2.csv", report(&corrected)).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        again["state"], "queued",
        "the saved mapping names every column"
    );
    process(&app).await;
    let second = manager
        .read(&format!("/api/channel-data/imports/{}", again["id"]))
        .await;
    // The correction imports; INV-2 (twice) and INV-3 (settled above) are known; the row
    // whose day cannot be read waits again, as nothing tells it is the one fixed before.
    assert_eq!(
        second["counts"],
        json!({ "imported": 1, "duplicate": 3, "rejected": 0, "waiting": 1 })
    );
    let count = count_of(
        &app,
        "SELECT COUNT(*) FROM channel_transactions WHERE source_id = $1",
        source,
    )
    .await;
    assert_eq!(count, 4, "corrections replace, never add");
    let linked = manager
        .read(&format!("/api/channel-data/transactions?source={source}"))
        .await;
    let inv1 = linked["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["reference"] == "INV-1")
        .cloned()
        .unwrap();
    assert_eq!(inv1["amount"], 400_000);
    for action in [
        "channel_source.created",
        "channel_source.mapped",
        "channel_import.uploaded",
        "channel_row.resolved",
    ] {
        assert!(!app.audit(action).await.is_empty(), "{action}");
    }
}
