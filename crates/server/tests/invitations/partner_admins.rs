//! A partner admin invites colleagues to their own organization, sees and revokes only those
//! invitations, cannot replace anyone else's, and sends a limited number an hour.

use futures_util::future::join_all;
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{invite, northwind_id, organization_id, token_of};
use crate::common::*;

fn to(org: i64, email: &str) -> Value {
    json!({ "email": email, "role": "partner_user", "organization_id": org })
}

async fn emails(session: &Session) -> Vec<String> {
    let page = session.read("/api/invitations").await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["email"].as_str().unwrap().to_owned())
        .collect()
}

async fn link_works(app: &TestApp, link: &str) -> bool {
    let url = app.url(&format!("/api/invitations/{}", token_of(link)));
    let response = app.anonymous().get(url).send().await.unwrap();
    response.status() == StatusCode::OK
}

#[tokio::test]
async fn a_partner_admin_invites_to_their_own_organization_only() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    let northwind = northwind_id(&manager).await;
    let globex = organization_id(&manager, "Globex Consulting").await;
    let to_globex = invite(&manager, to(globex, "new@globex-consulting.example")).await;
    assert_eq!(to_globex.status(), StatusCode::CREATED);

    let created = json(
        invite(&alice, to(northwind, "Colleague@Northwind.example")).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(created["invitation"]["invited_by"], "Alice Northwind");
    assert_eq!(
        created["invitation"]["organization"]["name"],
        "Northwind Partners"
    );
    let admin_too = invite(
        &alice,
        json!({ "email": "second@northwind.example", "role": "partner_admin", "organization_id": northwind }),
    )
    .await;
    assert_eq!(admin_too.status(), StatusCode::CREATED);

    assert_eq!(
        emails(&alice).await,
        ["colleague@northwind.example", "second@northwind.example"],
        "a partner admin lists their own organization's invitations only"
    );
    assert_eq!(emails(&manager).await.len(), 3);

    let elsewhere = invite(&alice, to(globex, "mole@globex-consulting.example")).await;
    assert_eq!(error(elsewhere, StatusCode::FORBIDDEN).await.0, "forbidden");
    let staff = invite(
        &alice,
        json!({ "email": "boss@acme.example", "role": "manager", "organization_id": null }),
    )
    .await;
    assert_eq!(error(staff, StatusCode::FORBIDDEN).await.0, "forbidden");
    assert_eq!(app.audit("invitation.created").await.len(), 3);
}

#[tokio::test]
async fn a_partner_admin_cannot_replace_another_teams_invitation_or_probe_accounts() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let admin = app.sign_in(ADMIN).await;
    let alice = app.sign_in(ALICE).await;
    let northwind = northwind_id(&manager).await;
    let globex = organization_id(&manager, "Globex Consulting").await;
    let theirs = json(
        invite(&manager, to(globex, "wanted@example.com")).await,
        StatusCode::CREATED,
    )
    .await;
    let staff = json(
        invite(
            &admin,
            json!({ "email": "staff@example.com", "role": "manager", "organization_id": null }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;

    let mut answers = Vec::new();
    for email in ["wanted@example.com", "staff@example.com", BOB] {
        let (code, body) = error(
            invite(&alice, to(northwind, email)).await,
            StatusCode::CONFLICT,
        )
        .await;
        assert_eq!(code, "conflict");
        answers.push(body);
    }
    assert!(
        answers.iter().all(|a| *a == answers[0]),
        "one answer whether the address has an account or another team's invitation: {answers:?}"
    );
    for link in [&theirs["link"], &staff["link"]] {
        assert!(link_works(&app, link.as_str().unwrap()).await);
    }

    // Their own pending invitation is theirs to replace.
    let first = json(
        invite(&alice, to(northwind, "again@example.com")).await,
        StatusCode::CREATED,
    )
    .await;
    let second = json(
        invite(&alice, to(northwind, "again@example.com")).await,
        StatusCode::CREATED,
    )
    .await;
    assert!(!link_works(&app, first["link"].as_str().unwrap()).await);
    assert!(link_works(&app, second["link"].as_str().unwrap()).await);
}

#[tokio::test]
async fn a_partner_admin_revokes_their_own_invitations_and_nobody_elses() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    let bob = app.sign_in(BOB).await;
    let northwind = northwind_id(&manager).await;
    let globex = organization_id(&manager, "Globex Consulting").await;
    let own = json(
        invite(&alice, to(northwind, "own@example.com")).await,
        StatusCode::CREATED,
    )
    .await;
    let theirs = json(
        invite(&manager, to(globex, "theirs@example.com")).await,
        StatusCode::CREATED,
    )
    .await;
    let revoke = |session: &Session, invitation: &Value| {
        let id = invitation["invitation"]["id"].as_i64().unwrap();
        session.send(
            reqwest::Method::DELETE,
            &format!("/api/invitations/pending/{id}"),
        )
    };

    let guessed = revoke(&alice, &theirs).send().await.unwrap();
    assert_eq!(error(guessed, StatusCode::NOT_FOUND).await.0, "not_found");
    let by_a_user = revoke(&bob, &theirs).send().await.unwrap();
    assert_eq!(by_a_user.status(), StatusCode::FORBIDDEN);
    assert!(link_works(&app, theirs["link"].as_str().unwrap()).await);

    let revoked = revoke(&alice, &own).send().await.unwrap();
    assert_eq!(revoked.status(), StatusCode::NO_CONTENT);
    assert!(!link_works(&app, own["link"].as_str().unwrap()).await);
    let twice = revoke(&alice, &own).send().await.unwrap();
    assert_eq!(twice.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.audit("invitation.revoked").await.len(), 1);
    assert!(emails(&alice).await.is_empty());
}

#[tokio::test]
async fn a_burst_of_invitations_stops_at_the_organizations_budget() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    let northwind = northwind_id(&manager).await;
    let burst = (0..30).map(|n| {
        let request = alice
            .post("/api/invitations")
            .json(&to(northwind, &format!("person{n}@example.com")));
        async move { request.send().await.unwrap() }
    });
    let answers = join_all(burst).await;
    let created = answers
        .iter()
        .filter(|r| r.status() == StatusCode::CREATED)
        .count();
    let limited: Vec<_> = answers
        .iter()
        .filter(|r| r.status() == StatusCode::TOO_MANY_REQUESTS)
        .collect();
    assert_eq!((created, limited.len()), (25, 5));
    assert!(
        limited
            .iter()
            .all(|r| r.headers().contains_key("retry-after"))
    );
    assert_eq!(emails(&alice).await.len(), 25);

    // Vendor staff are not held to a partner organization's budget.
    let by_manager = invite(&manager, to(northwind, "one-more@example.com")).await;
    assert_eq!(by_manager.status(), StatusCode::CREATED);
}
