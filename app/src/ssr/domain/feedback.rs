//! "Was it worth it?" (API.md, "Action items and feedback"): one answer from each person who
//! met, once the meeting has ended; read only in aggregate, by its organizers and its team's
//! leads. What the store keeps, and why nobody can join a person to a score, is in
//! `migrations/0016_feedback_and_insights.sql`.

use crate::error::AppError;
use crate::model::delivery::WebhookEvent;
use crate::model::feedback::{FeedbackInput, FeedbackSummary, OwnFeedback, SHOWN_FROM};
use crate::model::{MeetingId, MeetingStatus, Role};
use crate::ssr::auth::Actor;
use crate::ssr::db::attendees::AttendeeRecord;
use crate::ssr::db::meetings::MeetingRecord;
use crate::ssr::notify::webhooks;
use crate::ssr::policy::access::{Authorized, Read, Viewer, authorize};
use crate::ssr::runtime::limits::WriterKey;
use crate::ssr::{AppState, db};
use jiff::{SignedDuration, Timestamp};

/// Whether `p` is one of the people asked: they met (on the invitation, not `informed`, not
/// someone who said they are not needed).
pub fn was_asked(p: &AttendeeRecord) -> bool {
    p.invited && p.fields.role != Role::Informed && !p.not_needed
}

/// When the meeting ended (its start plus its length, as held); `None` without a start.
pub fn ended_at(record: &MeetingRecord) -> Option<Timestamp> {
    let start = record.fields.starts_at?;
    start
        .checked_add(SignedDuration::from_mins(i64::from(
            record.fields.duration_minutes,
        )))
        .ok()
}

/// Why no answer can be taken now, if so (409).
fn not_open(record: &MeetingRecord, now: Timestamp) -> Option<&'static str> {
    match record.status {
        MeetingStatus::Cancelled => Some("This meeting was cancelled: there is nothing to rate."),
        MeetingStatus::Draft => Some("This meeting has not been held."),
        _ => match ended_at(record) {
            Some(end) if end <= now => None,
            _ => Some("You can say whether it was worth it once the meeting has ended."),
        },
    }
}

/// A random number, for a new note's place among the others.
fn random_draw() -> Result<u64, AppError> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| {
        tracing::error!(error = %e, "the OS random generator failed");
        AppError::Internal
    })?;
    Ok(u64::from_le_bytes(bytes))
}

/// One person's answer. 403 for the organizer and for people who did not meet (informed, taken
/// off, not needed); 409 for a second answer, before the end, or for a cancelled meeting.
pub async fn give(
    state: &AppState,
    actor: &Actor,
    id: MeetingId,
    input: FeedbackInput,
) -> Result<(), AppError> {
    let auth = authorize::<Read>(state, actor, id).await?;
    let Viewer::Attendee(attendee) = auth.viewer() else {
        return Err(AppError::Forbidden);
    };
    let rows = auth.rows(state).await?;
    let asked: Vec<&AttendeeRecord> = rows.everyone.iter().filter(|p| was_asked(p)).collect();
    if !asked.iter().any(|p| p.id == attendee) {
        return Err(AppError::Forbidden);
    }
    state.limits.check_write(WriterKey::from(auth.viewer()))?;
    let answer = input.validate()?;
    let now = state.now();
    if let Some(why) = not_open(auth.meeting(), now) {
        return Err(AppError::Conflict(why.into()));
    }
    let draw = random_draw()?;
    let record = auth.meeting().clone();
    let invited = asked.len() as u32;
    let answered = db::feedback::answer(
        &state.db,
        id,
        record.occurrence.as_ref().map(|o| o.series_id),
        attendee,
        &answer,
        draw,
        now,
        |tally| {
            if tally.responses != SHOWN_FROM {
                return Vec::new();
            }
            // the day only: the event's key says nothing finer about when the third came
            vec![webhooks::event(
                &record,
                WebhookEvent::FeedbackSummary,
                serde_json::to_value(tally.summary(invited)).unwrap_or_default(),
                format!("feedback.summary:{id}"),
                now,
            )]
        },
    )
    .await?;
    if !answered {
        return Err(AppError::Conflict(
            "You have answered already: one answer each.".into(),
        ));
    }
    state.outbox.notify_one();
    Ok(())
}

/// Whether the caller answered already (their own page says so), and whether they may.
pub async fn own_state(state: &AppState, auth: &Authorized<Read>) -> Result<OwnFeedback, AppError> {
    let Viewer::Attendee(attendee) = auth.viewer() else {
        return Ok(OwnFeedback::NotAsked);
    };
    let rows = auth.rows(state).await?;
    if !rows
        .everyone
        .iter()
        .any(|p| p.id == attendee && was_asked(p))
    {
        return Ok(OwnFeedback::NotAsked);
    }
    if db::feedback::answered(&state.db, auth.id(), attendee).await? {
        return Ok(OwnFeedback::Answered);
    }
    Ok(match not_open(auth.meeting(), state.now()) {
        Some(why) => OwnFeedback::NotYet(why.to_owned()),
        None => OwnFeedback::Open,
    })
}

/// The answers in aggregate, for the organizers and the team's leads (403 for attendees).
pub async fn summary(
    state: &AppState,
    auth: &Authorized<Read>,
) -> Result<FeedbackSummary, AppError> {
    if matches!(auth.viewer(), Viewer::Attendee(_)) {
        return Err(AppError::Forbidden);
    }
    let rows = auth.rows(state).await?;
    let invited = rows.everyone.iter().filter(|p| was_asked(p)).count() as u32;
    Ok(db::feedback::tally(&state.db, auth.id())
        .await?
        .summary(invited))
}
