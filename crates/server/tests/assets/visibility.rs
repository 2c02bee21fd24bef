//! Who sees which asset: tier, motion and certification audiences.

use super::*;

#[tokio::test]
async fn partners_see_only_assets_meant_for_their_tier_motion_and_certification() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let everyone = published(&manager, "Everyone zorblax", "zorblax for all", json!({})).await;
    let gold = published(
        &manager,
        "Gold zorblax",
        "zorblax gold",
        json!({"tiers": ["gold", "platinum"]}),
    )
    .await;
    let services = published(
        &manager,
        "Services zorblax",
        "zorblax services",
        json!({"motions": ["services"]}),
    )
    .await;
    let certified = published(
        &manager,
        "Architects zorblax",
        "zorblax certified",
        json!({"certification": "solutions_architect"}),
    )
    .await;
    let draft = json(
        upload(
            &manager,
            &metadata("Draft zorblax", "zorblax draft", json!({})),
            Some(("d.pdf", files::pdf("d", &["x"]))),
        )
        .await,
        StatusCode::CREATED,
    )
    .await["asset"]["id"]
        .as_i64()
        .unwrap();

    // Alice: Northwind, reseller, gold. Bob: Globex, services, platinum, certified architects
    // in the demo. Tyrell: reseller, registered.
    let alice = app.sign_in(ALICE).await;
    let bob = app.sign_in(BOB).await;
    let tyrell = app.sign_in(TYRELL).await;
    let mut seen = ids(&search(&alice, "q=zorblax").await);
    seen.sort();
    assert_eq!(seen, vec![everyone, gold]);
    let mut seen = ids(&search(&bob, "q=zorblax").await);
    seen.sort();
    assert_eq!(seen, vec![everyone, gold, services, certified]);
    assert_eq!(ids(&search(&tyrell, "q=zorblax").await), vec![everyone]);
    let mut all = ids(&search(&manager, "q=zorblax").await);
    all.sort();
    assert_eq!(all, vec![everyone, gold, services, certified, draft]);

    for hidden in [gold, services, certified, draft] {
        for path in [
            format!("/api/assets/{hidden}"),
            format!("/api/assets/{hidden}/download"),
        ] {
            assert_eq!(
                status(&tyrell, &path).await,
                StatusCode::NOT_FOUND,
                "{path}"
            );
        }
    }
    assert_eq!(
        status(&alice, &format!("/api/assets/{everyone}")).await,
        StatusCode::OK
    );

    // Archiving takes it away from partners, in lists and by id.
    let path = format!("/api/assets/{gold}/archive");
    let archived = json(manager.post(&path).send().await.unwrap(), StatusCode::OK).await;
    assert_eq!(archived["asset"]["state"], "archived");
    assert_eq!(ids(&search(&alice, "q=zorblax").await), vec![everyone]);
    assert_eq!(
        status(&alice, &format!("/api/assets/{gold}")).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        ids(&search(&manager, "q=zorblax&state=archived").await),
        vec![gold]
    );
    assert_facet_totals_add_up(&app).await;

    // Partners cannot publish, edit or upload.
    let response = alice
        .post(&format!("/api/assets/{everyone}/archive"))
        .send()
        .await
        .unwrap();
    error(response, StatusCode::FORBIDDEN).await;
    let response = upload(
        &alice,
        &metadata("Mine", "x", json!({})),
        Some(("a.pdf", files::pdf("a", &["a"]))),
    )
    .await;
    error(response, StatusCode::FORBIDDEN).await;
}

#[tokio::test]
async fn a_current_certification_of_one_of_its_people_opens_certified_content() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let id = published(
        &manager,
        "Certified only",
        "quorbitine",
        json!({"certification": "implementation_specialist"}),
    )
    .await;
    let alice = app.sign_in(ALICE).await;
    assert_eq!(search(&alice, "q=quorbitine").await["total"], 0);
    let specialist = crate::certifications::definition(&manager, "implementation_specialist").await;
    let today = crate::certifications::today(&app);
    let long_ago = today.months_before(25).to_string();
    crate::certifications::record(&manager, alice.me.user.id, specialist, &long_ago).await;
    assert_eq!(
        search(&alice, "q=quorbitine").await["total"],
        0,
        "an expired certification opens nothing"
    );
    crate::certifications::record(&manager, alice.me.user.id, specialist, &today.to_string()).await;
    assert_eq!(ids(&search(&alice, "q=quorbitine").await), vec![id]);
}
