//! What every page gets once the WASM is there.

use leptos::prelude::*;

/// Placed last in `<body>`: islands hydrate in document order, so when this one runs the others
/// have. It marks `<html data-hydrated>` (browser tests wait for it) and gives every form a
/// pending state: the button that sent it says so, and a second click sends nothing twice.
#[island]
pub fn PageScripts() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
        window_event_listener(leptos::ev::submit, |ev| {
            let Some(form) = ev.target() else {
                return;
            };
            let form: leptos::web_sys::Element = form.unchecked_into();
            if form.has_attribute("data-pending") {
                ev.prevent_default();
                return;
            }
            let _ = form.set_attribute("data-pending", "");
            let _ = form.set_attribute("aria-busy", "true");
            // Not `disabled`: a disabled button's name and value would leave the form data.
            if let Some(button) = ev.submitter() {
                let _ = button.set_attribute("aria-disabled", "true");
            }
        });
        // Back from posting a comment, the page opens at it (`#thread-…`): the focus goes there
        // too, so a screen reader goes on from the new comment, not from the top.
        if let Ok(hash) = window().location().hash()
            && let Some(id) = hash.strip_prefix("#thread-")
            && let Some(thread) = document().get_element_by_id(&format!("thread-{id}"))
        {
            let _ = thread
                .unchecked_into::<leptos::web_sys::HtmlElement>()
                .focus();
        }
        // Back to a page from the browser's cache: its forms can be sent again.
        window_event_listener(leptos::ev::pageshow, |_| {
            while let Ok(Some(form)) = document().query_selector("form[data-pending]") {
                let _ = form.remove_attribute("data-pending");
                let _ = form.remove_attribute("aria-busy");
            }
            while let Ok(Some(button)) = document().query_selector("[aria-disabled=\"true\"]") {
                let _ = button.remove_attribute("aria-disabled");
            }
        });
    }
}
