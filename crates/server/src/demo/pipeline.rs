//! A demo pipeline: deals in every motion and every stage, outcomes spread over the last
//! quarters, some idle and some with next steps overdue, so every view has something to show.

use portico_api::organizations::Motion;
use portico_api::pipeline::{Stage, ValidNewOpportunity};
use portico_api::registrations::PartnerRole;

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::opportunities::{self, Edit};
use crate::store::{Db, organizations};

const DAY: i64 = 24 * 60 * 60;

/// (organization, the motions its deals cycle through)
const BOOKS: [(&str, &[Motion]); 7] = [
    ("Northwind Partners", &Motion::ALL),
    ("Globex Consulting", &[Motion::Services, Motion::Tech]),
    ("Initech Referrals", &[Motion::Referral]),
    ("Umbrella Cloud Marketplace", &[Motion::Marketplace]),
    ("Stark Integrations", &[Motion::Tech]),
    ("Wayne Managed Services", &[Motion::Services]),
    ("Tyrell Resellers", &[Motion::Reseller]),
];

const CUSTOMERS: [&str; 24] = [
    "Contoso Pharmaceuticals",
    "Fabrikam Logistics",
    "Tailspin Toys",
    "Wide World Importers",
    "Alpine Ski House",
    "Coho Winery",
    "Lucerne Publishing",
    "Margie's Travel",
    "Northwind Traders Retail",
    "Trey Research",
    "Blue Yonder Airlines",
    "City Power & Light",
    "Fourth Coffee",
    "Graphic Design Institute",
    "Humongous Insurance",
    "Relecloud",
    "School of Fine Art",
    "Southridge Video",
    "VanArsdel Foods",
    "Wingtip Toys",
    "Bellows College",
    "Consolidated Messenger",
    "Datum Corporation",
    "Munson's Pickles and Preserves",
];

const SELLERS: [&str; 4] = [
    "Riley Direct",
    "Casey Enterprise",
    "Jamie Commercial",
    "Pat Strategic",
];

const NEXT_STEPS: [&str; 5] = [
    "Security review with the customer's IT team",
    "Send the revised proposal",
    "Executive sponsor call",
    "Joint demo of the integration",
    "Confirm budget owner",
];

/// The demo deals for every organization that exists.
pub async fn seed(db: &Db, now: Timestamp) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    let mut n = 0;
    for (name, motions) in BOOKS {
        let Some(organization_id) = organizations::id_by_name(&mut *tx, name).await? else {
            continue;
        };
        for motion in motions {
            for stage in Stage::ALL {
                let new = demo_deal(organization_id, *motion, n);
                let id = opportunities::insert(&mut tx, &new, created_at(n, now)).await?;
                opportunities::update(&mut tx, &progress(id, &new, stage, n, now)).await?;
                n += 1;
            }
        }
    }
    tx.commit().await
}

fn demo_deal(organization_id: i64, motion: Motion, n: usize) -> ValidNewOpportunity {
    let customer = CUSTOMERS[n % CUSTOMERS.len()];
    let customer_name = match n / CUSTOMERS.len() {
        0 => customer.to_owned(),
        round => format!(
            "{customer} {}",
            ["EMEA", "APAC", "Americas"][(round - 1) % 3]
        ),
    };
    let influenced = n.is_multiple_of(3);
    ValidNewOpportunity {
        organization_id,
        customer_name,
        motion,
        partner_role: if influenced {
            PartnerRole::Influenced
        } else {
            PartnerRole::Sourced
        },
        attribution_percent: Some(if influenced { 40 } else { 100 }),
        owner_name: Some(SELLERS[n % SELLERS.len()].to_owned()),
        amount: Some((
            20_000 + (n as i64 * 3_700) % 180_000,
            if n % 6 == 5 { "EUR" } else { "USD" },
        )),
    }
}

fn created_at(n: usize, now: Timestamp) -> Timestamp {
    now - (40 + (n as i64 * 11) % 600) * DAY
}

/// The deal moved to `stage`, as if it had got there through the portal.
fn progress(id: i64, new: &ValidNewOpportunity, stage: Stage, n: usize, now: Timestamp) -> Edit {
    let created = created_at(n, now);
    let closed_at = (!stage.is_open()).then(|| (created + (25 + n as i64 % 7 * 15) * DAY).min(now));
    let entered = closed_at.unwrap_or(now - (1 + n as i64 % 20) * DAY);
    let idle = if n.is_multiple_of(5) {
        30
    } else {
        n as i64 % 9
    };
    let due = portico_api::date::Date::from_unix(now + (n as i64 % 21 - 5) * DAY);
    Edit {
        id,
        stage: stage.slug(new.motion).to_owned(),
        stage_entered_at: entered,
        criteria_met: if stage.is_open() { (n % 3) as i64 } else { 0 },
        loss_reason: (stage == Stage::Lost).then(|| "Chose a competitor on price.".to_owned()),
        closed_at,
        owner_name: new.owner_name.clone(),
        next_step: stage
            .is_open()
            .then(|| NEXT_STEPS[n % NEXT_STEPS.len()].to_owned()),
        next_step_due: stage.is_open().then(|| due.to_string()),
        amount: new.amount.map(|(a, _)| a),
        currency: new.amount.map(|(_, c)| c.to_owned()),
        discount_band: Some(["0-5%", "5-10%", "10-15%"][n % 3].to_owned()),
        price_protection: n.is_multiple_of(4),
        partner_role: Some(new.partner_role),
        attribution_percent: new.attribution_percent.map(i64::from),
        internal_notes: "Procurement pushes for a multi-year discount; hold the line at 10%."
            .to_owned(),
        updated_at: entered.max(now - idle * DAY),
        last_activity_at: entered.max(now - idle * DAY),
    }
}
