//! What Prework's browser code is made of, and only that: the same code is compiled into the
//! server (feature `ssr`, through the `app` crate) and into the WASM bundle (feature
//! `hydrate`). Keeping it a crate of its own lets Cargo, not review, keep pages and
//! server-only code out of the bundle, and spares the WASM a rebuild when a page changes.
//!
//! - [`error`]: [`error::AppError`], the user-safe error that crosses the wire.
//! - [`model`]: ids, typed inputs with their validation, read models.
//! - [`verdict`]: the verdict engine, pure and shared by server and browser.
//! - [`islands`]: the only parts of a page that run in the browser.

pub mod error;
pub mod islands;
pub mod model;
pub mod verdict;

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
