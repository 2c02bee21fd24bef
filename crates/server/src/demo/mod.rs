//! Demo data for `--demo`: the vendor "Acme Cloud" and partners across every motion and tier,
//! with products, an account book, registrations in every state, a pipeline and a content
//! library.

pub mod announcement_volume;
pub mod asset_volume;
mod content;
pub mod files;
mod pipeline;
mod registrations;
pub mod volume;

use portico_api::Role;
use portico_api::organizations::{Motion, Tier};

use crate::blobs::Blobs;
use crate::clock::Timestamp;
use crate::domain::membership::Membership;
use crate::domain::password;
use crate::store::users::{self, NewUser};
use crate::store::{Db, organizations};

pub const PASSWORD: &str = "portico-demo";

const ORGANIZATIONS: [(&str, Motion, Tier); 7] = [
    ("Northwind Partners", Motion::Reseller, Tier::Gold),
    ("Globex Consulting", Motion::Services, Tier::Platinum),
    ("Initech Referrals", Motion::Referral, Tier::Silver),
    (
        "Umbrella Cloud Marketplace",
        Motion::Marketplace,
        Tier::Gold,
    ),
    ("Stark Integrations", Motion::Tech, Tier::Silver),
    ("Wayne Managed Services", Motion::Services, Tier::Registered),
    ("Tyrell Resellers", Motion::Reseller, Tier::Registered),
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
pub async fn seed_if_empty(db: &Db, blobs: &Blobs, now: Timestamp) -> Result<bool, sqlx::Error> {
    if users::count(db.pool()).await? > 0 {
        return Ok(false);
    }
    // One hash for all: the demo password is public anyway, and hashing is the slow part.
    let password_hash = tokio::task::spawn_blocking(|| password::hash(PASSWORD))
        .await
        .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    let mut tx = db.pool().begin().await?;
    for (name, motion, tier) in ORGANIZATIONS {
        organizations::insert(&mut *tx, name, motion, tier, now).await?;
    }
    for (email, name, role, organization) in USERS {
        let organization_id = match organization {
            Some(org) => organizations::id_by_name(&mut *tx, org).await?,
            None => None,
        };
        let membership = Membership::new(role, organization_id)
            .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
        let user = NewUser {
            email,
            name,
            membership,
            password_hash: &password_hash,
        };
        users::insert(&mut *tx, &user, now).await?;
    }
    tx.commit().await?;
    registrations::seed(db, now).await?;
    pipeline::seed(db, now).await?;
    let manager = users::by_email(db.pool(), "manager@acme.example")
        .await?
        .ok_or_else(|| sqlx::Error::Protocol("the demo manager is missing".into()))?;
    content::seed(db, blobs, manager.id, now).await?;
    tracing::info!("seeded demo data");
    Ok(true)
}
