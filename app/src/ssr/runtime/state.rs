//! The one state value built at start-up and shared by page rendering, server functions and the
//! JSON API.

use crate::ssr::db::Db;
use crate::ssr::runtime::clock::Clock;
use crate::ssr::runtime::config::Config;
use crate::ssr::runtime::limits::RateLimits;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub leptos_options: LeptosOptions,
    pub limits: Arc<RateLimits>,
    /// "Now" for everything the server decides by time (`Clock::manual` in tests).
    pub clock: Clock,
    /// Wakes the senders when a message or an event was queued, so it goes out at once.
    pub outbox: Arc<Wake>,
    /// The one client webhooks are sent with (pooled; its resolver refuses what registration
    /// refuses: `notify::address`).
    pub webhook_client: reqwest::Client,
}

/// The senders' bells: mail and webhooks are sent by loops of their own, so that neither ever
/// waits for the other, and each has its own bell so that neither takes the other's wake-up.
#[derive(Debug, Default)]
pub struct Wake {
    pub mail: tokio::sync::Notify,
    pub webhooks: tokio::sync::Notify,
}

impl Wake {
    /// Something was queued: both loops look.
    pub fn notify_one(&self) {
        self.mail.notify_one();
        self.webhooks.notify_one();
    }
}

impl AppState {
    pub fn new(db: Db, config: Config) -> Self {
        let leptos_options = config.leptos_options();
        let limits = RateLimits::new(config.write_limit);
        let webhook_client =
            crate::ssr::notify::address::webhook_client(config.webhook_allow_private);
        Self {
            db,
            config: Arc::new(config),
            leptos_options,
            limits: Arc::new(limits),
            clock: Clock::system(),
            outbox: Arc::default(),
            webhook_client,
        }
    }

    /// The same state on another clock (tests).
    pub fn with_clock(self, clock: Clock) -> Self {
        Self { clock, ..self }
    }

    /// Now, to the microsecond: the precision the database keeps.
    pub fn now(&self) -> jiff::Timestamp {
        self.clock.now()
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
