//! Server functions for pre-reads, comments and the attendee's own readiness.

use crate::error::AppError;
use crate::model::discussion::{Discussion, PrereadPage};
use crate::model::forms::{CommentForm, PrereadForm};
use crate::model::preread::SafeHtml;
use crate::model::{CommentId, MeetingId, PrereadId};
use leptos::prelude::*;

#[server(prefix = "/rpc", endpoint = "get_preread_page")]
pub async fn get_preread_page(id: PrereadId) -> Result<PrereadPage, AppError> {
    use crate::ssr::policy::access::Read;
    use crate::ssr::{domain::discussion, domain::discussion::prereads, web::rpc};
    rpc::run(|call| async move {
        let (auth, record) = prereads::authorize_for::<Read>(&call.state, &call.actor, id).await?;
        discussion::preread_page(&call.state, &auth, record).await
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "get_discussion")]
pub async fn get_discussion(meeting: MeetingId) -> Result<Discussion, AppError> {
    use crate::ssr::{domain::discussion, web::rpc};
    rpc::run(|call| async move {
        let auth = call.authorize_read(meeting).await?;
        discussion::discussion(&call.state, &auth).await
    })
    .await
}

/// Adds a pre-read (`id` absent) or a new version of one, then shows it.
#[server(prefix = "/rpc", endpoint = "save_preread")]
pub async fn save_preread(
    meeting: MeetingId,
    id: Option<PrereadId>,
    preread: PrereadForm,
) -> Result<PrereadId, AppError> {
    use crate::ssr::policy::access::{Edit, authorize};
    use crate::ssr::web::forms::ReadForm;
    use crate::ssr::{domain::discussion::prereads, web::rpc};
    rpc::run_form(&preread.clone(), |call| async move {
        let saved = match id {
            Some(id) => {
                let (auth, current) =
                    prereads::authorize_for::<Edit>(&call.state, &call.actor, id).await?;
                if auth.id() != meeting {
                    return Err(AppError::NotFound);
                }
                prereads::update(&call.state, &auth, current, preread.into_input()?).await?
            }
            None => {
                let auth = authorize::<Edit>(&call.state, &call.actor, meeting).await?;
                prereads::create(&call.state, &auth, preread.into_input()?).await?
            }
        };
        leptos_axum::redirect(&format!("/meetings/{meeting}/prereads/{}", saved.id));
        Ok(saved.id)
    })
    .await
}

/// The editor's live preview: the same renderer, nothing stored.
#[server(prefix = "/rpc", endpoint = "preview_markdown")]
pub async fn preview_markdown(markdown: String) -> Result<SafeHtml, AppError> {
    use crate::ssr::runtime::limits::WriterKey;
    use crate::ssr::{text::markdown, web::rpc};
    rpc::run(|call| async move {
        let organizer = call.actor.organizer()?;
        call.state
            .limits
            .check_preview(WriterKey::User(organizer))?;
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
    use crate::ssr::policy::access::Participate;
    use crate::ssr::web::forms::ReadForm;
    use crate::ssr::{domain::discussion::prereads, web::rpc};
    rpc::run_form(&comment.clone(), |call| async move {
        let (auth, record) =
            prereads::authorize_for::<Participate>(&call.state, &call.actor, preread).await?;
        let input = comment.into_input()?;
        let added = prereads::add_comment(&call.state, &auth, &record, input).await?;
        // back to the new comment (a reply: its thread), not the top of the page
        call.back_to(&format!("thread-{}", added.parent_id.unwrap_or(added.id)));
        Ok(added.id)
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "resolve_comment")]
pub async fn resolve_comment(comment: CommentId, resolved: bool) -> Result<(), AppError> {
    use crate::ssr::{domain::discussion::prereads, web::rpc};
    rpc::run(|call| async move {
        prereads::resolve(&call.state, &call.actor, comment, resolved).await?;
        let what = if resolved { "resolved" } else { "reopened" };
        call.back_with_note(&format!("thread-{comment}"), &format!("{what}-{comment}"));
        Ok(())
    })
    .await
}

/// The attendee marks a pre-read read.
#[server(prefix = "/rpc", endpoint = "mark_read")]
pub async fn mark_read(meeting: MeetingId, preread: PrereadId) -> Result<(), AppError> {
    use crate::ssr::domain::people::attendees::{self, OwnStateInput};
    use crate::ssr::policy::access::{Participate, authorize};
    use crate::ssr::web::rpc;
    rpc::run(|call| async move {
        let auth = authorize::<Participate>(&call.state, &call.actor, meeting).await?;
        let input = OwnStateInput {
            read: Some(vec![preread]),
            ..Default::default()
        };
        attendees::set_own_state(&call.state, &auth, input).await?;
        call.back_with_note("reading", "read");
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
    notifications: Option<crate::model::Notifications>,
) -> Result<(), AppError> {
    use crate::ssr::domain::people::attendees::{self, OwnStateInput};
    use crate::ssr::policy::access::{Participate, authorize};
    use crate::ssr::web::rpc;
    rpc::run(|call| async move {
        let auth = authorize::<Participate>(&call.state, &call.actor, meeting).await?;
        let input = OwnStateInput {
            read: None,
            ready,
            not_needed,
            notifications,
        };
        attendees::set_own_state(&call.state, &auth, input).await?;
        let what = match (ready, not_needed, notifications) {
            (Some(true), _, _) => "ready",
            (Some(false), _, _) => "not-ready",
            (_, Some(true), _) => "not-needed",
            (_, Some(false), _) => "needed",
            _ => "messages",
        };
        call.back_with_note("my-state", what);
        Ok(())
    })
    .await
}
