//! Editing and use: sanitized Markdown, edits that keep the file and are audited, and views and
//! downloads kept as events and reported.

use super::*;

#[tokio::test]
async fn markdown_bodies_are_rendered_without_anything_that_runs() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let body = "# Plan\n\n<script>alert('x')</script>\n\n[click](javascript:alert(1)) \
                <img src=x onerror=alert(2)> <b onclick=\"alert(3)\">bold</b>\n\n[site](https://example.com)";
    let id = published(&manager, "Markdown", body, json!({})).await;
    let alice = app.sign_in(ALICE).await;
    let view = json(
        alice
            .get(&format!("/api/assets/{id}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let html = view["body_html"].as_str().unwrap();
    assert!(html.contains("<h1>Plan</h1>"), "{html}");
    assert!(html.contains("href=\"https://example.com\""), "{html}");
    for forbidden in ["<script", "javascript:", "onerror", "onclick", "<img"] {
        assert!(!html.contains(forbidden), "{forbidden} in {html}");
    }
    assert!(
        view.get("body").is_none(),
        "partners get no Markdown source or audience"
    );
    assert!(view.get("audience").is_none());
}

#[tokio::test]
async fn edits_keep_the_file_and_every_change_is_audited() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let id = published(&manager, "Audited", "audited", json!({})).await;
    let mut changed = metadata(
        "Audited, renamed",
        "new body",
        json!({"tiers": ["platinum"]}),
    );
    let edited = json(
        manager
            .patch(&format!("/api/assets/{id}"))
            .json(&changed)
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(edited["asset"]["title"], "Audited, renamed");
    assert_eq!(edited["audience"]["tiers"], json!(["platinum"]));
    assert!(edited["asset"]["file"].is_object());
    changed["link"] = json!("https://example.com/x");
    let response = manager
        .patch(&format!("/api/assets/{id}"))
        .json(&changed)
        .send()
        .await
        .unwrap();
    error(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    // Publishing twice is harmless and records nothing the second time.
    json(
        manager
            .post(&format!("/api/assets/{id}/publish"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    json(
        manager
            .post(&format!("/api/assets/{id}/archive"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_facet_totals_add_up(&app).await;
    for action in [
        "asset.created",
        "asset.published",
        "asset.edited",
        "asset.archived",
    ] {
        let trail = app.audit(action).await;
        assert_eq!(
            trail,
            vec![(Some(manager.me.user.id), Some(id))],
            "{action}"
        );
    }
    let alice = app.sign_in(ALICE).await;
    let response = alice
        .patch(&format!("/api/assets/{id}"))
        .json(&changed)
        .send()
        .await
        .unwrap();
    error(response, StatusCode::FORBIDDEN).await;
}

#[tokio::test]
async fn views_and_downloads_are_kept_as_events_and_reported() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let id = published(&manager, "Used", "used", json!({})).await;
    let alice = app.sign_in(ALICE).await;
    let bob = app.sign_in(BOB).await;
    alice
        .get(&format!("/api/assets/{id}"))
        .send()
        .await
        .unwrap();
    alice
        .get(&format!("/api/assets/{id}/download"))
        .send()
        .await
        .unwrap();
    // A player's later ranges are the same download.
    alice
        .get(&format!("/api/assets/{id}/download"))
        .header("range", "bytes=100-")
        .send()
        .await
        .unwrap();
    bob.get(&format!("/api/assets/{id}")).send().await.unwrap();
    let events: i64 = sql::query_scalar("SELECT COUNT(*) FROM asset_events WHERE asset_id = $1")
        .bind(id)
        .fetch_one(app.state().db.pool())
        .await
        .unwrap();
    assert_eq!(events, 3);

    let usage = json(
        manager
            .get(&format!("/api/assets/{id}/usage"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(usage["usage"]["views"], 2);
    assert_eq!(usage["usage"]["downloads"], 1);
    assert_eq!(usage["usage"]["organizations"], 2);
    assert_eq!(
        usage["by_organization"][0]["organization"]["name"],
        "Northwind Partners"
    );
    let weekly = usage["weekly"].as_array().unwrap();
    assert_eq!(weekly.last().unwrap()["views"], 2);

    let library = json(
        manager
            .get("/api/content/usage?days=30")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert!(
        library["top"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["asset_id"] == id)
    );
    let unused = library["unused"].as_array().unwrap();
    assert!(!unused.is_empty() && unused.iter().all(|u| u["asset_id"] != id));

    let northwind = alice.me.organization.as_ref().unwrap().id;
    let partner = json(
        manager
            .get(&format!("/api/organizations/{northwind}/content-usage"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(partner["assets"][0]["asset_id"], id);
    assert_eq!(partner["assets"][0]["downloads"], 1);
    let response = alice.get("/api/content/usage").send().await.unwrap();
    error(response, StatusCode::FORBIDDEN).await;
    assert_eq!(
        status(&manager, "/api/organizations/999999/content-usage").await,
        StatusCode::NOT_FOUND
    );
}
