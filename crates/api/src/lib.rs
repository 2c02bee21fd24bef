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

        $crate::text_column!($type);
    };
}

#[cfg(feature = "sqlx")]
#[doc(hidden)]
pub use sqlx as __sqlx;

/// Lets the server's rows hold an enum stored as its `as_str()` text (any type with
/// `parse(&str) -> Option<Self>`, the server's own too): decoding is `parse`, and a value
/// `parse` does not know is a decoding error, never a default. Generic over the database, so
/// the types carry no driver; without the `sqlx` feature (the front ends) it adds nothing.
#[cfg(feature = "sqlx")]
#[macro_export]
macro_rules! text_column {
    ($type:ty) => {
        impl<DB: $crate::__sqlx::Database> $crate::__sqlx::Type<DB> for $type
        where
            str: $crate::__sqlx::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <str as $crate::__sqlx::Type<DB>>::type_info()
            }

            fn compatible(ty: &DB::TypeInfo) -> bool {
                <str as $crate::__sqlx::Type<DB>>::compatible(ty)
            }
        }

        impl<'r, DB: $crate::__sqlx::Database> $crate::__sqlx::Decode<'r, DB> for $type
        where
            &'r str: $crate::__sqlx::Decode<'r, DB>,
        {
            fn decode(value: DB::ValueRef<'r>) -> Result<Self, $crate::__sqlx::error::BoxDynError> {
                let text = <&str as $crate::__sqlx::Decode<'r, DB>>::decode(value)?;
                <$type>::parse(text)
                    .ok_or_else(|| format!("unknown {} {text:?}", stringify!($type)).into())
            }
        }
    };
}

#[cfg(not(feature = "sqlx"))]
#[macro_export]
macro_rules! text_column {
    ($type:ty) => {};
}

pub mod account;
pub mod accounts;
pub mod announcements;
pub mod assets;
pub mod auth;
pub mod card_links;
pub mod certifications;
pub mod channel_data;
pub mod dashboard;
pub mod date;
pub mod error;
pub mod findings;
pub mod health;
pub mod incentives;
pub mod integrations;
pub mod invitations;
pub mod ledger;
pub mod notifications;
pub mod numbers;
pub mod onboarding;
pub mod organizations;
pub mod page;
pub mod payee;
pub mod payouts;
pub mod pipeline;
pub mod places;
pub mod registrations;
pub mod tiers;
pub mod users;
pub mod validate;
pub mod webhook_events;

pub use auth::{LoginRequest, Me, Role};
pub use error::{ErrorBody, ErrorDetail, FieldErrors};
pub use organizations::OrganizationRef;
pub use page::Page;
