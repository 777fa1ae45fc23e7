//! Server-only code, compiled with the `ssr` feature: configuration, the shared state, the
//! database layer (all SQL lives in [`db`]) and the domain operations that both the server
//! functions and the JSON API call, so the two cannot drift.

//!
//! Rooms, top to bottom (arrows point down only):
//! - [`web`]: running a server function, reading its form, the redirect's cookies;
//! - [`domain`]: one room per resource (meetings, people, agenda, discussion);
//! - [`policy`]: who may do what ([`policy::access`]) and learn what ([`policy::disclosure`]);
//! - [`auth`]: who is calling; [`notify`]: what Prework sends, and when;
//! - [`db`]: all SQL; [`runtime`]: state, configuration, clock, limits, assets;
//! - [`text`]: Markdown, escaping, time-zone names.

pub mod auth;
pub mod db;
pub mod domain;
pub mod error;
pub mod notify;
pub mod policy;
pub mod runtime;
/// Fresh databases for tests: compiled for this crate's tests and, through the `testing`
/// feature, for the server's; never into the production binary.
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod text;
pub mod web;

pub use error::ServerError;
pub use runtime::state::AppState;

use crate::error::AppError;
use leptos::prelude::use_context;

/// The state handed to every page render and server function (`leptos_routes_with_context`).
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState is missing from the Leptos context");
        AppError::Internal
    })
}
