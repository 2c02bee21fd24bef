//! User management by administrators.

use crate::common;

use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn user_id(admin: &Session, email: &str) -> i64 {
    let page = json(
        admin.get("/api/users?limit=100").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == email)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn admins_page_through_users() {
    let app = TestApp::start().await;
    let admin = app.sign_in(ADMIN).await;
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/users?limit=5&cursor={c}"),
            None => "/api/users?limit=5".to_owned(),
        };
        let page = json(admin.get(&path).send().await.unwrap(), StatusCode::OK).await;
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 5);
        seen.extend(
            items
                .iter()
                .map(|u| u["email"].as_str().unwrap().to_owned()),
        );
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 12, "every demo user once: {seen:?}");
    let first: Value = json(
        admin.get("/api/users?limit=1").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    let user = &first["items"][0];
    let mut fields: Vec<_> = user.as_object().unwrap().keys().cloned().collect();
    fields.sort();
    assert_eq!(
        fields,
        [
            "active",
            "created_at",
            "email",
            "id",
            "last_sign_in_at",
            "name",
            "organization",
            "role"
        ],
        "no password hash or other internals"
    );
    let bad = admin.get("/api/users?cursor=abc").send().await.unwrap();
    assert_eq!(error(bad, StatusCode::BAD_REQUEST).await.0, "bad_request");
}

#[tokio::test]
async fn only_admins_manage_users() {
    let app = TestApp::start().await;
    for email in [MANAGER, ALICE, BOB] {
        let session = app.sign_in(email).await;
        let response = session.get("/api/users").send().await.unwrap();
        assert_eq!(
            error(response, StatusCode::FORBIDDEN).await.0,
            "forbidden",
            "{email}"
        );
        let patch = session
            .patch("/api/users/1")
            .json(&json!({ "active": false }))
            .send()
            .await
            .unwrap();
        assert_eq!(patch.status(), StatusCode::FORBIDDEN, "{email}");
    }
}

#[tokio::test]
async fn roles_change_within_a_side_only() {
    let app = TestApp::start().await;
    let admin = app.sign_in(ADMIN).await;
    let bob = user_id(&admin, BOB).await;
    let promoted = admin
        .patch(&format!("/api/users/{bob}"))
        .json(&json!({ "role": "partner_admin" }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        json(promoted, StatusCode::OK).await["role"],
        "partner_admin"
    );
    let me = json(
        app.sign_in(BOB).await.get("/api/me").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(me["user"]["role"], "partner_admin");

    let crossing = admin
        .patch(&format!("/api/users/{bob}"))
        .json(&json!({ "role": "manager" }))
        .send()
        .await
        .unwrap();
    let (code, body) = error(crossing, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(code, "validation_failed");
    assert!(
        body["error"]["fields"]["role"]
            .as_str()
            .unwrap()
            .contains("same side")
    );
    assert_eq!(
        app.audit("user.updated").await,
        vec![(Some(admin.me.user.id), Some(bob))]
    );
}

#[tokio::test]
async fn deactivating_a_user_ends_their_sessions_at_once() {
    let app = TestApp::start().await;
    let admin = app.sign_in(ADMIN).await;
    let alice = app.sign_in(ALICE).await;
    let alice_id = alice.me.user.id;
    let response = admin
        .patch(&format!("/api/users/{alice_id}"))
        .json(&json!({ "active": false }))
        .send()
        .await
        .unwrap();
    assert_eq!(json(response, StatusCode::OK).await["active"], false);
    assert_eq!(
        alice.get("/api/me").send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    let login = app.login(ALICE, PASSWORD).await;
    assert_eq!(
        error(login, StatusCode::UNAUTHORIZED).await.0,
        "invalid_credentials"
    );

    let back = admin
        .patch(&format!("/api/users/{alice_id}"))
        .json(&json!({ "active": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(json(back, StatusCode::OK).await["active"], true);
    app.sign_in(ALICE).await;
    assert_eq!(app.audit("user.updated").await.len(), 2);
}

#[tokio::test]
async fn admins_cannot_lock_themselves_out_and_unknown_users_are_404() {
    let app = TestApp::start().await;
    let admin = app.sign_in(ADMIN).await;
    let me = admin.me.user.id;
    let response = admin
        .patch(&format!("/api/users/{me}"))
        .json(&json!({ "active": false }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        error(response, StatusCode::UNPROCESSABLE_ENTITY).await.0,
        "unprocessable"
    );
    let demote = admin
        .patch(&format!("/api/users/{me}"))
        .json(&json!({ "role": "manager" }))
        .send()
        .await
        .unwrap();
    assert_eq!(demote.status(), StatusCode::UNPROCESSABLE_ENTITY);
    for path in ["/api/users/999999", "/api/users/not-a-number"] {
        let response = admin
            .patch(path)
            .json(&json!({ "active": false }))
            .send()
            .await
            .unwrap();
        assert_eq!(
            error(response, StatusCode::NOT_FOUND).await.0,
            "not_found",
            "{path}"
        );
    }
}
