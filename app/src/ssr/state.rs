//! The one state value built at start-up and shared by page rendering, server functions and the
//! JSON API.

use super::config::Config;
use super::db::Db;
use super::limits::RateLimits;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub leptos_options: LeptosOptions,
    pub limits: Arc<RateLimits>,
}

impl AppState {
    pub fn new(db: Db, config: Config) -> Self {
        let leptos_options = config.leptos_options();
        let limits = RateLimits::new(config.write_limit);
        Self {
            db,
            config: Arc::new(config),
            leptos_options,
            limits: Arc::new(limits),
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
