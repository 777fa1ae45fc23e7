//! A copy button beside a text box on the links page. Without the WASM it is not shown: the
//! box is a plain read-only text area whose text can be selected and copied by hand.

use leptos::prelude::*;

/// Copies the value of the text area `target` to the clipboard. It also selects that text
/// whenever the box is focused or clicked, so copying by hand takes one keystroke, and when
/// the clipboard is refused (an insecure origin, a denied permission) the selection is there
/// to copy with the keyboard.
#[island(lazy)]
pub fn CopyButton(
    /// The `id` of the text area to copy.
    target: String,
    /// What is copied, for screen readers: "Dana's link".
    what: String,
) -> impl IntoView {
    // Hidden until hydrated: a button that does nothing must not be offered.
    let (ready, set_ready) = signal(false);
    let (said, set_said) = signal(None::<&'static str>);
    #[cfg(feature = "hydrate")]
    {
        let watched = target.clone();
        let on_box = move |ev: leptos::web_sys::Event| {
            use wasm_bindgen::JsCast;
            let on_it = ev
                .target()
                .and_then(|t| t.dyn_into::<leptos::web_sys::HtmlTextAreaElement>().ok())
                .filter(|t| t.id() == watched);
            if let Some(field) = on_it {
                field.select();
            }
        };
        let again = on_box.clone();
        window_event_listener(leptos::ev::focusin, move |ev| on_box(ev.into()));
        window_event_listener(leptos::ev::click, move |ev| again(ev.into()));
        Effect::new(move |_| set_ready.set(true));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = set_ready;
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let target = target.clone();
            leptos::task::spawn_local(async move {
                let copied = copy_from(&target).await;
                set_said.set(Some(if copied {
                    "Copied"
                } else {
                    "Selected: press Ctrl+C (⌘C) to copy"
                }));
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&target, set_said);
    };
    view! {
        <button
            type="button"
            class="button secondary copy"
            hidden=move || !ready.get()
            on:click=copy
        >
            "Copy"
            <span class="visually-hidden">{format!(" {what}")}</span>
        </button>
        <span class="copy-status" role="status">
            {move || said.get()}
        </span>
    }
}

#[cfg(feature = "hydrate")]
fn field(id: &str) -> Option<leptos::web_sys::HtmlTextAreaElement> {
    use wasm_bindgen::JsCast;
    document().get_element_by_id(id)?.dyn_into().ok()
}

/// Selects the box's text and writes it to the clipboard; `false` when the browser refuses.
#[cfg(feature = "hydrate")]
async fn copy_from(id: &str) -> bool {
    let Some(field) = field(id) else {
        return false;
    };
    let _ = field.focus();
    field.select();
    let clipboard = window().navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&field.value()))
        .await
        .is_ok()
}
