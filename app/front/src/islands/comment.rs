//! The comment box opening beside its block, without a page load. Without the WASM the link
//! loads the page with that block's box open, rendered by the server.

use crate::model::CommentKind;
use leptos::prelude::*;

#[island]
pub fn CommentOpener(
    /// The `/rpc/...` address the comment form posts to.
    action: String,
    preread: String,
    block: String,
    /// The block's first words, to tell its link from the others.
    about: String,
    /// The page to come back to.
    here: String,
) -> impl IntoView {
    let (open, set_open) = signal(false);
    let link = format!("?block={block}#comment-{block}");
    let anchor = format!("comment-{block}");
    let (kind_id, body_id) = (format!("kind-{block}"), format!("body-{block}"));
    let kinds = CommentKind::ALL.map(|k| (k.as_str(), k.label()));
    let body = NodeRef::<leptos::html::Textarea>::new();
    let opener = NodeRef::<leptos::html::A>::new();
    Effect::new(move |_| {
        if open.get()
            && let Some(body) = body.get()
        {
            let _ = body.focus();
        }
    });
    // Esc or Cancel closes the box and puts the focus back on its link, where the reader was
    let close = move || {
        set_open.set(false);
        // once the link is shown again
        request_animation_frame(move || {
            if let Some(link) = opener.get_untracked() {
                let _ = link.focus();
            }
        });
    };
    view! {
        <a
            class="comment-link"
            node_ref=opener
            href=link
            hidden=move || open.get()
            on:click=move |ev| {
                ev.prevent_default();
                set_open.set(true);
            }
        >
            "Comment"
            <span class="visually-hidden">{format!(" on “{about}”")}</span>
        </a>
        <Show when=move || open.get()>
            <div
                class="comment-box"
                id=anchor.clone()
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        ev.prevent_default();
                        close();
                    }
                }
            >
                <form method="post" action=action.clone()>
                    <input type="hidden" name="return_to" value=here.clone() />
                    <input type="hidden" name="preread" value=preread.clone() />
                    <input type="hidden" name="comment[block_id]" value=block.clone() />
                    <div class="field">
                        <label for=kind_id.clone()>"Kind"</label>
                        <select id=kind_id.clone() name="comment[kind]">
                            {kinds
                                .into_iter()
                                .map(|(value, label)| {
                                    let selected = value == CommentKind::Question.as_str();
                                    view! {
                                        <option value=value selected=selected>
                                            {label}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for=body_id.clone()>"Your comment"</label>
                        <textarea
                            id=body_id.clone()
                            name="comment[body]"
                            rows="3"
                            node_ref=body
                        ></textarea>
                    </div>
                    <div class="thread-actions">
                        <button type="submit" class="button">
                            "Post comment"
                        </button>
                        <button type="button" class="link-button" on:click=move |_| close()>
                            "Cancel"
                        </button>
                    </div>
                </form>
            </div>
        </Show>
    }
}
