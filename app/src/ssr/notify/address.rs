//! Where a webhook may point: a URL (parsed once, by `url`, the parser reqwest itself uses) to a
//! globally routable unicast address and nothing else. The rule is one function,
//! [`is_global`], after the IANA special-purpose address registries for IPv4 and IPv6, with
//! every IPv4 address embedded in an IPv6 one (mapped, compatible, NAT64, 6to4, Teredo) judged
//! as the IPv4 address it stands for. It is applied at registration and again by the one HTTP
//! client that sends webhooks: its resolver answers only with addresses the rule allows, and a
//! URL naming an address directly is judged before any connection, so the check and the
//! connection can never disagree (no DNS rebinding between them), and connections are pooled.

use crate::error::AppError;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

/// The longest webhook URL accepted.
const URL_MAX: usize = 2_000;

/// How long one webhook attempt may take in all, connecting included: a receiver that never
/// answers costs at most this, and only its own owner's events wait for it.
pub const ATTEMPT_DEADLINE: Duration = Duration::from_secs(5);
const CONNECT_DEADLINE: Duration = Duration::from_secs(3);

fn bad_url() -> AppError {
    AppError::validation(
        "url",
        "Give the webhook's address, starting with https:// or http://",
    )
}

fn refused() -> AppError {
    AppError::validation(
        "url",
        "That address is private, loopback, link-local or otherwise not public: webhooks go to \
         public addresses",
    )
}

/// A webhook URL as it will be requested: http or https, a host, no user name or password.
pub fn parse_url(text: &str) -> Result<url::Url, AppError> {
    if text.len() > URL_MAX || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad_url());
    }
    let url = url::Url::parse(text).map_err(|_| bad_url())?;
    let plain = matches!(url.scheme(), "http" | "https")
        && url.host().is_some()
        && url.username().is_empty()
        && url.password().is_none();
    if !plain {
        return Err(bad_url());
    }
    Ok(url)
}

/// The address a URL names directly (`http://10.0.0.1/`, `http://[::1]/`), if it names one.
fn literal(url: &url::Url) -> Option<IpAddr> {
    match url.host()? {
        url::Host::Ipv4(v4) => Some(IpAddr::V4(v4)),
        url::Host::Ipv6(v6) => Some(IpAddr::V6(v6)),
        url::Host::Domain(_) => None,
    }
}

/// Refuses a URL that points anywhere but a public address: an address named directly is
/// judged as it is, a host name by every address it resolves to (all must be public).
pub async fn check_public(url: &url::Url) -> Result<(), AppError> {
    if let Some(ip) = literal(url) {
        return if is_global(ip) {
            Ok(())
        } else {
            Err(refused())
        };
    }
    let host = url.host_str().ok_or_else(bad_url)?;
    match resolve_global(host).await {
        Ok(_) => Ok(()),
        Err(Unresolved::NotFound) => Err(AppError::validation(
            "url",
            "That host name does not resolve",
        )),
        Err(Unresolved::NotPublic) => Err(refused()),
    }
}

/// Whether a send to this URL may go ahead: its literal address, if it names one, is public
/// (a host name is judged by the client's resolver as it connects).
pub fn literal_allowed(url: &url::Url) -> bool {
    literal(url).is_none_or(is_global)
}

#[derive(Debug)]
enum Unresolved {
    NotFound,
    NotPublic,
}

impl std::fmt::Display for Unresolved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::NotFound => "the host name does not resolve",
            Self::NotPublic => "the host name resolves to an address that is not public",
        })
    }
}

impl std::error::Error for Unresolved {}

/// Every address `host` resolves to, if there is one and all are public.
async fn resolve_global(host: &str) -> Result<Vec<SocketAddr>, Unresolved> {
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host, 0))
        .await
        .map_err(|_| Unresolved::NotFound)?
        .collect();
    if addrs.is_empty() {
        return Err(Unresolved::NotFound);
    }
    if addrs.iter().any(|a| !is_global(a.ip())) {
        return Err(Unresolved::NotPublic);
    }
    Ok(addrs)
}

/// The resolver of the webhook client: the system's, answering only when every address is
/// public (unless the server allows private ones, for tests and closed networks).
struct PublicOnly {
    allow_private: bool,
}

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let allow_private = self.allow_private;
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> = if allow_private {
                tokio::net::lookup_host((host.as_str(), 0))
                    .await
                    .map_err(|e| Box::new(e) as Box<dyn std::error::Error + Send + Sync>)?
                    .collect()
            } else {
                resolve_global(&host).await.map_err(Box::new)?
            };
            Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// The one HTTP client webhooks are sent with: pooled connections, no redirects followed, no
/// proxy from the environment (a proxy would connect where the resolver never looked), an
/// attempt's whole time bounded by [`ATTEMPT_DEADLINE`].
pub fn webhook_client(allow_private: bool) -> reqwest::Client {
    reqwest::Client::builder()
        .dns_resolver(Arc::new(PublicOnly { allow_private }))
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(CONNECT_DEADLINE)
        .timeout(ATTEMPT_DEADLINE)
        .pool_idle_timeout(Duration::from_secs(60))
        .pool_max_idle_per_host(4)
        .user_agent("Prework-Webhooks/1")
        .build()
        // fails only when the TLS backend cannot start, which no webhook could survive
        .expect("the webhook HTTP client builds")
}

/// Whether `ip` is a globally routable unicast address: not in any block the IANA
/// special-purpose registries mark as not globally reachable (private, shared, loopback,
/// link-local, documentation, benchmarking, reserved, multicast, broadcast, ...), with an IPv4
/// address embedded in an IPv6 one judged as that IPv4 address.
pub fn is_global(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_global_v4(v4),
        IpAddr::V6(v6) => is_global_v6(v6),
    }
}

fn in_v4(ip: Ipv4Addr, net: [u8; 4], len: u32) -> bool {
    let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
    u32::from(ip) & mask == u32::from(Ipv4Addr::from(net)) & mask
}

fn is_global_v4(ip: Ipv4Addr) -> bool {
    // IANA IPv4 Special-Purpose Address Registry: every block not globally reachable, and the
    // ones that are but never a webhook's (anycast relays, AS112)
    const NOT_GLOBAL: [([u8; 4], u32); 18] = [
        ([0, 0, 0, 0], 8),       // "this network"
        ([10, 0, 0, 0], 8),      // private
        ([100, 64, 0, 0], 10),   // shared address space (carrier-grade NAT)
        ([127, 0, 0, 0], 8),     // loopback
        ([169, 254, 0, 0], 16),  // link-local (cloud metadata)
        ([172, 16, 0, 0], 12),   // private
        ([192, 0, 0, 0], 24),    // IETF protocol assignments
        ([192, 0, 2, 0], 24),    // documentation (TEST-NET-1)
        ([192, 31, 196, 0], 24), // AS112-v4
        ([192, 52, 193, 0], 24), // AMT
        ([192, 88, 99, 0], 24),  // deprecated 6to4 relay anycast
        ([192, 168, 0, 0], 16),  // private
        ([192, 175, 48, 0], 24), // direct delegation AS112
        ([198, 18, 0, 0], 15),   // benchmarking
        ([198, 51, 100, 0], 24), // documentation (TEST-NET-2)
        ([203, 0, 113, 0], 24),  // documentation (TEST-NET-3)
        ([224, 0, 0, 0], 4),     // multicast
        ([240, 0, 0, 0], 4),     // reserved, and the limited broadcast address
    ];
    !NOT_GLOBAL.iter().any(|(net, len)| in_v4(ip, *net, *len))
}

fn in_v6(ip: Ipv6Addr, net: [u16; 8], len: u32) -> bool {
    let mask = if len == 0 {
        0
    } else {
        u128::MAX << (128 - len)
    };
    u128::from(ip) & mask == u128::from(Ipv6Addr::from(net)) & mask
}

/// The IPv4 address an IPv6 address stands for, in every form that embeds one.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let bits = u128::from(ip);
    let low32 = Ipv4Addr::from(bits as u32);
    if in_v6(ip, [0, 0, 0, 0, 0, 0xffff, 0, 0], 96) // IPv4-mapped
        || in_v6(ip, [0, 0, 0, 0, 0xffff, 0, 0, 0], 96) // IPv4-translated (SIIT)
        || in_v6(ip, [0x64, 0xff9b, 0, 0, 0, 0, 0, 0], 96) // NAT64 well-known prefix
        || in_v6(ip, [0x64, 0xff9b, 1, 0, 0, 0, 0, 0], 48) // NAT64 local-use prefix
        || in_v6(ip, [0, 0, 0, 0, 0, 0, 0, 0], 96)
    // IPv4-compatible (deprecated)
    {
        return Some(low32);
    }
    if in_v6(ip, [0x2002, 0, 0, 0, 0, 0, 0, 0], 16) {
        // 6to4: the IPv4 address is bits 16..48
        return Some(Ipv4Addr::from((bits >> 80) as u32));
    }
    if in_v6(ip, [0x2001, 0, 0, 0, 0, 0, 0, 0], 32) {
        // Teredo: the client's address, inverted, is the last 32 bits
        return Some(Ipv4Addr::from(!(bits as u32)));
    }
    None
}

fn is_global_v6(ip: Ipv6Addr) -> bool {
    if ip.is_unspecified() || ip.is_loopback() {
        return false;
    }
    if let Some(v4) = embedded_v4(ip) {
        // NAT64 local-use, SIIT, IPv4-compatible, 6to4 and Teredo never reach a webhook; the
        // mapped form and the well-known NAT64 prefix reach the IPv4 address they carry
        let passes_through = in_v6(ip, [0, 0, 0, 0, 0, 0xffff, 0, 0], 96)
            || in_v6(ip, [0x64, 0xff9b, 0, 0, 0, 0, 0, 0], 96);
        return passes_through && is_global_v4(v4);
    }
    // Global unicast is 2000::/3; everything else (ULA fc00::/7, link-local fe80::/10,
    // site-local fec0::/10, multicast ff00::/8, discard 100::/64, ...) is not.
    if !in_v6(ip, [0x2000, 0, 0, 0, 0, 0, 0, 0], 3) {
        return false;
    }
    // IANA IPv6 Special-Purpose Address Registry blocks inside 2000::/3 that are not global
    const NOT_GLOBAL: [([u16; 8], u32); 4] = [
        ([0x2001, 0, 0, 0, 0, 0, 0, 0], 23), // IETF protocol assignments
        ([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0], 32), // documentation
        ([0x3fff, 0, 0, 0, 0, 0, 0, 0], 20), // documentation
        ([0x2002, 0, 0, 0, 0, 0, 0, 0], 16), // 6to4 (handled above; kept for clarity)
    ];
    !NOT_GLOBAL.iter().any(|(net, len)| in_v6(ip, *net, *len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_globally_routable_unicast_addresses_are_public() {
        for ip in [
            // the usual suspects
            "127.0.0.1",
            "127.255.255.254",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "0.1.2.3",
            "100.64.0.1",
            "100.127.255.255",
            "255.255.255.255",
            // the special-purpose blocks an earlier check let through
            "198.18.0.1",
            "198.19.255.255",
            "240.0.0.1",
            "192.0.0.1",
            "192.0.2.1",
            "198.51.100.1",
            "203.0.113.1",
            "224.0.0.1",
            "239.255.255.255",
            // IPv6
            "::",
            "::1",
            "fe80::1",
            "fd00::1",
            "fc00::1",
            "fec0::1",
            "ff02::1",
            "100::1",
            "2001:db8::1",
            "3fff::1",
            "2001:2::1",
            // IPv4 inside IPv6, in every form
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::ffff:169.254.169.254",
            "64:ff9b::a00:1",
            "64:ff9b::a9fe:a9fe",
            "64:ff9b::7f00:1",
            "64:ff9b:1::808:808",
            "::a00:1",
            "::7f00:1",
            "::8.8.8.8",
            "::ffff:0:a00:1",
            "2002:a00:1::1",
            "2002:7f00:1::1",
            "2002:808:808::1",
            "2001:0:4136:e378:8000:63bf:f5ff:fffe",
        ] {
            assert!(!is_global(ip.parse().unwrap()), "{ip} must be refused");
        }
        for ip in [
            "93.184.216.34",
            "8.8.8.8",
            "1.1.1.1",
            "100.128.0.1",
            "172.32.0.1",
            "198.20.0.1",
            "2606:4700::1111",
            "2a00:1450:4007:80e::200e",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
        ] {
            assert!(is_global(ip.parse().unwrap()), "{ip} is public");
        }
    }

    #[test]
    fn urls_are_parsed_once_and_every_spelling_of_an_address_is_the_address() {
        let url = parse_url("https://hooks.example.com/x?y=1").unwrap();
        assert_eq!(
            (url.host_str(), url.port_or_known_default()),
            (Some("hooks.example.com"), Some(443))
        );
        for spelled in [
            "http://2130706433/",
            "http://0x7f000001/",
            "http://0177.0.0.1/",
            "http://127.1/",
            "http://0x7f.0.0.1/",
            "http://[::ffff:7f00:1]/",
            "http://[0:0:0:0:0:ffff:127.0.0.1]/",
            "http://169.254.169.254./",
            "http://0xa9fea9fe/",
        ] {
            let url = parse_url(spelled).unwrap();
            assert!(!literal_allowed(&url), "{spelled}");
        }
        for bad in [
            "ftp://x.example",
            "https://",
            "https://user@host.example/",
            "https://user:pw@host.example/",
            "not a url",
            "https://a b/",
            "javascript:alert(1)",
            "file:///etc/passwd",
        ] {
            assert!(parse_url(bad).is_err(), "{bad}");
        }
    }
}
