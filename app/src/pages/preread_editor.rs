//! The pre-read editor (organizer): Markdown in a textarea, the server's rendering beside it.

use crate::api::prereads::{PreviewMarkdown, SavePreread, get_preread_page, preview_markdown};
use crate::components::{ErrorSummary, ReturnHere, TextArea, TextField, use_kept};
use crate::islands::MarkdownPreview;
use crate::model::forms::PrereadForm;
use crate::model::{MeetingId, PrereadId};
use crate::pages::prereads::preread_id;
use crate::pages::{NotFoundPage, error_page, meeting_id};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// `/meetings/{id}/prereads/new` and `/meetings/{id}/prereads/{preread}/edit`.
#[component]
pub fn PrereadEditorPage() -> impl IntoView {
    let meeting = meeting_id();
    let preread = preread_id();
    let existing = Resource::new(preread.clone(), |id| async move {
        match id {
            Some(id) => get_preread_page(id).await.map(Some),
            None => Ok(None),
        }
    });
    view! {
        <Title text="Pre-read" />
        <Suspense fallback=|| {
            view! { <p>"Loading…"</p> }
        }>
            {move || {
                let meeting = meeting();
                Suspend::new(async move {
                    match (meeting, existing.await) {
                        (Some(m), Ok(None)) => {
                            view! {
                                <Editor
                                    meeting=m
                                    id=None
                                    initial=PrereadForm {
                                        required: Some("on".into()),
                                        ..Default::default()
                                    }
                                />
                            }
                                .into_any()
                        }
                        (Some(m), Ok(Some(page))) if page.viewer.organizer => {
                            let initial = PrereadForm {
                                title: page.preread.title.clone(),
                                markdown: page.preread.markdown.clone(),
                                required: page.preread.required.then(|| "on".to_owned()),
                            };
                            view! { <Editor meeting=m id=Some(page.preread.id) initial /> }
                                .into_any()
                        }
                        (_, Err(e)) => error_page(e, "write a pre-read"),
                        _ => view! { <NotFoundPage /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Editor(meeting: MeetingId, id: Option<PrereadId>, initial: PrereadForm) -> impl IntoView {
    let action = ServerAction::<SavePreread>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let form = use_kept::<PrereadForm>(SavePreread::PATH).unwrap_or(initial);
    // The text as saved (or as sent back with an error), rendered by the server's one renderer;
    // with WASM the preview then follows the typing.
    let text = form.markdown.clone();
    let preview = Resource::new(
        || (),
        move |_| {
            let md = text.clone();
            async move {
                if md.trim().is_empty() {
                    return None;
                }
                preview_markdown(md).await.ok().map(|h| h.into_string())
            }
        },
    );
    let heading = if id.is_some() {
        "Edit the pre-read"
    } else {
        "Add a pre-read"
    };
    view! {
        <p class="crumbs">
            <a href=format!("/meetings/{meeting}")>"Back to the brief"</a>
        </p>
        <h1>{heading}</h1>
        <ErrorSummary error />
        <div class="editor">
            <ActionForm action>
                <ReturnHere />
                <input type="hidden" name="meeting" value=meeting.to_string() />
                {id.map(|id| view! { <input type="hidden" name="id" value=id.to_string() /> })}
                <TextField
                    error
                    id="title"
                    name="preread[title]"
                    label="Title"
                    value=form.title
                    autocomplete="off"
                />
                <TextArea
                    error
                    id="markdown"
                    name="preread[markdown]"
                    label="Text"
                    hint="Markdown: # headings, *emphasis*, lists, tables, [links](https://example.com), - [ ] tasks, footnotes[^1]. Saving makes a new version; comments on paragraphs you change are kept, marked outdated."
                    value=form.markdown
                    rows=18
                />
                <div class="field checkbox">
                    <input
                        type="checkbox"
                        id="required"
                        name="preread[required]"
                        checked=form.required.is_some()
                    />
                    <label for="required">"Everyone must read this before the meeting"</label>
                </div>
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    "Save and view"
                </button>
            </ActionForm>
            <section class="preview" aria-labelledby="preview-heading" aria-live="polite">
                <h2 id="preview-heading">"Preview"</h2>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        view! {
                            <MarkdownPreview
                                initial=preview.await
                                endpoint=PreviewMarkdown::PATH.to_owned()
                            />
                        }
                    })}
                </Suspense>
            </section>
        </div>
    }
}
