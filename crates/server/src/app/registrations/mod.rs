//! Deal and lead registrations: filing with the conflict check, the manager's decisions, the
//! partner's withdrawals, questions and extensions, the registration link, and the clock that
//! ends protection.

pub mod decisions;
pub mod filing;
pub mod findings;
pub mod links;
pub mod resolution;
pub mod timers;

pub use filing::{Filing, Lookup, file, file_once, request_hash};

const SUBJECT: &str = "registration";
