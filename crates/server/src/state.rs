//! What every request handler can reach. Nothing here is the only copy of any state: it all
//! lives in the database, so any number of instances can serve the same portal.

use std::sync::Arc;

use crate::blobs::Blobs;
use crate::clock::Clock;
use crate::domain::program::ProgramRules;
use crate::domain::proxies::TrustedProxies;
use crate::domain::sealed::Sealer;
use crate::domain::token::TokenHasher;
use crate::mail::Mailer;
use crate::outbound::Outbound;
use crate::store::Db;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub blobs: Blobs,
    pub clock: Arc<dyn Clock>,
    pub tokens: TokenHasher,
    /// Opens the integration and webhook secrets kept in the database.
    pub sealer: Sealer,
    pub mailer: Mailer,
    /// The guarded client for every request to an address somebody configured.
    pub outbound: Outbound,
    /// Wakes this instance's webhook worker when a change here published an event; other
    /// instances find it on their next poll.
    pub webhook_signal: Arc<tokio::sync::Notify>,
    /// Wakes this instance's e-mail and Slack worker when a change here wrote to the outbox.
    pub outbox_signal: Arc<tokio::sync::Notify>,
    /// Wakes this instance's import worker when a report was queued here.
    pub channel_signal: Arc<tokio::sync::Notify>,
    /// Where people reach the portal, e.g. `https://partners.acme.example`; links in
    /// invitations start with it.
    pub public_url: Arc<str>,
    pub trusted_proxies: Arc<TrustedProxies>,
    pub rules: Arc<ProgramRules>,
    pub search_limits: Arc<crate::domain::search_limits::SearchLimits>,
    /// For tests only, `None` otherwise: every registration filing waits here after its
    /// conflict check has read and before it writes, so a test can make filings overlap.
    pub filing_rendezvous: Option<Arc<tokio::sync::Barrier>>,
    /// The account payouts leave from, for SEPA files; none configured, none made.
    pub sepa_debtor: Option<Arc<crate::domain::sepa::Debtor>>,
}

impl AppState {
    pub fn now(&self) -> crate::clock::Timestamp {
        self.clock.now()
    }

    /// Today's day in UTC, as `YYYY-MM-DD`.
    pub fn today(&self) -> String {
        portico_api::date::Date::from_unix(self.clock.now()).to_string()
    }

    pub fn now_ms(&self) -> i64 {
        self.clock.now_ms()
    }

    /// Cookies get `Secure` whenever the portal is reached over TLS.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}
