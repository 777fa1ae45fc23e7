//! The hidden field that tells a form post made without WASM which page to come back to when
//! it fails (see the server's `security::restore_referer`: with `Referrer-Policy: no-referrer`
//! browsers send no `Referer` of their own).

use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Put inside every `ActionForm` whose errors its page shows.
#[component]
pub fn ReturnHere() -> impl IntoView {
    let location = use_location();
    view! { <input type="hidden" name="return_to" value=move || location.pathname.get() /> }
}
