//! Every English text the shared front-end pieces show, in one place, so that a translation can
//! replace it later; English is the only language for now. Plain constants and functions: no
//! lookup at run time, nothing added to the bundle. A text with values is a function that
//! builds the whole sentence, so a translation can move the words around.
//!
//! The labels of the API's enums (`Role::label()`, `stage_label`, status labels) and the
//! validation messages of `portico-api` stay in `portico-api`: the server's e-mails use them
//! too.

pub mod account_security;
pub mod api;
pub mod certifications;
pub mod channel_data;
pub mod common;
pub mod copy;
pub mod deal;
pub mod fields;
pub mod invitations;
pub mod layout;
pub mod ledger;
pub mod notifications;
pub mod opportunity;
pub mod pipeline;
pub mod registration;
