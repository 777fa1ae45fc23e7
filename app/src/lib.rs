//! Prework's application on the server: pages, server functions and the server-only half
//! behind the `ssr` feature. What the browser also runs (model, verdict engine, error, islands)
//! is the `front` crate, re-exported here so both halves name it the same way.
//!
//! - [`app`]: the HTML shell and the one route table.
//! - [`error`]: [`error::AppError`], the user-safe error that crosses the wire.
//! - [`model`]: ids, typed inputs with their validation, read models.
//! - [`api`]: server functions, one module per resource.
//! - [`pages`]: one component per route; [`components`]: view pieces that fetch nothing.
//! - [`islands`]: the only parts that run in the browser.
//! - [`verdict`]: the verdict engine, pure and shared by server and browser.
//! - `ssr` (server only): configuration, state, the database layer and domain operations.

pub use front::{error, islands, model, verdict};

pub mod api;
pub mod app;
pub mod components;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod ssr;
