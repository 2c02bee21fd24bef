//! A partner organization of a test's own and content every partner may see: the demo's
//! partners joined with the demo data and did things since, so exact figures need these.

use portico_api::Role;
use portico_api::organizations::{Motion, Tier};
use portico_server::demo::files;
use portico_server::domain::membership::Membership;
use portico_server::domain::password;
use portico_server::store::organizations;
use portico_server::store::users::{self, NewUser};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::json;

use super::{PASSWORD, Session, TestApp};

/// A partner organization that joins now, with one partner admin; returns its id and the
/// admin's e-mail address.
pub async fn new_partner(app: &TestApp, name: &str) -> (i64, String) {
    let mut tx = app.state().db.begin_write().await.unwrap();
    let now = app.state().now();
    let id = organizations::insert(&mut *tx, name, Motion::Reseller, Tier::Silver, now)
        .await
        .unwrap();
    let email = format!("admin@{}.example", name.to_lowercase().replace(' ', "-"));
    let password_hash = password::hash(PASSWORD);
    let user = NewUser {
        email: &email,
        name: "Pat Partner",
        membership: Membership::new(Role::PartnerAdmin, Some(id)).unwrap(),
        password_hash: &password_hash,
    };
    users::insert(&mut *tx, &user, now).await.unwrap();
    tx.commit().await.unwrap();
    (id, email)
}

/// A published asset every partner may see; returns its id.
pub async fn published_asset(manager: &Session) -> i64 {
    let metadata = json!({
        "title": "Pricing overview", "summary": "How the editions are priced.",
        "body": "Editions and prices.", "kind": "deck", "motions": ["reseller"],
        "industries": [], "use_cases": [], "language": "en", "audience": {},
    });
    let form = Form::new().text("metadata", metadata.to_string()).part(
        "file",
        Part::bytes(files::pdf("Pricing overview", &["Editions and prices."]))
            .file_name("pricing.pdf"),
    );
    let created = super::json(
        manager
            .post("/api/assets")
            .multipart(form)
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let id = created["asset"]["id"].as_i64().unwrap();
    let path = format!("/api/assets/{id}/publish");
    super::json(manager.post(&path).send().await.unwrap(), StatusCode::OK).await;
    id
}
