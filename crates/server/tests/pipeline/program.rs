//! What managers review: the stale and overdue lists and the program's numbers, whose totals
//! add up.

use super::*;

#[tokio::test]
async fn managers_get_the_review_lists_and_the_program_numbers() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let manager = app.sign_in(MANAGER).await;
    error(
        alice.get("/api/pipeline/review").send().await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
    error(
        alice.get("/api/program/numbers").send().await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;

    let review = manager.read("/api/pipeline/review?stale_days=20").await;
    assert_eq!(review["stale_days"], 20);
    let stale_total = review["stale"]["total"].as_i64().unwrap();
    assert!(stale_total > 0, "the demo has idle deals");
    assert_eq!(
        stale_total as usize,
        every_row(&manager, "stale_days=20&limit=100", async |_| {})
            .await
            .len()
    );
    for list in ["expiring", "stale", "late_approvals", "duplicates"] {
        assert!(review[list]["items"].as_array().unwrap().len() <= 20);
    }

    // A sourced deal won in a currency of its own shows in this quarter's revenue.
    let created = add_deal(&manager, organization_id(&alice), "Quarterly Quokka").await;
    let id = created["opportunity"]["id"].as_i64().unwrap();
    let setup = json!({ "partner_role": "sourced", "attribution_percent": 100, "amount": 77000, "currency": "CHF" });
    json(patch(&manager, id, setup).await, StatusCode::OK).await;
    for stage in 0..5 {
        let slug = [
            "validate",
            "prove_value",
            "commercials",
            "closed_and_credit",
            "won",
        ][stage];
        let moved = patch(
            &manager,
            id,
            json!({ "criteria_met": [0, 1], "stage": slug }),
        )
        .await;
        assert_eq!(moved.status(), StatusCode::OK, "to {slug}");
    }
    let numbers = manager.read("/api/program/numbers?currency=CHF").await;
    assert_eq!(numbers["currency"], "CHF");
    assert!(
        numbers["currencies"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "CHF")
    );
    let quarters = numbers["sourced_revenue_by_quarter"].as_array().unwrap();
    assert_eq!(quarters.len(), 8);
    assert_eq!(quarters[7]["value"], 77000);
    assert!(quarters[..7].iter().all(|q| q["value"] == 0));
    let referral = &numbers["outcomes_by_motion"][0];
    assert_eq!(referral["motion"], "referral");
    assert!(referral["won"].as_i64().unwrap() >= 1);
    assert!(referral["win_rate_percent"].is_i64());

    let default = manager.read("/api/program/numbers").await;
    assert_eq!(default["currency"], "USD", "the most used currency");
    let open_deals = every_row(&manager, "limit=100", async |_| {}).await;
    let open_counted: i64 = default["pipeline_by_motion"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["sourced_count"].as_i64().unwrap() + m["influenced_count"].as_i64().unwrap())
        .sum();
    let open_listed = open_deals
        .iter()
        .filter(|r| !matches!(r["opportunity"]["stage"].as_str(), Some("won" | "lost")))
        .filter(|r| r["partner_role"].is_string())
        .count();
    assert_eq!(open_counted as usize, open_listed);
    assert!(!default["new_partners"].as_array().unwrap().is_empty());
    error(
        manager
            .get("/api/program/numbers?currency=XYZ")
            .send()
            .await
            .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_totals_add_up(&app).await;
}
