//! What sales reports feed: the program's numbers, beside the sourced deals won in the CRM (a
//! reported sale of a deal the CRM counts as won is counted once), and the tier rules on
//! reported revenue.

use super::*;
use portico_api::date::Date;
use portico_api::organizations::Motion;
use portico_api::pipeline::stages;

/// This quarter's partner revenue in SEK: (won in the CRM, reported).
async fn this_quarter(manager: &Session) -> (i64, i64) {
    let numbers = manager.read("/api/program/numbers?currency=SEK").await;
    assert!(
        numbers["currencies"]
            .as_array()
            .unwrap()
            .contains(&json!("SEK")),
        "a currency only reports use is offered: {numbers}"
    );
    let quarters = numbers["sourced_revenue_by_quarter"].as_array().unwrap();
    assert_eq!(quarters.len(), 8);
    let last = &quarters[7];
    (
        last["value"].as_i64().unwrap(),
        last["reported"].as_i64().unwrap(),
    )
}

/// Moves the deal, sourced by its partner, through its motion's stages to won.
async fn win(manager: &Session, id: i64, amount: i64) {
    let path = format!("/api/opportunities/{id}");
    let detail = manager.read(&path).await;
    let deal = &detail["opportunity"];
    let motion: Motion = serde_json::from_value(deal["motion"].clone()).unwrap();
    let slugs: Vec<&str> = stages(motion).iter().map(|s| s.slug).collect();
    let at = slugs.iter().position(|s| deal["stage"] == *s).unwrap();
    let setup = json!({ "partner_role": "sourced", "attribution_percent": 100, "amount": amount, "currency": "SEK" });
    for body in std::iter::once(setup).chain(
        slugs[at + 1..]
            .iter()
            .chain(["won"].iter())
            .map(|stage| json!({ "criteria_met": [0, 1], "stage": stage })),
    ) {
        let answer = manager.patch(&path).json(&body).send().await.unwrap();
        assert_eq!(answer.status(), StatusCode::OK, "{body}");
    }
}

#[tokio::test]
async fn reported_sales_join_the_program_numbers_and_a_won_deal_counts_once() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let source = distributor(&manager).await;
    let (_, company, domain) = registered(&app).await;
    let day = Date::from_unix(app.state().now());
    let today = format!("{:02}.{:02}.{}", day.day(), day.month(), day.year());
    let rows = [
        format!(
            "{today};S-1;{company};buyer@{domain};Acme Connect;1;1.000,00;SEK;Northwind Partners"
        ),
        format!("{today};S-2;Proseware;;Acme Connect;1;500,00;SEK;Northwind Partners"),
        // Sold by nobody in the program: not partner revenue.
        format!("{today};S-3;Proseware;;Acme Connect;1;300,00;SEK;"),
    ];
    let import = json(
        upload(&manager, source, "sek.csv", report(&rows)).await,
        StatusCode::CREATED,
    )
    .await;
    confirm(&manager, source, &import["suggestion"]).await;
    process(&app).await;
    assert_eq!(this_quarter(&manager).await, (0, 1_500));

    let listed = manager
        .read(&format!("/api/channel-data/transactions?source={source}"))
        .await;
    let linked = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["reference"] == "S-1")
        .unwrap();
    let deal = linked["opportunity_id"]
        .as_i64()
        .expect("linked to the deal");
    win(&manager, deal, 1_200).await;
    assert_eq!(
        this_quarter(&manager).await,
        (1_200, 500),
        "the won deal's own figure, and its reported sale left out"
    );
}

#[tokio::test]
async fn reported_revenue_reaches_a_tier() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let (org, _) = common::partners::new_partner(&app, "Reporting Co").await;
    let tier = |tier: &str, at_least: i64| {
        json!({ "tier": tier, "name": tier, "benefits": "", "protection_days": null,
                "rules": [{ "measure": "reported_revenue", "at_least": at_least }] })
    };
    let program = json!({
        "currency": "USD", "window_months": 12, "grace_days": 30, "promotion": "automatic",
        "tiers": [
            { "tier": "registered", "name": "registered", "benefits": "", "protection_days": null, "rules": [] },
            tier("silver", 1), tier("gold", 5_000), tier("platinum", 1_000_000),
        ],
        "exchange_rates": [{ "currency": "EUR", "from": "2000-01-01", "rate": "1.1" }],
    });
    let saved = manager
        .send(reqwest::Method::PUT, "/api/program/tiers")
        .json(&program)
        .send()
        .await
        .unwrap();
    json(saved, StatusCode::OK).await;
    let source = json(
        manager
            .post("/api/channel-data/sources")
            .json(&json!({ "name": "Reporting Co", "kind": "partner", "organization_id": org, "date_order": "day_first" }))
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let day = Date::from_unix(app.state().now() - 86_400);
    let date = format!("{:02}.{:02}.{}", day.day(), day.month(), day.year());
    // 4,600 EUR at 1.1: 5,060 USD, enough for gold; 4,500 EUR would not be.
    let rows = [
        format!("{date};R-1;Proseware;;Acme Connect;1;4.000,00;EUR;"),
        format!("{date};R-2;Litware;;Acme Connect;1;600,00;EUR;"),
    ];
    let import = json(
        upload(&manager, source, "reporting.csv", report(&rows)).await,
        StatusCode::CREATED,
    )
    .await;
    confirm(&manager, source, &import["suggestion"]).await;
    process(&app).await;

    let evaluation = json(
        manager
            .post("/api/program/tiers/evaluate")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let changes: Vec<&serde_json::Value> = evaluation["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["organization"]["id"] == org)
        .collect();
    assert_eq!(changes.len(), 1, "{evaluation}");
    assert_eq!(
        (&changes[0]["event"], &changes[0]["from"], &changes[0]["to"]),
        (&json!("promoted"), &json!("silver"), &json!("gold"))
    );
}
