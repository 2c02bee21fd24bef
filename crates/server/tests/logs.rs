//! What the logs hold after a flow that handles every kind of secret the portal has (passwords,
//! session cookies, CSRF tokens, invitation, sign-in and registration links, a signed card
//! URL), captured at the most verbose level: none of those secrets, while every request is
//! there with its tokens written as `{token}`.

mod common;

use std::sync::{Arc, Mutex};

use common::smtp::{deliver_due, link_starting};
use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Everything written to the log, kept in memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// The part of `link` after `prefix`, up to its query.
fn token_after(link: &str, prefix: &str) -> String {
    let start = link
        .find(prefix)
        .unwrap_or_else(|| panic!("{prefix} in {link}"))
        + prefix.len();
    link[start..].split(['?', '/']).next().unwrap().to_owned()
}

async fn ok(response: reqwest::Response) -> Value {
    let status = response.status();
    assert!(
        status.is_success(),
        "{status}: {}",
        response.text().await.unwrap()
    );
    response.json().await.unwrap_or(Value::Null)
}

#[tokio::test]
async fn a_whole_flow_leaves_no_secret_in_the_logs() {
    let logs = Captured::default();
    tracing_subscriber::fmt()
        // Everything, but for the test's own HTTP client's cookie jar.
        .with_env_filter("trace,cookie_store=off,reqwest=off")
        .with_ansi(false)
        .with_writer(logs.clone())
        .init();
    let app = TestApp::start().await;
    let mut secrets = vec![PASSWORD.to_owned()];

    // A password sign-in, then the session cookie and CSRF token in use.
    let signed_in = app.login(ALICE, PASSWORD).await;
    let cookie = signed_in.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    let (cookie_name, session_value) = cookie.split(';').next().unwrap().split_once('=').unwrap();
    let (cookie_name, session_value) = (cookie_name.to_owned(), session_value.to_owned());
    let csrf = ok(signed_in).await["csrf_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let me = reqwest::Client::new()
        .get(app.url("/api/me"))
        .header("cookie", format!("{cookie_name}={session_value}"))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::OK);
    secrets.extend([session_value, csrf]);

    // An invitation, looked at and accepted with a new password.
    let (admin, manager, alice) = (
        app.sign_in(ADMIN).await,
        app.sign_in(MANAGER).await,
        app.sign_in(ALICE).await,
    );
    secrets.extend([&admin, &manager, &alice].map(|s| s.me.csrf_token.clone()));
    let invited = admin
        .post("/api/invitations")
        .json(&json!({ "email": "new.manager@acme.example", "role": "manager" }))
        .send()
        .await
        .unwrap();
    let link = ok(invited).await["link"].as_str().unwrap().to_owned();
    let invitation = token_after(&link, "/invite/");
    let new_password = "a fresh passphrase for the log test";
    let anonymous = app.anonymous();
    for path in [
        format!("/invite/{invitation}"),
        format!("/api/invitations/{invitation}"),
    ] {
        anonymous.get(app.url(&path)).send().await.unwrap();
    }
    let accepted = anonymous
        .post(app.url(&format!("/api/invitations/{invitation}/accept")))
        .json(&json!({ "name": "New Manager", "password": new_password }))
        .send()
        .await
        .unwrap();
    ok(accepted).await;
    secrets.extend([invitation, new_password.to_owned()]);

    // A sign-in link, read from the mailbox and used.
    let anonymous = app.anonymous();
    let requested = anonymous
        .post(app.url("/api/auth/magic-link"))
        .json(&json!({ "email": common::BOB }))
        .send()
        .await
        .unwrap();
    assert_eq!(requested.status(), StatusCode::ACCEPTED);
    deliver_due(app.state()).await;
    let entries = ok(admin.get("/api/messages/mailbox").send().await.unwrap()).await;
    let name = entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["to"] == common::BOB)
        .expect("the sign-in link's e-mail")["name"]
        .as_str()
        .unwrap()
        .to_owned();
    let message = ok(admin
        .get(&format!("/api/messages/mailbox/{name}"))
        .send()
        .await
        .unwrap())
    .await;
    let link = link_starting(
        message["text"].as_str().unwrap(),
        "http://127.0.0.1/sign-in/",
    );
    let sign_in = token_after(&link, "/sign-in/");
    anonymous
        .get(app.url(&format!("/sign-in/{sign_in}")))
        .send()
        .await
        .unwrap();
    let redeemed = anonymous
        .post(app.url("/api/auth/magic-link/redeem"))
        .json(&json!({ "token": sign_in }))
        .send()
        .await
        .unwrap();
    ok(redeemed).await;
    secrets.push(sign_in);

    // A registration link, opened and used.
    let anonymous = app.anonymous();
    let created = ok(alice.post("/api/registration-link").send().await.unwrap()).await;
    let registration_link = token_after(created["link"].as_str().unwrap(), "/r/");
    let form = format!("/api/public/registration-links/{registration_link}");
    for path in [format!("/r/{registration_link}"), form.clone()] {
        anonymous.get(app.url(&path)).send().await.unwrap();
    }
    let registration = register_deal(&app, &alice, "Logless Industries", "reseller").await;
    let filed = anonymous
        .post(app.url(&format!("{form}/registrations")))
        .json(
            &json!({ "submitter_name": "Sid Seller", "submitter_email": "sid@northwind.example",
            "registration": deal_body(&app, &alice, "Logless Two", "reseller").await }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(filed.status(), StatusCode::CREATED);
    secrets.push(registration_link);

    // An integration secret, a webhook signing secret, and a signed card link, opened.
    let saved = manager
        .send(reqwest::Method::PUT, "/api/integrations/hubspot")
        .json(&json!({ "frame_origins": ["https://app.hubspot.com"] }))
        .send()
        .await
        .unwrap();
    ok(saved).await;
    let secret = ok(manager
        .post("/api/integrations/hubspot/secret")
        .send()
        .await
        .unwrap())
    .await;
    secrets.push(secret["secret"].as_str().unwrap().to_owned());
    let endpoint = ok(manager
        .post("/api/webhooks/endpoints")
        .json(&json!({ "url": "http://127.0.0.1:9/hook", "event_types": ["asset.published"] }))
        .send()
        .await
        .unwrap())
    .await;
    secrets.push(endpoint["secret"]["secret"].as_str().unwrap().to_owned());
    let id = registration["id"].as_i64().unwrap();
    let card = manager
        .post("/api/integrations/hubspot/card-links")
        .json(&json!({ "subject": { "registration": id }, "valid_days": 7 }))
        .send()
        .await
        .unwrap();
    let url = ok(card).await["url"].as_str().unwrap().to_owned();
    let path = &url[url.find("/embed/").unwrap()..];
    let opened = anonymous.get(app.url(path)).send().await.unwrap();
    assert_eq!(opened.status(), StatusCode::OK);
    secrets.push(token_after(&url, "sig="));

    let text = logs.text();
    for secret in &secrets {
        assert!(secret.len() >= 8, "{secret:?} is too short to look for");
        if let Some(at) = text.find(secret.as_str()) {
            let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
            let line_end = text[at..].find('\n').map_or(text.len(), |n| at + n);
            panic!("the log holds {secret:?}: {}", &text[line_start..line_end]);
        }
    }
    for logged in [
        "/invite/{token}",
        "/api/invitations/{token}/accept",
        "/sign-in/{token}",
        "/r/{token}",
        "/api/public/registration-links/{token}/registrations",
        "/embed/registrations/",
    ] {
        assert!(text.contains(logged), "no request to {logged} in the log");
    }
}
