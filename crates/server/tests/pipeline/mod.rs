//! The shared pipeline: scoping and the safe view, filters, stable pages, the CSV export, stage
//! moves with exit criteria, shared notes, the review lists and the program numbers, and a leak
//! test over every endpoint a partner can reach.

use crate::common;

use std::collections::HashSet;

use common::*;
use portico_server::store::sql;
use reqwest::StatusCode;
use serde_json::{Value, json};

mod deals;
mod leaks;
mod lists;
mod program;

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
        let page = session.read(&path).await;
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
