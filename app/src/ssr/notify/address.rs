//! Where a webhook may point: a URL's host and port, and the refusal of private, loopback,
//! link-local and other special addresses, checked at registration and again at every send.

use crate::error::AppError;
use std::net::{IpAddr, SocketAddr};

/// The longest webhook URL accepted.
const URL_MAX: usize = 2_000;

/// Where a webhook URL points.
pub(super) struct Target {
    pub(super) host: String,
    pub(super) port: u16,
}

pub(super) fn parse_url(url: &str) -> Result<Target, AppError> {
    let bad = || {
        AppError::validation(
            "url",
            "Give the webhook's address, starting with https:// or http://",
        )
    };
    if url.len() > URL_MAX || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad());
    }
    let (scheme, rest) = url.split_once("://").ok_or_else(bad)?;
    let default_port = match scheme.to_ascii_lowercase().as_str() {
        "https" => 443,
        "http" => 80,
        _ => return Err(bad()),
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() || authority.contains('@') {
        return Err(bad());
    }
    let (host, port) = match authority.strip_prefix('[') {
        Some(v6) => {
            let (host, tail) = v6.split_once(']').ok_or_else(bad)?;
            let port = match tail.strip_prefix(':') {
                Some(p) => p.parse().map_err(|_| bad())?,
                None => default_port,
            };
            (host.to_owned(), port)
        }
        None => match authority.rsplit_once(':') {
            Some((host, port)) => (host.to_owned(), port.parse().map_err(|_| bad())?),
            None => (authority.to_owned(), default_port),
        },
    };
    if host.is_empty() {
        return Err(bad());
    }
    Ok(Target { host, port })
}

/// Whether an address is one a webhook may never reach: private, loopback, link-local,
/// unspecified, multicast, documentation or shared ranges.
fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_multicast()
                || v4.is_broadcast()
                || v4.is_documentation()
                || (a == 100 && (64..128).contains(&b))
                || a == 0
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_private(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
        }
    }
}

/// Resolves the host and refuses it when any address it resolves to is private; returns the
/// address to connect to.
pub(super) async fn check_public(target: &Target) -> Result<SocketAddr, AppError> {
    let refused = || {
        AppError::validation(
            "url",
            "That address is private, loopback or link-local: webhooks go to public addresses",
        )
    };
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((target.host.as_str(), target.port))
        .await
        .map_err(|_| AppError::validation("url", "That host name does not resolve"))?
        .collect();
    if addrs.is_empty() || addrs.iter().any(|a| is_private(a.ip())) {
        return Err(refused());
    }
    Ok(addrs[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_and_special_addresses_are_refused() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(is_private(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["93.184.216.34", "2606:4700::1111"] {
            assert!(!is_private(ip.parse().unwrap()), "{ip}");
        }
    }

    #[test]
    fn urls_name_a_host_and_a_port() {
        let t = parse_url("https://hooks.example.com/x?y=1").unwrap();
        assert_eq!((t.host.as_str(), t.port), ("hooks.example.com", 443));
        let t = parse_url("http://[::1]:8080/").unwrap();
        assert_eq!((t.host.as_str(), t.port), ("::1", 8080));
        for bad in [
            "ftp://x",
            "https://",
            "https://user@host/",
            "not a url",
            "https://a b/",
        ] {
            assert!(parse_url(bad).is_err(), "{bad}");
        }
    }
}
