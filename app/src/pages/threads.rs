//! Comment threads beside a pre-read's blocks: the comments, their replies, and the boxes that
//! add them.

use crate::api::prereads::{AddComment, ResolveComment};
use crate::components::{DoneNote, ReturnHere, SelectField, TextArea};
use crate::model::comment::CommentKind;
use crate::model::forms::CommentForm;
use crate::model::{Comment, PrereadId};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub(super) fn Thread(
    thread: Comment,
    all: Vec<Comment>,
    preread: PrereadId,
    add: ServerAction<AddComment>,
    resolve: ServerAction<ResolveComment>,
    /// The organizer, or the thread's own author: the only ones the server lets resolve it.
    may_resolve: bool,
) -> impl IntoView {
    let replies: Vec<Comment> = all
        .into_iter()
        .filter(|c| c.parent_id == Some(thread.id))
        .collect();
    let id = thread.id;
    view! {
        <article
            class="thread"
            class:resolved=thread.resolved
            id=format!("thread-{id}")
            tabindex="-1"
        >
            {thread
                .outdated
                .then(|| {
                    view! {
                        <blockquote class="quote">
                            <span class="tag outdated">"Outdated"</span>
                            " "
                            {thread.quote.clone()}
                        </blockquote>
                    }
                })}
            <CommentBody comment=thread.clone() />
            {replies
                .into_iter()
                .map(|r| {
                    view! {
                        <div class="reply">
                            <CommentBody comment=r />
                        </div>
                    }
                })
                .collect_view()}
            <DoneNote when=format!("resolved-{id}") text="Resolved." />
            <DoneNote when=format!("reopened-{id}") text="Reopened." />
            <div class="thread-actions">
                <details>
                    <summary>"Reply"</summary>
                    <ActionForm action=add>
                        <ReturnHere />
                        <input type="hidden" name="preread" value=preread.to_string() />
                        <input type="hidden" name="comment[parent_id]" value=id.to_string() />
                        <input type="hidden" name="comment[kind]" value=thread.kind.as_str() />
                        <label class="visually-hidden" for=format!("reply-{id}")>
                            "Your reply"
                        </label>
                        <textarea id=format!("reply-{id}") name="comment[body]" rows="2"></textarea>
                        <button type="submit" class="button secondary">
                            "Post reply"
                        </button>
                    </ActionForm>
                </details>
                {may_resolve
                    .then(|| {
                        view! {
                            <ActionForm action=resolve attr:class="inline-form">
                                <ReturnHere />
                                <input type="hidden" name="comment" value=id.to_string() />
                                <input
                                    type="hidden"
                                    name="resolved"
                                    value=(!thread.resolved).to_string()
                                />
                                <button type="submit" class="link-button">
                                    {if thread.resolved { "Reopen" } else { "Resolve" }}
                                </button>
                            </ActionForm>
                        }
                    })}
            </div>
        </article>
    }
    .into_any()
}

#[component]
fn CommentBody(comment: Comment) -> impl IntoView {
    let who = match &comment.author {
        Some(a) => match a.role {
            Some(role) => format!("{} ({})", a.name, role.label().to_lowercase()),
            None => format!("{} (organizer)", a.name),
        },
        None => "Anonymous".to_owned(),
    };
    view! {
        <div class="comment">
            <p class="comment-meta">
                // a reply answers its thread: the kind belongs to the thread alone
                {comment
                    .parent_id
                    .is_none()
                    .then(|| {
                        view! {
                            <span class=format!(
                                "tag {}",
                                comment.kind.as_str(),
                            )>{comment.kind.label()}</span>
                            " "
                        }
                    })} {who} {comment.resolved.then_some(" · resolved")}
            </p>
            <p class="comment-body">{comment.body}</p>
        </div>
    }
}

#[component]
pub(super) fn CommentBox(
    preread: PrereadId,
    block: String,
    add: ServerAction<AddComment>,
    form: CommentForm,
) -> impl IntoView {
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    let kinds = CommentKind::ALL
        .into_iter()
        .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
        .collect();
    let selected = if form.kind.is_empty() {
        CommentKind::Question.as_str().to_owned()
    } else {
        form.kind.clone()
    };
    let anchor = format!("comment-{block}");
    let location = use_location();
    view! {
        <div class="comment-box" id=anchor>
            <ActionForm action=add>
                <ReturnHere />
                <input type="hidden" name="preread" value=preread.to_string() />
                <input type="hidden" name="comment[block_id]" value=block.clone() />
                <SelectField
                    error
                    id="kind"
                    name="comment[kind]"
                    label="Kind"
                    options=kinds
                    selected
                />
                <TextArea
                    error
                    id="body"
                    name="comment[body]"
                    label="Your comment"
                    value=form.body
                    rows=3
                />
                <div class="thread-actions">
                    <button type="submit" class="button" disabled=move || add.pending().get()>
                        "Post comment"
                    </button>
                    <a href=move || location.pathname.get()>"Cancel"</a>
                </div>
            </ActionForm>
        </div>
    }
}
