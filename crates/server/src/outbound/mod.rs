//! The one way the server sends requests to addresses people configured (webhook endpoints,
//! Slack channels, anything later). Each request is checked before it leaves (scheme,
//! credentials, an address written as the host) and each name when it resolves, on the
//! addresses the connection then uses; redirects are never followed and no proxy is used.
//! Infrastructure the operator configures (the database, SMTP, S3) does not come through here.

pub mod resolver;
pub mod targets;

use std::sync::Arc;
use std::time::Duration;

use reqwest::StatusCode;
use url::Url;

use self::resolver::{GuardedResolver, Lookup};
pub use self::targets::{Refusal, TargetPolicy};

/// A receiver that does not accept a connection this soon is treated as down.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// The whole request, answer included.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(10);

/// The guarded HTTP client; one per process, sharing its connections.
#[derive(Clone)]
pub struct Outbound {
    client: reqwest::Client,
    policy: TargetPolicy,
}

impl Outbound {
    pub fn new(policy: TargetPolicy, lookup: Arc<dyn Lookup>) -> Outbound {
        let client = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(ANSWER_TIMEOUT)
            .user_agent(concat!("Portico/", env!("CARGO_PKG_VERSION")))
            // A redirect is the receiver's misconfiguration, not a place to send the message.
            .redirect(reqwest::redirect::Policy::none())
            // A proxy would resolve the name instead of the guard.
            .no_proxy()
            .dns_resolver(GuardedResolver { lookup, policy })
            .build()
            .expect("the TLS backend initializes");
        Outbound { client, policy }
    }

    pub fn policy(&self) -> TargetPolicy {
        self.policy
    }

    /// Posts a JSON body with extra headers; the status when it is a success. The answer's body
    /// is never read, so nothing the receiver says travels back.
    pub async fn post_json(
        &self,
        url: &str,
        headers: &[(&'static str, String)],
        body: String,
    ) -> Result<StatusCode, Failure> {
        let url = Url::parse(url)
            .map_err(|_| Failure::Refused(Refusal("Refused: the URL is not valid.".into())))?;
        self.policy.check(&url).map_err(Failure::Refused)?;
        let mut request = self
            .client
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json");
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        match request.body(body).send().await {
            Ok(answer) if answer.status().is_success() => Ok(answer.status()),
            Ok(answer) => Err(Failure::Status(answer.status())),
            Err(error) => Err(Failure::of(&error)),
        }
    }
}

/// Why a request did not succeed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The guard did not let it leave.
    Refused(Refusal),
    Timeout,
    Connect,
    Status(StatusCode),
    /// Anything else on the way (TLS, a broken connection); its details stay in our logs.
    Other,
}

impl Failure {
    fn of(error: &reqwest::Error) -> Failure {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
        while let Some(cause) = source {
            if let Some(refusal) = cause.downcast_ref::<Refusal>() {
                return Failure::Refused(refusal.clone());
            }
            source = cause.source();
        }
        if error.is_timeout() {
            Failure::Timeout
        } else if error.is_connect() {
            Failure::Connect
        } else {
            // The URL may hold a secret (Slack's does); its causes do not.
            let cause = std::error::Error::source(error).map(ToString::to_string);
            tracing::debug!(cause, "outbound request failed");
            Failure::Other
        }
    }

    /// A refused target stays refused: trying again would only knock on the same door.
    pub fn is_permanent(&self) -> bool {
        matches!(self, Failure::Refused(_))
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            Failure::Status(status) => Some(status.as_u16()),
            _ => None,
        }
    }

    /// What failed, in our words, never the receiver's: `who` is e.g. "The endpoint" or "Slack".
    pub fn describe(&self, who: &str) -> String {
        match self {
            Failure::Refused(refusal) => refusal.0.clone(),
            Failure::Timeout => format!(
                "{who} did not answer within {} seconds.",
                ANSWER_TIMEOUT.as_secs()
            ),
            Failure::Connect => format!("Could not connect to {}.", lowercase_first(who)),
            Failure::Status(status) if status.is_redirection() => {
                format!("{who} answered {status}; redirects are not followed.")
            }
            Failure::Status(status) => format!("{who} answered {status}."),
            Failure::Other => format!("The request to {} failed.", lowercase_first(who)),
        }
    }
}

/// "The endpoint" → "the endpoint"; names such as "Slack" keep their capital.
fn lowercase_first(who: &str) -> String {
    match who.strip_prefix("The ") {
        Some(rest) => format!("the {rest}"),
        None => who.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_read_in_our_words() {
        assert_eq!(
            Failure::Connect.describe("The endpoint"),
            "Could not connect to the endpoint."
        );
        assert_eq!(
            Failure::Connect.describe("Slack"),
            "Could not connect to Slack."
        );
        assert_eq!(
            Failure::Status(StatusCode::FOUND).describe("The endpoint"),
            "The endpoint answered 302 Found; redirects are not followed."
        );
        assert_eq!(
            Failure::Timeout.describe("Slack"),
            "Slack did not answer within 10 seconds."
        );
        assert!(Failure::Refused(Refusal("Refused: x".into())).is_permanent());
        assert!(!Failure::Status(StatusCode::BAD_GATEWAY).is_permanent());
    }
}
