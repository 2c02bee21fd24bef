//! The account book the conflict check compares with: importing it, finding accounts under
//! their current names, and suggesting an account's incumbent partner.

use super::*;

async fn import(manager: &Session, csv: &str) -> reqwest::Response {
    manager.post_csv("/api/accounts/import", csv).await
}

#[tokio::test]
async fn managers_import_the_account_book_all_or_nothing() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let before = app.count("SELECT COUNT(*) FROM accounts").await;
    let bad = "name,domain,owner,incumbent_partner\n\
               Umbrella Corp,umbrella.com,Dana Direct,\n\
               ,nodomain.com,Dana Direct,\n\
               Aperture Science,aperture.com,Dana Direct,No Such Partner\n";
    let (code, body) = error(
        import(&manager, bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(code, "validation_failed");
    assert!(
        body["error"]["fields"]["row 3"]
            .as_str()
            .unwrap()
            .starts_with("name:"),
        "{body}"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM accounts").await,
        before,
        "nothing half-imported"
    );
    let (_, body) = error(
        import(&manager, "name,domain,owner,incumbent_partner\nAperture Science,aperture.com,Dana,No Such Partner\n").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        body["error"]["fields"]["row 2"]
            .as_str()
            .unwrap()
            .contains("No Such Partner")
    );

    let good = "Name,Domain,Owner,Incumbent Partner\n\
                Umbrella Corp,https://www.umbrella.com,Dana Direct,Globex Consulting\n\
                Aperture Science,,Lee Direct,\n";
    let summary = json(import(&manager, good).await, StatusCode::OK).await;
    assert_eq!(summary, json!({ "created": 2, "updated": 0, "merged": 0 }));
    let again = "name,domain,owner\nUmbrella Corporation,umbrella.com,Sam Channel\n";
    let summary = json(import(&manager, again).await, StatusCode::OK).await;
    assert_eq!(summary, json!({ "created": 0, "updated": 1, "merged": 0 }));
    let listed = json(
        manager
            .get("/api/accounts?q=umbrella")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(listed["items"][0]["owner"], "Sam Channel");
    assert_eq!(listed["items"][0]["incumbent"], Value::Null);
    assert_eq!(app.audit("accounts.imported").await.len(), 2);

    let id = listed["items"][0]["id"].as_i64().unwrap();
    let edit = json!({ "name": "Umbrella Corp", "domain": "umbrella.com", "owner": "Dana Direct", "incumbent_organization_id": null });
    let edited = json(
        manager
            .send(reqwest::Method::PUT, &format!("/api/accounts/{id}"))
            .json(&edit)
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(edited["owner"], "Dana Direct");
    let missing = manager
        .send(reqwest::Method::PUT, "/api/accounts/999999")
        .json(&edit)
        .send()
        .await
        .unwrap();
    error(missing, StatusCode::NOT_FOUND).await;
    let bad = json!({ "name": "", "owner": " " });
    let (_, body) = error(
        manager
            .send(reqwest::Method::PUT, &format!("/api/accounts/{id}"))
            .json(&bad)
            .send()
            .await
            .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        body["error"]["fields"]["name"].is_string() && body["error"]["fields"]["owner"].is_string()
    );
    assert_eq!(audited(&app, "account.updated", id).await, 1);

    let alice = app.sign_in(ALICE).await;
    error(import(&alice, good).await, StatusCode::FORBIDDEN).await;
    error(
        alice.get("/api/accounts").send().await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
    let not_csv = manager
        .post("/api/accounts/import")
        .json(&json!({}))
        .unchecked()
        .send()
        .await
        .unwrap();
    error(not_csv, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
}

/// The conflict check finds candidates by blocking keys: an edited account is found under its
/// new name only, and keys lost or computed by older rules are computed again at start-up.
#[tokio::test]
async fn the_check_finds_accounts_under_their_current_name_and_recomputes_stale_keys() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let account = |name: &str| json!({ "name": name, "owner": "Dana Direct" });
    let created = json(
        manager
            .post("/api/accounts")
            .json(&account("Zyxland Robotics"))
            .send()
            .await
            .unwrap(),
        StatusCode::CREATED,
    )
    .await;
    let id = created["id"].as_i64().unwrap();
    json(
        manager
            .send(reqwest::Method::PUT, &format!("/api/accounts/{id}"))
            .json(&account("Quorvex Dynamics GmbH"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;

    let alice = app.sign_in(ALICE).await;
    let typo = register(&app, &alice, "Quorvx Dynamics", "quorvex-one.example").await;
    assert_eq!(typo["conflict"], "review");
    let old_name = register(&app, &alice, "Zyxland Robotics", "zyxland.example").await;
    assert_eq!(old_name["conflict"], "none");

    app.reopen_after(&[
        "DELETE FROM account_blocks",
        "DELETE FROM registration_blocks",
        "UPDATE accounts SET name_key = 'stale'",
        "UPDATE matching_keys SET version = 0",
    ])
    .await;
    assert!(app.count("SELECT COUNT(*) FROM account_blocks").await > 0);
    let bob = app.sign_in(BOB).await;
    let again = register(&app, &bob, "Quorvex Dynamics", "quorvex-two.example").await;
    assert_eq!(again["conflict"], "review");
    let same_as_alice = register(&app, &bob, "Zyxland Robotic", "zyxland-two.example").await;
    assert_eq!(same_as_alice["conflict"], "review");
}

#[tokio::test]
async fn a_registration_on_an_account_with_an_incumbent_suggests_the_incumbent() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let csv = "name,domain,owner,incumbent_partner\nAperture Science Inc,aperture.com,Dana Direct,Globex Consulting\n";
    json(import(&manager, csv).await, StatusCode::OK).await;
    let alice = app.sign_in(ALICE).await;
    let created = register(&app, &alice, "Aperture Science", "labs.aperture.com").await;
    assert_eq!(created["conflict"], "review");
    let text = serde_json::to_string(&created).unwrap();
    assert!(!text.contains("Globex") && !text.contains("Dana"), "{text}");

    let id = created["id"].as_i64().unwrap();
    let detail = json(
        manager
            .get(&format!("/api/registrations/{id}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        detail["findings"][0]["reason"],
        "same domain as account Aperture Science Inc (owner: Dana Direct; incumbent partner: Globex Consulting)"
    );
    assert_eq!(detail["accounts"][0]["name"], "Aperture Science Inc");
    assert_eq!(
        detail["suggestion"],
        format!(
            "Decline R-{}: Globex Consulting is the incumbent partner on Aperture Science Inc.",
            1000 + id
        )
    );
}
