//! Configuration, read once at start-up from the environment into a typed struct. Every
//! variable is documented in the README; a bad value stops start-up with its name.

use leptos::config::{Env, LeptosOptions};
use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/prework.db";
pub const DEFAULT_SITE_ADDR: &str = "127.0.0.1:3000";
pub const DEFAULT_SITE_ROOT: &str = "target/site";
pub const DEFAULT_LOG_FILTER: &str = "info";
pub const DEFAULT_MAILDIR: &str = "data/mail";
pub use crate::ssr::runtime::assets::OUTPUT_NAME;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://...` (the embedded default) or `postgres://...`.
    pub database_url: String,
    /// `LEPTOS_SITE_ADDR`: where to listen.
    pub site_addr: SocketAddr,
    /// `LEPTOS_SITE_ROOT`: the built site (WASM, JS, CSS, public files), as `make build` leaves it.
    pub site_root: PathBuf,
    /// `RUST_LOG`: the tracing filter.
    pub log_filter: String,
    /// `PREWORK_PUBLIC_URL`: the address people reach the app at, without a trailing slash.
    /// Personal links are built on it; `https` makes cookies `Secure` and `__Host-` prefixed;
    /// cross-site checks accept requests from its origin.
    pub public_url: String,
    /// `PREWORK_TRUSTED_PROXIES`: the reverse proxies (IPs or CIDRs, comma-separated) whose
    /// `X-Forwarded-For` is believed. Empty: the peer address is the client.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// `PREWORK_WRITE_LIMIT`: writes a minute per writer (`<n>/min`), or `None` for `off`
    /// (benchmarks). Bursts of a fifth of a minute's worth; the Markdown preview is limited
    /// to 30 a minute whenever writes are limited.
    pub write_limit: Option<u32>,
    /// `PREWORK_OUTBOX_LEASE_SECONDS`: how long a message a worker took is left to it. A
    /// worker that dies (a crash, `kill -9`) leaves its messages claimed; another worker, or the
    /// same server restarted, sends them once the lease runs out. Far longer than one send.
    pub outbox_lease: jiff::SignedDuration,
    /// `PREWORK_SMTP_URL`: `smtp://[user:pass@]host:port` (`?tls=required` for STARTTLS),
    /// `smtps://` for implicit TLS. `None`: messages go into [`Self::maildir`].
    pub smtp_url: Option<String>,
    /// `PREWORK_MAIL_FROM`: the sender, `Prework <prework@example.com>`.
    pub mail_from: String,
    /// `PREWORK_MAILDIR`: where messages go when no SMTP URL is set.
    pub maildir: PathBuf,
    /// `PREWORK_WEBHOOK_ALLOW_PRIVATE`: let webhooks reach private and loopback addresses
    /// (a server on a closed network, tests); off by default.
    pub webhook_allow_private: bool,
}

/// A configuration error, naming the variable at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub variable: &'static str,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.variable, self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the configuration through `lookup`, so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str, default: &str| {
            lookup(name)
                .filter(|v| !v.trim().is_empty())
                .unwrap_or_else(|| default.to_owned())
        };

        let database_url = get("DATABASE_URL", DEFAULT_DATABASE_URL);
        if crate::ssr::db::Backend::from_url(&database_url).is_none() {
            return Err(ConfigError {
                variable: "DATABASE_URL",
                message: format!(
                    "unsupported URL {:?}: use sqlite://<file> or postgres://<user>@<host>/<db>",
                    redact_url(&database_url)
                ),
            });
        }

        let site_addr_text = get("LEPTOS_SITE_ADDR", DEFAULT_SITE_ADDR);
        let site_addr = site_addr_text.parse().map_err(|_| ConfigError {
            variable: "LEPTOS_SITE_ADDR",
            message: format!("{site_addr_text:?} is not an address such as 127.0.0.1:3000"),
        })?;

        let log_filter = get("RUST_LOG", DEFAULT_LOG_FILTER);
        if let Err(e) = tracing_filter_check(&log_filter) {
            return Err(ConfigError {
                variable: "RUST_LOG",
                message: e,
            });
        }

        let public_url = get("PREWORK_PUBLIC_URL", &format!("http://{site_addr}"));
        let public_url = public_url.trim_end_matches('/').to_owned();
        let valid_url = ["http://", "https://"].iter().any(|scheme| {
            public_url
                .strip_prefix(scheme)
                .is_some_and(|host| !host.is_empty() && !host.contains(['/', '?', '#', ' ']))
        });
        if !valid_url {
            return Err(ConfigError {
                variable: "PREWORK_PUBLIC_URL",
                message: format!(
                    "{public_url:?} is not an origin such as https://prework.example.com"
                ),
            });
        }

        let trusted_proxies = get("PREWORK_TRUSTED_PROXIES", "")
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| {
                p.parse::<ipnet::IpNet>()
                    .or_else(|_| p.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                    .map_err(|_| ConfigError {
                        variable: "PREWORK_TRUSTED_PROXIES",
                        message: format!("{p:?} is not an IP address or CIDR range"),
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;

        let write_limit = parse_write_limit(&get(
            "PREWORK_WRITE_LIMIT",
            &format!("{}/min", crate::ssr::runtime::limits::WRITES_PER_MINUTE),
        ))?;

        let lease_text = get("PREWORK_OUTBOX_LEASE_SECONDS", "300");
        let outbox_lease = lease_text
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=86_400).contains(n))
            .map(jiff::SignedDuration::from_secs)
            .ok_or_else(|| ConfigError {
                variable: "PREWORK_OUTBOX_LEASE_SECONDS",
                message: format!("{lease_text:?} is not a number of seconds from 1 to 86400"),
            })?;

        let smtp_url = lookup("PREWORK_SMTP_URL").filter(|v| !v.trim().is_empty());
        if let Some(url) = &smtp_url {
            let supported = url.starts_with("smtp://") || url.starts_with("smtps://");
            let parsed = lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(url);
            if !supported || parsed.is_err() {
                return Err(ConfigError {
                    variable: "PREWORK_SMTP_URL",
                    message: format!(
                        "{:?} is not a mail server address such as smtp://user:pass@mail.example.com:587?tls=required",
                        redact_url(url)
                    ),
                });
            }
        }
        let host = public_url
            .split("://")
            .nth(1)
            .and_then(|h| h.split(':').next())
            .filter(|h| h.contains('.') && !h.chars().all(|c| c.is_ascii_digit() || c == '.'))
            .unwrap_or("localhost")
            .to_owned();
        let mail_from = get("PREWORK_MAIL_FROM", &format!("Prework <prework@{host}>"));
        if mail_from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(ConfigError {
                variable: "PREWORK_MAIL_FROM",
                message: format!(
                    "{mail_from:?} is not an address such as Prework <prework@example.com>"
                ),
            });
        }
        let maildir = PathBuf::from(get("PREWORK_MAILDIR", DEFAULT_MAILDIR));

        let webhook_allow_private = match get("PREWORK_WEBHOOK_ALLOW_PRIVATE", "false")
            .trim()
            .to_ascii_lowercase()
            .as_str()
        {
            "true" | "1" | "yes" => true,
            "false" | "0" | "no" => false,
            other => {
                return Err(ConfigError {
                    variable: "PREWORK_WEBHOOK_ALLOW_PRIVATE",
                    message: format!("{other:?} is neither true nor false"),
                });
            }
        };

        Ok(Self {
            webhook_allow_private,
            smtp_url,
            mail_from,
            maildir,
            write_limit,
            outbox_lease,
            database_url,
            site_addr,
            site_root: PathBuf::from(get("LEPTOS_SITE_ROOT", DEFAULT_SITE_ROOT)),
            log_filter,
            public_url,
            trusted_proxies,
        })
    }

    /// Cookies are `Secure` (and `__Host-` prefixed) when the app is served over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// Leptos' options, built here so the release binary needs no `LEPTOS_*` variables.
    pub fn leptos_options(&self) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name(OUTPUT_NAME)
            .site_root(self.site_root.to_string_lossy().into_owned())
            .site_pkg_dir("pkg")
            .site_addr(self.site_addr)
            .env(Env::PROD)
            // Leptos' script tags then name the hashed files; without a hash file they would
            // fail to find one, so the option follows the build.
            .hash_files(crate::ssr::runtime::assets::Assets::get().hashes_names())
            .build()
    }
}

/// A light syntax check of a tracing filter (`target=level` directives separated by commas);
/// the subscriber itself parses it fully in the server's telemetry set-up.
fn tracing_filter_check(filter: &str) -> Result<(), String> {
    const LEVELS: [&str; 6] = ["trace", "debug", "info", "warn", "error", "off"];
    for directive in filter.split(',').map(str::trim).filter(|d| !d.is_empty()) {
        let level = directive.rsplit_once('=').map_or(directive, |(_, l)| l);
        let is_target_only = !directive.contains('=') && !LEVELS.contains(&level);
        if !is_target_only && !LEVELS.contains(&level.to_ascii_lowercase().as_str()) {
            return Err(format!(
                "{directive:?} does not end in a level ({})",
                LEVELS.join(", ")
            ));
        }
    }
    Ok(())
}

/// Hides a password in a database URL before it is printed.
/// `600/min` or `off`.
fn parse_write_limit(text: &str) -> Result<Option<u32>, ConfigError> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("off") {
        return Ok(None);
    }
    text.strip_suffix("/min")
        .and_then(|n| n.trim().parse::<u32>().ok())
        .filter(|n| *n > 0)
        .map(Some)
        .ok_or_else(|| ConfigError {
            variable: "PREWORK_WRITE_LIMIT",
            message: format!("{text:?} is neither a rate such as 600/min nor off"),
        })
}

pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_serve_sqlite_on_localhost() {
        let c = config(&[]).unwrap();
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(c.site_addr.to_string(), DEFAULT_SITE_ADDR);
        assert_eq!(c.site_root, PathBuf::from("target/site"));
        let options = c.leptos_options();
        assert_eq!(&*options.output_name, OUTPUT_NAME);
        assert_eq!(c.public_url, "http://127.0.0.1:3000");
        assert!(!c.secure_cookies());
        assert!(c.trusted_proxies.is_empty());
        assert_eq!(c.write_limit, Some(600));
        assert_eq!(
            (c.smtp_url.as_deref(), c.maildir.as_path()),
            (None, std::path::Path::new("data/mail"))
        );
        assert_eq!(c.mail_from, "Prework <prework@localhost>");
    }

    #[test]
    fn mail_settings_are_checked_at_start() {
        let c = config(&[
            ("PREWORK_SMTP_URL", "smtp://u:p@127.0.0.1:2525"),
            ("PREWORK_PUBLIC_URL", "https://prework.example.com"),
        ])
        .unwrap();
        assert_eq!(c.smtp_url.as_deref(), Some("smtp://u:p@127.0.0.1:2525"));
        assert_eq!(c.mail_from, "Prework <prework@prework.example.com>");
        for (name, bad) in [
            ("PREWORK_SMTP_URL", "http://mail.example.com"),
            ("PREWORK_SMTP_URL", "smtp://"),
            ("PREWORK_MAIL_FROM", "not an address"),
        ] {
            let err = config(&[(name, bad)]).unwrap_err();
            assert_eq!(err.variable, name, "{bad}");
            assert!(!err.to_string().contains(":p@"), "no password in errors");
        }
    }

    #[test]
    fn the_outbox_lease_is_whole_seconds_within_a_day() {
        assert_eq!(
            config(&[]).unwrap().outbox_lease,
            jiff::SignedDuration::from_mins(5)
        );
        assert_eq!(
            config(&[("PREWORK_OUTBOX_LEASE_SECONDS", "3")])
                .unwrap()
                .outbox_lease,
            jiff::SignedDuration::from_secs(3)
        );
        for bad in ["0", "-1", "86401", "5m"] {
            let err = config(&[("PREWORK_OUTBOX_LEASE_SECONDS", bad)]).unwrap_err();
            assert_eq!(err.variable, "PREWORK_OUTBOX_LEASE_SECONDS", "{bad}");
        }
    }

    #[test]
    fn the_write_limit_is_a_rate_or_off() {
        assert_eq!(
            config(&[("PREWORK_WRITE_LIMIT", "60/min")])
                .unwrap()
                .write_limit,
            Some(60)
        );
        assert_eq!(
            config(&[("PREWORK_WRITE_LIMIT", "off")])
                .unwrap()
                .write_limit,
            None
        );
        for bad in ["0/min", "600", "fast", "-1/min"] {
            let err = config(&[("PREWORK_WRITE_LIMIT", bad)]).unwrap_err();
            assert_eq!(err.variable, "PREWORK_WRITE_LIMIT", "{bad}");
        }
    }

    #[test]
    fn https_public_urls_make_cookies_secure_and_proxies_parse() {
        let c = config(&[
            ("PREWORK_PUBLIC_URL", "https://prework.example.com/"),
            ("PREWORK_TRUSTED_PROXIES", "10.0.0.0/8, 192.168.1.1"),
        ])
        .unwrap();
        assert_eq!(c.public_url, "https://prework.example.com");
        assert!(c.secure_cookies());
        assert_eq!(c.trusted_proxies.len(), 2);
    }

    #[test]
    fn a_bad_value_names_its_variable() {
        let cases = [
            (("DATABASE_URL", "mysql://root@localhost/x"), "DATABASE_URL"),
            (("LEPTOS_SITE_ADDR", "localhost"), "LEPTOS_SITE_ADDR"),
            (("RUST_LOG", "server=loud"), "RUST_LOG"),
            (
                ("PREWORK_PUBLIC_URL", "prework.example.com"),
                "PREWORK_PUBLIC_URL",
            ),
            (
                ("PREWORK_PUBLIC_URL", "https://x.example/path"),
                "PREWORK_PUBLIC_URL",
            ),
            (
                ("PREWORK_TRUSTED_PROXIES", "10.0.0.1, proxy"),
                "PREWORK_TRUSTED_PROXIES",
            ),
        ];
        for ((name, value), variable) in cases {
            let err = config(&[(name, value)]).unwrap_err();
            assert_eq!(err.variable, variable);
            assert!(err.to_string().starts_with(variable));
        }
    }

    #[test]
    fn postgres_urls_are_accepted_and_passwords_never_printed() {
        let c = config(&[("DATABASE_URL", "postgres://u:secret@db/prework")]).unwrap();
        assert!(c.database_url.starts_with("postgres://"));
        assert_eq!(
            redact_url("postgres://u:secret@db/p"),
            "postgres://u:***@db/p"
        );
        assert_eq!(redact_url("sqlite://data/x.db"), "sqlite://data/x.db");
    }

    #[test]
    fn log_filters_accept_levels_and_targets() {
        for ok in ["info", "server=debug,tower_http=warn", "app", "WARN"] {
            assert!(tracing_filter_check(ok).is_ok(), "{ok}");
        }
    }
}
