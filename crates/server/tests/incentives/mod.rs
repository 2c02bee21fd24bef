//! Incentives over HTTP: versioned commission plans, a won deal's earnings in the ledger (a
//! recurring share accruing month by month with the clock moved), approvals, reversal when the
//! deal reopens, attribution changes, adjustments, and who sees which ledger.

use crate::common;

mod attribution;
mod balances;
mod disputes;
mod payee;
mod payouts;

use common::partners::new_partner;
use common::*;
use portico_api::organizations::Motion;
use portico_server::store::sql;
use reqwest::StatusCode;
use serde_json::{Value, json};

const DAY: i64 = 86_400;

/// A referral plan: 5 % of an influenced deal's monthly value for three months.
fn plans() -> Value {
    json!({ "plans": [{
        "name": "Referral share", "motions": ["referral"],
        "structure": { "kind": "revenue_share", "sourced_bp": 1000, "influenced_bp": 500,
                       "recurring_months": 3 },
    }]})
}

/// A new partner organization (the demo's have ledgers of their own) and its admin, signed in.
async fn partner(app: &TestApp, name: &str) -> (i64, Session) {
    let (id, email) = new_partner(app, name).await;
    (id, app.sign_in(&email).await)
}

async fn save_plans(manager: &Session, body: &Value) -> reqwest::Response {
    manager
        .send(reqwest::Method::PUT, "/api/incentives/plans")
        .json(body)
        .send()
        .await
        .unwrap()
}

/// A referral deal for the organization, worth `amount` EUR, ready to win. Its id.
async fn deal_ready_to_win(
    app: &TestApp,
    manager: &Session,
    organization: i64,
    amount: i64,
) -> i64 {
    let body = json!({
        "organization_id": organization, "customer_name": "Contoso Cloud", "motion": "referral",
        "partner_role": "influenced", "attribution_percent": 100, "amount": amount,
        "currency": "EUR",
    });
    let created = json(
        manager
            .post("/api/opportunities")
            .json(&body)
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let id = created["opportunity"]["id"].as_i64().unwrap();
    ready_to_win(app, id).await;
    id
}

/// Puts the deal in its last open stage with every exit criterion met.
async fn ready_to_win(app: &TestApp, id: i64) {
    let last = portico_api::pipeline::stages(Motion::Referral)[4].slug;
    let mut tx = app.state().db.begin_write().await.unwrap();
    sql::query("UPDATE opportunities SET stage = $1, criteria_met = 2147483647 WHERE id = $2")
        .bind(last)
        .bind(id)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

async fn move_to(manager: &Session, id: i64, stage: &str) {
    let response = manager
        .patch(&format!("/api/opportunities/{id}"))
        .json(&json!({ "stage": stage }))
        .send()
        .await
        .unwrap();
    json(response, StatusCode::OK).await;
}

fn balance(ledger: &Value, currency: &str) -> Value {
    ledger["balances"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["currency"] == currency)
        .cloned()
        .unwrap_or(Value::Null)
}

#[tokio::test]
async fn managers_keep_versioned_plans_and_partners_cannot() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let demo = manager.read("/api/incentives/plans").await;
    assert_eq!(demo["hold_days"], 30, "the demo's plans");
    let start = demo["version"].as_i64().unwrap();
    let mut bad = plans();
    bad["plans"][0]["structure"]["sourced_bp"] = json!(10_001);
    bad["plans"][0]["name"] = json!("");
    let (_, body) = error(
        save_plans(&manager, &bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let fields = body["error"]["fields"].as_object().unwrap();
    assert!(
        fields.contains_key("plans[0].name")
            && fields.contains_key("plans[0].structure.sourced_bp")
    );
    let saved = json(save_plans(&manager, &plans()).await, StatusCode::OK).await;
    assert_eq!(saved["version"], start + 1);
    let again = json(save_plans(&manager, &plans()).await, StatusCode::OK).await;
    assert_eq!(again["version"], start + 2);
    assert_eq!(app.audit("incentive_plans.updated").await.len(), 2);
    let alice = app.sign_in(ALICE).await;
    error(
        alice.get("/api/incentives/plans").send().await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
    error(save_plans(&alice, &plans()).await, StatusCode::FORBIDDEN).await;
}

#[tokio::test]
async fn a_won_deal_earns_month_by_month_and_reopening_reverses_it() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let (contoso, admin) = partner(&app, "Contoso Channel").await;
    let saved = json(save_plans(&manager, &plans()).await, StatusCode::OK).await;
    let version = saved["version"].clone();
    let reversed_before = app.audit("ledger.reversed").await.len();
    let id = deal_ready_to_win(&app, &manager, contoso, 10_000).await;
    move_to(&manager, id, "won").await;

    // 5 % of 10,000 EUR a month = 500.00 EUR, three times; the first has accrued.
    let ledger = admin.read("/api/ledger").await;
    let earnings: Vec<&Value> = ledger["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["opportunity_id"] == id)
        .collect();
    assert_eq!(earnings.len(), 3);
    assert!(
        earnings
            .iter()
            .all(|e| e["amount"] == 50_000 && e["plan_version"] == version)
    );
    assert_eq!(
        earnings[2]["description"],
        "5 % of 10,000 EUR a month × 100 % influenced share = 500.00 EUR"
    );
    let eur = balance(&ledger, "EUR");
    assert_eq!(
        (eur["pending"].as_i64(), eur["upcoming"].as_i64()),
        (Some(50_000), Some(100_000))
    );
    assert_eq!(eur["total"], 150_000);

    // Changing the plans later rewrites nothing already earned.
    let mut richer = plans();
    richer["plans"][0]["structure"]["influenced_bp"] = json!(900);
    json(save_plans(&manager, &richer).await, StatusCode::OK).await;

    let approve = |body: Value| manager.post("/api/ledger/approve").json(&body).send();
    let done = json(
        approve(json!({ "organization_id": contoso }))
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(done["approved"], 1, "only what accrued");
    let (_, _) = error(
        approve(json!({})).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;

    app.clock.advance(31 * DAY);
    let email = admin.me.user.email.clone();
    let (manager, admin) = (app.sign_in(MANAGER).await, app.sign_in(&email).await);
    let eur = balance(&admin.read("/api/ledger").await, "EUR");
    assert_eq!(
        (
            eur["payable"].as_i64(),
            eur["pending"].as_i64(),
            eur["upcoming"].as_i64()
        ),
        (Some(50_000), Some(50_000), Some(50_000)),
        "a month later the second month accrued"
    );

    // The deal reopens: every earning is reversed, none deleted.
    let reopen = portico_api::pipeline::stages(Motion::Referral)[0].slug;
    move_to(&manager, id, reopen).await;
    let ledger = admin.read("/api/ledger").await;
    let mine = |kind: &str| {
        ledger["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["opportunity_id"] == id && e["kind"] == kind)
            .count()
    };
    assert_eq!((mine("earning"), mine("reversal")), (3, 3));
    let eur = balance(&ledger, "EUR");
    assert_eq!(eur["total"], 0);
    assert_eq!(eur["payable"], 0);
    assert_eq!(
        app.audit("ledger.reversed").await.len(),
        reversed_before + 3
    );
    for tamper in [
        "UPDATE ledger_entries SET amount = 1",
        "DELETE FROM ledger_entries",
    ] {
        let mut tx = app.state().db.begin_write().await.unwrap();
        let refused = sql::query(tamper).execute(&mut *tx).await;
        assert!(refused.is_err(), "{tamper} must be refused");
        drop(tx);
    }

    // Won again, it earns again, under the plans in force now.
    ready_to_win(&app, id).await;
    move_to(&manager, id, "won").await;
    let eur = balance(&admin.read("/api/ledger").await, "EUR");
    assert_eq!(
        eur["total"],
        3 * 90_000,
        "9 % now, under the latest version"
    );
}

#[tokio::test]
async fn each_partner_reads_only_its_own_ledger_and_managers_adjust_it() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let (contoso, alice) = partner(&app, "Contoso Channel").await;
    let (_, bob) = partner(&app, "Fabrikam Resale").await;
    let adjustment = json!({ "organization_id": contoso, "currency": "EUR", "amount": -12_345,
                             "rationale": "Refund on the Contoso deal." });
    let created = json(
        manager
            .post("/api/ledger/adjustments")
            .json(&adjustment)
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(created["kind"], "adjustment");
    assert_eq!(created["description"], "Refund on the Contoso deal.");
    assert_eq!(app.audit("ledger.adjusted").await.len(), 1);
    let bad = json!({ "organization_id": contoso, "currency": "EURO", "amount": 0,
                      "rationale": " " });
    let (_, body) = error(
        manager
            .post("/api/ledger/adjustments")
            .json(&bad)
            .send()
            .await
            .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(body["error"]["fields"].as_object().unwrap().len(), 3);
    error(
        alice
            .post("/api/ledger/adjustments")
            .json(&adjustment)
            .send()
            .await
            .unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;

    let hers = alice.read("/api/ledger").await;
    assert_eq!(balance(&hers, "EUR")["payable"], -12_345);
    for asked in [
        "/api/ledger",
        &format!("/api/ledger?organization={contoso}"),
    ] {
        let his = bob.read(asked).await;
        assert!(
            !his.to_string().contains("Contoso") && balance(&his, "EUR").is_null(),
            "{his}"
        );
    }
    let bad_day = manager
        .get("/api/ledger?from=2026-01-01&to=soon")
        .send()
        .await
        .unwrap();
    let (_, body) = error(bad_day, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(body["error"]["fields"]["to"].is_string() && body["error"]["fields"]["from"].is_null());
    let all = manager.read("/api/ledger").await;
    assert!(all.to_string().contains("Refund on the Contoso deal."));
    statements_are_each_partners_own(&manager, (contoso, &alice), &bob).await;
}

/// The CSV statement holds the partner's own entries, amounts as numbers and text a
/// spreadsheet would run as a formula defused.
async fn statements_are_each_partners_own(
    manager: &Session,
    (contoso, alice): (i64, &Session),
    bob: &Session,
) {
    let formula = json!({ "organization_id": contoso, "currency": "EUR", "amount": 500,
                          "rationale": "=HYPERLINK(\"http://evil.example\")" });
    let created = manager
        .post("/api/ledger/adjustments")
        .json(&formula)
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let hers = alice.get("/api/ledger.csv").send().await.unwrap();
    assert_eq!(hers.status(), StatusCode::OK);
    assert!(
        hers.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("statement.csv")
    );
    let text = hers.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "day,organization,kind,status,customer,role,amount,currency,description,entry"
    );
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[1].contains(",5.00,EUR,\"'=HYPERLINK("), "{text}");
    assert!(
        lines[2].contains("Contoso Channel,Adjustment,,,,-123.45,EUR,Refund on the Contoso deal.,"),
        "{text}"
    );
    let his = bob
        .get(&format!("/api/ledger.csv?organization={contoso}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(his.lines().count(), 1, "only the header: {his}");
    let theirs = manager
        .get(&format!("/api/ledger.csv?organization={contoso}"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        theirs.text().await.unwrap(),
        text,
        "managers read any partner's"
    );
}
