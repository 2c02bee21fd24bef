//! The program's rules as plain functions and types: no HTTP, no SQL.

pub mod account_import;
pub mod alternative_names;
pub mod backoff;
pub mod blocking;
pub mod byte_range;
pub mod company;
pub mod conflict;
pub mod engagement;
pub mod file_type;
pub mod markdown;
pub mod membership;
pub mod notice;
pub mod password;
pub mod pipeline;
pub mod program;
pub mod proxies;
pub mod sealed;
pub mod signatures;
pub mod throttle;
pub mod token;
