//! Inviting people and accepting invitations.

mod partner_admins;

use crate::common;

use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn organization_id(manager: &Session, name: &str) -> i64 {
    let page = json(
        manager.get("/api/organizations").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == name)
        .and_then(|o| o["id"].as_i64())
        .unwrap()
}

async fn northwind_id(manager: &Session) -> i64 {
    organization_id(manager, "Northwind Partners").await
}

async fn invite(manager: &Session, body: Value) -> reqwest::Response {
    manager
        .post("/api/invitations")
        .json(&body)
        .send()
        .await
        .unwrap()
}

fn token_of(link: &str) -> &str {
    link.rsplit('/').next().unwrap()
}

#[tokio::test]
async fn an_invited_partner_sets_a_password_and_is_signed_in() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let org = northwind_id(&manager).await;
    let created = json(
        invite(&manager, json!({ "email": "New.Seller@Northwind.example", "role": "partner_user", "organization_id": org })).await,
        StatusCode::CREATED,
    )
    .await;
    let link = created["link"].as_str().unwrap();
    assert!(link.starts_with("http://127.0.0.1/invite/"), "{link}");
    assert_eq!(
        created["invitation"]["email"],
        "new.seller@northwind.example"
    );
    assert_eq!(created["invitation"]["invited_by"], "Morgan Manager");

    let pending = json(
        manager.get("/api/invitations").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(pending["items"].as_array().unwrap().len(), 1);
    assert!(
        pending.to_string().find(token_of(link)).is_none(),
        "the list never shows tokens"
    );

    let visitor = app.anonymous();
    let preview = json(
        visitor
            .get(app.url(&format!("/api/invitations/{}", token_of(link))))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(preview["organization"]["name"], "Northwind Partners");
    assert_eq!(preview["role"], "partner_user");

    let accept_url = app.url(&format!("/api/invitations/{}/accept", token_of(link)));
    let weak = visitor
        .post(&accept_url)
        .json(&json!({ "name": " ", "password": "short" }))
        .send()
        .await
        .unwrap();
    let (code, body) = error(weak, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(code, "validation_failed");
    assert!(
        body["error"]["fields"]["name"].is_string()
            && body["error"]["fields"]["password"].is_string()
    );

    let accepted = visitor
        .post(&accept_url)
        .json(&json!({ "name": "Nia Seller", "password": "a long enough password" }))
        .send()
        .await
        .unwrap();
    let me = json(accepted, StatusCode::OK).await;
    assert_eq!(me["user"]["name"], "Nia Seller");
    assert_eq!(me["organization"]["name"], "Northwind Partners");
    let me_again = json(
        visitor.get(app.url("/api/me")).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(me_again["user"]["email"], "new.seller@northwind.example");

    // Single use.
    let again = app
        .anonymous()
        .post(&accept_url)
        .json(&json!({ "name": "X", "password": "another long password" }))
        .send()
        .await
        .unwrap();
    assert_eq!(error(again, StatusCode::NOT_FOUND).await.0, "not_found");
    assert_eq!(app.audit("invitation.created").await.len(), 1);
    assert_eq!(app.audit("user.joined").await.len(), 1);
}

#[tokio::test]
async fn invitation_links_expire_after_a_week() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let org = northwind_id(&manager).await;
    let created = json(
        invite(&manager, json!({ "email": "late@northwind.example", "role": "partner_admin", "organization_id": org })).await,
        StatusCode::CREATED,
    )
    .await;
    app.clock.advance(7 * 24 * 3600 + 1);
    let token = token_of(created["link"].as_str().unwrap());
    let response = app
        .anonymous()
        .get(app.url(&format!("/api/invitations/{token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_new_invitation_replaces_the_pending_one() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let org = northwind_id(&manager).await;
    let body = json!({ "email": "twice@northwind.example", "role": "partner_user", "organization_id": org });
    let first = json(invite(&manager, body.clone()).await, StatusCode::CREATED).await;
    let second = json(invite(&manager, body).await, StatusCode::CREATED).await;
    let old = token_of(first["link"].as_str().unwrap());
    let new = token_of(second["link"].as_str().unwrap());
    let client = app.anonymous();
    assert_eq!(
        client
            .get(app.url(&format!("/api/invitations/{old}")))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        client
            .get(app.url(&format!("/api/invitations/{new}")))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn who_may_invite_whom() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let admin = app.sign_in(ADMIN).await;
    let partner = app.sign_in(BOB).await;
    let org = organization_id(&manager, "Globex Consulting").await;

    let manager_invites_admin = invite(
        &manager,
        json!({ "email": "boss@acme.example", "role": "admin", "organization_id": null }),
    )
    .await;
    assert_eq!(
        error(manager_invites_admin, StatusCode::FORBIDDEN).await.0,
        "forbidden"
    );
    let admin_invites_manager = invite(
        &admin,
        json!({ "email": "mgr2@acme.example", "role": "manager", "organization_id": null }),
    )
    .await;
    assert_eq!(admin_invites_manager.status(), StatusCode::CREATED);
    let partner_invites = invite(
        &partner,
        json!({ "email": "x@globex-consulting.example", "role": "partner_user", "organization_id": org }),
    )
    .await;
    assert_eq!(
        error(partner_invites, StatusCode::FORBIDDEN).await.0,
        "forbidden"
    );
    let partner_lists = partner.get("/api/invitations").send().await.unwrap();
    assert_eq!(partner_lists.status(), StatusCode::FORBIDDEN);
    let anonymous = app
        .anonymous()
        .post(app.url("/api/invitations"))
        .json(&json!({ "email": "someone@northwind.example", "role": "partner_user" }))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn bad_invitations_are_refused_with_field_messages() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let org = northwind_id(&manager).await;

    let (code, body) = error(
        invite(
            &manager,
            json!({ "email": "not-an-address", "role": "partner_user", "organization_id": null }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(code, "validation_failed");
    assert!(body["error"]["fields"]["email"].is_string());
    assert!(body["error"]["fields"]["organization_id"].is_string());

    let (_, body) = error(
        invite(
            &manager,
            json!({ "email": "a@b.example", "role": "partner_user", "organization_id": 999_999 }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(body["error"]["fields"]["organization_id"].is_string());

    let (code, body) = error(
        invite(
            &manager,
            json!({ "email": ALICE, "role": "partner_user", "organization_id": org }),
        )
        .await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(code, "conflict");
    assert!(body["error"]["fields"]["email"].is_string());
}

#[tokio::test]
async fn a_burst_of_invitations_to_one_address_leaves_one_that_works() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let org = northwind_id(&manager).await;
    let body = json!({ "email": "burst@northwind.example", "role": "partner_user", "organization_id": org });
    let burst = (0..8).map(|_| invite(&manager, body.clone()));
    let answers = futures_util::future::join_all(burst).await;
    assert!(
        answers
            .iter()
            .all(|r| [StatusCode::CREATED, StatusCode::CONFLICT].contains(&r.status())),
        "{answers:?}"
    );
    let open = app
        .count("SELECT COUNT(*) FROM invitations WHERE accepted_at IS NULL AND revoked_at IS NULL")
        .await;
    assert_eq!(open, 1);
}
