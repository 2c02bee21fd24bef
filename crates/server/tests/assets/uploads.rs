//! Files: upload limits and types, harmless names, interrupted uploads that leave nothing behind,
//! range downloads and the current version.

use super::*;

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
