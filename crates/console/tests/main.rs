//! The manager console in headless Chromium, one module per area, in one test binary. The
//! harness is the repository's, shared with the partner portal's browser tests.

#[path = "../../../tests/support/mod.rs"]
mod support;

mod certifications;
mod channel_data;
mod crm_card;
mod incentives;
mod invitations;
mod navigation;
mod partners;
mod tiers;
mod webhooks;
