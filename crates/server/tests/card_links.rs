//! Card links over real HTTP: each signed link is recorded with an id the signature covers,
//! listed for managers, and revoked one at a time; the card then refuses it, while other links
//! (and links made before ids) keep working. Signatures are made here independently of the
//! server's code.

use crate::common;

use common::*;
use hmac::{Hmac, Mac};
use portico_server::clock::rfc3339;
use portico_server::store::sql;
use reqwest::StatusCode;
use serde_json::{Value, json};
use sha2::Sha256;

const HUBSPOT_ORIGIN: &str = "https://app.hubspot.com";

/// Saves the integration's frame origins and answers its new integration secret.
async fn integration(manager: &Session, system: &str) -> String {
    integration_secret(
        manager,
        system,
        json!({ "frame_origins": [HUBSPOT_ORIGIN] }),
    )
    .await
}

/// An approved deal of `company`, as its opportunity id.
async fn deal(app: &TestApp, manager: &Session, alice: &Session, company: &str) -> i64 {
    let registration = register_deal(app, alice, company, "reseller").await;
    approve(manager, &registration).await;
    let (id,): (i64,) = sql::query_as("SELECT id FROM opportunities WHERE registration_id = $1")
        .bind(registration["id"].as_i64().unwrap())
        .fetch_one(app.state().db.pool())
        .await
        .unwrap();
    id
}

async fn issue(manager: &Session, system: &str, body: Value) -> reqwest::Response {
    manager
        .post(&format!("/api/integrations/{system}/card-links"))
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// A link to the opportunity's card, as `(id, path and query)`.
async fn link(manager: &Session, system: &str, opportunity: i64) -> (i64, String) {
    let body = json!({ "subject": { "opportunity": opportunity }, "valid_days": 7 });
    let made = json(issue(manager, system, body).await, StatusCode::OK).await;
    let url = made["url"].as_str().unwrap();
    let local = url.strip_prefix("http://127.0.0.1").expect("a portal URL");
    (made["id"].as_i64().unwrap(), local.to_owned())
}

/// The card at `path_and_query`, fetched as a CRM frame would: (status, CSP, page).
async fn open(app: &TestApp, path_and_query: &str) -> (StatusCode, String, String) {
    let response = app
        .anonymous()
        .get(app.url(path_and_query))
        .send()
        .await
        .unwrap();
    let status = response.status();
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    (status, csp, response.text().await.unwrap())
}

fn hex_hmac(secret: &str, text: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(text.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

async fn revoke(manager: &Session, system: &str, id: i64, body: Value) -> reqwest::Response {
    manager
        .post(&format!(
            "/api/integrations/{system}/card-links/{id}/revoke"
        ))
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn listed(session: &Session, system: &str, query: &str) -> reqwest::Response {
    session
        .get(&format!("/api/integrations/{system}/card-links{query}"))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn one_revoked_link_is_refused_while_the_others_keep_working() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    let secret = integration(&manager, "hubspot").await;
    let first = deal(&app, &manager, &alice, "Revoked Corp").await;
    let second = deal(&app, &manager, &alice, "Untouched Corp").await;

    let (revoked_id, revoked) = link(&manager, "hubspot", first).await;
    let (_, sibling) = link(&manager, "hubspot", first).await;
    let (_, other_subject) = link(&manager, "hubspot", second).await;
    let exp = app.state().now() + 7 * 86_400;
    let signed = format!("/embed/deals/{first}?exp={exp}&lid={revoked_id}");
    assert_eq!(
        revoked,
        format!("{signed}&sig={}", hex_hmac(&secret, &signed)),
        "the link id is signed with the path and expiry"
    );
    let legacy_path = format!("/embed/deals/{first}");
    let legacy_signed = format!("{legacy_path}?exp={exp}");
    let legacy = format!("{legacy_signed}&sig={}", hex_hmac(&secret, &legacy_signed));

    let (status, _, html) = open(&app, &revoked).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Revoked Corp"), "{html}");

    let response = revoke(
        &manager,
        "hubspot",
        revoked_id,
        json!({ "rationale": "  Pasted into the wrong CRM deal. " }),
    )
    .await;
    let view = json(response, StatusCode::OK).await;
    assert_eq!(view["id"], revoked_id);
    assert_eq!(view["revoked"]["by"], manager.me.user.name);
    assert_eq!(
        view["revoked"]["rationale"],
        "Pasted into the wrong CRM deal."
    );

    let (status, csp, html) = open(&app, &revoked).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(html.contains("This card link was revoked."), "{html}");
    assert!(!html.contains("Revoked Corp") && !html.contains("Northwind"));
    assert!(
        csp.contains(&format!("frame-ancestors {HUBSPOT_ORIGIN}")),
        "the refusal shows inside the CRM: {csp}"
    );
    for (still, company) in [
        (&sibling, "Revoked Corp"),
        (&other_subject, "Untouched Corp"),
        (&legacy, "Revoked Corp"),
    ] {
        let (status, _, html) = open(&app, still).await;
        assert_eq!(status, StatusCode::OK, "{still}");
        assert!(html.contains(company));
    }

    let (actor, subject, rationale, at): (i64, i64, Option<String>, i64) = sql::query_as(
        "SELECT actor_user_id, subject_id, rationale, at FROM audit_log \
         WHERE action = 'card_link.revoked' AND subject_type = 'card_link'",
    )
    .fetch_one(app.state().db.pool())
    .await
    .unwrap();
    assert_eq!((actor, subject), (manager.me.user.id, revoked_id));
    assert_eq!(
        rationale.as_deref(),
        Some("Pasted into the wrong CRM deal.")
    );
    assert_eq!(at, app.state().now());
    assert_eq!(app.audit("card_link.issued").await.len(), 3);

    let again = revoke(&manager, "hubspot", revoked_id, json!({})).await;
    let (code, body) = error(again, StatusCode::CONFLICT).await;
    assert_eq!(code, "conflict");
    assert_eq!(
        body["error"]["message"],
        "This card link is already revoked."
    );
    assert_eq!(app.audit("card_link.revoked").await.len(), 1);
}

#[tokio::test]
async fn link_ids_cannot_be_changed_added_or_dropped() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    let secret = integration(&manager, "hubspot").await;
    integration(&manager, "salesforce").await;
    let opportunity = deal(&app, &manager, &alice, "Tamper Corp").await;
    let (first_id, _) = link(&manager, "hubspot", opportunity).await;
    let (second_id, second) = link(&manager, "hubspot", opportunity).await;
    let (salesforce_id, _) = link(&manager, "salesforce", opportunity).await;
    revoke(&manager, "hubspot", first_id, json!({})).await;

    let not_valid = |path_and_query: String| {
        let app = &app;
        async move {
            let (status, _, html) = open(app, &path_and_query).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{path_and_query}");
            assert!(html.contains("This card link is not valid."), "{html}");
            assert!(!html.contains("Tamper Corp"));
        }
    };
    // Another link's id, no id, or an id that is not a number, under the same signature.
    let own_lid = format!("lid={second_id}");
    not_valid(second.replace(&own_lid, &format!("lid={first_id}"))).await;
    not_valid(second.replace(&format!("&{own_lid}"), "")).await;
    not_valid(second.replace(&own_lid, "lid=x")).await;
    // An id added to a link signed without one.
    let exp = app.state().now() + 600;
    let bare = format!("/embed/deals/{opportunity}?exp={exp}");
    let sig = hex_hmac(&secret, &bare);
    not_valid(format!("{bare}&lid={second_id}&sig={sig}")).await;
    // With the secret, ids are still only the ones recorded for this CRM.
    for lid in [salesforce_id, 9_999] {
        let signed = format!("{bare}&lid={lid}");
        not_valid(format!("{signed}&sig={}", hex_hmac(&secret, &signed))).await;
    }
}

#[tokio::test]
async fn managers_list_links_newest_first_in_pages() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    integration(&manager, "hubspot").await;
    let opportunity = deal(&app, &manager, &alice, "Listed Corp").await;
    let mut ids = Vec::new();
    for _ in 0..5 {
        ids.push(link(&manager, "hubspot", opportunity).await.0);
    }
    ids.reverse();
    let registration = register_deal(&app, &alice, "Pending Corp", "reseller").await;
    let body = json!({ "subject": { "registration": registration["id"] } });
    let made = json(issue(&manager, "hubspot", body).await, StatusCode::OK).await;
    assert_eq!(
        made["expires_at"],
        rfc3339(app.state().now() + 30 * 86_400),
        "a link lasts 30 days unless told otherwise"
    );

    let first = json(listed(&manager, "hubspot", "").await, StatusCode::OK).await;
    let newest = &first["items"][0];
    assert_eq!(newest["id"], made["id"]);
    assert_eq!(newest["subject"]["registration"], registration["id"]);
    assert_eq!(newest["subject_name"], "Pending Corp");
    assert_eq!(newest["issued_by"], manager.me.user.name);
    assert_eq!(newest["system"], "hubspot");
    assert_eq!(newest["expired"], false);
    assert!(newest["revoked"].is_null());
    assert!(
        newest.get("url").is_none(),
        "the signed URL is not shown again"
    );

    let mut seen = Vec::new();
    let mut query = "?limit=2".to_owned();
    loop {
        let page = json(listed(&manager, "hubspot", &query).await, StatusCode::OK).await;
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 2);
        seen.extend(items.iter().map(|i| i["id"].as_i64().unwrap()));
        match page["next_cursor"].as_str() {
            Some(cursor) => query = format!("?limit=2&cursor={cursor}"),
            None => break,
        }
    }
    let mut expected = vec![made["id"].as_i64().unwrap()];
    expected.extend(&ids);
    assert_eq!(seen, expected, "newest first, each once");
    assert_eq!(seen.len(), 6);

    let other = json(listed(&manager, "salesforce", "").await, StatusCode::OK).await;
    assert_eq!(other["items"], json!([]), "each CRM lists its own links");
    let bad = listed(&manager, "hubspot", "?cursor=abc").await;
    error(bad, StatusCode::BAD_REQUEST).await;

    app.clock.advance(8 * 86_400);
    // Sessions do not last that long.
    let manager = app.sign_in(MANAGER).await;
    let later = json(listed(&manager, "hubspot", "").await, StatusCode::OK).await;
    assert_eq!(later["items"][0]["expired"], false, "30 days");
    assert_eq!(later["items"][1]["expired"], true, "7 days");
    let (_, expired) = link(&manager, "hubspot", opportunity).await;
    app.clock.advance(7 * 86_400 + 1);
    let (status, _, html) = open(&app, &expired).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(html.contains("expired"), "{html}");
}

#[tokio::test]
async fn only_vendor_staff_see_and_revoke_links_and_unknown_ones_are_not_found() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let admin = app.sign_in(ADMIN).await;
    let alice = app.sign_in(ALICE).await;
    let bob = app.sign_in(BOB).await;
    integration(&manager, "hubspot").await;
    integration(&manager, "salesforce").await;
    let opportunity = deal(&app, &manager, &alice, "Guarded Corp").await;
    let (id, url) = link(&manager, "hubspot", opportunity).await;

    for partner in [&alice, &bob] {
        error(listed(partner, "hubspot", "").await, StatusCode::FORBIDDEN).await;
        let attempt = revoke(partner, "hubspot", id, json!({})).await;
        error(attempt, StatusCode::FORBIDDEN).await;
        let body = json!({ "subject": { "opportunity": opportunity } });
        error(issue(partner, "hubspot", body).await, StatusCode::FORBIDDEN).await;
    }
    let (status, _, _) = open(&app, &url).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the partners' attempts changed nothing"
    );
    assert!(app.audit("card_link.revoked").await.is_empty());

    let seen = json(listed(&admin, "hubspot", "").await, StatusCode::OK).await;
    assert_eq!(seen["items"][0]["id"], id);
    for (system, unknown) in [("hubspot", id + 100), ("salesforce", id)] {
        let attempt = revoke(&manager, system, unknown, json!({})).await;
        error(attempt, StatusCode::NOT_FOUND).await;
    }
    for subject in [
        json!({ "opportunity": 99_999 }),
        json!({ "registration": 99_999 }),
    ] {
        let body = json!({ "subject": subject });
        error(
            issue(&manager, "hubspot", body).await,
            StatusCode::NOT_FOUND,
        )
        .await;
    }
    let body = json!({ "subject": { "opportunity": opportunity }, "valid_days": 91 });
    let (_, too_long) = error(
        issue(&manager, "hubspot", body).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        too_long["error"]["fields"]["valid_days"].is_string(),
        "{too_long}"
    );
    let long = json!({ "rationale": "x".repeat(2_001) });
    let (_, rationale) = error(
        revoke(&manager, "hubspot", id, long).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        rationale["error"]["fields"]["rationale"].is_string(),
        "{rationale}"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM card_links").await, 1);

    json(
        revoke(&admin, "hubspot", id, json!({})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        app.audit("card_link.revoked").await,
        vec![(Some(admin.me.user.id), Some(id))]
    );
}

#[tokio::test]
async fn a_burst_of_revocations_revokes_once() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    integration(&manager, "hubspot").await;
    let opportunity = deal(&app, &manager, &alice, "Burst Corp").await;
    let (id, url) = link(&manager, "hubspot", opportunity).await;
    let path = format!("/api/integrations/hubspot/card-links/{id}/revoke");
    let attempts = (0..12).map(|_| manager.post(&path).json(&json!({})).send());
    let statuses: Vec<StatusCode> = futures_util::future::join_all(attempts)
        .await
        .into_iter()
        .map(|r| r.unwrap().status())
        .collect();
    let revoked = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let conflicts = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((revoked, conflicts), (1, 11), "{statuses:?}");
    assert_eq!(app.audit("card_link.revoked").await.len(), 1);
    let (status, _, html) = open(&app, &url).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(html.contains("This card link was revoked."));
}
