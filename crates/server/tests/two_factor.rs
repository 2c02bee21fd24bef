//! Two-factor sign-in with an authenticator app over real HTTP: setting it up, signing in with a
//! code or a recovery code, replays, limits under a burst, sign-in links, turning it off, and
//! the administrators' requirement for vendor staff.

use crate::common;

use common::*;
use portico_server::store::sql;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

async fn security(session: &Session) -> Value {
    let response = session.get("/api/account/security").send().await.unwrap();
    json(response, StatusCode::OK).await
}

#[tokio::test]
async fn setting_up_needs_a_code_from_the_app_and_the_password() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let before = security(&alice).await;
    assert_eq!(before["two_factor_enabled"], false);

    let setup = alice
        .post("/api/account/two-factor/setup")
        .send()
        .await
        .unwrap();
    let setup = json(setup, StatusCode::OK).await;
    let secret = setup["secret"].as_str().unwrap().to_owned();
    assert_eq!(secret.len(), 32);
    let uri = setup["otpauth_uri"].as_str().unwrap();
    assert!(uri.starts_with("otpauth://totp/Portico:alice%40northwind.example?secret="));
    assert!(uri.contains(&secret));
    let qr = setup["qr_code"].as_str().unwrap();
    assert!(qr.starts_with("data:image/svg+xml;base64,"), "{qr}");
    // Kept sealed: the database does not hold the secret as it was shown.
    let stored: String = sql::query_scalar("SELECT secret_sealed FROM two_factor")
        .fetch_one(app.state().db.pool())
        .await
        .unwrap();
    assert!(!stored.contains(&secret));

    let confirm = |code: String, password: &'static str| {
        alice
            .post("/api/account/two-factor/confirm")
            .json(&json!({ "code": code, "password": password }))
            .send()
    };
    let wrong_code = confirm("000000".into(), PASSWORD).await.unwrap();
    let (_, body) = error(wrong_code, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(body["error"]["fields"]["code"].is_string(), "{body}");
    let code = totp_now(&app, &secret);
    let wrong_password = confirm(code.clone(), "not-my-password").await.unwrap();
    let (_, body) = error(wrong_password, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(body["error"]["fields"]["password"].is_string(), "{body}");
    assert_eq!(security(&alice).await["two_factor_enabled"], false);

    let codes = json(confirm(code, PASSWORD).await.unwrap(), StatusCode::OK).await;
    let codes = codes["codes"].as_array().unwrap();
    assert_eq!(codes.len(), 10);
    let after = security(&alice).await;
    assert_eq!(after["two_factor_enabled"], true);
    assert_eq!(after["recovery_codes_left"], 10);
    assert!(!after.to_string().contains(&secret));
    assert_eq!(app.audit("two_factor.enabled").await.len(), 1);
    let notices = app
        .count("SELECT COUNT(*) FROM outbox WHERE category = 'account_security'")
        .await;
    assert_eq!(notices, 1);

    let again = alice
        .post("/api/account/two-factor/setup")
        .send()
        .await
        .unwrap();
    error(again, StatusCode::CONFLICT).await;
}

#[tokio::test]
async fn signing_in_takes_the_password_then_a_fresh_code() {
    let app = TestApp::start().await;
    let (secret, _) = enable_two_factor(&app, &app.sign_in(ALICE).await).await;

    let client = app.anonymous();
    let pending = password_step(&app, &client, ALICE).await;
    let me = client.get(app.url("/api/me")).send().await.unwrap();
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED, "no session yet");
    // The step confirming the setup is used up: its code does not work again.
    let replay = second_step(&app, &client, &pending, &totp_now(&app, &secret)).await;
    error(replay, StatusCode::UNPROCESSABLE_ENTITY).await;

    app.clock.advance(30);
    let code = totp_now(&app, &secret);
    let signed_in = second_step(&app, &client, &pending, &code).await;
    assert!(signed_in.headers().contains_key("set-cookie"));
    assert_eq!(
        json(signed_in, StatusCode::OK).await["user"]["email"],
        ALICE
    );
    let me = client.get(app.url("/api/me")).send().await.unwrap();
    assert_eq!(me.status(), StatusCode::OK);
    // The pending token is single-use, and the code is spent too.
    let reused = second_step(&app, &app.anonymous(), &pending, &code).await;
    error(reused, StatusCode::NOT_FOUND).await;
    let other = app.anonymous();
    let pending = password_step(&app, &other, ALICE).await;
    let replayed = second_step(&app, &other, &pending, &code).await;
    error(replayed, StatusCode::UNPROCESSABLE_ENTITY).await;

    // A pending sign-in lasts five minutes.
    app.clock.advance(301);
    let late = second_step(&app, &other, &pending, &totp_now(&app, &secret)).await;
    error(late, StatusCode::NOT_FOUND).await;
    // A wrong password still gets the one answer, code or not.
    let wrong = app.login(ALICE, "not-the-password").await;
    assert_eq!(
        error(wrong, StatusCode::UNAUTHORIZED).await.0,
        "invalid_credentials"
    );
}

#[tokio::test]
async fn a_recovery_code_works_once() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let (_, codes) = enable_two_factor(&app, &alice).await;
    let client = app.anonymous();
    let pending = password_step(&app, &client, ALICE).await;
    let typed = codes[3].to_uppercase().replace('-', " ");
    let signed_in = second_step(&app, &client, &pending, &typed).await;
    assert_eq!(
        json(signed_in, StatusCode::OK).await["user"]["email"],
        ALICE
    );
    assert_eq!(security(&alice).await["recovery_codes_left"], 9);
    assert_eq!(app.audit("two_factor.recovery_code_used").await.len(), 1);

    let other = app.anonymous();
    let pending = password_step(&app, &other, ALICE).await;
    let again = second_step(&app, &other, &pending, &codes[3]).await;
    error(again, StatusCode::UNPROCESSABLE_ENTITY).await;
    // Bob's codes are not Alice's.
    let bob = app.sign_in(BOB).await;
    let (_, bobs) = enable_two_factor(&app, &bob).await;
    let crossed = second_step(&app, &other, &pending, &bobs[0]).await;
    error(crossed, StatusCode::UNPROCESSABLE_ENTITY).await;
}

#[tokio::test]
async fn a_burst_of_wrong_codes_gets_exactly_the_allowed_tries() {
    let app = TestApp::start().await;
    let (secret, _) = enable_two_factor(&app, &app.sign_in(ALICE).await).await;
    let pending = password_step(&app, &app.anonymous(), ALICE).await;
    let url = app.url("/api/auth/second-factor");
    let requests = (0..20).map(|n| {
        Client::new()
            .post(&url)
            .json(&json!({ "pending_token": pending, "code": format!("{:06}", 100_000 + n) }))
            .send()
    });
    let statuses: Vec<StatusCode> = futures_util::future::join_all(requests)
        .await
        .into_iter()
        .map(|r| r.unwrap().status())
        .collect();
    let count = |s: StatusCode| statuses.iter().filter(|x| **x == s).count();
    assert_eq!(count(StatusCode::UNPROCESSABLE_ENTITY), 5, "{statuses:?}");
    assert_eq!(count(StatusCode::TOO_MANY_REQUESTS), 15);
    // Even the right code waits until the window passes.
    app.clock.advance(30);
    let client = app.anonymous();
    let right = second_step(&app, &client, &pending, &totp_now(&app, &secret)).await;
    assert_eq!(right.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn a_code_sent_with_several_sign_ins_at_once_signs_in_once() {
    let app = TestApp::start().await;
    let (secret, _) = enable_two_factor(&app, &app.sign_in(ALICE).await).await;
    let mut pending = Vec::new();
    for _ in 0..4 {
        pending.push(password_step(&app, &app.anonymous(), ALICE).await);
    }
    app.clock.advance(30);
    let code = totp_now(&app, &secret);
    let clients: Vec<Client> = (0..4).map(|_| app.anonymous()).collect();
    let attempts = clients
        .iter()
        .zip(&pending)
        .map(|(client, token)| second_step(&app, client, token, &code));
    let statuses: Vec<StatusCode> = futures_util::future::join_all(attempts)
        .await
        .into_iter()
        .map(|r| r.status())
        .collect();
    let signed_in = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    assert_eq!(signed_in, 1, "{statuses:?}");
}

#[tokio::test]
async fn with_two_factor_on_a_sign_in_link_leads_to_the_code_step() {
    let app = TestApp::start().await;
    let (secret, _) = enable_two_factor(&app, &app.sign_in(ALICE).await).await;
    json(
        app.anonymous()
            .post(app.url("/api/auth/magic-link"))
            .json(&json!({ "email": ALICE }))
            .send()
            .await
            .unwrap(),
        StatusCode::ACCEPTED,
    )
    .await;
    let token = sign_in_link_token(&app).await;
    let client = app.anonymous();
    let redeemed = client
        .post(app.url("/api/auth/magic-link/redeem"))
        .json(&json!({ "token": token }))
        .send()
        .await
        .unwrap();
    assert!(redeemed.headers().get("set-cookie").is_none());
    let pending = json(redeemed, StatusCode::ACCEPTED).await;
    let pending = pending["pending_token"].as_str().unwrap();
    app.clock.advance(30);
    let signed_in = second_step(&app, &client, pending, &totp_now(&app, &secret)).await;
    let me: portico_api::Me = signed_in.json().await.unwrap();
    let session = Session::from_client(&app.base, client, me);
    // The session started with a link, so a new password may be set without the old one.
    assert!(security(&session).await["set_password_until"].is_string());
}

/// The token of the newest sign-in link e-mail, read back from the outbox.
async fn sign_in_link_token(app: &TestApp) -> String {
    let sealed: String = sql::query_scalar(
        "SELECT link_sealed FROM outbox WHERE category = 'sign_in_link' ORDER BY id DESC",
    )
    .fetch_one(app.state().db.pool())
    .await
    .unwrap();
    let link = app.state().sealer.open(&sealed).unwrap();
    link.trim_start_matches("/sign-in/").to_owned()
}

#[tokio::test]
async fn turning_it_off_takes_the_password_or_a_code() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let (secret, _) = enable_two_factor(&app, &alice).await;
    let disable = |body: Value| {
        alice
            .post("/api/account/two-factor/disable")
            .json(&body)
            .send()
    };
    let nothing = disable(json!({})).await.unwrap();
    error(nothing, StatusCode::UNPROCESSABLE_ENTITY).await;
    let wrong = disable(json!({ "password": "not-the-password" }))
        .await
        .unwrap();
    let (_, body) = error(wrong, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(body["error"]["fields"]["password"].is_string());
    app.clock.advance(30);
    let by_code = disable(json!({ "code": totp_now(&app, &secret) }))
        .await
        .unwrap();
    assert_eq!(by_code.status(), StatusCode::NO_CONTENT);
    assert_eq!(security(&alice).await["two_factor_enabled"], false);
    assert_eq!(app.audit("two_factor.disabled").await.len(), 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM recovery_codes").await, 0);
    // Signing in is back to the password alone.
    assert_eq!(app.login(ALICE, PASSWORD).await.status(), StatusCode::OK);

    enable_two_factor(&app, &alice).await;
    let by_password = disable(json!({ "password": PASSWORD })).await.unwrap();
    assert_eq!(by_password.status(), StatusCode::NO_CONTENT);
    let not_on = disable(json!({ "password": PASSWORD })).await.unwrap();
    error(not_on, StatusCode::CONFLICT).await;
}

async fn require_for_vendor_staff(admin: &Session, required: bool) -> reqwest::Response {
    admin
        .send(reqwest::Method::PUT, "/api/settings/security")
        .json(&json!({ "vendor_two_factor_required": required }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn vendor_staff_without_it_can_only_set_it_up_once_it_is_required() {
    let app = TestApp::start().await;
    let admin = app.sign_in(ADMIN).await;
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    let by_manager = require_for_vendor_staff(&manager, true).await;
    error(by_manager, StatusCode::FORBIDDEN).await;
    enable_two_factor(&app, &admin).await;
    let saved = require_for_vendor_staff(&admin, true).await;
    assert_eq!(
        json(saved, StatusCode::OK).await["vendor_two_factor_required"],
        true
    );
    assert_eq!(app.audit("portal_settings.updated").await.len(), 1);

    // The manager's session is restricted at once: who they are, setting up, signing out.
    let me = json(manager.get("/api/me").send().await.unwrap(), StatusCode::OK).await;
    assert_eq!(me["two_factor_setup_required"], true);
    let refused = manager.get("/api/registrations").send().await.unwrap();
    let (code, _) = error(refused, StatusCode::FORBIDDEN).await;
    assert_eq!(code, "two_factor_setup_required");
    let notes = manager
        .post("/api/account/password")
        .json(&json!({ "current_password": PASSWORD, "new_password": "a brand new passphrase" }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        error(notes, StatusCode::FORBIDDEN).await.0,
        "two_factor_setup_required"
    );
    assert_eq!(security(&manager).await["two_factor_setup_required"], true);
    // Partners are not affected.
    let partner = alice.get("/api/registrations").send().await.unwrap();
    assert_eq!(partner.status(), StatusCode::OK);

    enable_two_factor(&app, &manager).await;
    let me = json(manager.get("/api/me").send().await.unwrap(), StatusCode::OK).await;
    assert_eq!(me["two_factor_setup_required"], false);
    let allowed = manager.get("/api/registrations").send().await.unwrap();
    assert_eq!(allowed.status(), StatusCode::OK);
    // While required, vendor staff cannot turn it off.
    let off = manager
        .post("/api/account/two-factor/disable")
        .json(&json!({ "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    error(off, StatusCode::FORBIDDEN).await;

    // A manager who signs in fresh without it lands restricted too.
    let lifted = require_for_vendor_staff(&admin, false).await;
    assert_eq!(lifted.status(), StatusCode::OK);
    let off = manager
        .post("/api/account/two-factor/disable")
        .json(&json!({ "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(off.status(), StatusCode::NO_CONTENT);
    require_for_vendor_staff(&admin, true).await;
    let fresh = app.login(MANAGER, PASSWORD).await;
    assert_eq!(
        json(fresh, StatusCode::OK).await["two_factor_setup_required"],
        true
    );
    assert_eq!(app.audit("portal_settings.updated").await.len(), 3);
}
