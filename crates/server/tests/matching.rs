//! The conflict check through the API: each class of name variant is found through the stored
//! blocking keys, findings come best first with their strength, a possible match alone says
//! so, and an account book that holds one company several times imports as one account with
//! alternative names.

use crate::common;

use common::*;
use portico_server::store::sql;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn products(session: &Session) -> Value {
    json(
        session.get("/api/products").send().await.unwrap(),
        StatusCode::OK,
    )
    .await
}

/// Files a lead (no products or value needed) and returns the answer.
async fn register(session: &Session, company: &str, domain: &str) -> Value {
    let body = json!({
        "kind": "lead", "company_name": company, "company_domain": domain, "country": "DE",
        "contact_name": "Jane Roe", "contact_email": "jane@example.org", "motion": "referral",
        "products": [products(session).await[0]["id"]], "description": "A real project.",
        "partner_role": "sourced"
    });
    let response = session
        .post("/api/registrations")
        .json(&body)
        .send()
        .await
        .unwrap();
    json(response, StatusCode::CREATED).await
}

async fn import(manager: &Session, csv: &str, merge: bool) -> reqwest::Response {
    let path = if merge {
        "/api/accounts/import?merge_duplicates=true"
    } else {
        "/api/accounts/import"
    };
    manager.post_csv(path, csv).await
}

async fn detail(manager: &Session, registration: &Value) -> Value {
    let id = registration["id"].as_i64().unwrap();
    json(
        manager
            .get(&format!("/api/registrations/{id}"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await
}

/// The id of the account named `name`.
async fn account_id(manager: &Session, name: &str) -> i64 {
    let listed = json(
        manager.get("/api/accounts?limit=100").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == name)
        .unwrap_or_else(|| panic!("no account {name}: {listed}"))["id"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn findings_come_best_first_and_carry_their_strength() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let alice = app.sign_in(ALICE).await;
    let earlier = register(&alice, "Quillfeather Analytics Inc", "quillfeather.example").await;
    let book = "name,domain,owner\n\
                Quillfeather,,Dana Direct\n\
                QUILLFEATHER ANALYTIKS,,Lee Direct\n\
                QA Holdings,quillfeather-analytics.example,Sam Direct\n";
    json(import(&manager, book, false).await, StatusCode::OK).await;

    let bob = app.sign_in(BOB).await;
    let response = bob
        .post("/api/registrations")
        .json(&json!({
            "kind": "lead", "company_name": "Quillfeather Analytics",
            "company_domain": "https://www.quillfeather-analytics.example", "country": "DE",
            "contact_name": "Jane Roe", "contact_email": "jane@example.org", "motion": "referral",
            "products": [products(&bob).await[0]["id"]], "description": "A real project.",
            "partner_role": "sourced"
        }))
        .send()
        .await
        .unwrap();
    let text = response.text().await.unwrap();
    let created: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(created["conflict"], "review");
    // The partner learns "needs review" and nothing of how strong or whose.
    for secret in [
        "strength",
        "score",
        "possible",
        "same_name",
        "Dana",
        "Northwind",
    ] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }

    let detail = detail(&manager, &created).await;
    let findings = detail["findings"].as_array().unwrap();
    let strengths: Vec<&str> = findings
        .iter()
        .map(|f| f["strength"].as_str().unwrap())
        .collect();
    assert_eq!(strengths, ["exact", "same_name", "strong", "possible"]);
    let scores: Vec<i64> = findings
        .iter()
        .map(|f| f["score"].as_i64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] > w[1]), "{scores:?}");
    assert_eq!(scores[0], 100);
    assert_eq!(findings[1]["registration_id"], earlier["id"]);
    assert!(
        findings[3]["reason"]
            .as_str()
            .unwrap()
            .starts_with("possibly the same company as account Quillfeather ("),
        "{detail}"
    );
    // The side-by-side claims come in the same order as their findings.
    let accounts: Vec<&str> = detail["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        accounts,
        ["QA Holdings", "QUILLFEATHER ANALYTIKS", "Quillfeather"]
    );
    assert_eq!(detail["matches"][0]["registration"]["id"], earlier["id"]);
    // Sure findings decide; the possible one adds no caveat.
    let suggestion = detail["suggestion"].as_str().unwrap();
    assert!(
        !suggestion.starts_with("Possible match only"),
        "{suggestion}"
    );

    // The audit record of the check lists the reasons best first too.
    let rationale: String = sql::query_scalar(
        "SELECT rationale FROM audit_log WHERE action = 'registration.conflict_checked' \
         AND subject_id = $1",
    )
    .bind(created["id"].as_i64().unwrap())
    .fetch_one(app.state().db.pool())
    .await
    .unwrap();
    assert!(
        rationale.starts_with("same domain as account QA Holdings")
            && rationale.ends_with(
                "possibly the same company as account Quillfeather (owner: Dana Direct)"
            ),
        "{rationale}"
    );
}

#[tokio::test]
async fn a_possible_match_alone_says_so_in_the_suggestion() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let book = "name,domain,owner,incumbent_partner\nZephyrine,,Dana Direct,Globex Consulting\n";
    json(import(&manager, book, false).await, StatusCode::OK).await;
    let alice = app.sign_in(ALICE).await;
    let created = register(
        &alice,
        "Zephyrine Robotics GmbH",
        "zephyrine-robotics.example",
    )
    .await;
    assert_eq!(created["conflict"], "review");
    let text = serde_json::to_string(&created).unwrap();
    assert!(
        !text.contains("Globex") && !text.contains("possible"),
        "{text}"
    );

    let detail = detail(&manager, &created).await;
    assert_eq!(detail["findings"][0]["strength"], "possible");
    let id = created["id"].as_i64().unwrap();
    assert_eq!(
        detail["suggestion"],
        format!(
            "Possible match only: check that it is the same customer. If it is: Decline R-{}: \
             Globex Consulting is the incumbent partner on Zephyrine.",
            1000 + id
        )
    );
}

/// One account per class of variation, then a registration written the other way: each is
/// found through the blocking keys in the database, with the strength the class deserves.
#[tokio::test]
async fn every_class_of_variant_is_found_through_the_stored_keys() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let cases: [(&str, &str, &str); 12] = [
        (
            "Harbor Tarnfoods Company (The)",
            "The Harbor Tarnfoods Co",
            "same_name",
        ),
        ("Meridale Cos.", "Meridale Companies Inc", "same_name"),
        (
            "Corvantis Corp (Class A)",
            "CORVANTIS CORP CL B",
            "same_name",
        ),
        ("Progrelia Corp,Ohio", "Progrelia Corp.(De)", "same_name"),
        (
            "Pemwick Genl Indus",
            "Pemwick General Industries",
            "same_name",
        ),
        ("Schmeltzer (Henry)", "Henry Schmeltzer", "same_name"),
        ("Dumontaigne Evergrove", "Du Montaigne Ever Grove", "strong"),
        (
            "Kestrewald Laboratories",
            "Kestrewlad Laboratories",
            "strong",
        ),
        // Two letters swapped twice in nine.
        (
            "Rasmolund Pharmaceuticals",
            "Rasmlonud Pharmaceuticals",
            "strong",
        ),
        ("Fjordlane", "Fjordlane Motor Company", "possible"),
        ("IBXQ", "International Business Xchange Quorum", "possible"),
        ("Velloran Communications", "Velloran", "possible"),
    ];
    let book: String = cases
        .iter()
        .map(|(account, _, _)| format!("\"{account}\",,Dana Direct\n"))
        .collect();
    json(
        import(&manager, &format!("name,domain,owner\n{book}"), false).await,
        StatusCode::OK,
    )
    .await;
    let alice = app.sign_in(ALICE).await;
    for (i, (account, registered, strength)) in cases.iter().enumerate() {
        let created = register(&alice, registered, &format!("variant-{i}.example")).await;
        assert_eq!(created["conflict"], "review", "{registered}");
        let detail = detail(&manager, &created).await;
        assert_eq!(
            detail["accounts"][0]["name"], *account,
            "{registered}: {detail}"
        );
        assert_eq!(detail["findings"][0]["strength"], *strength, "{registered}");
    }
    // Different companies with a word in common stay apart.
    json(
        import(
            &manager,
            "name,domain,owner\nTarnwick Cloud,,Dana Direct\n",
            false,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    for (i, other) in ["Tarnwick Bank", "First Tarnwick Cloud", "Tarnwood Bank"]
        .into_iter()
        .enumerate()
    {
        let created = register(&alice, other, &format!("other-{i}.example")).await;
        assert_eq!(created["conflict"], "none", "{other}");
    }
}

const THE_SAME_COMPANY_THRICE: &str = "name,domain,owner\n\
    Brindlewood Holdings,brindlewood.example,Dana Direct\n\
    Tailspin Toys,tailspin.example,Lee Direct\n\
    Brindlewood Timber Mills,www.brindlewood.example,Sam Direct\n\
    BRINDLEWOOD HLDGS INC,brindlewood.example,Sam Direct\n";

#[tokio::test]
async fn a_book_holding_one_company_several_times_imports_as_one_account() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let before = app.count("SELECT COUNT(*) FROM accounts").await;
    let (_, body) = error(
        import(&manager, THE_SAME_COMPANY_THRICE, false).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    for row in ["row 4", "row 5"] {
        let message = body["error"]["fields"][row].as_str().unwrap();
        assert!(
            message.starts_with("The same account as row 2 (the same domain)")
                && message.contains("duplicates merged"),
            "{body}"
        );
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM accounts").await, before);

    let summary = json(
        import(&manager, THE_SAME_COMPANY_THRICE, true).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(summary, json!({ "created": 2, "updated": 0, "merged": 2 }));
    let id = account_id(&manager, "Brindlewood Holdings").await;
    let account = json(
        manager
            .get("/api/accounts?q=brindlewood")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(account["items"].as_array().unwrap().len(), 1);
    // "BRINDLEWOOD HLDGS INC" is the account's own name written another way: not kept.
    assert_eq!(
        account["items"][0]["alternative_names"],
        json!(["Brindlewood Timber Mills"])
    );
    let imported = app.audit("accounts.imported").await;
    assert_eq!(imported.len(), 1);

    // The check finds the account by its alternative name.
    let alice = app.sign_in(ALICE).await;
    let created = register(&alice, "Brindlewood Timber Mills GmbH", "timber.example").await;
    assert_eq!(created["conflict"], "review");
    let found = detail(&manager, &created).await;
    assert_eq!(found["accounts"][0]["id"], id);
    assert_eq!(found["findings"][0]["strength"], "same_name");

    // Importing again adds names, never removes one.
    let again = "name,domain,owner\nBrindlewood Holdings,brindlewood.example,Dana Direct\n\
                 Brindlewood Paper,brindlewood.example,Dana Direct\n";
    let summary = json(import(&manager, again, true).await, StatusCode::OK).await;
    assert_eq!(summary, json!({ "created": 0, "updated": 1, "merged": 1 }));
    let edit = |names: Value| {
        json!({ "name": "Brindlewood Holdings", "domain": "brindlewood.example",
                "owner": "Dana Direct", "alternative_names": names })
    };
    let edited = json(
        manager
            .send(reqwest::Method::PUT, &format!("/api/accounts/{id}"))
            .json(&edit(json!(["Brindlewood Paper", "Brindlewood Forestry"])))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        edited["alternative_names"],
        json!(["Brindlewood Paper", "Brindlewood Forestry"])
    );
    // Editing replaces them: the removed name no longer finds the account as the same name,
    // only as the short form "Brindlewood" of it; a new one does.
    let bob = app.sign_in(BOB).await;
    let dropped = register(&bob, "Brindlewood Timber Mills", "mills.example").await;
    let dropped = detail(&manager, &dropped).await;
    let on_account: Vec<&Value> = dropped["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["account_id"] == id)
        .collect();
    assert_eq!(on_account.len(), 1, "{dropped}");
    assert_eq!(on_account[0]["strength"], "possible");
    let added = register(&bob, "Brindlewood Forestry", "forestry.example").await;
    assert_eq!(detail(&manager, &added).await["accounts"][0]["id"], id);

    let too_many: Vec<String> = (0..21).map(|i| format!("Brindlewood Unit {i}")).collect();
    let (_, body) = error(
        manager
            .send(reqwest::Method::PUT, &format!("/api/accounts/{id}"))
            .json(&edit(json!(too_many)))
            .send()
            .await
            .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        body["error"]["fields"]["alternative_names"].is_string(),
        "{body}"
    );
}

/// Imports running at once each add their names to the same account: none is lost, and the
/// limit of 20 alternative names holds.
#[tokio::test]
async fn simultaneous_imports_add_every_name_and_keep_the_limit() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    json(
        import(
            &manager,
            "name,domain,owner\nOrvandel,orvandel.example,Dana\n",
            false,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let file = |from: usize, count: usize| {
        let mut csv = String::from("name,domain,owner\nOrvandel,orvandel.example,Dana\n");
        for i in from..from + count {
            csv.push_str(&format!("Orvandel Division {i},orvandel.example,Dana\n"));
        }
        csv
    };
    let burst = (0..3).map(|i| {
        let (manager, csv) = (&manager, file(i * 5, 5));
        async move { import(manager, &csv, true).await.status() }
    });
    let statuses = futures_util::future::join_all(burst).await;
    assert!(
        statuses.iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );
    let names = app.count("SELECT COUNT(*) FROM account_names").await;
    assert_eq!(names, 15, "every import's names are kept");

    // Three more files of four names each: only one more fits under 20.
    let burst = (0..3).map(|i| {
        let (manager, csv) = (&manager, file(100 + i * 4, 4));
        async move { import(manager, &csv, true).await.status() }
    });
    let statuses = futures_util::future::join_all(burst).await;
    let accepted = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    assert_eq!(accepted, 1, "{statuses:?}");
    assert_eq!(app.count("SELECT COUNT(*) FROM account_names").await, 19);
}

/// Stored keys follow the matching rules of the running version: alternative names' keys too
/// are computed again at start-up.
#[tokio::test]
async fn alternative_names_are_keyed_again_when_the_rules_change() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let book = "name,domain,owner\nHalvorine,halvorine.example,Dana\n\
                Halvorine Cos Cl A,halvorine.example,Dana\nGlimmerdal Pharm,halvorine.example,Dana\n";
    json(import(&manager, book, true).await, StatusCode::OK).await;
    app.reopen_after(&[
        "DELETE FROM account_blocks",
        "UPDATE account_names SET name_key = 'stale'",
        "UPDATE matching_keys SET version = 0",
    ])
    .await;
    let key: String = sql::query_scalar("SELECT name_key FROM account_names")
        .fetch_one(app.state().db.pool())
        .await
        .unwrap();
    assert_eq!(key, "glimmerdal pharmaceutical");
    let alice = app.sign_in(ALICE).await;
    let created = register(&alice, "Glimmerdal Pharmaceuticals", "glimmer.example").await;
    assert_eq!(created["conflict"], "review");
}

/// A short name is the short form of every account that starts with it: all are found, and
/// stored and shown best first, however many.
#[tokio::test]
async fn a_short_name_finds_every_account_it_may_be_the_short_form_of() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let mut book = String::from("name,domain,owner\nVelmorant Group Inc,,Dana Direct\n");
    for i in 0..120 {
        book.push_str(&format!("Velmorant Division {i},,Dana Direct\n"));
    }
    json(import(&manager, &book, false).await, StatusCode::OK).await;
    let alice = app.sign_in(ALICE).await;
    let created = register(&alice, "Velmorant", "velmorant.example").await;
    let detail = detail(&manager, &created).await;
    let findings = detail["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 121);
    // "Velmorant Group Inc" is the same name; every division only possibly the same company.
    assert_eq!(findings[0]["strength"], "same_name");
    assert!(findings[1..].iter().all(|f| f["strength"] == "possible"));
    assert_eq!(detail["accounts"].as_array().unwrap().len(), 121);
}
