//! The pre-read page: the text, with the comments beside the block they are about, the
//! organizer's focus map, and "Mark as read".

use crate::api::prereads::{AddComment, MarkRead, ResolveComment, get_preread_page};
use crate::components::{DoneNote, ErrorSummary, ReturnHere, successes, use_kept};
use crate::error::AppError;
use crate::islands::CommentOpener;
use crate::model::discussion::{BlockFocus, PrereadPage as PageData};
use crate::model::forms::CommentForm;
use crate::model::{Comment, PrereadId};
use crate::pages::error_page;
use crate::pages::threads::{CommentBox, Thread};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

pub(super) fn preread_id() -> impl Fn() -> Option<PrereadId> + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get("preread").and_then(|s| s.parse().ok())
}

/// `/meetings/{id}/prereads/{preread}`.
#[component]
pub fn PrereadPage() -> impl IntoView {
    let preread = preread_id();
    let add = ServerAction::<AddComment>::new();
    let resolve = ServerAction::<ResolveComment>::new();
    let read = ServerAction::<MarkRead>::new();
    let (a, r, m) = (successes(add), successes(resolve), successes(read));
    let page = Resource::new(
        move || (preread(), a.get(), r.get(), m.get()),
        |(id, ..)| async move {
            match id {
                Some(id) => get_preread_page(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| {
            view! { <p>"Loading…"</p> }
        }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <Reading page=p add resolve read /> }.into_any(),
                    Err(e) => error_page(e, "read this pre-read"),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Reading(
    page: PageData,
    add: ServerAction<AddComment>,
    resolve: ServerAction<ResolveComment>,
    read: ServerAction<MarkRead>,
) -> impl IntoView {
    let query = use_query_map();
    let location = use_location();
    // The block being commented on: a link without JS, a client-side query change with it.
    let chosen = Memo::new(move |_| query.read().get("block"));
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    let kept = use_kept::<CommentForm>(AddComment::PATH);
    let PageData {
        meeting_id,
        meeting_title,
        anonymous,
        viewer,
        preread,
        comments,
        read: done,
        own_threads,
        focus,
    } = page;
    let pid = preread.id;
    let block_ids: Vec<String> = preread.blocks.iter().map(|b| b.id.clone()).collect();
    let elsewhere: Vec<Comment> = comments
        .iter()
        .filter(|c| c.parent_id.is_none())
        .filter(|c| c.block_id.as_ref().is_none_or(|b| !block_ids.contains(b)))
        .cloned()
        .collect();
    let open: Vec<Comment> = comments
        .iter()
        .filter(|c| c.parent_id.is_none() && !c.resolved && c.kind.needs_attention())
        .cloned()
        .collect();
    let status = if preread.required {
        "Required reading"
    } else {
        "Optional reading"
    };
    view! {
        <Title text=preread.title.clone() />
        <p class="crumbs">
            <a href=format!("/meetings/{meeting_id}")>{meeting_title}</a>
            " › Pre-read"
        </p>
        <div class="page-heading">
            <h1>{preread.title.clone()}</h1>
            {viewer
                .organizer
                .then(|| {
                    view! {
                        <a
                            class="button secondary"
                            href=format!("/meetings/{meeting_id}/prereads/{pid}/edit")
                        >
                            "Edit"
                        </a>
                    }
                })}
        </div>
        <p class="meta">
            {format!(
                "{status} · about {} min · version {}",
                preread.reading_minutes,
                preread.version,
            )} {anonymous.then_some(" · anonymous: comments show no author")}
        </p>
        <DoneNote when="read" text="Marked as read." />
        {viewer
            .attendee_id
            .map(|_| {
                if done {
                    view! {
                        <p class="done-note" id="reading">
                            "✓ You have read this."
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <ActionForm action=read attr:class="inline-form" attr:id="reading">
                            <ReturnHere />
                            <input type="hidden" name="meeting" value=meeting_id.to_string() />
                            <input type="hidden" name="preread" value=pid.to_string() />
                            <button type="submit" class="button">
                                "Mark as read"
                            </button>
                        </ActionForm>
                    }
                        .into_any()
                }
            })}
        {(viewer.organizer && !open.is_empty())
            .then(|| {
                view! {
                    <section class="focus-list" aria-labelledby="focus-heading">
                        <h2 id="focus-heading">"What the meeting must be about"</h2>
                        <ul>
                            {open
                                .iter()
                                .map(|c| {
                                    view! {
                                        <li>
                                            <span class=format!(
                                                "tag {}",
                                                c.kind.as_str(),
                                            )>{c.kind.label()}</span>
                                            " "
                                            <a href=format!("#thread-{}", c.id)>{c.body.clone()}</a>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })}
        <ErrorSummary error />
        <div class="preread">
            {preread
                .blocks
                .into_iter()
                .map(|block| {
                    let threads: Vec<Comment> = comments
                        .iter()
                        .filter(|c| {
                            c.parent_id.is_none()
                                && c.block_id.as_deref() == Some(block.id.as_str())
                        })
                        .cloned()
                        .collect();
                    let counts = focus.iter().find(|f| f.block_id == block.id).cloned();
                    let form = kept.clone().filter(|k| k.block_id == block.id);
                    let block_id = block.id.clone();
                    let about = snippet(&block.text);
                    let comment_here = move || {
                        if form.is_some() || chosen.read().as_deref() == Some(block_id.as_str()) {
                            let form = form.clone().unwrap_or_default();
                            view! { <CommentBox preread=pid block=block_id.clone() add form /> }
                                .into_any()
                        } else {
                            view! {
                                <CommentOpener
                                    action=AddComment::url().to_owned()
                                    preread=pid.to_string()
                                    block=block_id.clone()
                                    about=about.clone()
                                    here=location.pathname.get_untracked()
                                />
                            }
                                .into_any()
                        }
                    };
                    view! {
                        <div class="block-row">
                            <div class="block-text prose" inner_html=block.html.into_string()></div>
                            <div class="block-side">
                                {counts.map(|c| view! { <FocusBadges focus=c /> })}
                                {threads
                                    .into_iter()
                                    .map(|t| {
                                        let may_resolve = viewer.organizer
                                            || own_threads.contains(&t.id);
                                        view! {
                                            <Thread
                                                thread=t
                                                all=comments.clone()
                                                preread=pid
                                                add
                                                resolve
                                                may_resolve
                                            />
                                        }
                                    })
                                    .collect_view()} {comment_here}
                            </div>
                        </div>
                    }
                        .into_any()
                })
                .collect_view()}
        </div>
        {(!elsewhere.is_empty())
            .then(|| {
                view! {
                    <section aria-labelledby="outdated-heading" class="outdated">
                        <h2 id="outdated-heading">"Comments on earlier versions"</h2>
                        {elsewhere
                            .into_iter()
                            .map(|t| {
                                let may_resolve = viewer.organizer || own_threads.contains(&t.id);
                                view! {
                                    <Thread
                                        thread=t
                                        all=comments.clone()
                                        preread=pid
                                        add
                                        resolve
                                        may_resolve
                                    />
                                }
                            })
                            .collect_view()}
                    </section>
                }
            })}
    }
}

/// The first words of a block, to tell its comment link from the others.
fn snippet(text: &str) -> String {
    const WORDS: usize = 6;
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = words
        .iter()
        .take(WORDS)
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    if words.len() > WORDS {
        out.push('…');
    }
    out
}

#[component]
fn FocusBadges(focus: BlockFocus) -> impl IntoView {
    view! {
        <p class="focus-badges">
            <span class="visually-hidden">"Comments here: "</span>
            {focus
                .counts
                .into_iter()
                .map(|(kind, n)| {
                    view! {
                        <span class=format!(
                            "tag {}",
                            kind.as_str(),
                        )>{kind.count_text(n as usize)}</span>
                    }
                })
                .collect_view()}
        </p>
    }
}
