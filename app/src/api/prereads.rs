//! Server functions for pre-reads, comments and the attendee's own readiness.

use crate::error::AppError;
use crate::model::discussion::{Discussion, PrereadPage};
use crate::model::forms::{CommentForm, PrereadForm};
use crate::model::preread::SafeHtml;
use crate::model::{CommentId, MeetingId, PrereadId};
use leptos::prelude::*;

#[server(prefix = "/rpc", endpoint = "get_preread_page")]
pub async fn get_preread_page(id: PrereadId) -> Result<PrereadPage, AppError> {
    use crate::ssr::{discussion, rpc};
    rpc::run(|call| async move { discussion::preread_page(&call.state, &call.actor, id).await })
        .await
}

#[server(prefix = "/rpc", endpoint = "get_discussion")]
pub async fn get_discussion(meeting: MeetingId) -> Result<Discussion, AppError> {
    use crate::ssr::{discussion, rpc};
    rpc::run(|call| async move { discussion::discussion(&call.state, &call.actor, meeting).await })
        .await
}

/// Adds a pre-read (`id` absent) or a new version of one, then shows it.
#[server(prefix = "/rpc", endpoint = "save_preread")]
pub async fn save_preread(
    meeting: MeetingId,
    id: Option<PrereadId>,
    preread: PrereadForm,
) -> Result<PrereadId, AppError> {
    use crate::ssr::{prereads, rpc};
    rpc::run_form(&preread.clone(), |call| async move {
        let input = preread.into_input();
        let saved = match id {
            Some(id) => prereads::update(&call.state, &call.actor, id, input).await?,
            None => prereads::create(&call.state, &call.actor, meeting, input).await?,
        };
        leptos_axum::redirect(&format!("/meetings/{meeting}/prereads/{}", saved.id));
        Ok(saved.id)
    })
    .await
}

/// The editor's live preview: the same renderer, nothing stored.
#[server(prefix = "/rpc", endpoint = "preview_markdown")]
pub async fn preview_markdown(markdown: String) -> Result<SafeHtml, AppError> {
    use crate::ssr::{markdown, rpc};
    rpc::run(|call| async move {
        call.actor.organizer()?;
        if crate::model::char_len(&markdown) > crate::model::preread::MARKDOWN_MAX {
            return Err(AppError::validation("markdown", "Too long to preview"));
        }
        tokio::task::spawn_blocking(move || markdown::render(&markdown).html)
            .await
            .map_err(|_| AppError::Internal)
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "add_comment")]
pub async fn add_comment(preread: PrereadId, comment: CommentForm) -> Result<CommentId, AppError> {
    use crate::ssr::{prereads, rpc};
    rpc::run_form(&comment.clone(), |call| async move {
        let input = comment.into_input()?;
        Ok(
            prereads::add_comment(&call.state, &call.actor, preread, input)
                .await?
                .id,
        )
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "resolve_comment")]
pub async fn resolve_comment(comment: CommentId, resolved: bool) -> Result<(), AppError> {
    use crate::ssr::{prereads, rpc};
    rpc::run(|call| async move {
        prereads::resolve(&call.state, &call.actor, comment, resolved).await?;
        Ok(())
    })
    .await
}

/// The attendee marks a pre-read read.
#[server(prefix = "/rpc", endpoint = "mark_read")]
pub async fn mark_read(meeting: MeetingId, preread: PrereadId) -> Result<(), AppError> {
    use crate::ssr::attendees::{self, OwnStateInput};
    use crate::ssr::rpc;
    rpc::run(|call| async move {
        let input = OwnStateInput {
            read: Some(vec![preread]),
            ..Default::default()
        };
        attendees::set_own_state(&call.state, &call.actor, meeting, input).await?;
        Ok(())
    })
    .await
}

/// The attendee says they are ready, or that they need not be there (or takes it back).
#[server(prefix = "/rpc", endpoint = "set_my_state")]
pub async fn set_my_state(
    meeting: MeetingId,
    ready: Option<bool>,
    not_needed: Option<bool>,
) -> Result<(), AppError> {
    use crate::ssr::attendees::{self, OwnStateInput};
    use crate::ssr::rpc;
    rpc::run(|call| async move {
        let input = OwnStateInput {
            read: None,
            ready,
            not_needed,
        };
        attendees::set_own_state(&call.state, &call.actor, meeting, input).await?;
        Ok(())
    })
    .await
}
