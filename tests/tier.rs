//! A partner sees its program tier on the home page: the tier and its benefits, a grace period
//! when it no longer qualifies, and its progress on each rule of the next tier.

use crate::support;

use portico_api::tiers::{Measure, Rule};
use portico_server::app::tiers;
use portico_server::store::{certifications, users};
use support::*;

#[tokio::test]
async fn a_partner_sees_its_tier_grace_and_progress_on_the_home_page() {
    let portal = Portal::start().await;
    portal.without_tier_program().await;
    let state = &portal.running.state;
    let alice = browser().await;
    alice.sign_in(&portal, "alice@northwind.example").await;
    alice.find("#home-pipeline").await;
    alice.scroll_to(true).await;
    alice.find("#home-team").await;
    assert!(
        !alice.is_present("#home-tier").await,
        "no tiers before a program"
    );

    let mut program = tiers::starter_program();
    let sales = certifications::definitions(state.db.pool(), &state.today(), None)
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.code == "sales_foundations")
        .unwrap();
    program.tiers[1].rules = vec![];
    program.tiers[2].rules = vec![Rule::of(Measure::WonDeals, 1_000)];
    program.tiers[3].rules = vec![
        Rule::of(Measure::WonDeals, 1_000),
        Rule {
            certification_id: Some(sales.id),
            ..Rule::of(Measure::CertifiedPeople, 2)
        },
    ];
    let manager = users::by_email(state.db.pool(), "manager@acme.example")
        .await
        .unwrap()
        .unwrap();
    tiers::save_program(state, manager.id, &program)
        .await
        .unwrap();
    tiers::evaluate(state, Some(manager.id)).await.unwrap();

    alice.open(&portal.url("/")).await;
    alice.find("#home-pipeline").await;
    alice.scroll_to(true).await;
    alice.wait_for_text("#tier-name", "Gold").await;
    alice
        .wait_for_text("#tier-grace", "no longer meets Gold's rules")
        .await;
    let progress = alice.wait_for_text("#tier-progress", "Won deals").await;
    assert!(progress.contains("of 1,000"), "{progress}");
    assert!(
        progress.contains("People certified in Sales Foundations") && progress.contains("1 of 2"),
        "Alice holds it, nobody else at Northwind: {progress}"
    );
    alice.assert_accessible().await;
    alice.close().await;
}
