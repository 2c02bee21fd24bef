//! The OpenAPI document is generated from the code and covers every route.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::Value;

#[tokio::test]
async fn every_documented_operation_is_routed() {
    let app = TestApp::start().await;
    let client = app.anonymous();
    let doc: Value = json(
        client
            .get(app.url("/api/openapi.json"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    let mut operations = 0;
    for (path, item) in paths {
        for method in item.as_object().unwrap().keys() {
            let concrete = path.replace("{id}", "1").replace("{token}", "some-token");
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let response = client
                .request(method.clone(), app.url(&concrete))
                .send()
                .await
                .unwrap();
            assert_ne!(
                response.status(),
                StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path}"
            );
            let body: Value = response.json().await.unwrap_or(Value::Null);
            assert_ne!(
                body["error"]["code"], "no_such_route",
                "{method} {path} is documented but not routed"
            );
            operations += 1;
        }
    }
    for expected in [
        "/api/auth/login",
        "/api/auth/logout",
        "/api/me",
        "/api/invitations",
        "/api/users/{id}",
        "/healthz",
        "/readyz",
        "/api/openapi.json",
    ] {
        assert!(
            paths.contains_key(expected),
            "{expected} missing from the document"
        );
    }
    assert!(operations >= 12, "{operations} operations");
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
}

/// Routes can only be added through `OpenApiRouter::routes`, which documents them; a plain
/// axum `.route(` anywhere in the server would bypass the document.
#[test]
fn no_route_bypasses_the_document() {
    let src = repo_root().join("crates/server/src");
    let mut offenders = Vec::new();
    let mut stack = vec![src];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for needle in [".route(", ".route_service(", ".nest(", ".nest_service("] {
                    if text.contains(needle) {
                        offenders.push(format!("{} uses {needle}", path.display()));
                    }
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}
