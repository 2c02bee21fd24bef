//! How long a session lives. The session extractor ends sessions by these limits, and
//! housekeeping forgets the sessions they ended.

/// A session ends after this long without a request…
pub const IDLE_SECS: i64 = 12 * 60 * 60;
/// …and after this long in any case.
pub const ABSOLUTE_SECS: i64 = 7 * 24 * 60 * 60;
