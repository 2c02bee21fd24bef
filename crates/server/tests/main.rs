//! The server's tests over real HTTP, one module per area, in one test binary: one link of the
//! server instead of one per area, and the harness in `common` compiled once.
//!
//! The log test stays a binary of its own (`tests/logs.rs`): it installs the process's global
//! log subscriber at the most verbose level, which would capture every other test's logs.

mod common;

mod announcements;
mod architecture;
mod assets;
mod auth;
mod card_links;
mod certifications;
mod channel_data;
mod cli;
mod columns;
mod dashboard;
mod engagement;
mod errors;
mod hardening;
mod incentives;
mod integrations;
mod invitations;
mod matching;
mod notifications;
mod onboarding;
mod openapi;
mod organizations;
mod outbound;
mod outbound_targets;
mod passwords;
mod pipeline;
mod registrations;
mod schema_parity;
mod search_bounds;
mod slow_receivers;
mod spa;
mod tiers;
mod two_factor;
mod users;
