//! Server-only code, compiled with the `ssr` feature: configuration, the shared state, the
//! database layer (all SQL lives in [`db`]) and the domain operations that both the server
//! functions and the JSON API call, so the two cannot drift.

pub mod access;
pub mod accounts;
pub mod agenda;
pub mod assets;
pub mod attendees;
pub mod auth;
pub mod brief;
pub mod calendar;
pub mod clock;
pub mod config;
pub mod db;
pub mod decision;
pub mod disclosure;
pub mod discussion;
pub mod error;
pub mod escape;
pub mod flash;
pub mod forms;
pub mod hours;
pub mod limits;
pub mod markdown;
pub mod meetings;
pub mod notify;
pub mod polls;
pub mod prereads;
pub mod rpc;
pub mod state;
/// Fresh databases for tests: compiled for this crate's tests and, through the `testing`
/// feature, for the server's; never into the production binary.
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod tz;
pub mod verdict;

pub use error::ServerError;
pub use state::AppState;

use crate::error::AppError;
use leptos::prelude::use_context;

/// The state handed to every page render and server function (`leptos_routes_with_context`).
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState is missing from the Leptos context");
        AppError::Internal
    })
}
