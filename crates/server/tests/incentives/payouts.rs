//! Payout batches: drafted from payable balances of organizations that gave a payee, confirmed
//! once however many confirmations arrive at once, refused when a balance shrank since the
//! draft, exported for finance, marked paid, and a returned payment giving the amount back.

use futures_util::future::join_all;

use super::*;

async fn post(manager: &Session, path: &str, body: Value) -> reqwest::Response {
    manager.post(path).json(&body).send().await.unwrap()
}

/// One new partner has 500.00 EUR approved and a payee; another 300.00 EUR and none.
async fn payable_balances(app: &TestApp, manager: &Session) -> (i64, i64) {
    let (northwind, alice) = partner(app, "Contoso Channel").await;
    let (globex, _) = partner(app, "Fabrikam Resale").await;
    json(save_plans(manager, &plans()).await, StatusCode::OK).await;
    let id = deal_ready_to_win(app, manager, northwind, 10_000).await;
    move_to(manager, id, "won").await;
    json(
        post(
            manager,
            "/api/ledger/approve",
            json!({ "organization_id": northwind }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let payee = json!({ "account_holder": "Contoso Channel GmbH",
                        "iban": "DE89370400440532013000", "bic": "COBADEFFXXX" });
    let path = format!("/api/organizations/{northwind}/payee");
    let saved = alice
        .send(reqwest::Method::PUT, &path)
        .json(&payee)
        .send()
        .await
        .unwrap();
    json(saved, StatusCode::OK).await;
    let bonus = json!({ "organization_id": globex, "currency": "EUR", "amount": 30_000,
                        "rationale": "Workshop fee." });
    json(
        post(manager, "/api/ledger/adjustments", bonus).await,
        StatusCode::CREATED,
    )
    .await;
    (northwind, globex)
}

#[tokio::test]
async fn a_batch_pays_each_balance_once_and_a_returned_payment_gives_it_back() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let (northwind, globex) = payable_balances(&app, &manager).await;

    let draft = json(
        post(&manager, "/api/payouts", json!({ "minimum": 10_000 })).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(draft["state"], "draft");
    let payments = draft["payments"].as_array().unwrap();
    assert_eq!(payments.len(), 1, "{draft}");
    assert_eq!(payments[0]["organization"]["id"], northwind);
    assert_eq!(payments[0]["amount"], 50_000);
    assert_eq!(payments[0]["account"], "DE•• •••• •••• •••• ••30 00");
    let without = draft["without_payee"].as_array().unwrap();
    assert!(without.iter().any(|o| o["id"] == globex), "{draft}");
    let id = draft["id"].as_i64().unwrap();
    let csv_path = format!("/api/payouts/{id}.csv");
    error(
        manager.get(&csv_path).send().await.unwrap(),
        StatusCode::CONFLICT,
    )
    .await;
    let rival = json(
        post(&manager, "/api/payouts", json!({ "minimum": 10_000 })).await,
        StatusCode::CREATED,
    )
    .await;

    // Four confirmations at once pay once.
    let confirm = format!("/api/payouts/{id}/confirm");
    let burst = join_all((0..4).map(|_| manager.post(&confirm).send())).await;
    for answer in burst {
        assert_eq!(answer.unwrap().status(), StatusCode::OK);
    }
    let payouts: i64 = sql::query_scalar(
        "SELECT COUNT(*) FROM ledger_entries WHERE kind = 'payout' AND organization_id = $1",
    )
    .bind(northwind)
    .fetch_one(app.state().db.pool())
    .await
    .unwrap();
    assert_eq!(payouts, 1);
    let alice = app.sign_in("admin@contoso-channel.example").await;
    let eur = balance(&alice.read("/api/ledger").await, "EUR");
    assert_eq!(
        (eur["payable"].as_i64(), eur["paid"].as_i64()),
        (Some(0), Some(50_000))
    );
    let paid = alice.read("/api/ledger?status=paid").await;
    assert_eq!(
        paid["entries"].as_array().unwrap().len(),
        1,
        "the earning is paid"
    );

    // The rival draft counted the same balance: it cannot pay it again.
    let rival_confirm = format!("/api/payouts/{}/confirm", rival["id"]);
    error(
        manager.post(&rival_confirm).send().await.unwrap(),
        StatusCode::CONFLICT,
    )
    .await;

    let csv = manager.get(&csv_path).send().await.unwrap();
    assert_eq!(csv.status(), StatusCode::OK);
    let text = csv.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "organization,payee,account,bic,amount,currency,reference"
    );
    assert!(
        lines[1].starts_with("Contoso Channel,Contoso Channel GmbH,DE89370400440532013000,COBADEFFXXX,500.00,EUR,PORTICO-"),
        "{text}"
    );

    let listed = manager.read("/api/payouts?limit=1").await;
    let newest = &listed["items"][0];
    assert_eq!(newest["id"], rival["id"], "newest first: {listed}");
    assert_eq!(newest["state"], "draft");
    let cursor = listed["next_cursor"].as_str().unwrap();
    let older = manager
        .read(&format!("/api/payouts?limit=1&cursor={cursor}"))
        .await;
    assert_eq!(older["items"][0]["id"], id);
    assert_eq!(
        older["items"][0]["totals"],
        json!([{ "currency": "EUR", "amount": 50_000, "payments": 1 }])
    );
    error(
        alice.get("/api/payouts").send().await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;

    let batch = manager.read(&format!("/api/payouts/{id}")).await;
    let payment = batch["payments"][0]["id"].as_i64().unwrap();
    let failed = format!("/api/payouts/{id}/payments/{payment}/failed");
    let answer = json(manager.post(&failed).send().await.unwrap(), StatusCode::OK).await;
    assert_eq!(answer["payments"][0]["state"], "failed");
    error(
        manager.post(&failed).send().await.unwrap(),
        StatusCode::CONFLICT,
    )
    .await;
    let eur = balance(&alice.read("/api/ledger").await, "EUR");
    assert_eq!(eur["payable"], 50_000, "back in the balance");

    let paid = json(
        manager
            .post(&format!("/api/payouts/{id}/paid"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(paid["state"], "paid");
    for action in [
        "payout_batch.created",
        "payout_batch.confirmed",
        "payout_batch.paid",
        "payout_payment.failed",
    ] {
        assert!(!app.audit(action).await.is_empty(), "{action}");
    }

    for path in [format!("/api/payouts/{id}"), csv_path] {
        error(
            alice.get(&path).send().await.unwrap(),
            StatusCode::FORBIDDEN,
        )
        .await;
    }
    error(
        post(&alice, "/api/payouts", json!({ "minimum": 1 })).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    error(
        manager.get("/api/payouts/999999").send().await.unwrap(),
        StatusCode::NOT_FOUND,
    )
    .await;
}

/// The Python with lxml and sepaxml (whose schemas it ships) that `cargo xtask test` installs.
fn python() -> std::path::PathBuf {
    std::env::var_os("PORTICO_TEST_XML_PYTHON")
        .map(Into::into)
        .expect("PORTICO_TEST_XML_PYTHON is not set: run the tests with `cargo xtask test`")
}

/// Whether the file is valid against ISO 20022's `pain.001.001.03` schema.
fn valid_pain_001(xml: &str) -> bool {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("payout.xml");
    std::fs::write(&file, xml).unwrap();
    let script = "import os, sys, sepaxml\nfrom lxml import etree\n\
        xsd = os.path.join(os.path.dirname(sepaxml.__file__), 'schemas', 'pain.001.001.03.xsd')\n\
        schema = etree.XMLSchema(etree.parse(xsd))\n\
        ok = schema.validate(etree.parse(sys.argv[1]))\n\
        print(schema.error_log)\nsys.exit(0 if ok else 1)\n";
    let output = std::process::Command::new(python())
        .args(["-c", script])
        .arg(&file)
        .output()
        .expect("run the schema check");
    if !output.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&output.stdout));
    }
    output.status.success()
}

#[tokio::test]
async fn the_sepa_file_of_a_confirmed_batch_passes_the_pain_001_schema() {
    let debtor = "Acme Corp & Partners;DE89 3704 0044 0532 0130 00;COBADEFFXXX";
    let app = TestApp::start_with(|settings| {
        settings.sepa_debtor = Some(portico_server::domain::sepa::Debtor::parse(debtor).unwrap());
    })
    .await;
    let manager = app.sign_in(MANAGER).await;
    payable_balances(&app, &manager).await;
    let draft = json(
        post(&manager, "/api/payouts", json!({ "minimum": 10_000 })).await,
        StatusCode::CREATED,
    )
    .await;
    let id = draft["id"].as_i64().unwrap();
    let path = format!("/api/payouts/{id}/sepa.xml");
    error(
        manager.get(&path).send().await.unwrap(),
        StatusCode::CONFLICT,
    )
    .await;
    json(
        manager
            .post(&format!("/api/payouts/{id}/confirm"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;

    let file = manager.get(&path).send().await.unwrap();
    assert_eq!(file.status(), StatusCode::OK);
    assert!(
        file.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/xml")
    );
    let xml = file.text().await.unwrap();
    assert!(xml.contains("<IBAN>DE89370400440532013000</IBAN>"));
    assert!(xml.contains("<InstdAmt Ccy=\"EUR\">500.00</InstdAmt>"));
    assert!(xml.contains("<Nm>Acme Corp &amp; Partners</Nm>"));
    assert!(valid_pain_001(&xml), "{xml}");
    let broken = xml.replacen(
        "<CtrlSum>500.00</CtrlSum>",
        "<CtrlSum>five hundred</CtrlSum>",
        1,
    );
    assert!(!valid_pain_001(&broken), "the schema check can fail");
    let alice = app.sign_in(ALICE).await;
    error(
        alice.get(&path).send().await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
}
