//! The content hub over HTTP: who sees which asset, search and facets, uploads (limits, types,
//! names, interruptions), range downloads, versions, sanitized Markdown, usage events and the
//! audit trail. Runs on SQLite, and on PostgreSQL when `PORTICO_TEST_POSTGRES_URL` is set.

use crate::common;

use common::*;
use portico_server::demo::files;
use portico_server::store::sql;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

mod editing;
mod search;
mod uploads;
mod visibility;

/// Tyrell Resellers: reseller, registered tier, no certifications.
const TYRELL: &str = "roy@tyrell.example";

fn metadata(title: &str, body: &str, audience: Value) -> Value {
    json!({
        "title": title,
        "summary": format!("Summary of {title}"),
        "body": body,
        "kind": "battlecard",
        "motions": ["reseller"],
        "industries": ["Retail"],
        "use_cases": ["Competitive deal"],
        "language": "en",
        "audience": audience,
    })
}

fn form(metadata: &Value, file: Option<(&str, Vec<u8>)>) -> Form {
    let form = Form::new().text("metadata", metadata.to_string());
    match file {
        Some((name, bytes)) => form.part("file", Part::bytes(bytes).file_name(name.to_owned())),
        None => form,
    }
}

async fn upload(
    manager: &Session,
    metadata: &Value,
    file: Option<(&str, Vec<u8>)>,
) -> reqwest::Response {
    manager
        .post("/api/assets")
        .multipart(form(metadata, file))
        .send()
        .await
        .expect("upload")
}

/// A published PDF asset whose body holds `body`; returns its id.
async fn published(manager: &Session, title: &str, body: &str, audience: Value) -> i64 {
    let pdf = files::pdf(title, &[body]);
    let created = json(
        upload(
            manager,
            &metadata(title, body, audience),
            Some(("deck.pdf", pdf)),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let id = created["asset"]["id"].as_i64().expect("id");
    let path = format!("/api/assets/{id}/publish");
    json(manager.post(&path).send().await.unwrap(), StatusCode::OK).await;
    id
}

async fn search(session: &Session, query: &str) -> Value {
    json(
        session
            .get(&format!("/api/assets?{query}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await
}

fn ids(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect()
}

/// The running facet totals equal a fresh count over the published assets.
async fn assert_facet_totals_add_up(app: &TestApp) {
    let pool = app.state().db.pool();
    let kept: Vec<(String, String, String, String, String, i64)> = sql::query_as(
        "SELECT audience_tiers, audience_motions, audience_certification, facet, value, n \
         FROM asset_facet_totals WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let counted: Vec<(String, String, String, String, String, i64)> = sql::query_as(
        "SELECT a.audience_tiers, a.audience_motions, a.audience_certification, t.facet, t.value, \
         COUNT(*) FROM assets a JOIN asset_tags t ON t.asset_id = a.id \
         WHERE a.state = 'published' GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(kept, counted);
}

async fn status(session: &Session, path: &str) -> StatusCode {
    session.get(path).send().await.unwrap().status()
}
