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

/// Files in the storage directory, demo files included.
fn stored_files(app: &TestApp) -> usize {
    fn walk(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir).map_or(0, |entries| {
            entries
                .flatten()
                .map(|e| {
                    if e.path().is_dir() {
                        walk(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
    }
    walk(std::path::Path::new(&app.storage))
}

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

#[tokio::test]
async fn uploads_are_limited_in_size_and_type_and_leave_nothing_behind() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let files_before = stored_files(&app);
    let assets_before = app.count("SELECT COUNT(*) FROM assets").await;
    let meta = metadata("Refused", "nothing", json!({}));

    // HTML dressed up as a PDF, and an executable.
    let html = b"<html><script>alert(1)</script></html>".to_vec();
    let (code, _) = error(
        upload(&manager, &meta, Some(("deck.pdf", html))).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
    )
    .await;
    assert_eq!(code, "unsupported_media_type");
    let exe = b"MZ\x90\x00\x03\x00\x00\x00".repeat(100);
    error(
        upload(&manager, &meta, Some(("tool.exe", exe))).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
    )
    .await;
    error(
        upload(&manager, &meta, Some(("empty.pdf", Vec::new()))).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;

    // Over 100 MB, streamed without a length so the server has to count.
    let chunk = bytes::Bytes::from(vec![b'x'; 1024 * 1024]);
    let mut first = files::pdf("big", &["big"]);
    first.resize(1024 * 1024, b' ');
    let chunks = std::iter::once(bytes::Bytes::from(first))
        .chain(std::iter::repeat_n(chunk, 101))
        .map(Ok::<_, std::io::Error>);
    let body = reqwest::Body::wrap_stream(futures_util::stream::iter(chunks));
    let big = Form::new()
        .text("metadata", meta.to_string())
        .part("file", Part::stream(body).file_name("big.pdf"));
    let response = manager
        .post("/api/assets")
        .multipart(big)
        .send()
        .await
        .unwrap();
    let (code, body) = error(response, StatusCode::PAYLOAD_TOO_LARGE).await;
    assert_eq!(code, "payload_too_large");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("100 MB"),
        "{body}"
    );

    // A declared length over the limit is refused before reading.
    let response = manager
        .post("/api/assets")
        .header("content-type", "multipart/form-data; boundary=x")
        .header("content-length", (200u64 * 1024 * 1024).to_string())
        .body(reqwest::Body::wrap_stream(futures_util::stream::pending::<
            Result<bytes::Bytes, std::io::Error>,
        >()))
        .timeout(std::time::Duration::from_secs(10))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);

    // Bad metadata: the stored file is removed again.
    let mut bad = meta.clone();
    bad["title"] = json!("");
    bad["link"] = json!("javascript:alert(1)");
    let (_, body) = error(
        upload(&manager, &bad, Some(("ok.pdf", files::pdf("ok", &["ok"])))).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(body["error"]["fields"]["title"].is_string());
    assert!(body["error"]["fields"]["link"].is_string());

    // An upload that breaks off midway.
    let broken = futures_util::stream::iter(vec![
        Ok(bytes::Bytes::from(files::pdf("cut", &["cut"]))),
        Err(std::io::Error::other("connection lost")),
    ]);
    let form = Form::new().text("metadata", meta.to_string()).part(
        "file",
        Part::stream(reqwest::Body::wrap_stream(broken)).file_name("cut.pdf"),
    );
    assert!(
        manager
            .post("/api/assets")
            .multipart(form)
            .send()
            .await
            .is_err()
    );

    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM assets").await,
        assets_before
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM asset_versions WHERE asset_id > 32")
            .await,
        0
    );
    assert_eq!(stored_files(&app), files_before, "nothing left in storage");
}

#[tokio::test]
async fn file_names_are_made_harmless_and_types_come_from_content() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let meta = metadata("Odd name", "odd", json!({}));
    let created = json(
        upload(
            &manager,
            &meta,
            Some((
                "../../etc/\"passwd\"<script>.exe",
                files::pdf("odd", &["odd"]),
            )),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let file = &created["asset"]["file"];
    assert_eq!(file["content_type"], "application/pdf");
    let name = file["name"].as_str().unwrap();
    assert!(name.ends_with(".pdf"), "{name}");
    assert!(!name.contains(['/', '\\', '"', '<', '>']), "{name}");
    let key: String = sql::query_scalar("SELECT storage_key FROM asset_versions ORDER BY id DESC")
        .fetch_one(app.state().db.pool())
        .await
        .unwrap();
    assert!(key.starts_with("assets/") && !key.contains(".."), "{key}");

    let pptx = json(
        upload(
            &manager,
            &meta,
            Some(("deck.pptx", files::ONBOARDING_PPTX.to_vec())),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        pptx["asset"]["file"]["content_type"],
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    );
    let png = json(
        upload(
            &manager,
            &meta,
            Some(("x.pdf", files::REFERENCE_ARCHITECTURE_PNG.to_vec())),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(png["asset"]["file"]["content_type"], "image/png");
    assert!(
        png["asset"]["file"]["name"]
            .as_str()
            .unwrap()
            .ends_with(".png")
    );
}

#[tokio::test]
async fn downloads_serve_ranges_and_the_current_version() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let first = files::pdf("Version one", &["the first file"]);
    let id = published(&manager, "Versioned", "versioned", json!({})).await;
    let version = Form::new().part(
        "file",
        Part::bytes(first.clone()).file_name("Präsentation Q3.pdf"),
    );
    let replaced = json(
        manager
            .post(&format!("/api/assets/{id}/versions"))
            .multipart(version)
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let versions = replaced["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["number"], 2);
    use sha2::Digest as _;
    assert_eq!(
        versions[0]["sha256"],
        hex::encode(sha2::Sha256::digest(&first))
    );
    assert_ne!(versions[0]["sha256"], versions[1]["sha256"]);

    let alice = app.sign_in(ALICE).await;
    let path = format!("/api/assets/{id}/download");
    let response = alice
        .get(&path)
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "application/pdf");
    assert_eq!(headers["accept-ranges"], "bytes");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(headers.get("content-encoding").is_none());
    let disposition = headers["content-disposition"].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\"Prasentation Q3.pdf\""),
        "{disposition}"
    );
    assert!(
        disposition.contains("filename*=UTF-8''Pr%C3%A4sentation%20Q3.pdf"),
        "{disposition}"
    );
    assert_eq!(response.bytes().await.unwrap().as_ref(), first.as_slice());

    let response = alice
        .get(&path)
        .header("range", "bytes=10-19")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(
        response.headers()["content-range"],
        format!("bytes 10-19/{}", first.len()).as_str()
    );
    assert_eq!(response.bytes().await.unwrap().as_ref(), &first[10..20]);
    let response = alice
        .get(&path)
        .header("range", "bytes=-5")
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.bytes().await.unwrap().as_ref(),
        &first[first.len() - 5..]
    );
    let response = alice
        .get(&path)
        .header("range", format!("bytes={}-", first.len()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::RANGE_NOT_SATISFIABLE);
    assert_eq!(
        response.headers()["content-range"],
        format!("bytes */{}", first.len()).as_str()
    );

    // A link asset has nothing to download and takes no versions.
    let mut link = metadata("Video", "watch", json!({}));
    link["link"] = json!("https://videos.example.com/intro");
    let created = json(upload(&manager, &link, None).await, StatusCode::CREATED).await;
    let link_id = created["asset"]["id"].as_i64().unwrap();
    assert_eq!(created["asset"]["link"], "https://videos.example.com/intro");
    assert_eq!(
        status(&manager, &format!("/api/assets/{link_id}/download")).await,
        StatusCode::NOT_FOUND
    );
    let version = Form::new().part("file", Part::bytes(first).file_name("x.pdf"));
    let response = manager
        .post(&format!("/api/assets/{link_id}/versions"))
        .multipart(version)
        .send()
        .await
        .unwrap();
    error(response, StatusCode::UNPROCESSABLE_ENTITY).await;
}

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

#[tokio::test]
async fn certifications_open_certified_content() {
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
    let northwind = alice.me.organization.as_ref().unwrap().id;
    let path = format!("/api/organizations/{northwind}/certifications");
    let set = json(
        manager
            .send(reqwest::Method::PUT, &path)
            .json(&json!({"certifications": ["implementation_specialist", "implementation_specialist"]}))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(set["certifications"], json!(["implementation_specialist"]));
    assert_eq!(ids(&search(&alice, "q=quorbitine").await), vec![id]);
    assert_eq!(app.audit("organization.certifications_set").await.len(), 1);
    let response = alice
        .send(reqwest::Method::PUT, &path)
        .json(&json!({"certifications": []}))
        .send()
        .await
        .unwrap();
    error(response, StatusCode::FORBIDDEN).await;
}
