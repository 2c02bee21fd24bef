//! Filing a registration: the form's checks, idempotency, the leak-free conflict check, isolation
//! between organizations, the hourly budget and simultaneous claims.

use super::*;

#[tokio::test]
async fn a_partner_registers_a_deal_and_learns_its_number_and_the_check() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let body = deal(&app, &alice, "Hooli Inc.", "https://www.Hooli.com/about").await;
    let created = json(submit(&alice, &body).await, StatusCode::CREATED).await;
    assert_eq!(created["status"], "submitted");
    assert_eq!(created["conflict"], "none");
    assert_eq!(created["company_domain"], "hooli.com");
    let id = created["id"].as_i64().unwrap();
    assert_eq!(created["number"], format!("R-{}", 1000 + id));
    assert_eq!(created["submitted_by"], "Alice Northwind");
    assert_eq!(audited(&app, "registration.submitted", id).await, 1);

    let detail = json(
        alice
            .get(&format!("/api/registrations/{id}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(detail["registration"]["id"], id);
    let events: Vec<&str> = detail["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["what"].as_str().unwrap())
        .collect();
    assert_eq!(
        events,
        ["Submitted"],
        "partners do not see the conflict check itself"
    );
}

#[tokio::test]
async fn bad_fields_are_all_reported_and_nothing_is_stored() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let before = app.count("SELECT COUNT(*) FROM registrations").await;
    let mut body = deal(&app, &alice, "", "not a domain").await;
    body["contact_email"] = json!("jane");
    body["expected_close"] = json!(close_date(&app, -1));
    body["estimated_value"] = json!(0);
    body["country"] = json!("XX");
    body["products"] = json!([999_999]);
    let (code, answer) = error(
        submit(&alice, &body).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(code, "validation_failed");
    for field in [
        "company_name",
        "company_domain",
        "contact_email",
        "expected_close",
        "estimated_value",
        "country",
    ] {
        assert!(
            answer["error"]["fields"][field].is_string(),
            "{field} in {answer}"
        );
    }
    body = deal(&app, &alice, "Pied Piper", "piedpiper.com").await;
    body["products"] = json!([999_999]);
    let (_, answer) = error(
        submit(&alice, &body).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(answer["error"]["fields"]["products"].is_string());
    body["expected_close"] = json!(close_date(&app, 600));
    body["products"] = json!([]);
    let (_, answer) = error(
        submit(&alice, &body).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(answer["error"]["fields"]["expected_close"].is_string());
    assert!(answer["error"]["fields"]["products"].is_string());
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registrations").await,
        before
    );
}

#[tokio::test]
async fn a_lead_needs_fewer_fields() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let lead = json!({
        "kind": "lead",
        "company_name": "Pied Piper",
        "company_domain": "piedpiper.com",
        "country": "us",
        "contact_name": "Richard Hendricks",
        "contact_email": "richard@piedpiper.com",
        "motion": "referral",
        "description": "Wants compression for their partner content.",
        "partner_role": "influenced"
    });
    let created = json(submit(&alice, &lead).await, StatusCode::CREATED).await;
    assert_eq!(created["kind"], "lead");
    assert_eq!(created["country"], "US");
    assert_eq!(created["estimated_value"], Value::Null);
}

#[tokio::test]
async fn a_retried_submission_creates_one_registration() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let body = deal(&app, &alice, "Initrode", "initrode.com").await;
    let send = || {
        alice
            .post("/api/registrations")
            .header("Idempotency-Key", "form-123")
            .json(&body)
            .send()
    };
    let (first, second) = tokio::join!(send(), send());
    let first = json(first.unwrap(), StatusCode::CREATED).await;
    let second = json(second.unwrap(), StatusCode::CREATED).await;
    assert_eq!(first["id"], second["id"]);
    let again = json(send().await.unwrap(), StatusCode::CREATED).await;
    assert_eq!(again["id"], first["id"]);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registrations WHERE company_name = 'Initrode'")
            .await,
        1
    );

    let mut changed = body.clone();
    changed["company_name"] = json!("Initrode Global");
    let reused = alice
        .post("/api/registrations")
        .header("Idempotency-Key", "form-123")
        .json(&changed)
        .send()
        .await
        .unwrap();
    error(reused, StatusCode::UNPROCESSABLE_ENTITY).await;
}

#[tokio::test]
async fn a_second_partner_on_the_same_customer_only_learns_it_needs_review() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let bob = app.sign_in(BOB).await;
    let first = register(
        &app,
        &alice,
        "Massive Dynamic Corporation",
        "massivedynamic.com",
    )
    .await;
    let second_body = deal(
        &app,
        &bob,
        "Massive Dynamic Corp",
        "https://massivedynamic.co",
    )
    .await;
    let response = submit(&bob, &second_body).await;
    let text = response.text().await.unwrap();
    let second: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(second["conflict"], "review");
    assert_eq!(
        second["conflict_message"],
        "This customer needs review; a partner manager will decide within 48 hours."
    );
    for secret in ["Northwind", "Alice", first["number"].as_str().unwrap()] {
        assert!(
            !text.contains(secret),
            "{secret} leaked to the other partner: {text}"
        );
    }
    let id = second["id"].as_i64().unwrap();
    let detail = bob
        .get(&format!("/api/registrations/{id}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !detail.contains("Northwind") && !detail.contains("findings"),
        "{detail}"
    );

    // The same domain matches too, whatever the name.
    let third = register(
        &app,
        &app.sign_in(GLOBEX_ADMIN).await,
        "MD Labs",
        "www.massivedynamic.com",
    )
    .await;
    assert_eq!(third["conflict"], "review");
    // A different company with a similar name does not.
    let other = register(&app, &bob, "Massive Bank", "massivebank.com").await;
    assert_eq!(other["conflict"], "none");

    let manager = app.sign_in(MANAGER).await;
    let detail = json(
        manager
            .get(&format!("/api/registrations/{id}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let reason = detail["findings"][0]["reason"].as_str().unwrap();
    assert!(
        reason.starts_with("same company name as registration")
            && reason.contains(first["number"].as_str().unwrap())
            && reason.contains("Northwind Partners"),
        "{reason}"
    );
    assert_eq!(detail["matches"][0]["registration"]["id"], first["id"]);
    assert!(
        detail["suggestion"]
            .as_str()
            .unwrap()
            .contains("registered first"),
        "{detail}"
    );
}

#[tokio::test]
async fn another_organizations_registration_is_not_found() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    let bob = app.sign_in(BOB).await;
    let mine = register(&app, &alice, "Soylent", "soylent.com").await;
    let id = mine["id"].as_i64().unwrap();
    for path in [
        format!("/api/registrations/{id}"),
        "/api/registrations/999999".to_owned(),
    ] {
        error(bob.get(&path).send().await.unwrap(), StatusCode::NOT_FOUND).await;
    }
    let withdraw = bob.post(&format!("/api/registrations/{id}/withdraw"));
    let extension = bob
        .post(&format!("/api/registrations/{id}/extension"))
        .json(&json!({ "justification": "mine now" }));
    for request in [withdraw, extension] {
        error(request.send().await.unwrap(), StatusCode::NOT_FOUND).await;
    }
    let bobs = json(
        bob.get("/api/registrations").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert!(
        bobs["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["id"] != id),
        "{bobs}"
    );
    let alices = json(
        alice.get("/api/registrations").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(alices["items"][0]["id"], id, "newest first");
}

#[tokio::test]
async fn vendor_staff_cannot_register_and_anonymous_callers_are_refused() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let body = deal(&app, &manager, "Dunder Mifflin", "dundermifflin.com").await;
    error(submit(&manager, &body).await, StatusCode::FORBIDDEN).await;
    let anonymous = app
        .anonymous()
        .post(app.url("/api/registrations"))
        .json(&body)
        .send()
        .await
        .unwrap();
    error(anonymous, StatusCode::UNAUTHORIZED).await;
}

/// The hourly submission budget per organization keeps the check from being mined; a second
/// organization has its own, and the budget comes back as the hour moves on.
#[tokio::test]
async fn an_organization_has_an_hourly_submission_budget() {
    let app = TestApp::start_with(|s| s.rules.submissions_per_hour = 3).await;
    let alice = app.sign_in(ALICE).await;
    for i in 0..3 {
        register(
            &app,
            &alice,
            &format!("Budget {i}"),
            &format!("budget{i}.example"),
        )
        .await;
        app.clock.advance(60);
    }
    let body = deal(&app, &alice, "Budget 3", "budget3.example").await;
    let refused = submit(&alice, &body).await;
    let retry_after = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .to_owned();
    let (code, _) = error(refused, StatusCode::TOO_MANY_REQUESTS).await;
    assert_eq!(code, "rate_limited");
    // The oldest of the three leaves the window an hour after it was made, 3 minutes ago.
    assert_eq!(retry_after, (60 * 60 - 180).to_string());

    let bob = app.sign_in(BOB).await;
    register(&app, &bob, "Budget 3", "budget3.example").await;
    app.clock.advance(60 * 60 - 180);
    json(submit(&alice, &body).await, StatusCode::CREATED).await;
}

#[tokio::test]
async fn simultaneous_claims_on_one_customer_cannot_both_miss_each_other() {
    // Filings read the conflict check's claims outside the write turn and take turns only to
    // write. The rendezvous holds each filing after that reading until the other has read
    // too, so both read before either writes and neither reading holds the other's claim: the
    // check can catch the overlap only by reading again in its turn, which this proves it does.
    // (Held inside the turn instead, the second filing could never arrive: a deadlock.)
    let app = TestApp::start_with(|settings| {
        settings.filing_rendezvous = Some(std::sync::Arc::new(tokio::sync::Barrier::new(2)));
    })
    .await;
    let alice = app.sign_in(ALICE).await;
    let bob = app.sign_in(BOB).await;
    let first = deal(&app, &alice, "Sirius Cybernetics", "sirius.example.org").await;
    let second = deal(
        &app,
        &bob,
        "Sirius Cybernetics Corp",
        "www.sirius.example.org",
    )
    .await;
    let (a, b) = tokio::join!(submit(&alice, &first), submit(&bob, &second));
    let mut levels = vec![
        json(a, StatusCode::CREATED).await["conflict"].clone(),
        json(b, StatusCode::CREATED).await["conflict"].clone(),
    ];
    levels.sort_by_key(|l| l.to_string());
    assert_eq!(levels, [json!("none"), json!("review")]);
}
