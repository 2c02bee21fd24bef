//! Partner admins reach only their own organization's reports, rows, uploads and credited
//! sales, without the vendor's account book; partner users reach none.

use super::*;

#[tokio::test]
async fn partners_reach_only_their_own_reports() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    let (_, other) = common::partners::new_partner(&app, "Fabrikam Resale").await;
    let bob = app.sign_in(&other).await;
    let source = distributor(&manager).await;
    let own = json(
        alice.post("/api/channel-data/sources").json(&json!({ "name": "Northwind", "kind": "partner", "date_order": "day_first", "currency": "EUR" })).send().await.unwrap(),
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(own["organization"]["name"], "Northwind Partners");
    let listed = alice.read("/api/channel-data/sources").await;
    assert_eq!(
        listed["sources"].as_array().unwrap().len(),
        1,
        "not the distributor: {listed}"
    );
    let imported = json(
        upload(
            &manager,
            source,
            "d.csv",
            report(&["01/12/2026;X;Contoso;;Acme Connect;1;5;EUR;Northwind Partners".to_owned()]),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    // Alice's own row waits on a product nobody knows: she may not teach what it means for
    // every source.
    let own_id = own["id"].as_i64().unwrap();
    let mine = json(
        upload(
            &alice,
            own_id,
            "own.csv",
            report(&["01/12/2026;N-1;Contoso;;Mystery;1;5;EUR;".to_owned()]),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    confirm(&alice, own_id, &mine["suggestion"]).await;
    confirm(&manager, source, &imported["suggestion"]).await;
    process(&app).await;
    let waiting = alice
        .read(&format!(
            "/api/channel-data/rows?import={}&status=waiting",
            mine["id"]
        ))
        .await;
    let row = waiting["items"][0]["id"].as_i64().unwrap();
    let (_, taught) = error(
        alice
            .post(&format!("/api/channel-data/rows/{row}/resolve"))
            .json(&json!({ "product_id": 1 }))
            .send()
            .await
            .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        taught["error"]["fields"]["product_id"].is_string(),
        "{taught}"
    );
    // The distributor's sale credited to Northwind: hers to read, without the account book.
    let credited = alice.read("/api/channel-data/transactions").await;
    let sale = credited["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["reference"] == "X")
        .unwrap_or_else(|| panic!("{credited}"));
    assert_eq!(sale["account_match"], serde_json::Value::Null, "{sale}");
    let csv = alice
        .get("/api/channel-data/transactions.csv")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        csv.starts_with("id,date,reference,partner,customer,domain,country,product,"),
        "{csv}"
    );
    let listed = alice.read("/api/channel-data/imports").await;
    let ids: Vec<_> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].clone())
        .collect();
    assert_eq!(ids, [mine["id"].clone()], "only her own upload: {listed}");
    let newest = manager.read("/api/channel-data/imports?limit=1").await;
    assert_eq!(newest["items"][0]["id"], mine["id"]);
    assert_eq!(newest["items"][0]["counts"]["waiting"], 1);
    let cursor = newest["next_cursor"].as_str().unwrap();
    let older = manager
        .read(&format!(
            "/api/channel-data/imports?limit=1&cursor={cursor}"
        ))
        .await;
    assert_eq!(older["items"][0]["id"], imported["id"]);
    assert_eq!(older["items"][0]["source_name"], "Ingram Europe");
    let theirs = bob.read("/api/channel-data/imports").await;
    assert_eq!(theirs["items"], json!([]), "{theirs}");
    let path = format!("/api/channel-data/imports/{}", imported["id"]);
    error(
        alice.get(&path).send().await.unwrap(),
        StatusCode::NOT_FOUND,
    )
    .await;
    error(
        upload(&bob, own["id"].as_i64().unwrap(), "x.csv", report(&[])).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    error(
        bob.get(&format!("/api/channel-data/rows?import={}", imported["id"]))
            .send()
            .await
            .unwrap(),
        StatusCode::NOT_FOUND,
    )
    .await;
    let nate = app.sign_in("nate@northwind.example").await;
    error(
        nate.get("/api/channel-data/sources").send().await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
    error(
        alice.get("/api/products/1/aliases").send().await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
}
