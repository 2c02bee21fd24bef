//! Attribution: a won deal's credits default to its partner; managers share it between
//! partners with a reason, which earns anew; shares of one role never pass 100 %, in the
//! domain and in the database.

use super::*;

#[tokio::test]
async fn managers_share_a_won_deal_and_the_shares_never_pass_the_whole() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let (northwind, alice) = partner(&app, "Contoso Channel").await;
    let (globex, bob) = partner(&app, "Fabrikam Resale").await;
    json(save_plans(&manager, &plans()).await, StatusCode::OK).await;
    let id = deal_ready_to_win(&app, &manager, northwind, 10_000).await;
    move_to(&manager, id, "won").await;

    let path = format!("/api/opportunities/{id}/attribution");
    let credited = manager.read(&path).await;
    assert_eq!(credited["credits"].as_array().unwrap().len(), 1);
    assert_eq!(credited["credits"][0]["organization"]["id"], northwind);
    assert_eq!(credited["credits"][0]["share_bp"], 10_000);

    let put = |body: Value| manager.send(reqwest::Method::PUT, &path).json(&body).send();
    let shared = json!({ "rationale": "Globex ran the workshop.", "credits": [
        { "organization_id": northwind, "role": "influenced", "share_bp": 6000 },
        { "organization_id": globex, "role": "influenced", "share_bp": 4000 },
    ]});
    let after = json(put(shared).await.unwrap(), StatusCode::OK).await;
    assert_eq!(after["credits"].as_array().unwrap().len(), 2);
    assert_eq!(app.audit("attribution.changed").await.len(), 1);
    let hers = balance(&alice.read("/api/ledger").await, "EUR");
    let his = balance(&bob.read("/api/ledger").await, "EUR");
    assert_eq!(
        (hers["total"].as_i64(), his["total"].as_i64()),
        (Some(90_000), Some(60_000))
    );

    let over = json!({ "rationale": "Too much.", "credits": [
        { "organization_id": northwind, "role": "influenced", "share_bp": 6000 },
        { "organization_id": globex, "role": "influenced", "share_bp": 4001 },
    ]});
    let (_, body) = error(put(over).await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(body["error"]["fields"]["credits"].is_string());

    // The database holds the line too, whoever writes.
    let mut tx = app.state().db.begin_write().await.unwrap();
    let sneaked = sql::query(
        "INSERT INTO attributions (opportunity_id, organization_id, role, share_bp) \
         VALUES ($1, (SELECT MIN(id) FROM organizations WHERE id NOT IN ($2, $3)), \
         'influenced', 1)",
    )
    .bind(id)
    .bind(northwind)
    .bind(globex)
    .execute(&mut *tx)
    .await;
    assert!(
        sneaked.is_err(),
        "a 101st percent is refused by the database"
    );
    drop(tx);

    error(
        alice.get(&path).send().await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
    error(
        manager
            .get("/api/opportunities/999999/attribution")
            .send()
            .await
            .unwrap(),
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[tokio::test]
async fn a_deal_recorded_at_zero_percent_credits_nobody() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let (contoso, admin) = partner(&app, "Contoso Channel").await;
    json(save_plans(&manager, &plans()).await, StatusCode::OK).await;
    let id = deal_ready_to_win(&app, &manager, contoso, 10_000).await;
    let zero = manager
        .patch(&format!("/api/opportunities/{id}"))
        .json(&json!({ "attribution_percent": 0 }))
        .send()
        .await
        .unwrap();
    json(zero, StatusCode::OK).await;
    move_to(&manager, id, "won").await;
    let credited = manager
        .read(&format!("/api/opportunities/{id}/attribution"))
        .await;
    assert_eq!(credited["credits"], json!([]));
    assert!(balance(&admin.read("/api/ledger").await, "EUR").is_null());
}
