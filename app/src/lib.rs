//! Prework's application: everything the browser and the server share, plus the server-only
//! half behind the `ssr` feature.
//!
//! - [`app`]: the HTML shell and the one route table.
//! - [`error`]: [`error::AppError`], the user-safe error that crosses the wire.
//! - [`model`]: ids, typed inputs with their validation, read models.
//! - [`api`]: server functions, one module per resource.
//! - [`pages`]: one component per route; [`components`]: view pieces that fetch nothing.
//! - [`islands`]: the only parts that run in the browser.
//! - [`verdict`]: the verdict engine, pure and shared by server and browser.
//! - `ssr` (server only): configuration, state, the database layer and domain operations.

pub mod api;
pub mod app;
pub mod components;
pub mod error;
pub mod islands;
pub mod model;
pub mod pages;
pub mod verdict;

#[cfg(feature = "ssr")]
pub mod ssr;

/// The WASM entry point: brings the page's islands to life (see [`islands`]); the rest of the
/// page is server-rendered HTML and stays so.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Panic messages in the console are for development; a release build leaves the hook
    // (and the formatting it brings) out of the bundle.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
