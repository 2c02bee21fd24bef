//! The demo's tier program, in force and saved by the demo administrator: the starter ladder
//! with rules set against the demo's deals, so the first evaluation (at start) shows each case.
//! Globex (platinum, but nothing won lately) and Umbrella (gold on too little revenue) enter a
//! grace period; Northwind is a step from platinum and Stark from gold; Wayne and Tyrell are
//! promoted.

use portico_api::tiers::{Measure, Rule, TierProgram};

use crate::app::tiers::starter_program;
use crate::clock::Timestamp;
use crate::store::tiers;
use crate::store::{Db, StoreError};

pub async fn seed(db: &Db, admin_id: i64, now: Timestamp) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    tiers::save_program(&mut *tx, &program(), admin_id, now).await?;
    tx.commit().await?;
    Ok(())
}

fn program() -> TierProgram {
    let rule = |measure, at_least| Rule { measure, at_least };
    let mut program = starter_program();
    program.tiers[1].rules = vec![rule(Measure::EngagementScore, 20)];
    program.tiers[2].rules = vec![
        rule(Measure::SourcedRevenue, 100_000),
        rule(Measure::WonDeals, 1),
    ];
    program.tiers[3].rules = vec![
        rule(Measure::SourcedRevenue, 250_000),
        rule(Measure::WonDeals, 5),
        rule(Measure::EngagementScore, 50),
    ];
    program
}
