//! Limits that hold under parallel bursts, and the smaller defences: transport and cache
//! headers, bad paths and NUL characters answered with a 4xx in the one error shape, and files
//! written readable by the server's user only.

use crate::common;

use common::*;
use futures_util::future::join_all;
use portico_server::store::sql;
use reqwest::StatusCode;
use serde_json::json;

/// The organization's registrations inside the last hour, by the test clock.
async fn filed_this_hour(app: &TestApp, organization: i64) -> i64 {
    let (n,): (i64,) = sql::query_as(
        "SELECT COUNT(*) FROM registrations WHERE organization_id = $1 AND submitted_at > $2",
    )
    .bind(organization)
    .bind(app.state().now() - 3600)
    .fetch_one(app.state().db.pool())
    .await
    .unwrap();
    n
}

/// Sends every request at once; answers the statuses.
async fn burst(requests: Vec<reqwest::RequestBuilder>) -> Vec<StatusCode> {
    join_all(requests.into_iter().map(|r| r.send()))
        .await
        .into_iter()
        .map(|r| r.unwrap().status())
        .collect()
}

fn count(statuses: &[StatusCode], status: StatusCode) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}

#[tokio::test]
async fn a_burst_of_filings_never_exceeds_the_organizations_budget() {
    let app = TestApp::start_with(|s| s.rules.submissions_per_hour = 6).await;
    let alice = app.sign_in(ALICE).await;
    let northwind = alice.me.organization.as_ref().unwrap().id;
    let left = 6 - filed_this_hour(&app, northwind).await;
    assert!(left > 0, "the demo spent the budget already");
    let mut requests = Vec::new();
    for n in 0..24 {
        let body = deal_body(&app, &alice, &format!("Burst Company {n}"), "reseller").await;
        requests.push(alice.post("/api/registrations").json(&body));
    }
    let statuses = burst(requests).await;
    assert_eq!(
        count(&statuses, StatusCode::CREATED) as i64,
        left,
        "{statuses:?}"
    );
    assert_eq!(
        count(&statuses, StatusCode::TOO_MANY_REQUESTS) as i64,
        24 - left,
        "{statuses:?}"
    );
    assert_eq!(filed_this_hour(&app, northwind).await, 6);
}

#[tokio::test]
async fn a_burst_through_a_registration_link_never_exceeds_the_address_budget() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let created = json(
        alice.post("/api/registration-link").send().await.unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let link = created["link"].as_str().unwrap();
    let token = &link[link.find("/r/").unwrap() + 3..];
    let url = app.url(&format!(
        "/api/public/registration-links/{token}/registrations"
    ));
    let client = app.anonymous();
    let mut requests = Vec::new();
    for n in 0..25 {
        let body = json!({ "submitter_name": "Sid Seller", "submitter_email": "sid@northwind.example",
            "registration": deal_body(&app, &alice, &format!("Linked Company {n}"), "reseller").await });
        requests.push(client.post(&url).json(&body));
    }
    let statuses = burst(requests).await;
    assert_eq!(count(&statuses, StatusCode::CREATED), 10, "{statuses:?}");
    assert_eq!(
        count(&statuses, StatusCode::TOO_MANY_REQUESTS),
        15,
        "{statuses:?}"
    );
}

#[tokio::test]
async fn https_portals_tell_browsers_to_keep_to_https() {
    let app = TestApp::start_with(|s| s.public_url = "https://partners.acme.example".into()).await;
    for path in ["/healthz", "/api/me", "/login"] {
        let response = app.anonymous().get(app.url(path)).send().await.unwrap();
        assert_eq!(
            response.headers()["strict-transport-security"],
            "max-age=31536000; includeSubDomains",
            "{path}"
        );
    }
    let plain = TestApp::start().await;
    let response = plain
        .anonymous()
        .get(plain.url("/healthz"))
        .send()
        .await
        .unwrap();
    assert!(!response.headers().contains_key("strict-transport-security"));
}

#[tokio::test]
async fn api_answers_are_not_kept_in_caches() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    for path in [
        "/api/me",
        "/api/registrations",
        "/api/feed",
        "/api/nothing-here",
    ] {
        let response = alice.get(path).send().await.unwrap();
        assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
    }
    let anonymous = app
        .anonymous()
        .get(app.url("/api/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn overlong_path_segments_are_unknown_pages_not_errors() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        "<!doctype html><title>Portico</title>",
    )
    .unwrap();
    let served = dist.path().to_owned();
    let app = TestApp::start_with(move |s| s.dist = Some(served)).await;
    let long = "a".repeat(300);
    for path in [
        format!("/{long}"),
        format!("/content/{long}"),
        format!("/embed/crm/hubspot/{long}"),
    ] {
        let response = app.anonymous().get(app.url(&path)).send().await.unwrap();
        let (code, _) = error(response, StatusCode::NOT_FOUND).await;
        assert_eq!(code, "not_found", "{path}");
    }
    let admin = app.sign_in(ADMIN).await;
    let response = admin
        .get(&format!("/api/registrations/{long}"))
        .send()
        .await
        .unwrap();
    error(response, StatusCode::NOT_FOUND).await;
    let response = admin
        .get(&format!("/api/messages/mailbox/{long}.eml"))
        .send()
        .await
        .unwrap();
    error(response, StatusCode::NOT_FOUND).await;
    // A client route still gets the SPA.
    let page = app
        .anonymous()
        .get(app.url("/content/7"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
}

#[tokio::test]
async fn nul_characters_in_text_are_refused_on_every_engine() {
    let app = TestApp::start().await;
    let (alice, manager) = (app.sign_in(ALICE).await, app.sign_in(MANAGER).await);
    let mut body = deal_body(&app, &alice, "Nul Industries", "reseller").await;
    body["description"] = "A real\u{0}project.".into();
    nul_refused(file(&alice, &body).await).await;

    let mut body = deal_body(&app, &alice, "Nul\u{0} Industries", "reseller").await;
    body["company_domain"] = "nul.example".into();
    nul_refused(file(&alice, &body).await).await;

    // An escaped backslash before "u0000" is text, not a NUL.
    let mut body = deal_body(&app, &alice, "Backslash Industries", "reseller").await;
    body["description"] = "Path C:\\u0000 is fine.".into();
    assert_eq!(file(&alice, &body).await.status(), StatusCode::CREATED);

    for path in [
        "/api/assets?q=secur%00ity",
        "/api/pipeline?q=%00",
        "/api/accounts?q=a%00b",
    ] {
        let response = manager.get(path).send().await.unwrap();
        nul_refused(response).await;
    }
    let response = manager
        .get("/embed/crm/hubspot/deal%00id?exp=1&sig=00")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = manager
        .post("/api/accounts")
        .json(&json!({ "name": "Nul\u{0}Corp", "owner": "Dana" }))
        .send()
        .await
        .unwrap();
    nul_refused(response).await;
    let response = manager
        .post_csv(
            "/api/accounts/import",
            "name,domain,owner\nNul\u{0}Corp,nul.example,Dana\n",
        )
        .await;
    nul_refused(response).await;
    let metadata = json!({
        "title": "Guide", "summary": "A guide", "body": "Text", "kind": "battlecard",
        "motions": ["reseller"], "industries": ["Retail\u{0}"], "use_cases": [],
        "language": "en", "audience": {}, "link": "https://example.com/guide"
    });
    let form = reqwest::multipart::Form::new().text("metadata", metadata.to_string());
    let response = manager
        .post("/api/assets")
        .multipart(form)
        .send()
        .await
        .unwrap();
    nul_refused(response).await;
}

async fn file(partner: &Session, body: &serde_json::Value) -> reqwest::Response {
    partner
        .post("/api/registrations")
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn nul_refused(response: reqwest::Response) {
    let (code, body) = error(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(code, "unprocessable");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message.contains("NUL character"), "{message}");
}

#[cfg(unix)]
#[tokio::test]
async fn files_the_server_writes_are_its_own() {
    use std::os::unix::fs::PermissionsExt as _;
    let app = TestApp::start().await;
    let admin = app.sign_in(ADMIN).await;
    let invited = admin
        .post("/api/invitations")
        .json(&json!({ "email": "new.colleague@acme.example", "role": "manager" }))
        .send()
        .await
        .unwrap();
    assert_eq!(invited.status(), StatusCode::CREATED);
    common::smtp::deliver_due(app.state()).await;

    let mut written: Vec<std::path::PathBuf> = std::fs::read_dir(&app.mailbox)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(
        !written.is_empty(),
        "the invitation's e-mail is in the mailbox"
    );
    let stored = walk(std::path::Path::new(&app.storage));
    assert!(!stored.is_empty(), "the demo's uploaded files are stored");
    written.extend(stored);
    if let Some(database) = app.database_url.strip_prefix("sqlite://") {
        written.push(database.into());
    }
    for path in written {
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{} is {:o}", path.display(), mode & 0o777);
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}
