//! The pre-read editor's preview, rendered by the server's one Markdown renderer a moment after
//! the typing stops.

use super::use_field;
use leptos::prelude::*;

/// How long the text must rest before it is sent to be rendered (the server allows a few
/// previews a minute).
const REST_MS: u64 = 700;

#[island]
pub fn MarkdownPreview(initial: Option<String>) -> impl IntoView {
    let typed = use_field("preread[markdown]");
    let (html, set_html) = signal(initial);
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let Some(text) = typed.get() else {
            return;
        };
        let this = generation.get_value() + 1;
        generation.set_value(this);
        set_timeout(
            move || {
                if generation.get_value() != this {
                    return;
                }
                leptos::task::spawn_local(async move {
                    let rendered = if text.trim().is_empty() {
                        None
                    } else {
                        crate::api::prereads::preview_markdown(text)
                            .await
                            .ok()
                            .map(|h| h.into_string())
                    };
                    if generation.get_value() == this {
                        set_html.set(rendered);
                    }
                });
            },
            std::time::Duration::from_millis(REST_MS),
        );
    });
    view! {
        {move || match html.get() {
            Some(html) => view! { <div class="prose" inner_html=html></div> }.into_any(),
            None => {
                view! { <p class="hint">"Save to see the pre-read as people will read it."</p> }
                    .into_any()
            }
        }}
    }
}
