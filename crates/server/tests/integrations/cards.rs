//! CRM cards: signed card URLs, HubSpot's v3 card fetch, Salesforce Canvas, and the framing
//! headers of every other page.

use super::*;

/// A card fetched anonymously, as a CRM frame would, by a URL signed here.
async fn hand_signed_card(app: &TestApp, secret: &str, path: &str, exp: i64) -> reqwest::Response {
    let sig = card_signature(secret, path, exp);
    app.anonymous()
        .get(app.url(&format!("{path}?exp={exp}&sig={sig}")))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn signed_card_urls_show_the_deal_only_when_signed_and_fresh() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    let secret = integration_secret(
        &manager,
        "hubspot",
        json!({ "frame_origins": ["https://app.hubspot.com"] }),
    )
    .await;
    let registration = register_deal(&app, &alice, "Card Testers", "reseller").await;
    approve(&manager, &registration).await;
    let opportunity = opportunity_of(&app, registration["id"].as_i64().unwrap()).await;

    let link = manager
        .post("/api/integrations/hubspot/card-links")
        .json(&json!({ "subject": { "opportunity": opportunity }, "valid_days": 7 }))
        .send()
        .await
        .unwrap();
    let link = json(link, StatusCode::OK).await;
    let url = link["url"].as_str().unwrap();
    let card = app
        .anonymous()
        .get(app.url(local(url)))
        .send()
        .await
        .unwrap();
    assert_eq!(card.status(), StatusCode::OK);
    let csp = card.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("frame-ancestors https://app.hubspot.com"),
        "{csp}"
    );
    assert!(!card.headers().contains_key("x-frame-options"));
    assert_eq!(card.headers()["cache-control"], "no-store");
    let html = card.text().await.unwrap();
    assert!(html.contains("Card Testers"));
    assert!(html.contains("Northwind"), "the partner is named");
    assert!(html.contains("Protected until"));
    assert!(html.contains(&format!("/opportunities/{opportunity}")));
    assert!(!html.contains("<script"));
    assert!(html.len() < 20 * 1024, "{} bytes", html.len());

    let path = format!("/embed/deals/{opportunity}");
    let exp = app.state().now() + 600;
    let sig = card_signature(&secret, &path, exp);
    let ours = hand_signed_card(&app, &secret, &path, exp).await;
    assert_eq!(ours.status(), StatusCode::OK);

    let refused = |query: String| {
        let client = app.anonymous();
        let url = app.url(&format!("{path}?{query}"));
        async move {
            let response = client.get(url).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
            let html = response.text().await.unwrap();
            assert!(
                !html.contains("Card Testers") && !html.contains("Northwind"),
                "{html}"
            );
            html
        }
    };
    let mut tampered = sig.clone();
    tampered.replace_range(0..1, if sig.starts_with('0') { "1" } else { "0" });
    refused(format!("exp={exp}&sig={tampered}")).await;
    refused(format!("exp={}&sig={sig}", exp + 1)).await;
    refused(format!("exp={exp}")).await;
    app.clock.advance(601);
    let expired = refused(format!("exp={exp}&sig={sig}")).await;
    assert!(expired.contains("expired"));

    // Rotating the secret retires every link signed with the old one.
    manager
        .post("/api/integrations/hubspot/secret")
        .send()
        .await
        .unwrap();
    let old = app
        .anonymous()
        .get(app.url(local(url)))
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED);

    // Partners cannot make links or see integrations.
    for path in ["/api/integrations", "/api/webhooks/endpoints"] {
        let response = alice.get(path).send().await.unwrap();
        error(response, StatusCode::FORBIDDEN).await;
    }
    let response = alice
        .post("/api/integrations/hubspot/card-links")
        .json(&json!({ "subject": { "opportunity": opportunity }, "valid_days": 7 }))
        .send()
        .await
        .unwrap();
    error(response, StatusCode::FORBIDDEN).await;
}

#[tokio::test]
async fn every_other_page_refuses_to_be_framed() {
    let app = TestApp::start().await;
    for path in ["/healthz", "/api/me", "/login"] {
        let response = app.anonymous().get(app.url(path)).send().await.unwrap();
        assert_eq!(response.headers()["x-frame-options"], "DENY", "{path}");
        let csp = response.headers()["content-security-policy"]
            .to_str()
            .unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
    }
}

#[tokio::test]
async fn cards_name_the_competing_claim_for_vendor_staff() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let (alice, bob) = (app.sign_in(ALICE).await, app.sign_in(BOB).await);
    let secret = integration_secret(
        &manager,
        "salesforce",
        json!({ "frame_origins": [], "app_secret": "sf-consumer" }),
    )
    .await;
    register_deal(&app, &bob, "Contested Corp", "reseller").await;
    let second = register_deal(&app, &alice, "Contested Corp", "reseller").await;
    let path = format!("/embed/registrations/{}", second["id"]);
    let card = hand_signed_card(&app, &secret, &path, app.state().now() + 60).await;
    assert_eq!(card.status(), StatusCode::OK);
    let csp = card.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("frame-ancestors 'none'"),
        "no origin configured: {csp}"
    );
    let html = card.text().await.unwrap();
    assert!(html.contains("Conflict:"), "{html}");
    assert!(
        html.contains("Globex"),
        "the competing partner is named: {html}"
    );
    assert!(html.contains("None while submitted"));
}

/// Sets the integration up and links CRM deal `crm_deal_id` to a newly approved deal of
/// `company`, through a CRM event.
async fn linked_deal(
    app: &TestApp,
    system: &str,
    settings: Value,
    company: &str,
    crm_deal_id: &str,
) {
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    let secret = integration_secret(&manager, system, settings).await;
    let registration = register_deal(app, &alice, company, "reseller").await;
    approve(&manager, &registration).await;
    let link = json!({ "events": [{ "id": format!("link-{crm_deal_id}"),
        "occurred_at": "2026-11-01T10:00:00Z", "crm_deal_id": crm_deal_id, "type": "deal.linked",
        "registration_id": registration["id"] }] });
    assert_eq!(
        send_events(app, &secret, &link).await[0]["outcome"],
        "applied"
    );
}

#[tokio::test]
async fn hubspot_card_fetches_need_a_fresh_v3_signature() {
    let app = TestApp::start().await;
    let settings =
        json!({ "frame_origins": ["https://app.hubspot.com"], "app_secret": "hs-client-secret" });
    linked_deal(&app, "hubspot", settings, "Hub Deal", "9001").await;

    let path = "/api/integrations/hubspot/card?associatedObjectId=9001&associatedObjectType=DEAL&portalId=62515";
    let fetch = |secret: &'static str, age_ms: i64| {
        let timestamp = (app.state().now() * 1000 - age_ms).to_string();
        // HubSpot signs method + the URI it called + body + timestamp.
        let signed = format!("GET{}{path}{timestamp}", "http://127.0.0.1");
        let signature = STANDARD.encode(mac(secret.as_bytes(), signed.as_bytes()));
        app.anonymous()
            .get(app.url(path))
            .header("X-HubSpot-Signature-v3", signature)
            .header("X-HubSpot-Request-Timestamp", timestamp)
            .send()
    };
    let card = json(
        fetch("hs-client-secret", 1_000).await.unwrap(),
        StatusCode::OK,
    )
    .await;
    let result = &card["results"][0];
    assert_eq!(result["objectId"], "9001");
    assert_eq!(result["title"], "Hub Deal");
    let labels: Vec<&str> = result["properties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"Partner") && labels.contains(&"Protection"),
        "{labels:?}"
    );
    assert!(
        result["properties"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["dataType"] == "STRING")
    );
    let action = &result["actions"][0];
    assert_eq!(action["type"], "IFRAME");
    let frame = app
        .anonymous()
        .get(app.url(local(action["uri"].as_str().unwrap())))
        .send()
        .await
        .unwrap();
    assert_eq!(frame.status(), StatusCode::OK);
    assert!(frame.text().await.unwrap().contains("Hub Deal"));

    error(
        fetch("wrong-secret", 1_000).await.unwrap(),
        StatusCode::UNAUTHORIZED,
    )
    .await;
    error(
        fetch("hs-client-secret", 6 * 60 * 1000).await.unwrap(),
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let unsigned = app.anonymous().get(app.url(path)).send().await.unwrap();
    error(unsigned, StatusCode::UNAUTHORIZED).await;
}

#[tokio::test]
async fn salesforce_canvas_requests_open_the_linked_deal() {
    let app = TestApp::start().await;
    let settings =
        json!({ "frame_origins": ["https://*.lightning.force.com"], "app_secret": "sf-consumer" });
    linked_deal(&app, "salesforce", settings, "Force Deal", "006AB").await;

    // `issuedAt` as a real Salesforce request carries it: not a Unix time, so not checked.
    let canvas = |consumer_secret: &str| {
        let context = STANDARD.encode(
            json!({ "algorithm": "HMACSHA256", "issuedAt": -1_882_588_807,
                "userId": "005i0000001P83xAAC", "context": { "environment": {
                "record": { "attributes": { "type": "Opportunity" }, "Id": "006AB" } } } })
            .to_string(),
        );
        let signature = STANDARD.encode(mac(consumer_secret.as_bytes(), context.as_bytes()));
        app.anonymous()
            .post(app.url("/embed/salesforce"))
            .form(&[("signed_request", format!("{signature}.{context}"))])
            .send()
    };
    let card = canvas("sf-consumer").await.unwrap();
    assert_eq!(card.status(), StatusCode::OK);
    let csp = card.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("frame-ancestors https://*.lightning.force.com"),
        "{csp}"
    );
    assert!(card.text().await.unwrap().contains("Force Deal"));
    let refused = canvas("another-secret").await.unwrap();
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    assert!(!refused.text().await.unwrap().contains("Force Deal"));
}
