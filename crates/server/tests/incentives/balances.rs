//! The ledger always adds up: random sequences of wins, reopenings, approvals, adjustments and
//! days passing, on whichever engine the tests run on, and after each step the balances the
//! API answers are the entries added up, split into parts that add up to the total, and equal
//! to what a plain model of the rules expects.

use proptest::prelude::*;

use super::*;

#[derive(Debug, Clone)]
enum Step {
    Win,
    Reopen,
    Approve,
    Adjust(i64),
    Advance(i64),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => Just(Step::Win),
        2 => Just(Step::Reopen),
        2 => Just(Step::Approve),
        2 => (-20_000i64..20_000).prop_filter("not zero", |a| *a != 0).prop_map(Step::Adjust),
        2 => (1i64..45).prop_map(Step::Advance),
    ]
}

/// What the rules say the organization's EUR total is: the earnings no reversal undid, and the
/// adjustments.
#[derive(Debug, Default)]
struct Model {
    won: bool,
    standing: i64,
    adjustments: i64,
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn balances_are_the_entries_added_up(steps in prop::collection::vec(step(), 1..10)) {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(run(steps));
    }
}

async fn run(steps: Vec<Step>) {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let (northwind, _) = partner(&app, "Contoso Channel").await;
    json(save_plans(&manager, &plans()).await, StatusCode::OK).await;
    let id = deal_ready_to_win(&app, &manager, northwind, 10_000).await;
    let mut model = Model::default();
    let mut manager = manager;
    for step in steps {
        match step {
            Step::Win if !model.won => {
                ready_to_win(&app, id).await;
                move_to(&manager, id, "won").await;
                model.won = true;
                model.standing = 3 * 50_000;
            }
            Step::Reopen if model.won => {
                move_to(
                    &manager,
                    id,
                    portico_api::pipeline::stages(Motion::Referral)[0].slug,
                )
                .await;
                model.won = false;
                model.standing = 0;
            }
            Step::Approve => {
                let body = json!({ "organization_id": northwind });
                let response = manager
                    .post("/api/ledger/approve")
                    .json(&body)
                    .send()
                    .await
                    .unwrap();
                json(response, StatusCode::OK).await;
            }
            Step::Adjust(amount) => {
                let body = json!({ "organization_id": northwind, "currency": "EUR",
                                   "amount": amount, "rationale": "Correction." });
                let response = manager
                    .post("/api/ledger/adjustments")
                    .json(&body)
                    .send()
                    .await
                    .unwrap();
                json(response, StatusCode::CREATED).await;
                model.adjustments += amount;
            }
            Step::Advance(days) => {
                app.clock.advance(days * DAY);
                manager = app.sign_in(MANAGER).await;
            }
            Step::Win | Step::Reopen => {}
        }
        check(&app, &manager, northwind, &model).await;
    }
}

async fn check(app: &TestApp, manager: &Session, northwind: i64, model: &Model) {
    let ledger = manager
        .read(&format!("/api/ledger?organization={northwind}&limit=100"))
        .await;
    let eur = balance(&ledger, "EUR");
    let entries: i64 = sql::query_scalar(
        "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM ledger_entries \
         WHERE organization_id = $1 AND currency = 'EUR'",
    )
    .bind(northwind)
    .fetch_one(app.state().db.pool())
    .await
    .unwrap();
    let expected = model.standing + model.adjustments;
    if eur.is_null() {
        assert_eq!(entries, 0);
        assert_eq!(expected, 0);
        return;
    }
    let part = |name: &str| eur[name].as_i64().unwrap();
    assert_eq!(part("total"), entries, "the total is the entries added up");
    assert_eq!(part("total"), expected, "{model:?}");
    assert_eq!(
        part("upcoming") + part("pending") + part("payable"),
        part("total")
    );
    assert!(part("upcoming") >= 0 && part("pending") >= 0);
}
