//! Which URLs people may give the server to send to, and the checks made before every request.

use std::net::IpAddr;

use url::{Host, Url};

use crate::domain::network::AddressClass;

/// Whether requests may go inside the network.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TargetPolicy {
    /// Production: `https` to public addresses only.
    #[default]
    PublicOnly,
    /// `--outbound-allow-private`: plain `http` and private or loopback targets too, for local
    /// development and the tests' receivers.
    AllowPrivate,
}

/// Why a request was not made, in words a manager can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Refusal(pub String);

/// Slack's incoming-webhook hosts (commercial and GovSlack).
const SLACK_HOSTS: [&str; 2] = ["hooks.slack.com", "hooks.slack-gov.com"];
/// Incoming webhooks, and workflow webhooks and triggers.
const SLACK_PATHS: [&str; 3] = ["/services/", "/workflows/", "/triggers/"];

impl TargetPolicy {
    pub fn allows_private(self) -> bool {
        self == TargetPolicy::AllowPrivate
    }

    /// Whether a connection to `ip` may be made.
    pub fn permits(self, ip: IpAddr) -> Result<(), AddressClass> {
        match AddressClass::of(ip) {
            class if class.is_public() || self.allows_private() => Ok(()),
            class => Err(class),
        }
    }

    /// A webhook endpoint's URL, checked when it is saved.
    pub fn webhook_url(self, input: &str) -> Result<Url, &'static str> {
        let url = Url::parse(input.trim())
            .map_err(|_| "Enter a URL like https://example.com/hooks/portico.")?;
        self.check(&url).map_err(|_| match self {
            TargetPolicy::PublicOnly => {
                "Use an https:// URL on a public address; Portico does not send to private \
                 networks or to its own machine."
            }
            TargetPolicy::AllowPrivate => "Use an http:// or https:// URL.",
        })?;
        Ok(url)
    }

    /// A Slack channel's incoming-webhook URL, checked when it is saved. Only Slack's own hosts,
    /// so a partner cannot point the server anywhere else.
    pub fn slack_url(self, input: &str) -> Result<Url, &'static str> {
        if self.allows_private() {
            return self.webhook_url(input);
        }
        const HELP: &str = "Paste the incoming-webhook URL Slack gave you; it starts with \
                            https://hooks.slack.com/services/.";
        let url = Url::parse(input.trim()).map_err(|_| HELP)?;
        let slack = url.scheme() == "https"
            && url.username().is_empty()
            && url.password().is_none()
            && url.port().is_none()
            && url.host_str().is_some_and(|h| SLACK_HOSTS.contains(&h))
            && SLACK_PATHS.iter().any(|p| url.path().starts_with(p));
        if slack { Ok(url) } else { Err(HELP) }
    }

    /// What is checked before every request, whatever was checked when the URL was saved:
    /// the scheme, credentials in the URL, and an address written as the host. Names are
    /// checked when they resolve, at connect time.
    pub fn check(self, url: &Url) -> Result<(), Refusal> {
        let scheme_ok = match url.scheme() {
            "https" => true,
            "http" => self.allows_private(),
            _ => false,
        };
        if !scheme_ok {
            return Err(Refusal(format!(
                "Refused: {}:// URLs are not sent to; use https://.",
                url.scheme()
            )));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Refusal(
                "Refused: the URL carries a user name or password.".into(),
            ));
        }
        let ip = match url.host() {
            Some(Host::Ipv4(ip)) => IpAddr::V4(ip),
            Some(Host::Ipv6(ip)) => IpAddr::V6(ip),
            Some(Host::Domain(name)) => return self.check_name(name),
            None => return Err(Refusal("Refused: the URL has no host.".into())),
        };
        self.permits(ip).map_err(|class| {
            Refusal(format!(
                "Refused: {ip} is {}; Portico sends only to public addresses.",
                class.describe()
            ))
        })
    }

    /// Names that stand for this machine are refused before any lookup.
    fn check_name(self, name: &str) -> Result<(), Refusal> {
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        let local = name == "localhost" || name.ends_with(".localhost");
        if local && !self.allows_private() {
            return Err(Refusal(format!(
                "Refused: {name} is this machine; Portico sends only to public addresses."
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TargetPolicy::*;

    #[test]
    fn production_takes_https_to_public_hosts_only() {
        assert!(
            PublicOnly
                .webhook_url("https://hooks.example.com/portico?x=1")
                .is_ok()
        );
        assert!(PublicOnly.webhook_url("https://93.184.216.34/hook").is_ok());
        for refused in [
            "http://hooks.example.com/portico",
            "https://127.0.0.1:8080/hook",
            "https://0x7f000001/hook",
            "https://2130706433/hook",
            "https://0177.0.0.1/hook",
            "https://[::1]/hook",
            "https://[::ffff:7f00:1]/hook",
            "https://169.254.169.254/latest/meta-data",
            "https://10.0.0.1/hook",
            "https://localhost/hook",
            "https://api.localhost./hook",
            "https://user:pw@hooks.example.com/",
            "ftp://hooks.example.com/",
            "not a url",
        ] {
            assert!(PublicOnly.webhook_url(refused).is_err(), "{refused}");
        }
    }

    #[test]
    fn the_flag_lets_local_receivers_in() {
        assert!(
            AllowPrivate
                .webhook_url("http://127.0.0.1:9000/hook")
                .is_ok()
        );
        assert!(AllowPrivate.webhook_url("http://[::1]:9000/hook").is_ok());
        assert!(AllowPrivate.webhook_url("https://10.0.0.1/hook").is_ok());
        assert!(AllowPrivate.webhook_url("ftp://127.0.0.1/").is_err());
        assert!(
            AllowPrivate
                .slack_url("http://127.0.0.1:9000/slack")
                .is_ok()
        );
    }

    #[test]
    fn slack_urls_are_slacks_own() {
        for ok in [
            "https://hooks.slack.com/services/T000/B000/XXXX",
            "https://hooks.slack.com:443/services/T000/B000/XXXX",
            "https://hooks.slack-gov.com/services/T000/B000/XXXX",
            "https://hooks.slack.com/workflows/T000/A000/1/abc",
            "https://hooks.slack.com/triggers/T000/1/abc",
        ] {
            assert!(PublicOnly.slack_url(ok).is_ok(), "{ok}");
        }
        for refused in [
            "http://hooks.slack.com/services/T/B/x",
            "https://hooks.slack.com:8443/services/T/B/x",
            "https://hooks.slack.com.evil.example/services/T/B/x",
            "https://evil.example/hooks.slack.com/services/T/B/x",
            "https://hooks.slack.com/api/chat.postMessage",
            "https://u@hooks.slack.com/services/T/B/x",
            "http://127.0.0.1:9000/services/T/B/x",
            "https://169.254.169.254/services/",
        ] {
            assert!(PublicOnly.slack_url(refused).is_err(), "{refused}");
        }
    }

    #[test]
    fn refusals_say_what_the_address_is() {
        let url = Url::parse("https://[::ffff:a9fe:a9fe]/").unwrap();
        let refusal = PublicOnly.check(&url).unwrap_err();
        assert!(refusal.0.contains("link-local"), "{refusal}");
    }
}
