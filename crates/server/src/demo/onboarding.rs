//! The demo's onboarding: the starter plans apply; the kickoff calls of the two newest partners
//! were held, so Tyrell (12 days in) is halfway through its first month and Stark (75 days in)
//! shows what is done and what is late.

use crate::clock::Timestamp;
use crate::store::{Db, StoreError, onboarding, organizations};

const DAY: i64 = 24 * 60 * 60;

/// (organization, days ago its kickoff call was ticked)
const KICKOFFS: [(&str, i64); 2] = [("Tyrell Resellers", 9), ("Stark Integrations", 70)];

pub async fn seed(db: &Db, manager: i64, now: Timestamp) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    for (name, days) in KICKOFFS {
        if let Some(id) = organizations::id_by_name(&mut *tx, name).await? {
            onboarding::tick(&mut *tx, id, "kickoff-call", manager, now - days * DAY).await?;
        }
    }
    tx.commit().await
}
