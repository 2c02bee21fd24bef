//! The program's rules as plain functions and types: no HTTP, no SQL.

pub mod account_import;
pub mod alternative_names;
pub mod backoff;
pub mod blocking;
pub mod byte_range;
pub mod common_passwords;
pub mod company;
pub mod conflict;
pub mod engagement;
pub mod file_type;
pub mod markdown;
pub mod membership;
pub mod network;
pub mod notice;
pub mod password;
pub mod pipeline;
pub mod program;
pub mod proxies;
pub mod qr_code;
pub mod recovery_codes;
pub mod sealed;
pub mod search_limits;
pub mod signatures;
pub mod throttle;
pub mod token;
pub mod totp;
