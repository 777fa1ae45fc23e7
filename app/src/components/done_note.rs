//! What a plain form post did, said where the reader lands: the server sends them back to the
//! thing they acted on (`#poll-…`, `#thread-…`) with `?done=<what>`, and the note matching it
//! is a status message there (announced by screen readers, gone on the next load).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `text` as a status message when the page was loaded with `?done=<when>`.
#[component]
pub fn DoneNote(#[prop(into)] when: String, text: &'static str) -> impl IntoView {
    let query = use_query_map();
    move || {
        (query.read().get("done").as_deref() == Some(when.as_str())).then(|| {
            view! {
                <p class="done-note" role="status">
                    {text}
                </p>
            }
        })
    }
}
