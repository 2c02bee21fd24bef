//! Serving the built front ends: client routes fall back to their app's index.html (the
//! console's under `/manage`, except to partners), caching and compression fit each file, and
//! the CSP admits exactly the inline loaders.

use crate::common;

use common::*;
use reqwest::StatusCode;

const LOADER: &str = "import init from '/portico-app-0123456789abcdef.js'; init();";
const CONSOLE_LOADER: &str = "wasm_bindgen({ module_or_path: '/manage/c_bg.wasm' });";

fn page_with(loader: &str) -> String {
    format!(
        "<!doctype html><html><head><script type=\"module\">{loader}</script></head><body></body></html>"
    )
}

fn fake_dist(dir: &std::path::Path) {
    std::fs::write(dir.join("index.html"), page_with(LOADER)).unwrap();
    std::fs::create_dir(dir.join("manage")).unwrap();
    std::fs::write(dir.join("manage/index.html"), page_with(CONSOLE_LOADER)).unwrap();
    std::fs::write(
        dir.join("portico-app-0123456789abcdef.js"),
        "export default function init() {}",
    )
    .unwrap();
    // The server picks a precompressed sibling by name; its bytes are not inspected.
    std::fs::write(
        dir.join("portico-app-0123456789abcdef.js.br"),
        b"brotli bytes",
    )
    .unwrap();
    // An app's split modules keep their names inside a folder named by its contents' hash.
    std::fs::create_dir(dir.join("portico-app-0123456789abcdef")).unwrap();
    std::fs::write(
        dir.join("portico-app-0123456789abcdef/chunk_1.wasm"),
        b"\0asm",
    )
    .unwrap();
    std::fs::write(
        dir.join("favicon.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
}

#[tokio::test]
async fn serves_the_spa_with_fitting_cache_headers_and_csp() {
    let dist = tempfile::tempdir().unwrap();
    fake_dist(dist.path());
    let path = dist.path().to_owned();
    let app = TestApp::start_with(move |s| s.dist = Some(path)).await;
    let client = reqwest::Client::builder()
        .no_brotli()
        .no_gzip()
        .build()
        .unwrap();

    let page = client
        .get(app.url("/manage/some/client/route"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(page.headers()["cache-control"], "no-cache");
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(page.text().await.unwrap().contains(CONSOLE_LOADER));
    use base64::Engine as _;
    use sha2::Digest as _;
    for loader in [LOADER, CONSOLE_LOADER] {
        let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(loader));
        assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
    }
    for portal_page in ["/pipeline", "/managed", "/"] {
        let page = client.get(app.url(portal_page)).send().await.unwrap();
        assert!(page.text().await.unwrap().contains(LOADER), "{portal_page}");
    }

    let asset = client
        .get(app.url("/portico-app-0123456789abcdef.js"))
        .header("Accept-Encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(asset.status(), StatusCode::OK);
    assert_eq!(
        asset.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(asset.headers()["content-encoding"], "br");

    let module = client
        .get(app.url("/portico-app-0123456789abcdef/chunk_1.wasm"))
        .send()
        .await
        .unwrap();
    assert_eq!(module.headers()["content-type"], "application/wasm");
    assert_eq!(
        module.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );

    let icon = client.get(app.url("/favicon.svg")).send().await.unwrap();
    assert_eq!(icon.headers()["cache-control"], "public, max-age=3600");

    let api_miss = client
        .get(app.url("/api/nothing-here"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        error(api_miss, StatusCode::NOT_FOUND).await.0,
        "no_such_route"
    );
}

#[tokio::test]
async fn console_addresses_give_partners_the_portal_and_everyone_else_the_console() {
    let dist = tempfile::tempdir().unwrap();
    fake_dist(dist.path());
    let path = dist.path().to_owned();
    let app = TestApp::start_with(move |s| s.dist = Some(path)).await;
    let page = |session: &Session| {
        let request = session.get("/manage/partners");
        async move { request.send().await.unwrap().text().await.unwrap() }
    };
    let partner = app.sign_in("alice@northwind.example").await;
    assert!(page(&partner).await.contains(LOADER));
    let manager = app.sign_in("manager@acme.example").await;
    assert!(page(&manager).await.contains(CONSOLE_LOADER));
    // A file of the console is a file, whoever asks.
    std::fs::write(dist.path().join("manage/c_bg.wasm"), b"\0asm").unwrap();
    let wasm = partner.get("/manage/c_bg.wasm").send().await.unwrap();
    assert_eq!(wasm.bytes().await.unwrap().as_ref(), b"\0asm");
}
