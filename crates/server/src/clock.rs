//! Time as the server sees it, injectable so tests can move it.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch; every stored timestamp uses this unit.
pub type Timestamp = i64;

pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> Timestamp;

    /// Milliseconds since the epoch, for latencies measured in less than seconds.
    fn now_ms(&self) -> i64 {
        self.now() * 1000
    }
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or_default()
    }

    fn now_ms(&self) -> i64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or_default()
    }
}

/// A clock that stands still until told to move.
#[derive(Clone)]
pub struct ManualClock(Arc<AtomicI64>);

impl ManualClock {
    pub fn starting_now() -> Self {
        ManualClock(Arc::new(AtomicI64::new(SystemClock.now())))
    }

    pub fn advance(&self, seconds: i64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        self.0.load(Ordering::SeqCst)
    }
}

/// RFC 3339 in UTC, the format of every timestamp in the API.
pub fn rfc3339(at: Timestamp) -> String {
    format_rfc3339(time::OffsetDateTime::from_unix_timestamp(at).ok())
}

/// RFC 3339 with milliseconds, for times kept in milliseconds.
pub fn rfc3339_ms(at_ms: i64) -> String {
    format_rfc3339(
        time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(at_ms) * 1_000_000).ok(),
    )
}

fn format_rfc3339(at: Option<time::OffsetDateTime>) -> String {
    at.and_then(|t| {
        t.format(&time::format_description::well_known::Rfc3339)
            .ok()
    })
    .unwrap_or_default()
}

/// Milliseconds since the epoch of an RFC 3339 time.
pub fn parse_rfc3339_ms(text: &str) -> Option<i64> {
    let at =
        time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()?;
    i64::try_from(at.unix_timestamp_nanos() / 1_000_000).ok()
}
