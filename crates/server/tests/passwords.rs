//! Changing a password, setting one after a sign-in link, and refusing the passwords attackers
//! try first, over real HTTP.

use crate::common;

use common::*;
use portico_server::store::sql;
use reqwest::StatusCode;
use serde_json::json;

const NEW_PASSWORD: &str = "four unrelated words here";

async fn change(session: &Session, current: &str, new: &str) -> reqwest::Response {
    session
        .post("/api/account/password")
        .json(&json!({ "current_password": current, "new_password": new }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_other_sessions() {
    let app = TestApp::start().await;
    let laptop = app.sign_in(ALICE).await;
    let phone = app.sign_in(ALICE).await;

    let wrong = change(&laptop, "not-my-password", NEW_PASSWORD).await;
    let (_, body) = error(wrong, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(
        body["error"]["fields"]["current_password"].is_string(),
        "{body}"
    );
    let common = change(&laptop, PASSWORD, "Password1234!").await;
    let (_, body) = error(common, StatusCode::UNPROCESSABLE_ENTITY).await;
    let message = body["error"]["fields"]["new_password"].as_str().unwrap();
    assert!(message.contains("most commonly used"), "{message}");
    let short = change(&laptop, PASSWORD, "short").await;
    error(short, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        phone.get("/api/me").send().await.unwrap().status(),
        StatusCode::OK,
        "refused changes end nothing"
    );

    let changed = change(&laptop, PASSWORD, NEW_PASSWORD).await;
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        laptop.get("/api/me").send().await.unwrap().status(),
        StatusCode::OK,
        "this session goes on"
    );
    assert_eq!(
        phone.get("/api/me").send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED,
        "the other session is over"
    );
    assert_eq!(
        app.login(ALICE, PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login(ALICE, NEW_PASSWORD).await.status(),
        StatusCode::OK
    );
    assert_eq!(app.audit("user.password_changed").await.len(), 1);
    let notices: Vec<(String, String)> =
        sql::query_as("SELECT email, subject FROM outbox WHERE category = 'account_security'")
            .fetch_all(app.state().db.pool())
            .await
            .unwrap();
    assert_eq!(
        notices,
        [(
            ALICE.to_owned(),
            "Your Portico password was changed".to_owned()
        )]
    );
}

#[tokio::test]
async fn wrong_current_passwords_are_limited_like_sign_ins() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    for _ in 0..5 {
        let wrong = change(&alice, "not-my-password", NEW_PASSWORD).await;
        assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let limited = change(&alice, PASSWORD, NEW_PASSWORD).await;
    assert_eq!(
        error(limited, StatusCode::TOO_MANY_REQUESTS).await.0,
        "rate_limited"
    );
}

/// A session started with a fresh sign-in link, as the link's e-mail would start it.
async fn signed_in_by_link(app: &TestApp) -> Session {
    let ask = app
        .anonymous()
        .post(app.url("/api/auth/magic-link"))
        .json(&json!({ "email": ALICE }))
        .send()
        .await
        .unwrap();
    assert_eq!(ask.status(), StatusCode::ACCEPTED);
    let sealed: String =
        sql::query_scalar("SELECT link_sealed FROM outbox WHERE category = 'sign_in_link'")
            .fetch_one(app.state().db.pool())
            .await
            .unwrap();
    let link = app.state().sealer.open(&sealed).unwrap();
    let client = app.anonymous();
    let redeemed = client
        .post(app.url("/api/auth/magic-link/redeem"))
        .json(&json!({ "token": link.trim_start_matches("/sign-in/") }))
        .send()
        .await
        .unwrap();
    let me = redeemed.json().await.unwrap();
    Session::from_client(&app.base, client, me)
}

async fn set(session: &Session, new: &str) -> reqwest::Response {
    session
        .post("/api/account/password/set")
        .json(&json!({ "new_password": new }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_new_password_without_the_old_one_only_right_after_a_sign_in_link() {
    let app = TestApp::start().await;
    let by_password = app.sign_in(ALICE).await;
    let refused = set(&by_password, NEW_PASSWORD).await;
    error(refused, StatusCode::FORBIDDEN).await;
    let status = by_password
        .get("/api/account/security")
        .send()
        .await
        .unwrap();
    assert!(json(status, StatusCode::OK).await["set_password_until"].is_null());

    let by_link = signed_in_by_link(&app).await;
    let common = set(&by_link, "iloveyou 12345").await;
    let (_, body) = error(common, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(body["error"]["fields"]["new_password"].is_string());
    let done = set(&by_link, NEW_PASSWORD).await;
    assert_eq!(done.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        by_password.get("/api/me").send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login(ALICE, NEW_PASSWORD).await.status(),
        StatusCode::OK
    );
    assert_eq!(app.audit("user.password_set").await.len(), 1);

    // A link session that is older than a quarter of an hour cannot: a stolen cookie is not
    // enough to take the account.
    app.clock.advance(15 * 60);
    let late = set(&by_link, "yet another long passphrase").await;
    error(late, StatusCode::FORBIDDEN).await;
    assert_eq!(
        by_link.get("/api/me").send().await.unwrap().status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_invitation_cannot_be_accepted_with_a_common_password() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let northwind = app.sign_in(ALICE).await.me.organization.unwrap().id;
    let invited = manager
        .post("/api/invitations")
        .json(
            &json!({"email": "new.person@northwind.example", "role": "partner_user",
            "organization_id": northwind}),
        )
        .send()
        .await
        .unwrap();
    let link = json(invited, StatusCode::CREATED).await["link"]
        .as_str()
        .unwrap()
        .to_owned();
    let token = link.rsplit('/').next().unwrap();
    let accept = |password: &'static str| {
        app.anonymous()
            .post(app.url(&format!("/api/invitations/{token}/accept")))
            .json(&json!({ "name": "Nia Seller", "password": password }))
            .send()
    };
    let refused = accept("qwerty123456").await.unwrap();
    let (_, body) = error(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    let message = body["error"]["fields"]["password"].as_str().unwrap();
    assert!(message.contains("most commonly used"), "{message}");
    let joined = accept(NEW_PASSWORD).await.unwrap();
    assert_eq!(joined.status(), StatusCode::OK);
}
