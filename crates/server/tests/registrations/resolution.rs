//! A conflict seen from both claims, and decided in one step: the earlier claim lists the
//! later one, the manager approves one and declines the other at once, all or nothing, and the
//! declined partner reads what happened rather than a promise of a decision.

use super::*;

async fn resolve(manager: &Session, winner: i64, body: Value) -> reqwest::Response {
    manager
        .post(&format!("/api/registrations/{winner}/resolution"))
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn detail(session: &Session, id: i64) -> Value {
    session.read(&format!("/api/registrations/{id}")).await
}

fn id(registration: &Value) -> i64 {
    registration["id"].as_i64().unwrap()
}

#[tokio::test]
async fn both_claims_show_the_conflict_and_one_step_decides_it() {
    let app = TestApp::start().await;
    let (alice, bob) = (app.sign_in(ALICE).await, app.sign_in(BOB).await);
    let manager = app.sign_in(MANAGER).await;
    let first = id(&register(&app, &alice, "Sentinel Works", "sentinelworks.example").await);
    let second = register(&app, &bob, "Sentinel Works", "sentinelworks.example").await;
    assert_eq!(second["conflict"], "review");
    let second = id(&second);

    let earlier = detail(&manager, first).await;
    assert_eq!(earlier["registration"]["competing_claims"], json!([second]));
    assert_eq!(earlier["later_claims"][0]["registration"]["id"], second);
    let later = detail(&manager, second).await;
    assert_eq!(later["registration"]["competing_claims"], json!([first]));
    assert_eq!(later["later_claims"], json!([]));

    // Bad requests change nothing.
    for body in [json!({ "decline": [] }), json!({ "decline": [first] })] {
        error(
            resolve(&manager, first, body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let unrelated = id(&register(&app, &alice, "Unrelated Mills", "unrelatedmills.example").await);
    let (_, body) = error(
        resolve(&manager, first, json!({ "decline": [unrelated] })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        body["error"]["fields"]["decline"]
            .as_str()
            .unwrap()
            .contains("does not claim")
    );
    error(
        resolve(&alice, first, json!({ "decline": [second] })).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(
        detail(&manager, first).await["registration"]["registration"]["status"],
        "submitted"
    );

    let resolved = json(
        resolve(&manager, first, json!({ "decline": [second] })).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(resolved["registration"]["status"], "approved");
    let lost = detail(&manager, second).await["registration"].clone();
    assert_eq!(lost["registration"]["status"], "declined");
    assert_eq!(
        lost["registration"]["decision"]["reason"],
        "already_registered"
    );
    assert_eq!(audited(&app, "registration.approved", first).await, 1);
    assert_eq!(audited(&app, "registration.declined", second).await, 1);
    // A retry decides nothing twice.
    error(
        resolve(&manager, first, json!({ "decline": [second] })).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(audited(&app, "registration.declined", second).await, 1);

    // The declined partner reads the outcome, not a promise of a decision.
    let bobs = detail(&bob, second).await;
    let message = bobs["registration"]["conflict_message"].as_str().unwrap();
    assert!(
        message.contains("declined") && !message.contains("will decide"),
        "{message}"
    );
    assert!(bobs.to_string().contains("registered this customer first"));
    assert!(
        !bobs.to_string().contains("Northwind"),
        "the winner stays unnamed"
    );
}

#[tokio::test]
async fn a_resolution_is_all_or_nothing_and_two_at_once_approve_one_claim() {
    let app = TestApp::start().await;
    let (alice, bob) = (app.sign_in(ALICE).await, app.sign_in(BOB).await);
    let manager = app.sign_in(MANAGER).await;
    let kept = id(&register(&app, &alice, "Halcyon Freight", "halcyonfreight.example").await);
    let gone = id(&register(&app, &bob, "Halcyon Freight", "halcyonfreight.example").await);
    let withdrawn = bob
        .post(&format!("/api/registrations/{gone}/withdraw"))
        .send()
        .await
        .unwrap();
    json(withdrawn, StatusCode::OK).await;
    // The decline fails, so the approval made before it in the same step is undone.
    error(
        resolve(&manager, kept, json!({ "decline": [gone] })).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(
        detail(&manager, kept).await["registration"]["registration"]["status"],
        "submitted"
    );
    assert_eq!(audited(&app, "registration.approved", kept).await, 0);

    // Two managers resolve the same conflict opposite ways at the same moment.
    let a = id(&register(&app, &alice, "Quartz Dynamics", "quartzdynamics.example").await);
    let b = id(&register(&app, &bob, "Quartz Dynamics", "quartzdynamics.example").await);
    let other = app.sign_in(ADMIN).await;
    let (one, two) = tokio::join!(
        resolve(&manager, a, json!({ "decline": [b] })),
        resolve(&other, b, json!({ "decline": [a] })),
    );
    let mut statuses = [one.status(), two.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);
    let mut approved = 0;
    for claim in [a, b] {
        let status = &detail(&manager, claim).await["registration"]["registration"]["status"];
        approved += usize::from(status == "approved");
    }
    assert_eq!(approved, 1);
}
