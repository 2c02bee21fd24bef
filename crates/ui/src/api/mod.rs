//! The typed client for the server's JSON API: one async function per endpoint, in one module
//! per resource, all sending through [`request::Call`].
//!
//! Every function returns the server's error as an [`ApiError`] for the page to show. A 401 from
//! any endpoint other than sign-in, `GET /api/me` and sign-out means the session has ended; the
//! client then calls the hook registered with [`on_session_expired`] so the app can send the
//! person back to the sign-in page; a 403 `two_factor_setup_required` calls the one registered
//! with [`on_two_factor_required`].

mod account;
mod accounts;
mod announcements;
mod assets;
mod auth;
mod certifications;
mod channel_data;
mod content_usage;
mod dashboard;
mod incentives;
mod integrations;
mod invitations;
mod messages;
mod notifications;
mod onboarding;
mod organizations;
mod pipeline;
mod products;
mod registrations;
mod request;
mod tiers;
mod upload;
mod users;
mod webhooks;

use portico_api::FieldErrors;

use crate::text;

// Pages call `api::login`, `api::pipeline`, …: the modules split the client by resource, the
// names stay those of the endpoints.
pub use account::*;
pub use accounts::*;
pub use announcements::*;
pub use assets::*;
pub use auth::*;
pub use certifications::*;
pub use channel_data::*;
pub use content_usage::*;
pub use dashboard::*;
pub use incentives::*;
pub use integrations::*;
pub use invitations::*;
pub use messages::*;
pub use notifications::*;
pub use onboarding::*;
pub use organizations::*;
pub use pipeline::*;
pub use products::*;
pub use registrations::*;
pub use request::{on_session_expired, on_two_factor_required};
pub use tiers::*;
pub use users::*;
pub use webhooks::*;

/// What went wrong with a request, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status, or 0 when the server could not be reached.
    pub status: u16,
    /// The server's stable code, e.g. `validation_failed`; `network` or `bad_response` when
    /// the failure happened before a proper answer arrived.
    pub code: String,
    pub message: String,
    pub fields: FieldErrors,
}

impl ApiError {
    fn local(code: &str, message: &str) -> ApiError {
        ApiError {
            status: 0,
            code: code.to_owned(),
            message: message.to_owned(),
            fields: FieldErrors::new(),
        }
    }

    fn network() -> ApiError {
        ApiError::local("network", text::api::NETWORK)
    }

    fn bad_response(status: u16) -> ApiError {
        ApiError {
            status,
            ..ApiError::local("bad_response", text::api::BAD_RESPONSE)
        }
    }

    pub fn is_not_found(&self) -> bool {
        self.status == 404
    }
}

/// Page size for the lists; the server serves at most 100.
pub const PAGE_SIZE: u32 = 25;
