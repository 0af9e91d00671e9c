//! Which names a request may give the preview by. A web page on another site can make the
//! browser send requests to the preview (DNS rebinding: a name of the attacker's that
//! resolves to 127.0.0.1 a moment later), and then read the answers as its own. Such a
//! request carries the attacker's name in `Host:`, so the preview answers only the names
//! of the address it listens on: `localhost`, a loopback address, the `--bind` address,
//! or, when listening on every address (`0.0.0.0`, `::`), any IP address. None of these
//! is resolved by a DNS server an attacker controls. The port is not checked, as in Vite
//! and webpack-dev-server: it cannot make a name an attacker's, and a forwarded port
//! (`ssh -L 8080:localhost:1111`, a container's `-p 8080:1111`) is not the one bound.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The address the preview listens on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hosts {
    pub ip: IpAddr,
    pub port: u16,
}

impl Hosts {
    /// Whether a `Host:` value (`localhost:1111`, `127.0.0.1`, `[::1]:1111`) names the
    /// preview: an allowed host, with a port or none.
    pub fn allows_host(&self, value: &str) -> bool {
        split_port(value).is_some_and(|(host, _)| self.allows_name(host))
    }

    /// Whether an `Origin:` value is the preview as the request names it (`host`, its
    /// `Host:`): a browser sends `Origin` from another site's page, a sandboxed frame
    /// (`null`) or a local file, never for a page of the preview asking the preview.
    pub fn allows_origin(&self, origin: &str, host: &str) -> bool {
        origin
            .strip_prefix("http://")
            .is_some_and(|o| o.eq_ignore_ascii_case(host) && self.allows_host(o))
    }

    /// A host without its port: `localhost`, or an IP address (IPv6 in brackets).
    fn allows_name(&self, host: &str) -> bool {
        if host.eq_ignore_ascii_case("localhost") {
            return true;
        }
        let ip = match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            Some(v6) => v6.parse::<Ipv6Addr>().ok().map(IpAddr::V6),
            None => host.parse::<Ipv4Addr>().ok().map(IpAddr::V4),
        };
        ip.is_some_and(|ip| ip.is_loopback() || ip == self.ip || self.ip.is_unspecified())
    }

    /// The address to open, for messages (`localhost` when listening on every address).
    pub fn url(&self) -> String {
        match self.ip {
            ip if ip.is_unspecified() => format!("http://localhost:{}/", self.port),
            IpAddr::V6(v6) => format!("http://[{v6}]:{}/", self.port),
            v4 => format!("http://{v4}:{}/", self.port),
        }
    }
}

/// `host[:port]` → (host, port); `None` when the port is not a number or the value has a
/// path, user or anything else than a host and a port.
fn split_port(value: &str) -> Option<(&str, Option<u16>)> {
    if value.is_empty() || value.contains(['/', '@', '?', '#', ' ', '\\']) {
        return None;
    }
    // `[v6]` or `[v6]:port`.
    if value.starts_with('[') {
        let end = value.find(']')?;
        let (host, rest) = value.split_at(end + 1);
        return match rest {
            "" => Some((host, None)),
            _ => Some((host, Some(rest.strip_prefix(':')?.parse().ok()?))),
        };
    }
    match value.rsplit_once(':') {
        Some((host, port)) => Some((host, Some(port.parse().ok()?))),
        None => Some((value, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(ip: &str) -> Hosts {
        Hosts {
            ip: ip.parse().unwrap(),
            port: 1111,
        }
    }

    #[test]
    fn only_the_names_of_the_bound_address_are_answered() {
        let local = hosts("127.0.0.1");
        for ok in [
            "localhost:1111",
            "LocalHost:1111",
            "localhost",
            "127.0.0.1:1111",
            "127.0.0.1",
            "[::1]:1111",
            "[::1]",
            // A forwarded port.
            "localhost:8080",
        ] {
            assert!(local.allows_host(ok), "{ok}");
        }
        for refused in [
            // DNS rebinding: a name of the attacker's.
            "evil.example:1111",
            "evil.example",
            "localhost.evil.example:1111",
            "127.0.0.1.nip.io:1111",
            // Not a port.
            "localhost:",
            "localhost:1111:1111",
            "localhost:x",
            "localhost:99999",
            // Another address than the bound one.
            "192.168.1.10:1111",
            "[fe80::1]:1111",
            // Not a host.
            "",
            "[::1",
            "[::1]x",
            "::1",
            "user@localhost:1111",
            "localhost:1111/x",
            "local host",
        ] {
            assert!(!local.allows_host(refused), "{refused}");
        }
        // `--bind` to one address: that one too.
        let lan = hosts("192.168.1.10");
        assert!(lan.allows_host("192.168.1.10:1111"));
        assert!(lan.allows_host("localhost:1111"));
        assert!(!lan.allows_host("192.168.1.11:1111"));
        assert!(!lan.allows_host("atelier.example:1111"));
        // Every address: any IP address, still no name.
        for any in ["0.0.0.0", "::"] {
            let any = hosts(any);
            assert!(any.allows_host("192.168.1.11:1111"));
            assert!(any.allows_host("[2001:db8::1]:1111"));
            assert!(!any.allows_host("atelier.example:1111"));
        }
    }

    #[test]
    fn only_the_preview_itself_is_an_origin_of_the_preview() {
        let local = hosts("127.0.0.1");
        assert!(local.allows_origin("http://localhost:1111", "localhost:1111"));
        assert!(local.allows_origin("http://127.0.0.1:1111", "127.0.0.1:1111"));
        assert!(local.allows_origin("http://[::1]:1111", "[::1]:1111"));
        assert!(local.allows_origin("http://localhost:8080", "localhost:8080"));
        for (origin, host) in [
            ("null", "localhost:1111"),
            ("http://evil.example", "localhost:1111"),
            ("http://evil.example:1111", "evil.example:1111"),
            ("https://localhost:1111", "localhost:1111"),
            // Another application of the same machine.
            ("http://localhost:3000", "localhost:1111"),
            ("http://127.0.0.1:1111", "localhost:1111"),
            ("file://", "localhost:1111"),
            ("", "localhost:1111"),
        ] {
            assert!(!local.allows_origin(origin, host), "{origin} for {host}");
        }
        assert_eq!(local.url(), "http://127.0.0.1:1111/");
        assert_eq!(hosts("::1").url(), "http://[::1]:1111/");
        assert_eq!(hosts("0.0.0.0").url(), "http://localhost:1111/");
    }
}
