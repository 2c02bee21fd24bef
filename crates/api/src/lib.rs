//! The JSON contract between the Portico SPA and server: request and response types plus the
//! validation rules both sides apply. It compiles for wasm32 and native and must not depend on
//! IO, async runtimes or heavy crates (no regex): every byte here ships in the browser bundle.

/// `as_str`, `parse` and `label` for an enum sent as a snake_case string.
macro_rules! string_enum {
    ($type:ty { $($variant:ident => $text:literal / $label:literal),+ $(,)? }) => {
        impl $type {
            pub const ALL: &'static [$type] = &[$(<$type>::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $(<$type>::$variant => $text),+ }
            }

            pub fn parse(s: &str) -> Option<$type> {
                match s { $($text => Some(<$type>::$variant),)+ _ => None }
            }

            pub fn label(self) -> &'static str {
                match self { $(<$type>::$variant => $label),+ }
            }
        }
    };
}

pub mod account;
pub mod accounts;
pub mod announcements;
pub mod assets;
pub mod auth;
pub mod card_links;
pub mod date;
pub mod error;
pub mod findings;
pub mod health;
pub mod integrations;
pub mod invitations;
pub mod notifications;
pub mod organizations;
pub mod page;
pub mod pipeline;
pub mod places;
pub mod registrations;
pub mod users;
pub mod validate;
pub mod webhook_events;

pub use auth::{LoginRequest, Me, Role};
pub use error::{ErrorBody, ErrorDetail, FieldErrors};
pub use organizations::OrganizationRef;
pub use page::Page;
