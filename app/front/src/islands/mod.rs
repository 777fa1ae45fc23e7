//! Islands: the only parts of a page that run in the browser. Every page is rendered on the
//! server and works as plain HTML forms; an island adds what must react without a page load.
//! Each takes serializable props (plain strings and numbers where it can, so the bundle stays
//! small) and reads the page's own form fields through [`use_field`] rather than owning them,
//! so the forms stay server-rendered and work before (or without) the WASM.
//!
//! Islands that only some pages show are `#[island(lazy)]`: the release build (`server/bundle`)
//! moves their code into chunks that load with the page that has them, so the bundle every page
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
/// do (then the server-rendered value stands). An island may wake after the person has already
/// changed the field (a lazy chunk on a slow phone): it starts from what the field holds then.
pub fn use_field(name: &'static str) -> ReadSignal<Option<String>> {
    let (value, set) = signal(None::<String>);
    #[cfg(feature = "hydrate")]
    {
        // Hydration must meet the HTML the server rendered, so the island wakes on that value
        // and takes the field's own right after (effects run once hydration is done).
        Effect::new(move |_| {
            if let Some(changed) = changed_before_hydration(name) {
                set.set(Some(changed));
            }
        });
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

/// The field's value if it is no longer the one the server rendered (a text input, a text area
/// or a select); `None` while it is.
#[cfg(feature = "hydrate")]
fn changed_before_hydration(name: &str) -> Option<String> {
    use leptos::web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
    use wasm_bindgen::JsCast;
    let field = document()
        .query_selector(&format!("[name=\"{name}\"]"))
        .ok()??;
    if let Some(input) = field.dyn_ref::<HtmlInputElement>() {
        return (input.value() != input.default_value()).then(|| input.value());
    }
    if let Some(text) = field.dyn_ref::<HtmlTextAreaElement>() {
        return (Ok(text.value()) != text.default_value()).then(|| text.value());
    }
    let select = field.dyn_ref::<HtmlSelectElement>()?;
    let options = select.options();
    let rendered = (0..options.length())
        .filter_map(|i| options.item(i))
        .filter_map(|option| option.dyn_into::<leptos::web_sys::HtmlOptionElement>().ok())
        .find(|option| option.default_selected())
        .map(|option| option.value());
    let now = select.value();
    (rendered.as_deref() != Some(now.as_str())).then_some(now)
}
