//! Sign-in, sessions, CSRF and sign-in throttling over real HTTP, including parallel bursts.

use crate::common;

use common::*;
use portico_server::domain::proxies::TrustedProxies;
use reqwest::{Client, StatusCode};

#[tokio::test]
async fn signing_in_sets_a_safe_cookie_and_me_answers() {
    let app = TestApp::start().await;
    let response = app.login("  Alice@Northwind.example ", PASSWORD).await;
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("portico_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "plain http must not set Secure: {cookie}"
    );
    let me = json(response, StatusCode::OK).await;
    assert_eq!(me["user"]["email"], ALICE);
    assert_eq!(me["user"]["role"], "partner_admin");
    assert_eq!(me["organization"]["name"], "Northwind Partners");

    let session = app.sign_in(BOB).await;
    let me = json(session.get("/api/me").send().await.unwrap(), StatusCode::OK).await;
    assert_eq!(me["user"]["name"], "Bob Globex");
    assert_eq!(me["organization"]["name"], "Globex Consulting");
    assert_eq!(me["csrf_token"], session.me.csrf_token.as_str());
    let vendor = app.sign_in(MANAGER).await;
    assert!(vendor.me.organization.is_none());
}

#[tokio::test]
async fn behind_https_the_cookie_is_a_secure_host_cookie() {
    let app = TestApp::start_with(|s| s.public_url = "https://partners.acme.example".into()).await;
    let response = app.login(ALICE, PASSWORD).await;
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        cookie.starts_with("__Host-portico_session=")
            && cookie.contains("; Path=/;")
            && cookie.contains("; Secure")
            && !cookie.contains("Domain"),
        "{cookie}"
    );
    let value = cookie.split(';').next().unwrap().split_once('=').unwrap().1;
    let me = |cookie: String| {
        let client = app.anonymous();
        let url = app.url("/api/me");
        async move {
            let response = client.get(url).header("Cookie", cookie).send().await;
            response.unwrap().status()
        }
    };
    assert_eq!(
        me(format!("__Host-portico_session={value}")).await,
        StatusCode::OK
    );
    // The plain name is not read over HTTPS: a cookie planted without the prefix does nothing.
    assert_eq!(
        me(format!("portico_session={value}")).await,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn wrong_password_and_unknown_email_get_the_same_answer() {
    let app = TestApp::start().await;
    let client = app.anonymous();
    let mut messages = Vec::new();
    for (email, password) in [
        (ALICE, "not-the-password"),
        ("nobody@nowhere.example", PASSWORD),
    ] {
        let response = app.login_with(&client, email, password).await;
        assert!(response.headers().get("set-cookie").is_none());
        let (code, body) = error(response, StatusCode::UNAUTHORIZED).await;
        assert_eq!(code, "invalid_credentials");
        messages.push(body["error"]["message"].clone());
    }
    assert_eq!(messages[0], messages[1]);
}

#[tokio::test]
async fn me_without_a_session_is_401() {
    let app = TestApp::start().await;
    let response = app
        .anonymous()
        .get(app.url("/api/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        error(response, StatusCode::UNAUTHORIZED).await.0,
        "unauthenticated"
    );
    let forged = app
        .anonymous()
        .get(app.url("/api/me"))
        .header("Cookie", "portico_session=forged")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn repeated_failures_are_throttled_per_account_until_the_window_passes() {
    let app = TestApp::start().await;
    let client = app.anonymous();
    for _ in 0..5 {
        let failed = app.login_with(&client, ALICE, "wrong-password").await;
        assert_eq!(failed.status(), StatusCode::UNAUTHORIZED);
    }
    let refused = app.login_with(&client, ALICE, PASSWORD).await;
    let retry_after: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (1..=900).contains(&retry_after),
        "Retry-After {retry_after}"
    );
    assert_eq!(
        error(refused, StatusCode::TOO_MANY_REQUESTS).await.0,
        "rate_limited"
    );

    // Another account from the same address is not locked by Alice's failures.
    assert_eq!(app.sign_in(BOB).await.me.user.email, BOB);

    app.clock.advance(retry_after as i64);
    assert_eq!(
        app.login_with(&client, ALICE, PASSWORD).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn many_failures_from_one_address_are_throttled_across_accounts() {
    let app = TestApp::start().await;
    let client = app.anonymous();
    for n in 0..20 {
        let response = app
            .login_with(&client, &format!("guess{n}@acme.example"), "guess")
            .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let response = app.login_with(&client, ALICE, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
}

/// A sign-in attempt relayed by a proxy that says it came from `client`.
async fn login_via_proxy(app: &TestApp, client: &str, email: &str, password: &str) -> StatusCode {
    app.anonymous()
        .post(app.url("/api/auth/login"))
        .header("X-Forwarded-For", client)
        .json(&serde_json::json!({ "email": email, "password": password }))
        .send()
        .await
        .expect("login request")
        .status()
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_address_is_throttled_on_its_own() {
    let app = TestApp::start_with(|settings| {
        settings.trusted_proxies = TrustedProxies::parse("127.0.0.1, ::1").unwrap();
    })
    .await;
    for n in 0..20 {
        let guess = format!("guess{n}@acme.example");
        let status = login_via_proxy(&app, "203.0.113.7", &guess, "guess").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let blocked = login_via_proxy(&app, "203.0.113.7", ALICE, PASSWORD).await;
    assert_eq!(blocked, StatusCode::TOO_MANY_REQUESTS);
    // Someone else behind the same proxy is not locked out.
    let other = login_via_proxy(&app, "203.0.113.8", ALICE, PASSWORD).await;
    assert_eq!(other, StatusCode::OK);
}

#[tokio::test]
async fn an_untrusted_x_forwarded_for_cannot_dodge_the_address_limit() {
    let app = TestApp::start().await;
    for n in 0..20 {
        let guess = format!("guess{n}@acme.example");
        let status = login_via_proxy(&app, &format!("198.51.100.{n}"), &guess, "guess").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let blocked = login_via_proxy(&app, "198.51.100.99", ALICE, PASSWORD).await;
    assert_eq!(blocked, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn logout_ends_the_session_on_the_server() {
    let app = TestApp::start().await;
    let client = app.anonymous();
    let login = app.login_with(&client, ALICE, PASSWORD).await;
    let cookie = login.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let csrf = json(login, StatusCode::OK).await["csrf_token"]
        .as_str()
        .unwrap()
        .to_owned();

    let response = client
        .post(app.url("/api/auth/logout"))
        .header("X-CSRF-Token", csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(
        response.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );

    // A copy of the old cookie is worthless: the session is gone on the server.
    let replayed = app
        .anonymous()
        .get(app.url("/api/me"))
        .header("Cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(replayed.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn state_changes_need_the_csrf_token() {
    let app = TestApp::start().await;
    let session = app.sign_in(ALICE).await;
    let missing = session
        .client
        .post(app.url("/api/auth/logout"))
        .send()
        .await
        .unwrap();
    assert_eq!(error(missing, StatusCode::FORBIDDEN).await.0, "csrf_failed");
    let wrong = session
        .client
        .post(app.url("/api/auth/logout"))
        .header("X-CSRF-Token", "not-the-token")
        .send()
        .await
        .unwrap();
    assert_eq!(error(wrong, StatusCode::FORBIDDEN).await.0, "csrf_failed");
    // Still signed in: the refused requests changed nothing.
    assert_eq!(
        session.get("/api/me").send().await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(
        session
            .post("/api/auth/logout")
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NO_CONTENT
    );
}

#[tokio::test]
async fn sessions_expire_when_idle_and_in_any_case() {
    let app = TestApp::start().await;
    let idle = app.sign_in(ALICE).await;
    app.clock.advance(11 * 3600);
    assert_eq!(
        idle.get("/api/me").send().await.unwrap().status(),
        StatusCode::OK
    );
    app.clock.advance(11 * 3600);
    assert_eq!(
        idle.get("/api/me").send().await.unwrap().status(),
        StatusCode::OK,
        "activity keeps it alive"
    );
    app.clock.advance(13 * 3600);
    assert_eq!(
        idle.get("/api/me").send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );

    let busy = app.sign_in(BOB).await;
    let mut hours = 0;
    while busy.get("/api/me").send().await.unwrap().status() == StatusCode::OK {
        assert!(
            hours <= 7 * 24,
            "a session in constant use must still end after seven days"
        );
        app.clock.advance(11 * 3600);
        hours += 11;
    }
    assert!(hours >= 7 * 24, "ended after {hours} hours");
}

#[tokio::test]
async fn sessions_survive_a_restart_and_work_on_every_instance() {
    let mut app = TestApp::start().await;
    let session = app.sign_in(ALICE).await;
    app.stop().await;
    let other = app.another_instance().await;
    let response = session
        .client
        .get(format!("http://{}/api/me", other.addr))
        .send()
        .await
        .unwrap();
    assert_eq!(json(response, StatusCode::OK).await["user"]["email"], ALICE);
    other.stop().await.unwrap();
}

#[tokio::test]
async fn housekeeping_forgets_dead_sessions_and_old_failures() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    enable_two_factor(&app, &alice).await;
    password_step(&app, &app.anonymous(), ALICE).await;
    let client = app.anonymous();
    let failed = app.login_with(&client, BOB, "wrong-password").await;
    assert_eq!(failed.status(), StatusCode::UNAUTHORIZED);
    let counts = || async {
        (
            app.count("SELECT COUNT(*) FROM sessions").await,
            app.count("SELECT COUNT(*) FROM throttle_attempts").await,
            app.count("SELECT COUNT(*) FROM pending_sign_ins").await,
        )
    };
    portico_server::jobs::housekeeping_once(app.state())
        .await
        .unwrap();
    assert_eq!(counts().await, (1, 2, 1), "nothing current is lost");
    // Past the longest window any limit has, and past every session's idle limit.
    app.clock.advance(25 * 3600);
    portico_server::jobs::housekeeping_once(app.state())
        .await
        .unwrap();
    assert_eq!(counts().await, (0, 0, 0));
}

/// Sends `n` requests at once, each from its own client; answers their statuses.
async fn burst(n: usize, send: impl Fn(Client) -> reqwest::RequestBuilder) -> Vec<StatusCode> {
    let requests = (0..n).map(|_| send(Client::new()).send());
    futures_util::future::join_all(requests)
        .await
        .into_iter()
        .map(|r| r.expect("request").status())
        .collect()
}

fn tally(statuses: &[StatusCode], wanted: StatusCode) -> usize {
    statuses.iter().filter(|s| **s == wanted).count()
}

#[tokio::test]
async fn a_burst_of_wrong_passwords_gets_exactly_the_allowed_checks() {
    let app = TestApp::start().await;
    let url = app.url("/api/auth/login");
    let statuses = burst(40, |client| {
        client
            .post(&url)
            .json(&serde_json::json!({ "email": ALICE, "password": "wrong-password" }))
    })
    .await;
    // Each 401 is a password checked; the rest were refused before any check.
    assert_eq!(
        tally(&statuses, StatusCode::UNAUTHORIZED),
        5,
        "{statuses:?}"
    );
    assert_eq!(tally(&statuses, StatusCode::TOO_MANY_REQUESTS), 35);
    let recorded = app
        .count("SELECT COUNT(*) FROM throttle_attempts WHERE scope LIKE 'password:%'")
        .await;
    assert_eq!(recorded, 5);
    let refused = app.login(ALICE, PASSWORD).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn a_burst_of_link_requests_sends_exactly_the_allowed_emails() {
    let app = TestApp::start().await;
    let url = app.url("/api/auth/magic-link");
    let statuses = burst(10, |client| {
        client
            .post(&url)
            .json(&serde_json::json!({ "email": ALICE }))
    })
    .await;
    assert_eq!(tally(&statuses, StatusCode::ACCEPTED), 3, "{statuses:?}");
    assert_eq!(tally(&statuses, StatusCode::TOO_MANY_REQUESTS), 7);
    let emails = app
        .count("SELECT COUNT(*) FROM outbox WHERE category = 'sign_in_link'")
        .await;
    assert_eq!(emails, 3);
}

#[tokio::test]
async fn an_attacker_elsewhere_cannot_lock_the_owner_out() {
    let app = TestApp::start_with(|settings| {
        settings.trusted_proxies = TrustedProxies::parse("127.0.0.1, ::1").unwrap();
    })
    .await;
    let attacker = "203.0.113.66";
    for _ in 0..5 {
        let status = login_via_proxy(&app, attacker, ALICE, "guess-guess-guess").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let blocked = login_via_proxy(&app, attacker, ALICE, "guess-guess-guess").await;
    assert_eq!(blocked, StatusCode::TOO_MANY_REQUESTS);
    // Even the right password waits now, from the attacker's address.
    let still_blocked = login_via_proxy(&app, attacker, ALICE, PASSWORD).await;
    assert_eq!(still_blocked, StatusCode::TOO_MANY_REQUESTS);

    // Alice, from her own address, signs in as usual and can always ask for a link.
    let owner = login_via_proxy(&app, "198.51.100.20", ALICE, PASSWORD).await;
    assert_eq!(owner, StatusCode::OK);
    let link = app
        .anonymous()
        .post(app.url("/api/auth/magic-link"))
        .header("X-Forwarded-For", "198.51.100.20")
        .json(&serde_json::json!({ "email": ALICE }))
        .send()
        .await
        .unwrap();
    assert_eq!(link.status(), StatusCode::ACCEPTED);
}

#[tokio::test]
async fn a_right_password_gives_its_attempt_back() {
    let app = TestApp::start().await;
    let client = app.anonymous();
    for _ in 0..4 {
        let failed = app.login_with(&client, ALICE, "wrong-password").await;
        assert_eq!(failed.status(), StatusCode::UNAUTHORIZED);
    }
    // Successes do not use the address's budget up: a shared office address keeps working.
    for _ in 0..25 {
        assert_eq!(app.login(BOB, PASSWORD).await.status(), StatusCode::OK);
    }
    assert_eq!(app.login(ALICE, PASSWORD).await.status(), StatusCode::OK);
    // Alice's own mistakes from here are forgotten once she is in.
    for _ in 0..5 {
        let failed = app.login_with(&client, ALICE, "wrong-password").await;
        assert_eq!(failed.status(), StatusCode::UNAUTHORIZED);
    }
}
