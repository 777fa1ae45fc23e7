//! Rate limits on signing in and signing up, per client IP and per email address, so a
//! password cannot be guessed quickly from one place nor one account attacked from many.
//! Buckets live in this process's memory (each server instance limits on its own).

use crate::error::AppError;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::time::Duration;

pub struct RateLimits {
    login_ip: DefaultKeyedRateLimiter<IpAddr>,
    login_email: DefaultKeyedRateLimiter<String>,
    signup_ip: DefaultKeyedRateLimiter<IpAddr>,
    signup_email: DefaultKeyedRateLimiter<String>,
}

fn quota(burst: u32, one_every: Duration) -> Quota {
    Quota::with_period(one_every)
        .expect("non-zero period")
        .allow_burst(NonZeroU32::new(burst).expect("non-zero burst"))
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            // An office behind one address signs in often; a guesser is slowed to 6 a minute.
            login_ip: RateLimiter::keyed(quota(20, Duration::from_secs(10))),
            // One account: 5 tries, then one every 30 seconds.
            login_email: RateLimiter::keyed(quota(5, Duration::from_secs(30))),
            signup_ip: RateLimiter::keyed(quota(10, Duration::from_secs(60))),
            signup_email: RateLimiter::keyed(quota(3, Duration::from_secs(60))),
        }
    }
}

impl RateLimits {
    /// Counts a sign-in attempt; 429 with the wait when either bucket is empty.
    pub fn check_login(&self, ip: IpAddr, email_key: &str) -> Result<(), AppError> {
        check(&self.login_ip, &ip)?;
        check(&self.login_email, &email_key.to_owned())
    }

    pub fn check_signup(&self, ip: IpAddr, email_key: &str) -> Result<(), AppError> {
        check(&self.signup_ip, &ip)?;
        check(&self.signup_email, &email_key.to_owned())
    }

    /// Forgets buckets that have refilled, so memory stays bounded under a spray of keys.
    pub fn retain_recent(&self) {
        self.login_ip.retain_recent();
        self.login_email.retain_recent();
        self.signup_ip.retain_recent();
        self.signup_email.retain_recent();
    }
}

fn check<K>(limiter: &DefaultKeyedRateLimiter<K>, key: &K) -> Result<(), AppError>
where
    K: Clone + std::hash::Hash + Eq,
{
    limiter.check_key(key).map_err(|not_until| {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        AppError::RateLimited {
            retry_after_secs: wait.as_secs().max(1) + u64::from(wait.subsec_nanos() > 0),
        }
    })
}

/// The client's address: the peer, unless the peer is a trusted proxy, in which case the
/// nearest untrusted address in `X-Forwarded-For` (walking from the right, so a client cannot
/// choose its own bucket by prepending addresses).
pub fn client_ip(
    peer: Option<SocketAddr>,
    forwarded_for: Option<&str>,
    trusted: &[ipnet::IpNet],
) -> IpAddr {
    let peer_ip = peer.map_or(IpAddr::from([0, 0, 0, 0]), |p| p.ip());
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer_ip) {
        return peer_ip;
    }
    forwarded_for
        .into_iter()
        .flat_map(|v| v.split(','))
        .rev()
        .filter_map(|part| part.trim().parse::<IpAddr>().ok())
        .find(|ip| !is_trusted(ip))
        .unwrap_or(peer_ip)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sixth_try_on_one_account_waits() {
        let limits = RateLimits::default();
        let ip: IpAddr = "203.0.113.9".parse().unwrap();
        for _ in 0..5 {
            limits.check_login(ip, "ana@example.com").unwrap();
        }
        match limits.check_login(ip, "ana@example.com") {
            Err(AppError::RateLimited { retry_after_secs }) => {
                assert!((1..=30).contains(&retry_after_secs))
            }
            other => panic!("expected a rate limit, got {other:?}"),
        }
        // another account from the same place still gets through
        limits.check_login(ip, "bo@example.com").unwrap();
    }

    #[test]
    fn forwarded_for_counts_only_behind_a_trusted_proxy() {
        let peer: SocketAddr = "10.0.0.5:4000".parse().unwrap();
        let spoof = Some("1.2.3.4, 198.51.100.7");
        assert_eq!(client_ip(Some(peer), spoof, &[]), peer.ip());
        let trusted = ["10.0.0.0/8".parse().unwrap()];
        assert_eq!(
            client_ip(Some(peer), spoof, &trusted),
            "198.51.100.7".parse::<IpAddr>().unwrap(),
            "the rightmost untrusted address, not the client-chosen first one"
        );
        assert_eq!(client_ip(Some(peer), None, &trusted), peer.ip());
    }
}
