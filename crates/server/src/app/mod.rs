//! Use cases: what the portal does, one module per aggregate, independent of HTTP. Each one that
//! changes something runs on a `UnitOfWork`, which owns the write transaction and writes the
//! audit records and outbox messages the use case produced with the change. Routes, jobs, the
//! demo seeder and CRM events call these; none of them calls another's code.

pub mod account_security;
pub mod accounts;
pub mod announcements;
pub mod assets;
pub mod card_links;
pub mod certifications;
pub mod channel_data;
pub mod crm_events;
pub mod error;
pub mod incentives;
pub mod integrations;
pub mod invitations;
pub mod message_deliveries;
pub mod notifications;
pub mod onboarding;
pub mod opportunities;
pub mod partners;
pub mod portal_settings;
pub mod products;
pub mod registrations;
pub mod sign_in_links;
pub mod tiers;
pub mod unit_of_work;
pub mod users;
pub mod webhooks;

pub use error::{AppError, AppResult};
pub use unit_of_work::UnitOfWork;
