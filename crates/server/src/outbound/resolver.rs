//! Name resolution for outbound requests, with the address check made on the very addresses
//! the connection will use: a name that resolves to a private address is refused whenever it
//! is looked up, so DNS rebinding gains nothing.

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use futures_util::future::BoxFuture;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};

use super::targets::{Refusal, TargetPolicy};

/// Turns a host name into addresses. The system's resolver in production; tests give their
/// own, so that a test name can stand for a private address without any request leaving.
pub trait Lookup: Send + Sync + 'static {
    fn lookup(&self, host: &str) -> BoxFuture<'static, io::Result<Vec<IpAddr>>>;
}

/// The operating system's resolver (`getaddrinfo`).
pub struct SystemLookup;

impl Lookup for SystemLookup {
    fn lookup(&self, host: &str) -> BoxFuture<'static, io::Result<Vec<IpAddr>>> {
        let host = host.to_owned();
        Box::pin(async move {
            let addrs = tokio::net::lookup_host((host.as_str(), 0)).await?;
            Ok(addrs.map(|a| a.ip()).collect())
        })
    }
}

/// The resolver the outbound client connects through.
pub(super) struct GuardedResolver {
    pub lookup: Arc<dyn Lookup>,
    pub policy: TargetPolicy,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let (lookup, policy) = (Arc::clone(&self.lookup), self.policy);
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let ips = lookup.lookup(&host).await?;
            if ips.is_empty() {
                return Err(io::Error::other(format!("{host} has no address")).into());
            }
            let ips = admit(policy, &host, ips)?;
            // Port 0 is replaced by the URL's port.
            let addrs: Addrs = Box::new(ips.into_iter().map(|ip| SocketAddr::new(ip, 0)));
            Ok(addrs)
        })
    }
}

/// All of a name's addresses must be allowed: a name that mixes a public address with a
/// private one is refused, rather than trusting the order connections are tried in.
fn admit(policy: TargetPolicy, host: &str, ips: Vec<IpAddr>) -> Result<Vec<IpAddr>, Refusal> {
    for ip in &ips {
        policy.permits(*ip).map_err(|class| {
            Refusal(format!(
                "Refused: {host} resolves to {}; Portico sends only to public addresses.",
                class.describe()
            ))
        })?;
    }
    Ok(ips)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_private_address_refuses_the_name() {
        let ips = vec![
            "93.184.216.34".parse().unwrap(),
            "10.1.2.3".parse().unwrap(),
        ];
        let refusal = admit(TargetPolicy::PublicOnly, "mixed.test", ips.clone()).unwrap_err();
        assert!(
            refusal
                .0
                .contains("mixed.test resolves to a private network address")
        );
        assert_eq!(
            admit(TargetPolicy::AllowPrivate, "mixed.test", ips.clone()),
            Ok(ips)
        );
    }
}
