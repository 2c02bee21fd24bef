//! Customers are found in the account book by a near spelling of an account's name too, with
//! that strength kept; a spelling close to two accounts waits for a person, and a name the
//! matcher does not join is left unmatched.

use super::*;

async fn account(manager: &Session, name: &str) -> i64 {
    let created = json(
        manager
            .post("/api/accounts")
            .json(&json!({ "name": name, "owner": "Dana" }))
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    created["id"].as_i64().unwrap()
}

#[tokio::test]
async fn near_spellings_match_an_account_with_their_strength_kept() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let halvorsen = account(&manager, "Halvorsen Maritime International").await;
    account(&manager, "Brightwater Analytics").await;
    account(&manager, "Brightwater Analytic").await;
    account(&manager, "Quillon Cloud").await;
    let source = distributor(&manager).await;
    let rows = [
        "01/12/2026;C-1;Halvorsen Maritime Intl;;Acme Connect;1;10;EUR;",
        "01/12/2026;C-2;Halvorson Maritime International;;Acme Connect;1;10;EUR;",
        "01/12/2026;C-3;Brightwater Analytix;;Acme Connect;1;10;EUR;",
        "01/12/2026;C-4;Quillon Bank;;Acme Connect;1;10;EUR;",
    ]
    .map(str::to_owned);
    let import = json(
        upload(&manager, source, "customers.csv", report(&rows)).await,
        StatusCode::CREATED,
    )
    .await;
    confirm(&manager, source, &import["suggestion"]).await;
    process(&app).await;

    let listed = manager
        .read(&format!("/api/channel-data/transactions?source={source}"))
        .await;
    let by_reference = |reference: &str| {
        listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["reference"] == reference)
            .unwrap_or_else(|| panic!("{reference} in {listed}"))
            .clone()
    };
    // "Intl" is how lists write "International": the same name key. A typo is a near spelling.
    for (reference, strength) in [("C-1", "name"), ("C-2", "similar")] {
        let sale = by_reference(reference);
        assert_eq!(sale["account_match"]["account"]["id"], halvorsen, "{sale}");
        assert_eq!(sale["account_match"]["strength"], strength, "{sale}");
    }
    let other = by_reference("C-4");
    assert_eq!(
        other["account_match"]["account"],
        serde_json::Value::Null,
        "a different company: {other}"
    );
    assert_eq!(other["account_match"]["strength"], "none");

    let waiting = manager
        .read(&format!(
            "/api/channel-data/rows?import={}&status=waiting",
            import["id"]
        ))
        .await;
    let rows = waiting["items"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{waiting}");
    assert_eq!(
        rows[0]["field"], "customer_name",
        "close to two accounts: {waiting}"
    );
}
