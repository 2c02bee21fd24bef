//! The demo's tier program, in force and saved by the demo administrator: the starter ladder
//! with rules set against the demo's deals, so the first evaluation (at start) shows each case.
//! Gold and up need someone certified in Sales Foundations. Globex (platinum, but nothing won
//! lately) and Umbrella (gold on too little revenue) enter a grace period; Northwind is a step
//! from platinum and Stark from gold; Wayne and Tyrell are promoted.

use portico_api::date::Date;
use portico_api::tiers::{Measure, Rule, TierProgram};

use crate::app::tiers::starter_program;
use crate::clock::Timestamp;
use crate::store::{Db, StoreError, certifications, tiers};

pub async fn seed(db: &Db, admin_id: i64, now: Timestamp) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    let today = Date::from_unix(now).to_string();
    let sales = certifications::definitions(&mut *tx, &today, None)
        .await?
        .into_iter()
        .find(|d| d.code == "sales_foundations")
        .map(|d| d.id);
    tiers::save_program(&mut *tx, &program(sales), admin_id, now).await?;
    tx.commit().await?;
    Ok(())
}

fn program(sales_foundations: Option<i64>) -> TierProgram {
    let mut program = starter_program();
    program.tiers[1].rules = vec![Rule::of(Measure::EngagementScore, 20)];
    program.tiers[2].rules = vec![
        Rule::of(Measure::SourcedRevenue, 100_000),
        Rule::of(Measure::WonDeals, 1),
    ];
    if let Some(id) = sales_foundations {
        program.tiers[2].rules.push(Rule {
            certification_id: Some(id),
            ..Rule::of(Measure::CertifiedPeople, 1)
        });
    }
    program.tiers[3].rules = vec![
        Rule::of(Measure::SourcedRevenue, 250_000),
        Rule::of(Measure::WonDeals, 5),
        Rule::of(Measure::EngagementScore, 50),
    ];
    program
}
