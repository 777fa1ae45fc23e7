//! Rate limits. Signing in and signing up, per client IP and per email address, so a password
//! cannot be guessed quickly from one place nor one account attacked from many. Writes and the
//! Markdown preview, per writer (an organizer's account or an attendee's personal link), the
//! same whether they come from the browser or the API, so no script can grow a meeting faster
//! than a person could ever need. Buckets live in this process's memory (each server instance
//! limits on its own).

use crate::error::AppError;
use crate::model::{AttendeeId, UserId};
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
    /// `None` when writes are not limited (`PREWORK_WRITE_LIMIT=off`).
    writes: Option<DefaultKeyedRateLimiter<WriterKey>>,
    previews: Option<DefaultKeyedRateLimiter<WriterKey>>,
}

/// Who a write counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WriterKey {
    User(UserId),
    Attendee(AttendeeId),
}

/// Writes a minute per writer by default: no person and no reasonable script comes near it.
pub const WRITES_PER_MINUTE: u32 = 600;
/// API.md: a request body is at most 1 MiB (413 above).
pub const BODY_LIMIT: usize = 1024 * 1024;
/// Markdown previews a minute per writer (each renders up to 200,000 characters).
pub const PREVIEWS_PER_MINUTE: u32 = 30;

/// How many a writer may do at once before the steady rate applies: a fifth of a minute's
/// worth (120 writes, 6 previews at the defaults).
fn burst(per_minute: u32) -> u32 {
    (per_minute / 5).max(1)
}

fn per_minute(n: u32) -> DefaultKeyedRateLimiter<WriterKey> {
    let n = NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
    let burst = NonZeroU32::new(burst(n.get())).unwrap_or(NonZeroU32::MIN);
    RateLimiter::keyed(Quota::per_minute(n).allow_burst(burst))
}

fn quota(burst: u32, one_every: Duration) -> Quota {
    Quota::with_period(one_every)
        .expect("non-zero period")
        .allow_burst(NonZeroU32::new(burst).expect("non-zero burst"))
}

impl Default for RateLimits {
    fn default() -> Self {
        Self::new(Some(WRITES_PER_MINUTE))
    }
}

impl RateLimits {
    /// Limits with `writes_per_minute` per writer (`None`: writes and previews unlimited, for
    /// benchmarks).
    pub fn new(writes_per_minute: Option<u32>) -> Self {
        Self {
            writes: writes_per_minute.map(per_minute),
            previews: writes_per_minute.map(|_| per_minute(PREVIEWS_PER_MINUTE)),
            // An office behind one address signs in often; a guesser is slowed to 6 a minute.
            login_ip: RateLimiter::keyed(quota(20, Duration::from_secs(10))),
            // One account: 5 tries, then one every 30 seconds.
            login_email: RateLimiter::keyed(quota(5, Duration::from_secs(30))),
            signup_ip: RateLimiter::keyed(quota(10, Duration::from_secs(60))),
            signup_email: RateLimiter::keyed(quota(3, Duration::from_secs(60))),
        }
    }

    /// Counts one write by `writer`; 429 with the wait once their bucket is empty.
    pub fn check_write(&self, writer: WriterKey) -> Result<(), AppError> {
        match &self.writes {
            Some(limiter) => check(limiter, &writer),
            None => Ok(()),
        }
    }

    /// Counts one Markdown preview by `writer`.
    pub fn check_preview(&self, writer: WriterKey) -> Result<(), AppError> {
        match &self.previews {
            Some(limiter) => check(limiter, &writer),
            None => Ok(()),
        }
    }

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
        for limiter in [&self.writes, &self.previews].into_iter().flatten() {
            limiter.retain_recent();
        }
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

/// The address of the client that sent `request` (see [`client_ip`]).
pub fn request_ip(request: &http::request::Parts, trusted: &[ipnet::IpNet]) -> IpAddr {
    let peer = request
        .extensions
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let forwarded = request
        .headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok());
    client_ip(peer, forwarded, trusted)
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
    fn writers_get_a_burst_then_the_steady_rate_each_on_their_own() {
        let limits = RateLimits::new(Some(600));
        let (ana, bo) = (
            WriterKey::Attendee(AttendeeId::new()),
            WriterKey::User(UserId::new()),
        );
        for _ in 0..120 {
            limits.check_write(ana).unwrap();
        }
        match limits.check_write(ana) {
            Err(AppError::RateLimited { retry_after_secs }) => {
                assert!((1..=2).contains(&retry_after_secs), "{retry_after_secs}")
            }
            other => panic!("expected a rate limit, got {other:?}"),
        }
        limits.check_write(bo).unwrap();
        for _ in 0..6 {
            limits.check_preview(bo).unwrap();
        }
        assert!(limits.check_preview(bo).is_err());
        let off = RateLimits::new(None);
        for _ in 0..10_000 {
            off.check_write(ana).unwrap();
        }
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
