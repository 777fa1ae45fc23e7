//! The pre-read editor's preview, rendered by the server's one Markdown renderer a moment after
//! the typing stops.

use super::use_field;
use leptos::prelude::*;

/// How long the text must rest before it is sent to be rendered (the server allows a few
/// previews a minute).
const REST_MS: u64 = 700;

/// `endpoint` is the preview server function's path, handed over by the page that knows it
/// (the function itself is server code, outside this crate).
#[island(lazy)]
pub fn MarkdownPreview(initial: Option<String>, endpoint: String) -> impl IntoView {
    let typed = use_field("preread[markdown]");
    let (html, set_html) = signal(initial);
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let Some(text) = typed.get() else {
            return;
        };
        let this = generation.get_value() + 1;
        generation.set_value(this);
        let endpoint = endpoint.clone();
        set_timeout(
            move || {
                if generation.get_value() != this {
                    return;
                }
                leptos::task::spawn_local(async move {
                    let rendered = if text.trim().is_empty() {
                        None
                    } else {
                        render(&endpoint, &text).await
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

/// Asks the server's renderer for the HTML of `markdown`: the preview server function, called
/// with a plain `fetch` of the form it reads, as the browser would post it. (Its generated
/// client would bring a query-string encoder and the error type's decoder into the bundle for
/// this one call.) `None` when it cannot be had (too many previews, offline): the hint stays.
#[cfg(feature = "hydrate")]
async fn render(endpoint: &str, markdown: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let form = web_sys::UrlSearchParams::new().ok()?;
    form.append("markdown", markdown);
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&form);
    let response = JsFuture::from(window().fetch_with_str_and_init(endpoint, &init))
        .await
        .ok()?;
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return None;
    }
    // The answer is the sanitized HTML as a JSON string.
    let json = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    js_sys::JSON::parse(&json).ok()?.as_string()
}

#[cfg(not(feature = "hydrate"))]
async fn render(_endpoint: &str, _markdown: &str) -> Option<String> {
    None
}
