//! Gating: a motion or a product may require a certification someone in the filing
//! organization holds; the form learns it first, filings by the portal and by a registration
//! link are refused without it; and a certified partner wins a tie.

use super::*;

async fn product(session: &Session, name: &str) -> i64 {
    let products = session.read("/api/products").await;
    products
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .and_then(|p| p["id"].as_i64())
        .unwrap()
}

/// Defines a certification that `requirements` (motions and products) need.
async fn required_certification(manager: &Session, name: &str, requirements: Value) -> i64 {
    let mut body = definition_body(name);
    body["how_to_earn"] = json!("Book the course at academy.acme.example.");
    body["required_for_motions"] = requirements["motions"].clone();
    body["required_for_products"] = requirements["products"].clone();
    let created = json(
        manager
            .post("/api/certifications")
            .json(&body)
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    created["id"].as_i64().unwrap()
}

async fn file(session: &Session, body: &Value) -> reqwest::Response {
    session
        .post("/api/registrations")
        .json(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_product_needing_a_certification_refuses_filings_until_someone_holds_it() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    let connect = product(&alice, "Acme Connect").await;
    let expert = required_certification(
        &manager,
        "Connect Expert",
        json!({ "motions": [], "products": [connect] }),
    )
    .await;

    let lacking = async |session: &Session| -> Vec<Value> {
        let needs = session.read("/api/registrations/requirements").await;
        needs["missing"].as_array().unwrap().clone()
    };
    assert!(
        lacking(&alice).await.contains(&json!({
            "certification_id": expert, "name": "Connect Expert",
            "how_to_earn": "Book the course at academy.acme.example.",
            "for_motion": false, "for_products": [connect],
        })),
        "{:?}",
        lacking(&alice).await
    );
    let mut body = deal_body(&app, &alice, "Gated Goods", "reseller").await;
    body["products"] = json!([connect]);
    let (code, refused) = error(file(&alice, &body).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(code, "unprocessable");
    let message = refused["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("Connect Expert") && message.contains("academy.acme.example"),
        "{message}"
    );
    // Another product needs nothing.
    let other = deal_body(&app, &alice, "Ungated Goods", "reseller").await;
    json(file(&alice, &other).await, StatusCode::CREATED).await;

    let nate = app.sign_in("nate@northwind.example").await;
    record(&manager, nate.me.user.id, expert, &today(&app).to_string()).await;
    assert!(
        !lacking(&alice)
            .await
            .iter()
            .any(|m| m["certification_id"] == expert)
    );
    json(file(&alice, &body).await, StatusCode::CREATED).await;

    let bob = app.sign_in(BOB).await;
    let mut theirs = deal_body(&app, &bob, "Gated Elsewhere", "services").await;
    theirs["products"] = json!([connect]);
    error(file(&bob, &theirs).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    error(
        manager
            .get("/api/registrations/requirements")
            .send()
            .await
            .unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
}

#[tokio::test]
async fn a_motion_needing_a_certification_applies_to_registration_links_too() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    required_certification(
        &manager,
        "Reseller Essentials",
        json!({ "motions": ["reseller"], "products": [] }),
    )
    .await;
    let created = json(
        alice.post("/api/registration-link").send().await.unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let token = created["link"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap();
    let seller = app.anonymous();
    let form = json(
        seller
            .get(app.url(&format!("/api/public/registration-links/{token}")))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let missing = form["requirements"]["missing"].as_array().unwrap();
    let essentials = missing
        .iter()
        .find(|m| m["name"] == "Reseller Essentials")
        .unwrap();
    assert_eq!(essentials["for_motion"], true);
    let registration = deal_body(&app, &alice, "Linked Goods", "reseller").await;
    let body = json!({ "submitter_name": "Sid Seller", "submitter_email": "sid@northwind.example",
                       "registration": registration });
    let url = app.url(&format!(
        "/api/public/registration-links/{token}/registrations"
    ));
    let (_, refused) = error(
        seller.post(&url).json(&body).send().await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Reseller Essentials")
    );
    error(
        file(&alice, &registration).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
}

#[tokio::test]
async fn a_certified_partner_wins_a_tie() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let (alice, tyrell) = (
        app.sign_in(ALICE).await,
        app.sign_in("roy@tyrell.example").await,
    );
    // Tyrell files first; Northwind, later, holds a certification (the demo's Sales
    // Foundations, which ends soon but still holds).
    register_deal(&app, &tyrell, "Tied Industries", "reseller").await;
    let later = register_deal(&app, &alice, "Tied Industries", "reseller").await;
    let detail = manager
        .read(&format!("/api/registrations/{}", later["id"]))
        .await;
    let suggestion = detail["suggestion"].as_str().unwrap();
    assert!(
        suggestion.starts_with(&format!(
            "Approve {}: its partner is certified",
            later["number"].as_str().unwrap()
        )),
        "{suggestion}"
    );
}
