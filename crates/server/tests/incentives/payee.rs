//! Where a partner is paid: its admins give an IBAN and BIC (checked), kept sealed and only
//! ever shown masked, in answers, the database and the audit log alike.

use super::*;

const IBAN: &str = "DE89 3704 0044 0532 0130 00";

#[tokio::test]
async fn partner_admins_give_their_bank_details_which_stay_sealed_and_masked() {
    let app = TestApp::start().await;
    let (northwind, alice) = partner(&app, "Contoso Channel").await;
    let path = format!("/api/organizations/{northwind}/payee");
    error(
        alice.get(&path).send().await.unwrap(),
        StatusCode::NOT_FOUND,
    )
    .await;
    let put = |session: &Session, body: Value| {
        session.send(reqwest::Method::PUT, &path).json(&body).send()
    };
    let typo = json!({ "account_holder": "Northwind Partners GmbH",
                       "iban": "DE89 3704 0044 0532 0130 01", "bic": "COBADEFF" });
    let (_, body) = error(
        put(&alice, typo).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        body["error"]["fields"]["iban"]
            .as_str()
            .unwrap()
            .contains("check digits")
    );
    let good = json!({ "account_holder": "Northwind Partners GmbH", "iban": IBAN,
                       "bic": "cobadeffxxx" });
    let saved = json(put(&alice, good.clone()).await.unwrap(), StatusCode::OK).await;
    assert_eq!(saved["account"], "DE•• •••• •••• •••• ••30 00");
    assert_eq!(saved["bic"], "COBADEFFXXX");

    let compact = IBAN.replace(' ', "");
    let stored: String =
        sql::query_scalar("SELECT account_sealed FROM payees WHERE organization_id = $1")
            .bind(northwind)
            .fetch_one(app.state().db.pool())
            .await
            .unwrap();
    assert!(!stored.contains(&compact), "sealed in the database");
    let audited: String = sql::query_scalar(
        "SELECT CAST(after_json AS TEXT) FROM audit_log WHERE action = 'payee.saved'",
    )
    .fetch_one(app.state().db.pool())
    .await
    .unwrap_or_default();
    assert!(
        !audited.contains(&compact),
        "masked in the audit log: {audited}"
    );

    let manager = app.sign_in(MANAGER).await;
    let seen = manager.read(&path).await;
    assert_eq!(seen["account"], saved["account"]);
    assert!(!seen.to_string().contains(&compact));
    error(
        put(&manager, good.clone()).await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
    let nate = app.sign_in("nate@northwind.example").await;
    let theirs = format!(
        "/api/organizations/{}/payee",
        nate.me.organization.as_ref().unwrap().id
    );
    error(
        nate.get(&theirs).send().await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
    let bob = app.sign_in(BOB).await;
    error(bob.get(&path).send().await.unwrap(), StatusCode::NOT_FOUND).await;
    error(put(&bob, good).await.unwrap(), StatusCode::NOT_FOUND).await;
}
