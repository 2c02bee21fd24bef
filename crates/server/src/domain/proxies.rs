//! Which address a request comes from when the portal runs behind reverse proxies (load
//! balancers, TLS terminators). Per-address limits must count people, not the proxy that all
//! their requests pass through.

use std::net::IpAddr;

use ipnet::IpNet;

/// The proxies whose `X-Forwarded-For` is believed. Empty by default: then the header is
/// ignored, since anyone can send it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Comma-separated addresses or CIDR ranges, e.g. `10.0.0.0/8, 192.168.1.7`.
    pub fn parse(list: &str) -> Result<TrustedProxies, String> {
        list.split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("`{entry}` is not an IP address or CIDR range"))
            })
            .collect::<Result<_, _>>()
            .map(TrustedProxies)
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client's address: the peer itself unless it is a trusted proxy; otherwise the
    /// right-most `X-Forwarded-For` entry not added by a trusted proxy. Entries further left
    /// were written by the client and could be anything.
    pub fn client<'a>(
        &self,
        peer: IpAddr,
        forwarded_for: impl DoubleEndedIterator<Item = &'a str>,
    ) -> IpAddr {
        let mut client = peer.to_canonical();
        let mut hops = forwarded_for.flat_map(|header| header.split(',')).rev();
        while self.trusts(client) {
            match hops.next().map(|hop| hop.trim().parse::<IpAddr>()) {
                Some(Ok(ip)) => client = ip.to_canonical(),
                _ => break,
            }
        }
        client
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn parses_addresses_and_ranges() {
        let proxies = TrustedProxies::parse(" 10.0.0.0/8, 192.168.1.7 ,::1,").unwrap();
        assert!(proxies.trusts(ip("10.20.30.40")));
        assert!(proxies.trusts(ip("192.168.1.7")));
        assert!(!proxies.trusts(ip("192.168.1.8")));
        assert!(proxies.trusts(ip("::1")));
        assert_eq!(TrustedProxies::parse(""), Ok(TrustedProxies::default()));
        let error = TrustedProxies::parse("10.0.0.0/8, proxy.local").unwrap_err();
        assert!(error.contains("proxy.local"), "{error}");
    }

    #[test]
    fn the_header_counts_only_from_a_trusted_peer() {
        let none = TrustedProxies::default();
        assert_eq!(
            none.client(ip("1.2.3.4"), ["9.9.9.9"].into_iter()),
            ip("1.2.3.4")
        );

        let lb = TrustedProxies::parse("10.0.0.0/8").unwrap();
        assert_eq!(
            lb.client(ip("1.2.3.4"), ["9.9.9.9"].into_iter()),
            ip("1.2.3.4")
        );
        assert_eq!(
            lb.client(ip("10.0.0.2"), ["9.9.9.9"].into_iter()),
            ip("9.9.9.9")
        );
        assert_eq!(lb.client(ip("10.0.0.2"), [].into_iter()), ip("10.0.0.2"));
    }

    #[test]
    fn forged_entries_left_of_the_client_are_ignored() {
        let proxies = TrustedProxies::parse("10.0.0.0/8").unwrap();
        // The client claimed 6.6.6.6; the outer proxy saw 5.5.5.5, the inner one 10.0.0.9.
        let headers = ["6.6.6.6, 5.5.5.5", "10.0.0.9"];
        assert_eq!(
            proxies.client(ip("10.0.0.2"), headers.into_iter()),
            ip("5.5.5.5")
        );
        let garbage = ["5.5.5.5, not-an-ip"];
        assert_eq!(
            proxies.client(ip("10.0.0.2"), garbage.into_iter()),
            ip("10.0.0.2")
        );
    }

    #[test]
    fn ipv4_mapped_peers_match_ipv4_ranges() {
        let proxies = TrustedProxies::parse("127.0.0.1").unwrap();
        let mapped = ip("::ffff:127.0.0.1");
        assert_eq!(
            proxies.client(mapped, ["7.7.7.7"].into_iter()),
            ip("7.7.7.7")
        );
    }
}
