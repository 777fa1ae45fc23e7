//! Domain operations on pre-reads, comments and reading.

use super::access::{Action, Viewer, authorize};
use super::auth::Actor;
use super::db::prereads::{CommentRecord, NewVersion, PrereadRecord};
use super::db::{self};
use super::{AppState, markdown};
use crate::error::AppError;
use crate::model::comment::CommentAuthor;
use crate::model::preread::PREREADS_MAX;
use crate::model::{Comment, CommentId, CommentInput, MeetingId, Preread, PrereadId, PrereadInput};

pub async fn create(
    state: &AppState,
    actor: &Actor,
    meeting: MeetingId,
    input: PrereadInput,
) -> Result<Preread, AppError> {
    authorize(&state.db, actor, meeting, Action::Edit).await?;
    input.validate(true)?;
    let title = input.title.unwrap_or_default().trim().to_owned();
    let markdown_text = input.markdown.unwrap_or_default();
    let rendered = render_off_runtime(markdown_text.clone()).await?;
    let id = PrereadId::new();
    let version = NewVersion {
        title: &title,
        markdown: &markdown_text,
        html: &rendered.html,
        blocks: &rendered.blocks,
        reading_minutes: rendered.reading_minutes,
    };
    let added = db::prereads::insert_within_limit(
        &state.db,
        meeting,
        id,
        input.required.unwrap_or(true),
        &version,
        super::now(),
        PREREADS_MAX,
    )
    .await?;
    if !added {
        return Err(AppError::validation(
            "prereads",
            format!("A meeting can have at most {PREREADS_MAX} pre-reads"),
        ));
    }
    fetch(state, id).await
}

/// A new version: the title (optional) and Markdown replace the current ones.
pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: PrereadId,
    input: PrereadInput,
) -> Result<Preread, AppError> {
    let current = find(state, actor, id, Action::Edit).await?.0;
    input.validate(false)?;
    let title = input
        .title
        .map(|t| t.trim().to_owned())
        .unwrap_or(current.title);
    let markdown_text = input.markdown.unwrap_or_default();
    let rendered = render_off_runtime(markdown_text.clone()).await?;
    let version = NewVersion {
        title: &title,
        markdown: &markdown_text,
        html: &rendered.html,
        blocks: &rendered.blocks,
        reading_minutes: rendered.reading_minutes,
    };
    db::prereads::add_version(&state.db, id, input.required, &version, super::now()).await?;
    fetch(state, id).await
}

pub async fn get(state: &AppState, actor: &Actor, id: PrereadId) -> Result<Preread, AppError> {
    let (record, _) = find(state, actor, id, Action::Read).await?;
    Ok(view(record))
}

/// A meeting's pre-reads (for the brief and the verdict).
pub async fn list(state: &AppState, meeting: MeetingId) -> Result<Vec<Preread>, AppError> {
    Ok(db::prereads::list_for_meeting(&state.db, meeting)
        .await?
        .into_iter()
        .map(view)
        .collect())
}

/// Rendering a 200,000-character document takes milliseconds, but not on the async runtime.
async fn render_off_runtime(text: String) -> Result<markdown::Rendered, AppError> {
    tokio::task::spawn_blocking(move || markdown::render(&text))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "markdown rendering task failed");
            AppError::Internal
        })
}

pub async fn add_comment(
    state: &AppState,
    actor: &Actor,
    preread: PrereadId,
    input: CommentInput,
) -> Result<Comment, AppError> {
    let (record, viewer) = find(state, actor, preread, Action::Participate).await?;
    let input = input.validate()?;
    let meeting = db::meetings::get(&state.db, record.meeting_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // A reply sits on its parent's block; a new thread quotes its block as it reads now.
    let (block_id, quote) = match input.parent_id {
        Some(parent) => {
            let parent = db::prereads::get_comment(&state.db, parent)
                .await?
                .filter(|p| p.preread_id == preread)
                .ok_or_else(|| {
                    AppError::validation("parent_id", "Reply to a comment of this pre-read")
                })?;
            (parent.block_id, parent.quote)
        }
        None => match input.block_id {
            Some(block) => {
                let found = record
                    .blocks
                    .iter()
                    .find(|b| b.id == block)
                    .ok_or_else(|| {
                        AppError::validation(
                            "block_id",
                            "That paragraph is not in the current version",
                        )
                    })?;
                (Some(block), found.text.clone())
            }
            None => (None, String::new()),
        },
    };
    let anonymous = meeting.fields.anonymous;
    let (author_attendee_id, author_user_id, author_name) = if anonymous {
        (None, None, String::new())
    } else {
        match viewer {
            Viewer::Organizer(user) => {
                let name = db::users::get(&state.db, user)
                    .await?
                    .map(|u| u.name)
                    .unwrap_or_default();
                (None, Some(user), name)
            }
            Viewer::Attendee(attendee) => {
                let name = db::attendees::get(&state.db, attendee)
                    .await?
                    .map(|a| a.fields.name)
                    .unwrap_or_default();
                (Some(attendee), None, name)
            }
        }
    };
    let comment = CommentRecord {
        id: CommentId::new(),
        preread_id: preread,
        block_id,
        quote,
        kind: input.kind,
        body: input.body,
        parent_id: input.parent_id,
        author_attendee_id,
        author_user_id,
        author_name,
        anonymous,
        resolved: false,
        version: record.version,
        created_at: super::now(),
    };
    db::prereads::insert_comment(&state.db, &comment).await?;
    let people = db::attendees::list_for_meeting(&state.db, record.meeting_id).await?;
    Ok(comment_view(comment, &record, anonymous, &people))
}

pub async fn comments(
    state: &AppState,
    actor: &Actor,
    preread: PrereadId,
) -> Result<Vec<Comment>, AppError> {
    let (record, _) = find(state, actor, preread, Action::Read).await?;
    let meeting = db::meetings::get(&state.db, record.meeting_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let people = db::attendees::list_for_meeting(&state.db, record.meeting_id).await?;
    let all = db::prereads::comments_for_preread(&state.db, preread).await?;
    Ok(all
        .into_iter()
        .map(|c| comment_view(c, &record, meeting.fields.anonymous, &people))
        .collect())
}

/// Resolves or reopens a thread: the organizer, or the thread's author (known only outside
/// anonymous mode). Acting on a reply acts on its thread.
pub async fn resolve(
    state: &AppState,
    actor: &Actor,
    id: CommentId,
    resolved: bool,
) -> Result<Comment, AppError> {
    if actor.is_anonymous() {
        return Err(AppError::Unauthenticated);
    }
    let mut comment = db::prereads::get_comment(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(parent) = comment.parent_id {
        comment = db::prereads::get_comment(&state.db, parent)
            .await?
            .ok_or(AppError::NotFound)?;
    }
    let (record, viewer) = find(state, actor, comment.preread_id, Action::Participate).await?;
    let allowed = match viewer {
        Viewer::Organizer(_) => true,
        Viewer::Attendee(me) => comment.author_attendee_id == Some(me),
    };
    if !allowed {
        return Err(AppError::Forbidden);
    }
    db::prereads::set_resolved(&state.db, comment.id, resolved).await?;
    comment.resolved = resolved;
    let meeting = db::meetings::get(&state.db, record.meeting_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let people = db::attendees::list_for_meeting(&state.db, record.meeting_id).await?;
    Ok(comment_view(
        comment,
        &record,
        meeting.fields.anonymous,
        &people,
    ))
}

/// Loads a pre-read and authorises `action` on its meeting.
async fn find(
    state: &AppState,
    actor: &Actor,
    id: PrereadId,
    action: Action,
) -> Result<(PrereadRecord, Viewer), AppError> {
    if actor.is_anonymous() {
        return Err(AppError::Unauthenticated);
    }
    let record = db::prereads::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let viewer = authorize(&state.db, actor, record.meeting_id, action).await?;
    Ok((record, viewer))
}

async fn fetch(state: &AppState, id: PrereadId) -> Result<Preread, AppError> {
    Ok(view(
        db::prereads::get(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?,
    ))
}

fn view(r: PrereadRecord) -> Preread {
    Preread {
        id: r.id,
        title: r.title,
        required: r.required,
        version: r.version,
        reading_minutes: r.reading_minutes,
        html: r.html,
        blocks: r.blocks,
        markdown: r.markdown,
    }
}

/// A comment as anyone may see it. In an anonymous meeting, or for a comment made while the
/// meeting was anonymous, there is no author at all.
pub fn comment_view(
    c: CommentRecord,
    current: &PrereadRecord,
    meeting_anonymous: bool,
    people: &[db::attendees::AttendeeRecord],
) -> Comment {
    let outdated = c
        .block_id
        .as_ref()
        .is_some_and(|block| !current.blocks.iter().any(|b| &b.id == block));
    let author =
        (!meeting_anonymous && !c.anonymous && !c.author_name.is_empty()).then(|| CommentAuthor {
            name: c.author_name.clone(),
            role: c
                .author_attendee_id
                .and_then(|a| people.iter().find(|p| p.id == a))
                .map(|p| p.fields.role),
        });
    Comment {
        id: c.id,
        block_id: c.block_id,
        quote: c.quote,
        kind: c.kind,
        body: c.body,
        parent_id: c.parent_id,
        author,
        resolved: c.resolved,
        outdated,
        created_at: c.created_at,
    }
}
