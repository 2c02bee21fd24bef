//! The program's rules as plain functions and types: no HTTP, no SQL.

pub mod membership;
pub mod password;
pub mod proxies;
pub mod throttle;
pub mod token;
