//! Every English text the partner portal shows, in one place, so that a translation can
//! replace it later; English is the only language for now. Pages and components refer to
//! these consts and functions instead of writing words themselves. Plain Rust, no runtime
//! lookup: nothing of this costs anything in the WASM bundle.
//!
//! One file per page or area, mirroring `pages/` and `components/`; `common` holds the words
//! several pages share. Functions build whole sentences, so a translation can move the words
//! around.
//!
//! What is not here: the labels of the API's enums (`Role::label()`, `stage_label`, the status
//! labels) and the validation messages of `portico-api` stay in `portico-api`, because the
//! server's e-mails use them too; the words both front ends share (the page frame, the shared
//! components and pages) live in `portico-ui`.

pub mod accept_invitation;
pub mod announcements;
pub mod asset;
pub mod common;
pub mod content;
pub mod earnings;
pub mod home;
pub mod login;
pub mod nav;
pub mod opportunity;
pub mod payee;
pub mod people;
pub mod pipeline;
pub mod register;
pub mod registration;
pub mod registrations;
pub mod sales_reports;
pub mod set_password;
pub mod sign_in;
pub mod sign_in_link;
pub mod team;
pub mod tier;
pub mod unsubscribe;
