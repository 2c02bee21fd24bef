//! Demo data for `--demo`: the vendor "Acme Cloud" and partners across every motion and tier,
//! with products, an account book, registrations in every state, a pipeline, a content
//! library and sign-ins, so that partners' engagement differs: long-standing and busy, quiet
//! lately, stalled, and one that joined days ago.

pub mod announcement_volume;
pub mod asset_volume;
mod certifications;
pub mod channel_data;
mod content;
pub mod files;
mod incentives;
mod onboarding;
mod pipeline;
mod registrations;
mod tiers;
pub mod volume;

use portico_api::Role;
use portico_api::organizations::{Motion, Tier};

use crate::app::{AppError, AppResult};
use crate::blobs::Blobs;
use crate::clock::Timestamp;
use crate::domain::membership::Membership;
use crate::domain::password;
use crate::domain::sealed::Sealer;
use crate::store::StoreError;
use crate::store::users::{self, NewUser};
use crate::store::{Db, organizations};

pub const PASSWORD: &str = "portico-demo";

const DAY: Timestamp = 24 * 60 * 60;

/// (name, motion, tier, days since it joined)
const ORGANIZATIONS: [(&str, Motion, Tier, i64); 7] = [
    ("Northwind Partners", Motion::Reseller, Tier::Gold, 720),
    ("Globex Consulting", Motion::Services, Tier::Platinum, 900),
    ("Initech Referrals", Motion::Referral, Tier::Silver, 400),
    (
        "Umbrella Cloud Marketplace",
        Motion::Marketplace,
        Tier::Gold,
        260,
    ),
    ("Stark Integrations", Motion::Tech, Tier::Silver, 75),
    (
        "Wayne Managed Services",
        Motion::Services,
        Tier::Registered,
        180,
    ),
    ("Tyrell Resellers", Motion::Reseller, Tier::Registered, 12),
];

/// Where the organizations are based; Tyrell has not said.
const COUNTRIES: [(&str, &str); 6] = [
    ("Northwind Partners", "DE"),
    ("Globex Consulting", "GB"),
    ("Initech Referrals", "US"),
    ("Umbrella Cloud Marketplace", "US"),
    ("Stark Integrations", "US"),
    ("Wayne Managed Services", "CA"),
];

/// (e-mail, name, role, organization)
const USERS: [(&str, &str, Role, Option<&str>); 12] = [
    ("admin@acme.example", "Ada Admin", Role::Admin, None),
    (
        "manager@acme.example",
        "Morgan Manager",
        Role::Manager,
        None,
    ),
    (
        "sam.channel@acme.example",
        "Sam Channel",
        Role::Manager,
        None,
    ),
    (
        "alice@northwind.example",
        "Alice Northwind",
        Role::PartnerAdmin,
        Some("Northwind Partners"),
    ),
    (
        "nate@northwind.example",
        "Nate Sales",
        Role::PartnerUser,
        Some("Northwind Partners"),
    ),
    (
        "bob@globex-consulting.example",
        "Bob Globex",
        Role::PartnerUser,
        Some("Globex Consulting"),
    ),
    (
        "grace@globex-consulting.example",
        "Grace Lead",
        Role::PartnerAdmin,
        Some("Globex Consulting"),
    ),
    (
        "ivy@initech.example",
        "Ivy Referral",
        Role::PartnerAdmin,
        Some("Initech Referrals"),
    ),
    (
        "uma@umbrella.example",
        "Uma Listings",
        Role::PartnerAdmin,
        Some("Umbrella Cloud Marketplace"),
    ),
    (
        "tony@stark-integrations.example",
        "Tony Builder",
        Role::PartnerAdmin,
        Some("Stark Integrations"),
    ),
    (
        "wanda@wayne-msp.example",
        "Wanda Ops",
        Role::PartnerAdmin,
        Some("Wayne Managed Services"),
    ),
    (
        "roy@tyrell.example",
        "Roy Reseller",
        Role::PartnerUser,
        Some("Tyrell Resellers"),
    ),
];

/// (e-mail, days ago of each sign-in, oldest first). Wayne's only user last signed in five weeks
/// ago, so Wayne has stalled; Tyrell's signed in the day it joined.
const SIGN_INS: [(&str, &[i64]); 9] = [
    ("alice@northwind.example", &[58, 40, 27, 20, 14, 9, 5, 2, 0]),
    ("nate@northwind.example", &[22, 15, 8, 1]),
    ("bob@globex-consulting.example", &[40, 25, 12, 5, 1]),
    ("grace@globex-consulting.example", &[33, 18, 3]),
    ("ivy@initech.example", &[120, 45, 20]),
    ("uma@umbrella.example", &[40, 25]),
    ("tony@stark-integrations.example", &[45, 30, 0]),
    ("wanda@wayne-msp.example", &[50, 35]),
    ("roy@tyrell.example", &[12]),
];

/// The sign-ins printed at start so a newcomer can try every role.
pub const LOGINS: [(&str, &str); 4] = [
    ("admin@acme.example", "admin"),
    ("manager@acme.example", "manager"),
    (
        "alice@northwind.example",
        "partner_admin, Northwind Partners",
    ),
    (
        "bob@globex-consulting.example",
        "partner_user, Globex Consulting",
    ),
];

/// Seeds only an empty database, so a restart keeps whatever was changed since.
pub async fn seed_if_empty(
    db: &Db,
    blobs: &Blobs,
    sealer: &Sealer,
    now: Timestamp,
) -> AppResult<bool> {
    if users::count(db.pool()).await? > 0 {
        return Ok(false);
    }
    // One hash for all: the demo password is public anyway, and hashing is the slow part.
    let password_hash = tokio::task::spawn_blocking(|| password::hash(PASSWORD))
        .await
        .map_err(AppError::internal)?;
    let mut tx = db.begin_write().await?;
    for (name, motion, tier, days) in ORGANIZATIONS {
        let id = organizations::insert(&mut *tx, name, motion, tier, now - days * DAY).await?;
        let country = COUNTRIES.iter().find(|(org, _)| *org == name);
        organizations::set_country(&mut *tx, id, country.map(|(_, code)| *code)).await?;
    }
    for (email, name, role, organization) in USERS {
        let organization_id = match organization {
            Some(org) => organizations::id_by_name(&mut *tx, org).await?,
            None => None,
        };
        // Partner users came with their organization.
        let joined = ORGANIZATIONS
            .iter()
            .find(|(org, ..)| Some(*org) == organization)
            .map_or(now, |(.., days)| now - days * DAY);
        let membership = Membership::new(role, organization_id).map_err(AppError::internal)?;
        let user = NewUser {
            email,
            name,
            membership,
            password_hash: &password_hash,
        };
        users::insert(&mut *tx, &user, joined).await?;
    }
    tx.commit().await?;
    sign_ins(db, now).await?;
    registrations::seed(db, sealer, now).await?;
    pipeline::seed(db, now).await?;
    let manager = users::by_email(db.pool(), "manager@acme.example")
        .await?
        .ok_or_else(|| AppError::internal("the demo manager is missing"))?;
    content::seed(db, blobs, manager.id, now).await?;
    certifications::seed(db, manager.id, now).await?;
    onboarding::seed(db, manager.id, now).await?;
    let admin = users::by_email(db.pool(), "admin@acme.example")
        .await?
        .ok_or_else(|| AppError::internal("the demo administrator is missing"))?;
    tiers::seed(db, admin.id, now).await?;
    incentives::seed(db, sealer, manager.id, now).await?;
    tracing::info!("seeded demo data");
    Ok(true)
}

async fn sign_ins(db: &Db, now: Timestamp) -> Result<(), StoreError> {
    for (email, days_ago) in SIGN_INS {
        let Some(user) = users::by_email(db.pool(), email).await? else {
            continue;
        };
        for days in days_ago {
            db.write(async |conn| users::record_sign_in(conn, &user, now - days * DAY).await)
                .await?;
        }
    }
    Ok(())
}
