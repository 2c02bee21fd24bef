//! A leak test over every endpoint a partner can reach: no answer holds a field outside the
//! partner's safe set.

use super::*;

/// Sentinels in every sensitive field, then every GET a partner can reach: none may show up.
#[tokio::test]
async fn no_partner_response_leaks_a_sensitive_field() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let bob = app.sign_in(BOB).await;
    let manager = app.sign_in(MANAGER).await;
    const AMOUNT: &str = "987654321";
    const DISCOUNT: &str = "SENTINEL-DISCOUNT-7f3a";
    const INTERNAL: &str = "SENTINEL-INTERNAL-9c2e";
    const LOSS: &str = "SENTINEL-LOSS-41d0";
    const OTHER_NOTE: &str = "SENTINEL-GLOBEX-NOTE-5b1e";
    let other_partner = bob.me.organization.as_ref().unwrap().name.clone();

    let own = every_row(&alice, "limit=100", async |_| {}).await;
    for id in ids(&own) {
        let sensitive = json!({ "amount": AMOUNT.parse::<i64>().unwrap(), "currency": "USD",
            "discount_band": DISCOUNT, "internal_notes": INTERNAL });
        json(patch(&manager, id, sensitive).await, StatusCode::OK).await;
    }
    let lost = own.iter().find(|r| r["stage"] == "lost").unwrap()["id"]
        .as_i64()
        .unwrap();
    json(
        patch(
            &manager,
            lost,
            json!({ "stage": "lost", "loss_reason": LOSS }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let globex_deal = ids(&every_row(&bob, "limit=1", async |_| {}).await)[0];
    json(
        bob.post(&format!("/api/opportunities/{globex_deal}/notes"))
            .json(&json!({ "body": OTHER_NOTE }))
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;

    // The other partner claims one of Alice's customers, so her deal has a conflict naming it.
    let first = register_deal(&app, &bob, "Sentinel Shared Customer", "reseller").await;
    let second = register_deal(&app, &alice, "Sentinel Shared Customer", "reseller").await;
    assert_eq!(second["conflict"], "review");
    for registration in [&first, &second] {
        approve(&manager, registration).await;
    }
    let conflicted = every_row(&manager, "conflict=true&limit=100", async |_| {}).await;
    assert!(
        conflicted
            .iter()
            .any(|r| r["opportunity"]["customer_name"] == "Sentinel Shared Customer")
    );
    let manager_view = manager
        .read(&format!("/api/registrations/{}", second["id"]))
        .await
        .to_string();
    assert!(
        manager_view.contains(&other_partner),
        "managers do see who else claimed it"
    );

    // Every GET route of the API, with Alice's ids in its path parameters.
    let registration_id = second["id"].as_i64().unwrap();
    let opportunity_id = ids(&every_row(&alice, "q=sentinel", async |_| {}).await)[0];
    let document = reqwest::get(app.url("/api/openapi.json"))
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    let mut reached = 0;
    for (path, item) in document["paths"].as_object().unwrap() {
        if item.get("get").is_none() {
            continue;
        }
        let id = if path.contains("opportunit") {
            opportunity_id
        } else {
            registration_id
        };
        let concrete = path.replace("{id}", &id.to_string());
        // Public link tokens are not Alice's data; the API's own description quotes examples.
        if concrete.contains('{') || concrete == "/api/openapi.json" {
            continue;
        }
        let mut queries = vec![String::new()];
        if concrete.starts_with("/api/pipeline") || concrete.starts_with("/api/registrations") {
            queries.extend(
                [
                    "?limit=100",
                    "?conflict=true&limit=100",
                    "?stale_days=1&limit=100",
                    "?q=sentinel",
                ]
                .map(String::from),
            );
        }
        for query in queries {
            let response = alice
                .get(&format!("{concrete}{query}"))
                .send()
                .await
                .unwrap();
            let status = response.status();
            let body = response.text().await.unwrap();
            for sentinel in [
                AMOUNT,
                DISCOUNT,
                INTERNAL,
                LOSS,
                OTHER_NOTE,
                other_partner.as_str(),
            ] {
                assert!(
                    !body.contains(sentinel),
                    "{concrete}{query} ({status}) shows {sentinel}: {body}"
                );
            }
            reached += usize::from(status.is_success());
        }
    }
    assert!(reached >= 10, "the partner reached {reached} endpoints");
    assert_totals_add_up(&app).await;
}
