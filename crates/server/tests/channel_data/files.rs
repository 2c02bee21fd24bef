//! Report files: a workbook's sheet, a Windows-1252 CSV, and files that are no report (not a
//! table, empty, too large) refused with a clear message and nothing stored.

use super::*;

fn workbook() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("Notes").unwrap();
    notes.write_string(0, 0, "Read me first").unwrap();
    let sales = book.add_worksheet();
    sales.set_name("Sales").unwrap();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    for (col, header) in [
        "Date", "Invoice", "Customer", "Product", "Amount", "Currency",
    ]
    .iter()
    .enumerate()
    {
        sales.write_string(0, col as u16, *header).unwrap();
    }
    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 11, 30).unwrap();
    sales.write_datetime_with_format(1, 0, &day, &date).unwrap();
    sales.write_string(1, 1, "W-1").unwrap();
    sales.write_string(1, 2, "Wingtip Toys").unwrap();
    sales.write_string(1, 3, "Acme Cloud Platform").unwrap();
    sales.write_number(1, 4, 1234.5).unwrap();
    sales.write_string(1, 5, "USD").unwrap();
    book.save_to_buffer().unwrap()
}

#[tokio::test]
async fn a_workbooks_sheet_and_a_windows_1252_file_import() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let source = distributor(&manager).await;
    let form = Form::new()
        .text("source_id", source.to_string())
        .text("sheet", "Sales")
        .part("file", Part::bytes(workbook()).file_name("november.xlsx"));
    let sent = manager
        .post("/api/channel-data/imports")
        .multipart(form)
        .send()
        .await
        .unwrap();
    let book = json(sent, StatusCode::CREATED).await;
    assert_eq!(book["headers"][0], "Date");
    assert_eq!(
        book["preview"][0]["transaction_date"], "2026-11-30",
        "{book}"
    );
    assert_eq!(book["preview"][0]["amount"], 123_450);
    confirm(&manager, source, &book["suggestion"]).await;

    let mut latin = b"Date;Invoice;Customer;Product;Amount;Currency\n".to_vec();
    latin.extend_from_slice(
        b"01/12/2026;L-1;Soci\xe9t\xe9 G\xe9n\xe9rale;Acme Analytics;99,90;EUR\n",
    );
    let text = json(
        upload(&manager, source, "latin.csv", latin).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(text["state"], "queued");
    process(&app).await;
    let all = manager
        .read(&format!("/api/channel-data/transactions?source={source}"))
        .await;
    let names: Vec<&str> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["customer_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Wingtip Toys", "Société Générale"]);
    let csv = manager
        .get("/api/channel-data/transactions.csv")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        csv.contains("Société Générale") && csv.contains(",99.90,EUR,"),
        "{csv}"
    );
}

#[tokio::test]
async fn files_that_are_no_report_are_refused_and_nothing_is_kept() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let source = distributor(&manager).await;
    let refused = |bytes: Vec<u8>| upload(&manager, source, "r.csv", bytes);
    let (_, pdf) = error(
        refused(b"%PDF-1.7 not a table".to_vec()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        pdf["error"]["fields"]["file"]
            .as_str()
            .unwrap()
            .contains("not a CSV or XLSX"),
        "{pdf}"
    );
    let (_, empty) = error(refused(Vec::new()).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(empty["error"]["fields"]["file"], "The file is empty.");
    let (_, blank) = error(
        refused(b"\n\n;;\n".to_vec()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(blank["error"]["fields"]["file"].is_string(), "{blank}");
    let big = vec![b'a'; 100 * 1024 * 1024 + 1];
    let (_, large) = error(refused(big).await, StatusCode::PAYLOAD_TOO_LARGE).await;
    assert!(
        large["error"]["message"]
            .as_str()
            .unwrap()
            .contains("100 MB"),
        "{large}"
    );
    let kept = count_of(
        &app,
        "SELECT COUNT(*) FROM channel_imports WHERE source_id = $1",
        source,
    )
    .await;
    assert_eq!(kept, 0);
}
