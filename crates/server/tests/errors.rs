//! Bad input of every kind answers 4xx in the one error shape, never a 500.

use crate::common;

use common::*;
use reqwest::StatusCode;

/// Sends `body` as it is: these bodies are off the document on purpose.
async fn post_raw(
    app: &TestApp,
    path: &str,
    content_type: &str,
    body: impl Into<reqwest::Body>,
) -> reqwest::Response {
    app.anonymous()
        .post(app.url(path))
        .header("Content-Type", content_type)
        .body(body)
        .unchecked()
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn malformed_bodies_get_clear_4xx_answers() {
    let app = TestApp::start().await;
    let cases: [(&str, String, StatusCode, &str); 6] = [
        (
            "application/json",
            "{\"email\":".into(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            "text/plain",
            "{}".into(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            "application/json",
            r#"{"email":"a@b.co","password":"x","admin":true}"#.into(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "unprocessable",
        ),
        (
            "application/json",
            r#"{"email":42,"password":"x"}"#.into(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "unprocessable",
        ),
        (
            "application/json",
            r#"{"email":"","password":""}"#.into(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        ),
        (
            "application/json",
            format!(
                r#"{{"email":"{}","password":"x"}}"#,
                "a".repeat(2 * 1024 * 1024)
            ),
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
        ),
    ];
    for (content_type, body, status, expected) in cases {
        let response = post_raw(&app, "/api/auth/login", content_type, body).await;
        let (code, json) = error(response, status).await;
        assert_eq!(code, expected, "{json}");
    }
    let unknown = post_raw(
        &app,
        "/api/auth/login",
        "application/json",
        r#"{"email":"a@b.co","password":"x","admin":true}"#,
    )
    .await;
    let (_, json) = error(unknown, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(
        json["error"]["message"]
            .as_str()
            .unwrap()
            .contains("unknown field `admin`"),
        "{json}"
    );
}

#[tokio::test]
async fn unknown_routes_and_methods_answer_json() {
    let app = TestApp::start().await;
    let client = app.anonymous();
    let missing = client
        .get(app.url("/api/no/such/thing"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        error(missing, StatusCode::NOT_FOUND).await.0,
        "no_such_route"
    );
    let wrong_method = client.delete(app.url("/api/me")).send().await.unwrap();
    assert_eq!(
        error(wrong_method, StatusCode::METHOD_NOT_ALLOWED).await.0,
        "method_not_allowed"
    );
    let admin = app.sign_in(ADMIN).await;
    let bad_query = admin.get("/api/users?limit=lots").send().await.unwrap();
    assert_eq!(bad_query.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn probes_and_security_headers() {
    let app = TestApp::start().await;
    let client = app.anonymous();
    let health = json(
        client.get(app.url("/healthz")).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(health["status"], "ok");
    let ready = client.get(app.url("/readyz")).send().await.unwrap();
    let headers = ready.headers().clone();
    assert_eq!(json(ready, StatusCode::OK).await["status"], "ready");
    assert_eq!(headers["x-frame-options"], "DENY");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(
        headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    assert!(!headers["x-request-id"].is_empty());
}
