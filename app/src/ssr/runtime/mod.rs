//! What the server runs on: its configuration, the shared state, the clock, the rate limits and
//! the static assets.

pub mod assets;
pub mod clock;
pub mod config;
pub mod limits;
pub mod state;
