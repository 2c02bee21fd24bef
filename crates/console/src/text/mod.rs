//! Every English text the manager console shows, in one place, so that a translation can
//! replace it later; English is the only language for now. Plain constants and functions: no
//! lookup at run time, nothing added to the bundle. A text with values is a function that
//! builds the whole sentence, so a translation can move the words around. What the console
//! shares with the partner portal (the page frame, fields, lists, a person's own settings) has
//! its words in `portico_ui::text`.
//!
//! The labels of the API's enums (`Role::label()`, `stage_label`, status labels) and the
//! validation messages of `portico-api` stay in `portico-api`: the server's e-mails use them
//! too.

pub mod accounts;
pub mod announcements;
pub mod approval_queue;
pub mod asset_form;
pub mod attribution;
pub mod card_links;
pub mod certifications;
pub mod channel_data;
pub mod common;
pub mod content;
pub mod content_usage;
pub mod csv_import;
pub mod deliveries;
pub mod endpoints;
pub mod home;
pub mod incentives;
pub mod integrations;
pub mod invitations;
pub mod ledger;
pub mod messages;
pub mod nav;
pub mod numbers;
pub mod onboarding;
pub mod opportunity;
pub mod partners;
pub mod payouts;
pub mod pipeline;
pub mod products;
pub mod registration;
pub mod security_settings;
pub mod tiers;
pub mod users;
pub mod webhook_endpoint;
