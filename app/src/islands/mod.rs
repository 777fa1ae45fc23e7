//! Islands: the only parts of a page that run in the browser. Every page is rendered on the
//! server and works as plain HTML forms; an island adds what must react without a page load.
//! Each takes serializable props (plain strings and numbers where it can, so the bundle stays
//! small) and reads the page's own form fields through [`use_field`] rather than owning them,
//! so the forms stay server-rendered and work before (or without) the WASM.
//!
//! Islands that only some pages show are `#[island(lazy)]`: `cargo leptos build --split` moves
//! their code into chunks that load with the page that has them, so the bundle every page
//! loads holds the framework, [`PageScripts`] and the comment box (attendees' pages) only.

mod agenda;
mod comment;
mod copy;
mod page;
mod preview;
mod purpose;
mod verdict;

pub use agenda::AgendaProjection;
pub use comment::CommentOpener;
pub use copy::CopyButton;
pub use page::PageScripts;
pub use preview::MarkdownPreview;
pub use purpose::{InformNudge, PurposeExplanation};
pub use verdict::LiveVerdict;

use leptos::prelude::*;

/// The value of the page's form field named `name` as the person edits it: `None` until they
/// do (then the server-rendered value stands).
pub fn use_field(name: &'static str) -> ReadSignal<Option<String>> {
    let (value, set) = signal(None::<String>);
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let read = move |ev: &leptos::web_sys::Event| {
            let Some(target) = ev.target() else {
                return;
            };
            // Inputs, selects and text areas all have `name` and `value`.
            let field: &leptos::web_sys::HtmlInputElement = target.unchecked_ref();
            if field.name() == name {
                set.set(Some(field.value()));
            }
        };
        window_event_listener(leptos::ev::input, move |ev| read(&ev));
        window_event_listener(leptos::ev::change, move |ev| read(&ev));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (name, set);
    value
}
