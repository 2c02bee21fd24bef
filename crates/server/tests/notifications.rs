//! Delivery of the outbox by e-mail, through a real SMTP server process, and to Slack, through a
//! real HTTP receiver; channel preferences and unsubscribe links; sign-in links; invitations by
//! e-mail; the mailbox when no SMTP server is configured.

use crate::common;

use common::smtp::{
    SlackReceiver, SmtpReceiver, deliver_due, free_port, smtp_url, wait_for_messages,
};
use common::{ALICE, MANAGER, Session, TestApp, approve, error, json, register_deal};
use portico_server::mail::Parsed;
use reqwest::StatusCode;
use serde_json::{Value, json};

const NATE: &str = "nate@northwind.example";
const ADMIN: &str = common::ADMIN;

async fn smtp_app(smtp: &SmtpReceiver) -> TestApp {
    let url = smtp.url();
    TestApp::start_with(|s| s.smtp_url = Some(url)).await
}

async fn connect_slack(session: &Session, organization_id: i64, url: &str) -> Value {
    let response = session
        .send(
            reqwest::Method::PUT,
            &format!("/api/organizations/{organization_id}/slack"),
        )
        .json(&json!({ "url": url }))
        .send()
        .await
        .unwrap();
    json(response, StatusCode::OK).await
}

fn to(messages: &[Parsed], address: &str) -> Vec<String> {
    messages
        .iter()
        .filter(|m| m.to == address)
        .map(|m| m.subject.clone())
        .collect()
}

fn header<'a>(message: &'a Parsed, name: &str) -> Option<&'a str> {
    message
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

#[tokio::test]
async fn a_decision_reaches_each_person_by_email_and_the_channel_once_after_slack_fails_first() {
    let smtp = SmtpReceiver::start().await;
    let app = smtp_app(&smtp).await;
    let slack = SlackReceiver::start(1).await;
    let alice = app.sign_in(ALICE).await;
    let manager = app.sign_in(MANAGER).await;
    let northwind = alice.me.organization.as_ref().unwrap().id;
    let connected = connect_slack(&alice, northwind, &slack.url).await;
    assert_eq!(connected["url_hint"], "127.0.0.1/…/part");

    let registration = register_deal(&app, &alice, "Hooli Robotics", "reseller").await;
    approve(&manager, &registration).await;
    let id = registration["id"].as_i64().unwrap();
    deliver_due(app.state()).await;

    let messages = wait_for_messages(&smtp, 2).await;
    let subject = format!(
        "{} approved: Hooli Robotics",
        portico_api::registrations::number(id)
    );
    assert_eq!(to(&messages, ALICE), vec![subject.clone()]);
    assert_eq!(to(&messages, NATE), vec![subject.clone()]);
    let email = messages.iter().find(|m| m.to == ALICE).unwrap();
    assert!(
        email.text.contains(&format!(
            "Open the registration: http://127.0.0.1/registrations/{id}"
        )),
        "{}",
        email.text
    );
    assert!(email.html.contains("<h1"), "an HTML part too");
    let unsubscribe = header(email, "List-Unsubscribe").expect("List-Unsubscribe");
    assert!(
        unsubscribe.starts_with("<http://127.0.0.1/api/unsubscribe?user="),
        "{unsubscribe}"
    );
    assert_eq!(
        header(email, "List-Unsubscribe-Post"),
        Some("List-Unsubscribe=One-Click")
    );
    assert!(
        header(email, "Message-ID")
            .unwrap()
            .contains("portico-message-")
    );

    // Slack refused the first post; the retry comes due after its backoff.
    assert_eq!(*slack.refused.lock().unwrap(), 1);
    assert!(slack.received().is_empty());
    app.clock.advance(5);
    deliver_due(app.state()).await;
    let posts = slack.received();
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0]["text"], subject);
    assert_eq!(posts[0]["blocks"][0]["type"], "header");
    assert_eq!(
        posts[0]["blocks"][2]["elements"][0]["url"],
        format!("http://127.0.0.1/registrations/{id}")
    );

    // Nothing is sent twice.
    app.clock.advance(3600);
    deliver_due(app.state()).await;
    assert_eq!(smtp.messages().len(), 2);
    assert_eq!(slack.received().len(), 1);

    let admin = app.sign_in(ADMIN).await;
    let page = json(
        admin
            .get("/api/messages/deliveries?state=delivered")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    let slack_delivery = items.iter().find(|d| d["channel"] == "slack").unwrap();
    assert_eq!(slack_delivery["attempts"], 2);
    assert_eq!(slack_delivery["recipient"], "Northwind Partners");
    assert_eq!(slack_delivery["category"], "registration_decision");
    let forbidden = manager
        .get("/api/messages/deliveries")
        .send()
        .await
        .unwrap();
    error(forbidden, StatusCode::FORBIDDEN).await;
}

#[tokio::test]
async fn mail_waiting_for_a_down_server_is_sent_once_by_the_next_instance() {
    let port = free_port().await;
    let url = smtp_url(port);
    let mut app = TestApp::start_with(|s| s.smtp_url = Some(url)).await;
    let alice = app.sign_in(ALICE).await;
    let manager = app.sign_in(MANAGER).await;
    let registration = register_deal(&app, &alice, "Pied Piper", "reseller").await;
    approve(&manager, &registration).await;
    deliver_due(app.state()).await;

    let admin = app.sign_in(ADMIN).await;
    let pending = json(
        admin
            .get("/api/messages/deliveries?state=pending")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let items = pending["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert!(
        items[0]["last_error"]
            .as_str()
            .unwrap()
            .starts_with("The SMTP server refused or failed"),
        "{items:?}"
    );

    // The server goes away mid-way; another instance finds the queue and the SMTP server up.
    app.stop().await;
    let smtp = SmtpReceiver::start_on(port).await;
    let other = app.another_instance().await;
    app.clock.advance(10);
    deliver_due(&other.state).await;
    let messages = wait_for_messages(&smtp, 2).await;
    assert_eq!(to(&messages, ALICE).len(), 1);
    assert_eq!(to(&messages, NATE).len(), 1);
    app.clock.advance(3600);
    deliver_due(&other.state).await;
    assert_eq!(smtp.messages().len(), 2);
}

#[tokio::test]
async fn a_dead_slack_post_is_replayed_by_an_administrator() {
    let app = TestApp::start().await;
    let slack = SlackReceiver::start(usize::MAX).await;
    let alice = app.sign_in(ALICE).await;
    let manager = app.sign_in(MANAGER).await;
    let northwind = alice.me.organization.as_ref().unwrap().id;
    connect_slack(&manager, northwind, &slack.url).await;
    let registration = register_deal(&app, &alice, "Aviato", "reseller").await;
    approve(&manager, &registration).await;
    for _ in 0..60 {
        deliver_due(app.state()).await;
        app.clock.advance(3600);
    }
    let (manager, admin) = (app.sign_in(MANAGER).await, app.sign_in(ADMIN).await);
    let dead = json(
        admin
            .get("/api/messages/deliveries?state=dead")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let items = dead["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{dead}");
    assert_eq!(
        items[0]["last_error"],
        "Slack answered 500 Internal Server Error."
    );

    drop(slack);
    let working = SlackReceiver::start(0).await;
    connect_slack(&manager, northwind, &working.url).await;
    let id = items[0]["id"].as_i64().unwrap();
    let replayed = admin
        .post(&format!("/api/messages/deliveries/{id}/replay"))
        .send()
        .await
        .unwrap();
    assert_eq!(json(replayed, StatusCode::OK).await["replayed"], 1);
    deliver_due(app.state()).await;
    assert_eq!(working.received().len(), 1);
    assert_eq!(app.audit("message_delivery.replayed").await.len(), 1);
    let again = admin
        .post(&format!("/api/messages/deliveries/{}/replay", id + 1000))
        .send()
        .await
        .unwrap();
    error(again, StatusCode::CONFLICT).await;
}

#[tokio::test]
async fn people_choose_channels_and_unsubscribe_links_turn_email_off() {
    let smtp = SmtpReceiver::start().await;
    let app = smtp_app(&smtp).await;
    let alice = app.sign_in(ALICE).await;
    let nate = app.sign_in(NATE).await;
    let manager = app.sign_in(MANAGER).await;

    let preferences = json(
        alice.get("/api/me/notifications").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(preferences["slack_connected"], false);
    assert_eq!(
        preferences["choices"],
        json!([
            {"category": "announcement", "email": true, "slack": true},
            {"category": "registration_decision", "email": true, "slack": true},
            {"category": "protection_reminder", "email": true, "slack": true},
            {"category": "tier_change", "email": true, "slack": true},
            {"category": "certification_expiry", "email": true, "slack": true},
        ])
    );
    let set = alice
        .send(reqwest::Method::PUT, "/api/me/notifications")
        .json(&json!({"choices": [
            {"category": "registration_decision", "email": false, "slack": true}
        ]}))
        .send()
        .await
        .unwrap();
    let set = json(set, StatusCode::OK).await;
    assert_eq!(set["choices"][1]["email"], false);
    assert_eq!(set["choices"][0]["email"], true);
    let vendor_only = alice
        .send(reqwest::Method::PUT, "/api/me/notifications")
        .json(&json!({"choices": [{"category": "approval_sla", "email": false, "slack": false}]}))
        .send()
        .await
        .unwrap();
    let (_, body) = error(vendor_only, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(body["error"]["fields"]["choices"].is_string());

    let registration = register_deal(&app, &alice, "Endframe", "reseller").await;
    approve(&manager, &registration).await;
    deliver_due(app.state()).await;
    let messages = wait_for_messages(&smtp, 1).await;
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].to, NATE);

    // Nate's mail client posts to the List-Unsubscribe address (RFC 8058 one-click); the
    // link in the text opens the page that asks first, with the same signed query.
    let header_url = header(&messages[0], "List-Unsubscribe").unwrap();
    let one_click = header_url.trim_matches(['<', '>']);
    let query = one_click.split_once('?').unwrap().1;
    let page = common::smtp::link_starting(&messages[0].text, "http://127.0.0.1/unsubscribe?");
    assert_eq!(page.split_once('?').unwrap().1, query);
    let client = app.anonymous();
    let tampered = client
        .post(app.url(&format!(
            "/api/unsubscribe?{}",
            query.replace("user=", "user=1")
        )))
        .send()
        .await
        .unwrap();
    error(tampered, StatusCode::NOT_FOUND).await;
    let done = client
        .post(one_click.replacen("http://127.0.0.1", &app.base, 1))
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        json(done, StatusCode::OK).await["category"],
        "registration_decision"
    );
    let nate_now = json(
        nate.get("/api/me/notifications").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(nate_now["choices"][1]["email"], false);
    assert_eq!(nate_now["choices"][1]["slack"], true);

    let second = register_deal(&app, &alice, "Raviga Capital", "reseller").await;
    approve(&manager, &second).await;
    deliver_due(app.state()).await;
    assert_eq!(smtp.messages().len(), 1, "both turned the category off");
    assert_eq!(app.audit("notification_preferences.changed").await.len(), 1);
    assert_eq!(
        app.audit("notification_preferences.unsubscribed")
            .await
            .len(),
        1
    );
}

#[tokio::test]
async fn only_an_organizations_admins_and_vendor_staff_manage_its_slack_channel() {
    // As in production: no plain http, Slack's own hosts only.
    let app = TestApp::start_with(|s| {
        s.outbound_policy = portico_server::outbound::TargetPolicy::PublicOnly;
    })
    .await;
    let alice = app.sign_in(ALICE).await;
    let nate = app.sign_in(NATE).await;
    let bob = app.sign_in(common::BOB).await;
    let northwind = alice.me.organization.as_ref().unwrap().id;
    let path = format!("/api/organizations/{northwind}/slack");

    let none = json(alice.get(&path).send().await.unwrap(), StatusCode::OK).await;
    assert!(none.is_null());
    let by_user = nate
        .send(reqwest::Method::PUT, &path)
        .json(&json!({"url": "https://hooks.slack.com/services/T/B/x"}))
        .send()
        .await
        .unwrap();
    error(by_user, StatusCode::FORBIDDEN).await;
    let other_org = bob.get(&path).send().await.unwrap();
    error(other_org, StatusCode::NOT_FOUND).await;
    let plain_http = alice
        .send(reqwest::Method::PUT, &path)
        .json(&json!({"url": "http://hooks.example/x"}))
        .send()
        .await
        .unwrap();
    let (_, body) = error(plain_http, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(body["error"]["fields"]["url"].is_string());

    let saved = connect_slack(
        &alice,
        northwind,
        "https://hooks.slack.com/services/T/B/abcd1234",
    )
    .await;
    assert_eq!(saved["url_hint"], "hooks.slack.com/…/1234");
    let shown = json(alice.get(&path).send().await.unwrap(), StatusCode::OK).await;
    assert_eq!(shown["url_hint"], "hooks.slack.com/…/1234");
    assert!(!shown.to_string().contains("abcd1234"));
    let removed = alice
        .send(reqwest::Method::DELETE, &path)
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.audit("slack_channel.connected").await.len(), 1);
    assert_eq!(app.audit("slack_channel.disconnected").await.len(), 1);
}

#[tokio::test]
async fn a_sign_in_link_works_once_within_fifteen_minutes_and_reveals_no_accounts() {
    let smtp = SmtpReceiver::start().await;
    let app = smtp_app(&smtp).await;
    let client = app.anonymous();
    let ask = |email: &'static str, next: Option<&'static str>| {
        let client = client.clone();
        let url = app.url("/api/auth/magic-link");
        async move {
            client
                .post(url)
                .json(&json!({ "email": email, "next": next }))
                .send()
                .await
                .unwrap()
        }
    };
    let known = json(
        ask(ALICE, Some("/registrations/3")).await,
        StatusCode::ACCEPTED,
    )
    .await;
    let unknown = json(
        ask("nobody@nowhere.example", None).await,
        StatusCode::ACCEPTED,
    )
    .await;
    assert_eq!(known, unknown, "the same answer either way");
    deliver_due(app.state()).await;
    let messages = wait_for_messages(&smtp, 1).await;
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].to, ALICE);
    assert_eq!(header(&messages[0], "List-Unsubscribe"), None);
    let link = common::smtp::link_starting(&messages[0].text, "http://127.0.0.1/sign-in/");
    let (token, next) = link["http://127.0.0.1/sign-in/".len()..]
        .split_once("?next=")
        .unwrap();
    assert_eq!(next, "%2Fregistrations%2F3");

    let redeem = |token: String| {
        let client = app.anonymous();
        let url = app.url("/api/auth/magic-link/redeem");
        async move {
            let response = client
                .post(url)
                .json(&json!({ "token": token }))
                .send()
                .await
                .unwrap();
            (client, response)
        }
    };
    let (signed_in, response) = redeem(token.to_owned()).await;
    assert_eq!(json(response, StatusCode::OK).await["user"]["email"], ALICE);
    let me = signed_in.get(app.url("/api/me")).send().await.unwrap();
    assert_eq!(me.status(), StatusCode::OK);
    let (_, again) = redeem(token.to_owned()).await;
    error(again, StatusCode::NOT_FOUND).await;

    // A second link, used too late.
    json(ask(ALICE, None).await, StatusCode::ACCEPTED).await;
    deliver_due(app.state()).await;
    let messages = wait_for_messages(&smtp, 2).await;
    let late = common::smtp::link_starting(&messages[1].text, "http://127.0.0.1/sign-in/");
    app.clock.advance(15 * 60 + 1);
    let (_, expired) = redeem(late["http://127.0.0.1/sign-in/".len()..].to_owned()).await;
    error(expired, StatusCode::NOT_FOUND).await;

    // Three links per address in fifteen minutes, whether or not it has an account.
    for _ in 0..3 {
        json(
            ask("nobody@nowhere.example", None).await,
            StatusCode::ACCEPTED,
        )
        .await;
    }
    let limited = ask("nobody@nowhere.example", None).await;
    assert!(limited.headers().contains_key("retry-after"));
    error(limited, StatusCode::TOO_MANY_REQUESTS).await;
    let invalid = client
        .post(app.url("/api/auth/magic-link"))
        .json(&json!({ "email": "not an address" }))
        .send()
        .await
        .unwrap();
    error(invalid, StatusCode::UNPROCESSABLE_ENTITY).await;
}

#[tokio::test]
async fn invitations_are_emailed_and_without_smtp_land_in_the_mailbox() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let admin = app.sign_in(ADMIN).await;
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
    let invited = json(invited, StatusCode::CREATED).await;
    deliver_due(app.state()).await;

    let listed = json(
        admin.get("/api/messages/mailbox").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    let entries = listed.as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["to"], "new.person@northwind.example");
    assert_eq!(
        entries[0]["subject"],
        "You are invited to Northwind Partners on Portico"
    );
    let name = entries[0]["name"].as_str().unwrap();
    let message = json(
        admin
            .get(&format!("/api/messages/mailbox/{name}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(message["links"][0], invited["link"]);
    assert!(
        message["text"]
            .as_str()
            .unwrap()
            .contains("Morgan Manager invited you to join Northwind Partners")
    );
    let escape = admin
        .get("/api/messages/mailbox/..%2Fsecret.key")
        .send()
        .await
        .unwrap();
    error(escape, StatusCode::NOT_FOUND).await;
    let not_admin = manager.get("/api/messages/mailbox").send().await.unwrap();
    error(not_admin, StatusCode::FORBIDDEN).await;
}
