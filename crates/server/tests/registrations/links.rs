//! An organization's registration link, for sellers without an account, and its rate limit.

use super::*;

fn token_of(link: &str) -> &str {
    link.rsplit('/').next().unwrap()
}

#[tokio::test]
async fn sellers_without_an_account_register_through_the_organizations_link() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let status = json(
        alice.get("/api/registration-link").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(status["active"], false);
    let created = json(
        alice.post("/api/registration-link").send().await.unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let link = created["link"].as_str().unwrap();
    assert!(link.starts_with("http://127.0.0.1/r/"), "{link}");
    let token = token_of(link);

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
    assert_eq!(
        form.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["currency", "organization", "products", "requirements"]
    );
    assert_eq!(form["organization"], "Northwind Partners");
    assert_eq!(form["currency"], "EUR", "Northwind is based in Germany");
    let registration = deal(&app, &alice, "Prestige Worldwide", "prestigeworldwide.com").await;
    let url = app.url(&format!(
        "/api/public/registration-links/{token}/registrations"
    ));
    let body =
        json!({ "submitter_name": "", "submitter_email": "x", "registration": registration });
    let (_, bad) = error(
        seller.post(&url).json(&body).send().await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        bad["error"]["fields"]["submitter_name"].is_string()
            && bad["error"]["fields"]["submitter_email"].is_string()
    );

    let body = json!({ "submitter_name": "Sid Seller", "submitter_email": "sid@northwind.example", "registration": registration });
    let filed = json(
        seller.post(&url).json(&body).send().await.unwrap(),
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(filed["submitted_by"], "Sid Seller");
    let mine = json(
        alice.get("/api/registrations").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        mine["items"][0]["id"], filed["id"],
        "it belongs to Northwind"
    );

    // Rotating the link ends the old one.
    let rotated = json(
        alice.post("/api/registration-link").send().await.unwrap(),
        StatusCode::CREATED,
    )
    .await;
    assert_ne!(token_of(rotated["link"].as_str().unwrap()), token);
    error(
        seller.post(&url).json(&body).send().await.unwrap(),
        StatusCode::NOT_FOUND,
    )
    .await;
    error(
        seller
            .get(app.url("/api/public/registration-links/not-a-token"))
            .send()
            .await
            .unwrap(),
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(app.audit("registration_link.rotated").await.len(), 2);

    // Only partner admins manage the link.
    let bob = app.sign_in(BOB).await;
    error(
        bob.post("/api/registration-link").send().await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
    error(
        app.sign_in(MANAGER)
            .await
            .get("/api/registration-link")
            .send()
            .await
            .unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
}

#[tokio::test]
async fn a_registration_link_is_rate_limited_per_address() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let created = json(
        alice.post("/api/registration-link").send().await.unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let url = app.url(&format!(
        "/api/public/registration-links/{}/registrations",
        token_of(created["link"].as_str().unwrap())
    ));
    let seller = app.anonymous();
    for i in 0..10 {
        let registration = deal(
            &app,
            &alice,
            &format!("Company {i}"),
            &format!("company{i}.example.com"),
        )
        .await;
        let body = json!({ "submitter_name": "Sid Seller", "submitter_email": "sid@x.example", "registration": registration });
        json(
            seller.post(&url).json(&body).send().await.unwrap(),
            StatusCode::CREATED,
        )
        .await;
    }
    let registration = deal(&app, &alice, "One Too Many", "onetoomany.com").await;
    let body = json!({ "submitter_name": "Sid Seller", "submitter_email": "sid@x.example", "registration": registration });
    let (code, _) = error(
        seller.post(&url).json(&body).send().await.unwrap(),
        StatusCode::TOO_MANY_REQUESTS,
    )
    .await;
    assert_eq!(code, "rate_limited");
}
