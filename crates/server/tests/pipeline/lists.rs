//! What a list shows: each partner only its own deals and only the safe fields, filters,
//! search and sorting, pages that stay stable while deals change, and the CSV export.

use super::*;

#[tokio::test]
async fn partners_see_only_their_own_deals_and_only_the_safe_fields() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let manager = app.sign_in(MANAGER).await;
    let northwind = organization_id(&alice);

    let own = every_row(&alice, "limit=100", async |_| {}).await;
    assert!(
        own.len() >= 35,
        "demo gives Northwind every motion and stage"
    );
    for row in &own {
        let mut keys: Vec<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, PARTNER_FIELDS);
    }
    let as_managed = every_row(
        &manager,
        &format!("limit=100&organization_id={northwind}"),
        async |_| {},
    )
    .await;
    assert_eq!(ids(&own), ids(&as_managed));
    assert!(
        as_managed
            .iter()
            .all(|r| r["organization"]["id"].as_i64() == Some(northwind))
    );

    // A partner asking for another organization still gets its own.
    let globex_row = &items(&manager.read("/api/pipeline?q=EMEA&limit=100").await)
        .iter()
        .find(|r| r["organization"]["name"] == "Globex Consulting")
        .cloned()
        .expect("a Globex deal");
    let globex = globex_row["organization"]["id"].as_i64().unwrap();
    let asked = every_row(
        &alice,
        &format!("limit=100&organization_id={globex}"),
        async |_| {},
    )
    .await;
    assert_eq!(ids(&asked), ids(&own));

    // Another organization's deal is not found, to read or to write on.
    let other = globex_row["opportunity"]["id"].as_i64().unwrap();
    error(
        alice
            .get(&format!("/api/opportunities/{other}"))
            .send()
            .await
            .unwrap(),
        StatusCode::NOT_FOUND,
    )
    .await;
    let note = alice
        .post(&format!("/api/opportunities/{other}/notes"))
        .json(&json!({ "body": "Hello" }))
        .send()
        .await
        .unwrap();
    error(note, StatusCode::NOT_FOUND).await;
    // And partners cannot edit at all.
    let own_id = ids(&own)[0];
    error(
        patch(&alice, own_id, json!({ "next_step": "x" })).await,
        StatusCode::FORBIDDEN,
    )
    .await;
}

#[tokio::test]
async fn filters_search_and_sorting_narrow_the_list() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;

    let tech = every_row(&alice, "motion=tech&limit=100", async |_| {}).await;
    assert_eq!(
        tech.len(),
        7,
        "one Northwind tech deal per stage and outcome"
    );
    assert!(tech.iter().all(|r| r["motion"] == "tech"));

    let won = every_row(&alice, "stage=won&limit=100", async |_| {}).await;
    assert_eq!(won.len(), 5, "one won deal per motion");
    let validation = every_row(&alice, "motion=tech&stage=validation", async |_| {}).await;
    assert_eq!(validation.len(), 1);
    assert_eq!(validation[0]["stage"], "validation");

    let found = every_row(&alice, "q=%20coNTOso%20", async |_| {}).await;
    assert!(!found.is_empty());
    assert!(
        found
            .iter()
            .all(|r| r["customer_name"].as_str().unwrap().contains("Contoso"))
    );
    let wildcard = every_row(&alice, "q=%25", async |_| {}).await;
    assert!(wildcard.is_empty(), "a % in the search is a literal");

    let none = every_row(&alice, "protection=none&limit=100", async |_| {}).await;
    assert!(none.iter().all(|r| r["protection_status"] == "none"));

    let by_name = every_row(&alice, "sort=customer&limit=100", async |_| {}).await;
    let names: Vec<String> = by_name
        .iter()
        .map(|r| r["customer_name"].as_str().unwrap().to_lowercase())
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
    let by_due = every_row(&alice, "sort=next_step_due&limit=7", async |_| {}).await;
    let dues: Vec<&str> = by_due
        .iter()
        .map(|r| r["next_step_due"].as_str().unwrap_or("9999-12-31"))
        .collect();
    assert!(dues.windows(2).all(|w| w[0] <= w[1]), "{dues:?}");

    let (code, _) = error(
        alice
            .get("/api/pipeline?stage=nowhere")
            .send()
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(code, "bad_request");
    let wrong_motion = alice
        .get("/api/pipeline?motion=tech&stage=intro_logged")
        .send()
        .await
        .unwrap();
    error(wrong_motion, StatusCode::BAD_REQUEST).await;
    error(
        alice.get("/api/pipeline?cursor=junk").send().await.unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
}

#[tokio::test]
async fn pages_stay_stable_while_deals_change() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let manager = app.sign_in(MANAGER).await;
    let before = ids(&every_row(&alice, "sort=customer&limit=100", async |_| {}).await);

    // While the partner pages by customer name, a deal changes and a new one arrives.
    let northwind = organization_id(&alice);
    let edited = before[before.len() - 3];
    let mut added = 0;
    let seen = every_row(&alice, "sort=customer&limit=6", async |page| {
        if page == 1 {
            app.clock.advance(60);
            let response = patch(&manager, edited, json!({ "next_step": "Renewal call" })).await;
            assert_eq!(response.status(), StatusCode::OK);
            added = add_deal(&manager, northwind, "Aardvark Analytics").await["opportunity"]["id"]
                .as_i64()
                .unwrap();
        }
    })
    .await;
    let seen = ids(&seen);
    let unique: HashSet<i64> = seen.iter().copied().collect();
    assert_eq!(unique.len(), seen.len(), "no row twice");
    assert_eq!(
        seen.iter()
            .filter(|id| **id != added)
            .copied()
            .collect::<Vec<_>>(),
        before
    );

    // Newest-first paging never repeats a row that moves to the top meanwhile.
    let moved = *before.last().unwrap();
    let newest = ids(&every_row(&alice, "limit=5", async |page| {
        if page == 0 {
            app.clock.advance(60);
            json(
                patch(&manager, moved, json!({ "owner_name": "Robin New" })).await,
                StatusCode::OK,
            )
            .await;
        }
    })
    .await);
    let unique: HashSet<i64> = newest.iter().copied().collect();
    assert_eq!(unique.len(), newest.len(), "no row twice");
    let mut all: HashSet<i64> = before.iter().copied().collect();
    all.insert(added);
    let mut seen_or_moved = unique;
    seen_or_moved.insert(moved);
    assert_eq!(seen_or_moved, all, "every other row once");
}

#[tokio::test]
async fn csv_export_has_exactly_the_visible_safe_columns() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let manager = app.sign_in(MANAGER).await;
    add_deal(
        &manager,
        organization_id(&alice),
        "=HYPERLINK(\"http://evil\")",
    )
    .await;

    let response = alice
        .get("/api/pipeline.csv?motion=referral")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let text = response.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "id",
            "customer_name",
            "motion",
            "stage",
            "stage_entered_at",
            "owner_name",
            "next_step",
            "next_step_due",
            "registration_status",
            "protection_status",
            "protection_ends",
            "updated_at"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let listed = every_row(&alice, "motion=referral&limit=100", async |_| {}).await;
    assert_eq!(records.len(), listed.len());
    assert!(records.iter().all(|r| &r[2] == "referral"));
    let formula = records
        .iter()
        .find(|r| r[1].contains("HYPERLINK"))
        .expect("the added deal");
    assert!(
        formula[1].starts_with("'="),
        "a formula is kept as text: {}",
        &formula[1]
    );

    // Managers' export adds their columns.
    let text = manager
        .get("/api/pipeline.csv?motion=tech")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let header = text.lines().next().unwrap();
    assert!(
        header.contains("internal_notes") && header.contains("amount"),
        "{header}"
    );
}
