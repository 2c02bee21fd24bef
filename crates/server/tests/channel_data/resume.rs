//! An import whose worker stops half way (a crash: its lease lapses) is taken over and
//! finished by the next worker: every row stored once, none lost.

use super::*;

#[tokio::test]
async fn an_interrupted_import_resumes_with_no_row_lost_or_stored_twice() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let source = distributor(&manager).await;
    let rows: Vec<String> = (1..=5_000)
        .map(|n| format!("01/12/2026;R-{n};Customer {n};;Acme Connect;1;{n};EUR;"))
        .collect();
    let first = json(
        upload(&manager, source, "big.csv", report(&rows)).await,
        StatusCode::CREATED,
    )
    .await;
    confirm(&manager, source, &first["suggestion"]).await;

    // The first worker stores one chunk and stops without a word.
    processing::run_next(app.state(), Some(1)).await.unwrap();
    let id = first["id"].as_i64().unwrap();
    let half = manager
        .read(&format!("/api/channel-data/imports/{id}"))
        .await;
    assert_eq!(
        (half["state"].as_str(), half["rows_read"].as_u64()),
        (Some("running"), Some(processing::CHUNK as u64))
    );
    assert!(
        processing::run_next(app.state(), None)
            .await
            .unwrap()
            .is_none(),
        "its lease holds"
    );

    app.clock.advance(processing::LEASE_SECONDS + 1);
    process(&app).await;
    let done = manager
        .read(&format!("/api/channel-data/imports/{id}"))
        .await;
    assert_eq!(done["state"], "done");
    assert_eq!(done["rows_read"], 5_000);
    assert_eq!(done["counts"]["imported"], 5_000);
    assert_eq!(
        count_of(
            &app,
            "SELECT COUNT(*) FROM channel_transactions WHERE source_id = $1",
            source
        )
        .await,
        5_000
    );
    assert_eq!(
        count_of(
            &app,
            "SELECT COUNT(DISTINCT row_number) FROM channel_rows WHERE source_id = $1",
            source
        )
        .await,
        5_000
    );
}
