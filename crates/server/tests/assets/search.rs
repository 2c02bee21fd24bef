//! Search and facets: title matches first, facet counts that add up, and what is new since the
//! last visit.

use super::*;

#[tokio::test]
async fn search_ranks_title_matches_first_and_counts_facets() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let in_body = published(
        &manager,
        "Pricing notes",
        "how quillfeather changes renewals",
        json!({}),
    )
    .await;
    let in_title = published(
        &manager,
        "Quillfeather battlecard",
        "the competitor in depth",
        json!({}),
    )
    .await;
    let alice = app.sign_in(ALICE).await;

    let page = search(&alice, "q=quillfeather").await;
    assert_eq!(
        ids(&page),
        vec![in_title, in_body],
        "a title match ranks first"
    );
    assert_eq!(page["total"], 2);
    assert_eq!(
        page["facets"]["kind"],
        json!([{"value": "battlecard", "count": 2}])
    );
    assert_eq!(
        page["facets"]["industry"],
        json!([{"value": "Retail", "count": 2}])
    );

    // Prefixes match, case and accents do not matter, syntax is just text.
    assert_eq!(ids(&search(&alice, "q=QUILLFEA").await).len(), 2);
    assert_eq!(
        ids(&search(&alice, "q=%22quillfeather%22%20-*%20(").await).len(),
        2
    );
    assert_eq!(
        search(&alice, "q=quillfeather%20nonexistentword").await["total"],
        0
    );

    // Facet filters narrow the result, and the demo library has every kind.
    let library = search(&alice, "limit=5").await;
    assert!(
        library["total"].as_i64().unwrap() >= 25,
        "{}",
        library["total"]
    );
    assert_eq!(library["items"].as_array().unwrap().len(), 5);
    let kinds = library["facets"]["kind"].as_array().unwrap();
    assert!(kinds.len() >= 8, "{kinds:?}");
    let case_studies = search(&alice, "kind=case_study").await;
    assert!(
        case_studies["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["kind"] == "case_study")
    );
    let healthcare = search(&alice, "industry=Healthcare").await;
    assert!(healthcare["total"].as_i64().unwrap() >= 2);
    assert!(healthcare["items"].as_array().unwrap().iter().all(|i| {
        i["industries"]
            .as_array()
            .unwrap()
            .contains(&json!("Healthcare"))
    }));

    // Paging walks the whole list once.
    let mut seen = Vec::new();
    let mut cursor = String::new();
    loop {
        let page = search(&alice, &format!("limit=7&sort=newest&cursor={cursor}")).await;
        seen.extend(ids(&page));
        match page["next_cursor"].as_str() {
            Some(next) => cursor = next.to_owned(),
            None => break,
        }
    }
    assert_eq!(seen.len() as i64, library["total"].as_i64().unwrap());
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len());
    let response = alice.get("/api/assets?cursor=nope").send().await.unwrap();
    error(response, StatusCode::BAD_REQUEST).await;
}

#[tokio::test]
async fn what_was_published_since_the_last_visit_is_new() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    let old = search(&alice, "q=corporate%20overview").await;
    assert_eq!(
        old["items"][0]["is_new"], false,
        "published over 30 days ago"
    );
    app.clock.advance(2 * 3600);
    search(&alice, "").await;
    app.clock.advance(3600);
    let fresh = published(&manager, "Fresh snorkwidget", "snorkwidget", json!({})).await;
    app.clock.advance(2 * 3600);
    let page = search(&alice, "q=snorkwidget").await;
    assert_eq!(ids(&page), vec![fresh]);
    assert_eq!(page["items"][0]["is_new"], true);
}
