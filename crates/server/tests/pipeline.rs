//! The shared pipeline: scoping and the safe view, filters, stable pages, the CSV export, stage
//! moves with exit criteria, shared notes, the review lists and the program numbers, and a leak
//! test over every endpoint a partner can reach.

use crate::common;

use std::collections::HashSet;

use common::*;
use portico_server::store::sql;
use reqwest::StatusCode;
use serde_json::{Value, json};

const PARTNER_FIELDS: [&str; 12] = [
    "customer_name",
    "id",
    "motion",
    "next_step",
    "next_step_due",
    "owner_name",
    "protection_ends",
    "protection_status",
    "registration_status",
    "stage",
    "stage_entered_at",
    "updated_at",
];

async fn get(session: &Session, path: &str) -> Value {
    json(session.get(path).send().await.unwrap(), StatusCode::OK).await
}

fn items(page: &Value) -> &Vec<Value> {
    page["items"].as_array().expect("items")
}

/// Every row of a filtered list, following the cursor; `between` runs after each page.
async fn every_row<F>(session: &Session, query: &str, mut between: F) -> Vec<Value>
where
    F: AsyncFnMut(usize),
{
    let mut rows = Vec::new();
    let mut cursor: Option<String> = None;
    for page_number in 0.. {
        let path = match &cursor {
            Some(c) => format!("/api/pipeline?{query}&cursor={c}"),
            None => format!("/api/pipeline?{query}"),
        };
        let page = get(session, &path).await;
        rows.extend(items(&page).iter().cloned());
        between(page_number).await;
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    rows
}

fn ids(rows: &[Value]) -> Vec<i64> {
    rows.iter()
        .map(|r| {
            r.get("opportunity")
                .unwrap_or(r)
                .get("id")
                .and_then(Value::as_i64)
                .expect("id")
        })
        .collect()
}

fn organization_id(session: &Session) -> i64 {
    session.me.organization.as_ref().expect("a partner").id
}

/// A deal a manager adds for a partner, in the referral motion without attribution.
async fn add_deal(manager: &Session, organization_id: i64, customer: &str) -> Value {
    let response = manager
        .post("/api/opportunities")
        .json(&json!({
            "organization_id": organization_id,
            "customer_name": customer,
            "motion": "referral",
            "partner_role": "influenced",
        }))
        .send()
        .await
        .unwrap();
    json(response, StatusCode::CREATED).await
}

async fn patch(manager: &Session, id: i64, body: Value) -> reqwest::Response {
    manager
        .patch(&format!("/api/opportunities/{id}"))
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// The running totals the numbers read equal a count of every deal.
async fn assert_totals_add_up(app: &TestApp) {
    type Total = (String, String, String, String, i64, i64, i64);
    let pool = app.state().db.pool();
    let kept: Vec<Total> = sql::query_as(
        "SELECT motion, partner_role, stage, currency, deals, value, cycle_seconds \
         FROM pipeline_totals WHERE deals <> 0 ORDER BY 1, 2, 3, 4",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let counted: Vec<Total> = sql::query_as(
        "SELECT motion, COALESCE(partner_role, ''), stage, COALESCE(currency, ''), COUNT(*), \
         CAST(COALESCE(SUM(amount), 0) AS BIGINT), \
         CAST(COALESCE(SUM(closed_at - created_at), 0) AS BIGINT) FROM opportunities \
         GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(kept, counted);
}

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
    let globex_row = &items(&get(&manager, "/api/pipeline?q=EMEA&limit=100").await)
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

#[tokio::test]
async fn moving_a_stage_needs_attribution_and_the_exit_criteria() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let manager = app.sign_in(MANAGER).await;
    let created = add_deal(&manager, organization_id(&alice), "Proseware Labs").await;
    let id = created["opportunity"]["id"].as_i64().unwrap();
    assert_eq!(created["opportunity"]["stage"], "intro_logged");
    assert_eq!(
        created["exit_criteria"][0]["label"],
        "Customer contact confirmed"
    );

    let blocked = patch(&manager, id, json!({ "stage": "validate" })).await;
    let (_, body) = error(blocked, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(
        body["error"]["fields"]["stage"]
            .as_str()
            .unwrap()
            .contains("attribution percent"),
        "{body}"
    );

    let blocked = patch(
        &manager,
        id,
        json!({ "stage": "validate", "attribution_percent": 30, "criteria_met": [1] }),
    )
    .await;
    let (_, body) = error(blocked, StatusCode::UNPROCESSABLE_ENTITY).await;
    let message = body["error"]["fields"]["stage"].as_str().unwrap();
    assert!(
        message.contains("“Customer contact confirmed”"),
        "{message}"
    );
    assert!(!message.contains("Introduction made"), "{message}");
    // A refused request changes nothing.
    let unchanged = get(&manager, &format!("/api/opportunities/{id}")).await;
    assert_eq!(unchanged["attribution_percent"], Value::Null);

    let skipped = patch(
        &manager,
        id,
        json!({ "stage": "prove_value", "attribution_percent": 30, "criteria_met": [0, 1] }),
    )
    .await;
    error(skipped, StatusCode::UNPROCESSABLE_ENTITY).await;

    app.clock.advance(3_600);
    let moved = patch(
        &manager,
        id,
        json!({
            "stage": "validate",
            "attribution_percent": 30,
            "criteria_met": [0, 1],
            "next_step": "Budget call with the CFO",
            "next_step_due": "2030-01-15",
            "amount": 42000,
            "currency": "EUR",
            "internal_notes": "Keep the discount under 10%.",
        }),
    )
    .await;
    let moved = json(moved, StatusCode::OK).await;
    assert_eq!(moved["opportunity"]["stage"], "validate");
    assert_eq!(
        moved["exit_criteria"][0]["met"], false,
        "the new stage starts unconfirmed"
    );
    assert_ne!(
        moved["opportunity"]["stage_entered_at"],
        created["opportunity"]["stage_entered_at"]
    );
    assert_eq!(app.audit("opportunity.stage_moved").await.len(), 1);

    let seen = get(&alice, &format!("/api/opportunities/{id}")).await;
    assert_eq!(seen["stage"], "validate");
    assert_eq!(seen["next_step"], "Budget call with the CFO");
    assert_eq!(seen["next_step_due"], "2030-01-15");
    assert!(seen.get("amount").is_none() && seen.get("internal_notes").is_none());

    // Only internal edits leave the partner's "last updated" alone.
    app.clock.advance(3_600);
    json(
        patch(&manager, id, json!({ "internal_notes": "Changed." })).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        get(&alice, &format!("/api/opportunities/{id}")).await["updated_at"],
        seen["updated_at"]
    );

    let lost = patch(&manager, id, json!({ "stage": "lost" })).await;
    let (_, body) = error(lost, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(body["error"]["fields"]["loss_reason"].is_string());
    let lost = patch(
        &manager,
        id,
        json!({ "stage": "lost", "loss_reason": "No budget." }),
    )
    .await;
    assert_eq!(
        json(lost, StatusCode::OK).await["opportunity"]["stage"],
        "lost"
    );
    let won = patch(&manager, id, json!({ "stage": "won" })).await;
    error(won, StatusCode::UNPROCESSABLE_ENTITY).await;
    let reopened = patch(&manager, id, json!({ "stage": "commercials" })).await;
    let reopened = json(reopened, StatusCode::OK).await;
    assert_eq!(reopened["loss_reason"], Value::Null);

    let bad = patch(
        &manager,
        id,
        json!({ "amount": -5, "next_step_due": "soon", "attribution_percent": 120 }),
    )
    .await;
    let (_, body) = error(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
    for field in ["amount", "next_step_due", "attribution_percent"] {
        assert!(
            body["error"]["fields"][field].is_string(),
            "{field}: {body}"
        );
    }
    error(
        patch(&manager, 999_999, json!({})).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_totals_add_up(&app).await;
}

#[tokio::test]
async fn an_approved_deal_registration_enters_the_pipeline() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let manager = app.sign_in(MANAGER).await;
    let registration = register_deal(&app, &alice, "Zephyr Robotics", "marketplace").await;
    assert!(
        every_row(&alice, "q=zephyr", async |_| {}).await.is_empty(),
        "not before approval"
    );
    approve(&manager, &registration).await;

    let rows = every_row(&alice, "q=zephyr", async |_| {}).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["stage"], "listing_ready");
    assert_eq!(rows[0]["registration_status"], "approved");
    assert_eq!(rows[0]["protection_status"], "active");
    let managed = every_row(&manager, "q=zephyr", async |_| {}).await;
    assert_eq!(managed[0]["amount"], 90000);
    assert_eq!(managed[0]["partner_role"], "sourced");

    // Near its end the window shows as expiring, then expired.
    let ends = managed[0]["opportunity"]["protection_ends"]
        .as_str()
        .unwrap()
        .to_owned();
    let ends = time::OffsetDateTime::parse(&ends, &time::format_description::well_known::Rfc3339)
        .unwrap()
        .unix_timestamp();
    app.clock.advance(ends - app.state().now() - 3 * 86_400);
    let alice = app.sign_in(ALICE).await;
    assert!(
        every_row(&alice, "q=zephyr&protection=active", async |_| {})
            .await
            .is_empty()
    );
    assert_eq!(
        every_row(&alice, "q=zephyr&protection=expiring", async |_| {})
            .await
            .len(),
        1
    );
    app.clock.advance(4 * 86_400);
    let alice = app.sign_in(ALICE).await;
    assert_eq!(
        every_row(&alice, "q=zephyr&protection=expired", async |_| {})
            .await
            .len(),
        1
    );
}

#[tokio::test]
async fn a_withdrawn_registration_leaves_its_deal_unprotected() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let manager = app.sign_in(MANAGER).await;
    let registration = register_deal(&app, &alice, "Yarrow Mills", "services").await;
    approve(&manager, &registration).await;
    let id = registration["id"].as_i64().unwrap();
    let withdrawn = alice
        .post(&format!("/api/registrations/{id}/withdraw"))
        .send()
        .await
        .unwrap();
    json(withdrawn, StatusCode::OK).await;

    let rows = every_row(&alice, "q=yarrow", async |_| {}).await;
    assert_eq!(rows[0]["registration_status"], "withdrawn");
    assert_eq!(rows[0]["protection_status"], "expired");
    assert_eq!(
        every_row(&alice, "q=yarrow&protection=expired", async |_| {})
            .await
            .len(),
        1
    );
    assert!(
        every_row(&alice, "q=yarrow&protection=none", async |_| {})
            .await
            .is_empty()
    );
    let unregistered = every_row(&alice, "protection=none&limit=100", async |_| {}).await;
    assert!(
        unregistered
            .iter()
            .all(|r| r["registration_status"].is_null())
    );
}

#[tokio::test]
async fn shared_notes_reach_both_sides() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let manager = app.sign_in(MANAGER).await;
    let id = ids(&every_row(&alice, "motion=reseller&limit=1", async |_| {}).await)[0];
    let path = format!("/api/opportunities/{id}/notes");

    let empty = alice
        .post(&path)
        .json(&json!({ "body": "  " }))
        .send()
        .await
        .unwrap();
    let (_, body) = error(empty, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(body["error"]["fields"]["body"].is_string());
    let note = json(
        alice
            .post(&path)
            .json(&json!({ "body": "<b>Demo</b> went well" }))
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(note["side"], "partner");
    json(
        manager
            .post(&path)
            .json(&json!({ "body": "Thanks, quote follows." }))
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;

    for session in [&alice, &manager] {
        let detail = get(session, &format!("/api/opportunities/{id}")).await;
        let notes = detail["notes"].as_array().unwrap();
        assert_eq!(notes.len(), 2);
        assert_eq!(
            notes[0]["body"], "<b>Demo</b> went well",
            "stored as written, escaped on output"
        );
        assert_eq!(notes[1]["side"], "vendor");
    }
    assert_eq!(app.audit("opportunity.note_added").await.len(), 2);
}

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

    let review = get(&manager, "/api/pipeline/review?stale_days=20").await;
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
    let numbers = get(&manager, "/api/program/numbers?currency=CHF").await;
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

    let default = get(&manager, "/api/program/numbers").await;
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
    let manager_view = get(&manager, &format!("/api/registrations/{}", second["id"]))
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
