//! Domain operations on pre-reads, comments and reading. Each takes the caller's
//! [`Authorized`] proof; what it answers passes through the disclosure policy.

use crate::error::AppError;
use crate::model::comment::COMMENTS_PER_AUTHOR_MAX;
use crate::model::preread::{PREREADS_MAX, VERSIONS_MAX};
use crate::model::{Comment, CommentId, CommentInput, Preread, PrereadId, PrereadInput};
use crate::ssr::auth::Actor;
use crate::ssr::db::comments::{CommentQuota, CommentRecord};
use crate::ssr::db::prereads::{NewVersion, PrereadRecord};
use crate::ssr::db::{self};
use crate::ssr::policy::access::{
    Authorized, Edit, Participate, Permission, Viewer, authorize_via,
};
use crate::ssr::{AppState, policy::disclosure, text::markdown};

pub async fn create(
    state: &AppState,
    auth: &Authorized<Edit>,
    input: PrereadInput,
) -> Result<Preread, AppError> {
    input.validate(true)?;
    let title = input.title.unwrap_or_default().trim().to_owned();
    let markdown_text = input.markdown.unwrap_or_default();
    let rendered = render_off_runtime(markdown_text.clone()).await?;
    let id = PrereadId::new();
    let version = NewVersion {
        title: Some(&title),
        markdown: &markdown_text,
        html: &rendered.html,
        blocks: &rendered.blocks,
        reading_minutes: rendered.reading_minutes,
    };
    let added = db::prereads::insert_within_limit(
        &state.db,
        auth.id(),
        id,
        input.required.unwrap_or(true),
        &version,
        state.now(),
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

/// A new version: the title (optional) and Markdown replace the current ones. At most
/// [`VERSIONS_MAX`] versions are kept per pre-read; past that, nothing is stored (422).
pub async fn update(
    state: &AppState,
    _auth: &Authorized<Edit>,
    current: PrereadRecord,
    input: PrereadInput,
) -> Result<Preread, AppError> {
    input.validate(false)?;
    let title = input.title.map(|t| t.trim().to_owned());
    let markdown_text = input.markdown.unwrap_or_default();
    let rendered = render_off_runtime(markdown_text.clone()).await?;
    let version = NewVersion {
        title: title.as_deref(),
        markdown: &markdown_text,
        html: &rendered.html,
        blocks: &rendered.blocks,
        reading_minutes: rendered.reading_minutes,
    };
    let stored = db::prereads::add_version(
        &state.db,
        current.meeting_id,
        current.id,
        input.required,
        &version,
        state.now(),
        VERSIONS_MAX,
    )
    .await?;
    let Some(stored) = stored else {
        return Err(AppError::validation(
            "markdown",
            format!("A pre-read keeps at most {VERSIONS_MAX} versions: add a new pre-read instead"),
        ));
    };
    // The version this save made, even if another save has made a newer one since.
    let saved = db::prereads::get_version(&state.db, current.id, stored)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(view(saved))
}

/// A meeting's pre-reads (for the brief and the verdict).
pub async fn list<A>(state: &AppState, auth: &Authorized<A>) -> Result<Vec<Preread>, AppError> {
    let rows = auth.rows(state).await?;
    Ok(rows.prereads.iter().cloned().map(view).collect())
}

/// Rendering a 200,000-character document takes milliseconds, but not on the async runtime.
pub(crate) async fn render_off_runtime(text: String) -> Result<markdown::Rendered, AppError> {
    tokio::task::spawn_blocking(move || markdown::render(&text))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "markdown rendering task failed");
            AppError::Internal
        })
}

pub async fn add_comment(
    state: &AppState,
    auth: &Authorized<Participate>,
    record: &PrereadRecord,
    input: CommentInput,
) -> Result<Comment, AppError> {
    let input = input.validate()?;
    let preread = record.id;
    // A reply sits on its parent's block; a new thread quotes its block as it reads now.
    let (block_id, quote) = match input.parent_id {
        Some(parent) => {
            let parent = db::comments::get_comment(&state.db, parent)
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
    let anonymous = auth.meeting().fields.anonymous;
    let now = state.now();
    let people = db::attendees::list_everyone_for_meeting(&state.db, auth.id()).await?;
    // Nothing identifying is stored with an anonymous comment: no author, and a time (and so
    // an id) no finer than the minute.
    let (id, created_at) = if anonymous {
        let at = disclosure::anonymous_time(true, now);
        (CommentId::at(at.as_second().max(0) as u64), at)
    } else {
        (CommentId::new(), now)
    };
    let (author_attendee_id, author_user_id, author_name) = if anonymous {
        (None, None, String::new())
    } else {
        match auth.viewer() {
            Viewer::Organizer(user) | Viewer::Lead(user) => {
                let name = db::users::get(&state.db, user)
                    .await?
                    .map(|u| u.name)
                    .unwrap_or_default();
                (None, Some(user), name)
            }
            Viewer::Attendee(attendee) => {
                let name = people
                    .iter()
                    .find(|p| p.id == attendee)
                    .map(|p| p.fields.name.clone())
                    .unwrap_or_default();
                (Some(attendee), None, name)
            }
        }
    };
    let comment = CommentRecord {
        id,
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
        created_at,
    };
    let (quota, max) = if anonymous {
        // Everyone invited, and the organizer, each with the per-author allowance.
        let writers = people.iter().filter(|p| p.invited).count() + 1;
        (CommentQuota::Anonymous, COMMENTS_PER_AUTHOR_MAX * writers)
    } else {
        let quota = CommentQuota::Author {
            attendee: author_attendee_id,
            user: author_user_id,
        };
        (quota, COMMENTS_PER_AUTHOR_MAX)
    };
    // A new blocker goes to the organizer at once (in their hours), in the comment's own
    // transaction; a blocker the organizer writes themself needs no alert.
    let alerts = if comment.kind == crate::model::CommentKind::Blocker
        && comment.parent_id.is_none()
        && !auth.viewer().is_organizer()
    {
        blocker_alert(state, auth, record, &comment).await?
    } else {
        Vec::new()
    };
    // The organizer's tools learn of it as the organizer may read it: no author when anonymous.
    let events = match auth.meeting().organizer_id {
        Some(organizer) => {
            let seen = crate::ssr::policy::disclosure::Disclosure::new(
                Viewer::Organizer(organizer),
                auth.meeting().fields.anonymous,
            )
            .comment(comment.clone(), record, &people);
            vec![crate::ssr::notify::webhooks::event(
                auth.meeting(),
                crate::model::delivery::WebhookEvent::CommentCreated,
                serde_json::json!({ "preread_id": record.id, "comment": seen }),
                comment.id.to_string(),
                state.now(),
            )]
        }
        None => Vec::new(),
    };
    let added = db::comments::insert_comment_within_limit(
        &state.db,
        comment.clone(),
        auth.id(),
        quota,
        max,
        alerts,
        events,
    )
    .await?;
    let Some(queued) = added else {
        return Err(AppError::validation(
            "body",
            format!(
                "You have written {COMMENTS_PER_AUTHOR_MAX} comments on this pre-read, the most \
                 it takes from one person"
            ),
        ));
    };
    // most comments queue nothing (no blocker, no webhook): the outbox sleeps on
    if queued > 0 {
        state.outbox.notify_one();
    }
    Ok(auth.disclosure().comment(comment, record, &people))
}

pub async fn comments<A>(
    state: &AppState,
    auth: &Authorized<A>,
    record: &PrereadRecord,
) -> Result<Vec<Comment>, AppError> {
    Ok(comments_and_own(state, auth, record).await?.0)
}

/// The comments as the viewer may see them, and the threads the viewer started (which tells
/// them nothing about anyone else, in an anonymous meeting too).
pub async fn comments_and_own<A>(
    state: &AppState,
    auth: &Authorized<A>,
    record: &PrereadRecord,
) -> Result<(Vec<Comment>, Vec<CommentId>), AppError> {
    let rows = auth.rows(state).await?;
    let all = rows.comments.iter().filter(|c| c.preread_id == record.id);
    let own = match auth.viewer() {
        Viewer::Attendee(me) => all
            .clone()
            .filter(|c| c.parent_id.is_none() && c.author_attendee_id == Some(me))
            .map(|c| c.id)
            .collect(),
        Viewer::Organizer(_) | Viewer::Lead(_) => Vec::new(),
    };
    let disclosure = auth.disclosure();
    let comments = all
        .map(|c| disclosure.comment(c.clone(), record, &rows.everyone))
        .collect();
    Ok((comments, own))
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
    let mut comment = db::comments::get_comment(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(parent) = comment.parent_id {
        comment = db::comments::get_comment(&state.db, parent)
            .await?
            .ok_or(AppError::NotFound)?;
    }
    let (auth, record) = authorize_for::<Participate>(state, actor, comment.preread_id).await?;
    let allowed = match auth.viewer() {
        Viewer::Organizer(_) => true,
        Viewer::Lead(_) => false,
        Viewer::Attendee(me) => comment.author_attendee_id == Some(me),
    };
    if !allowed {
        return Err(AppError::Forbidden);
    }
    db::comments::set_resolved(&state.db, auth.id(), comment.id, resolved).await?;
    comment.resolved = resolved;
    let people = db::attendees::list_everyone_for_meeting(&state.db, auth.id()).await?;
    Ok(auth.disclosure().comment(comment, &record, &people))
}

/// Loads a pre-read and authorises `A` on its meeting.
pub async fn authorize_for<A: Permission>(
    state: &AppState,
    actor: &Actor,
    id: PrereadId,
) -> Result<(Authorized<A>, PrereadRecord), AppError> {
    authorize_via(state, actor, db::prereads::get(&state.db, id), |p| {
        p.meeting_id
    })
    .await
}

async fn fetch(state: &AppState, id: PrereadId) -> Result<Preread, AppError> {
    Ok(view(
        db::prereads::get(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?,
    ))
}

pub fn view(r: PrereadRecord) -> Preread {
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

/// The message that tells the organizer of a new blocker (no author in an anonymous meeting).
async fn blocker_alert(
    state: &AppState,
    auth: &Authorized<Participate>,
    record: &PrereadRecord,
    comment: &CommentRecord,
) -> Result<Vec<crate::ssr::db::deliveries::NewDelivery>, AppError> {
    use crate::ssr::notify::messages::MeetingMail;
    use crate::ssr::notify::updates::{self, CommentLine};
    let organizers = db::meetings::with_organizers(&state.db, &[auth.id()]).await?;
    let Some(meeting) = organizers.first() else {
        return Ok(Vec::new());
    };
    let line = CommentLine {
        preread: record.title.clone(),
        quote: comment.quote.clone(),
        kind: comment.kind,
        author: (!comment.anonymous && !comment.author_name.is_empty())
            .then(|| comment.author_name.clone()),
        body: comment.body.clone(),
        reply: false,
    };
    let mail = MeetingMail {
        record: auth.meeting(),
        organizer: &meeting.organizer.name,
        prereads: &[],
        base: &state.config.public_url,
    };
    let thread = format!(
        "{}/meetings/{}/prereads/{}#thread-{}",
        state.config.public_url,
        auth.id(),
        record.id,
        comment.id
    );
    let composed = updates::blocker(&mail, &meeting.organizer.name, &line, &thread);
    let id = comment.id;
    let alert = crate::ssr::notify::outbox::to_organizer(
        meeting,
        &auth.meeting().fields.time_zone,
        crate::model::delivery::DeliveryKind::Digest,
        |_| format!("blocker:{id}"),
        composed,
        state.now(),
    )?;
    Ok(vec![alert])
}
