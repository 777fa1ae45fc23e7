//! Domain operations on polls and votes. A poll is closed when its deadline has passed,
//! decided when read: no background job.

use super::access::{Action, Viewer, authorize};
use super::auth::Actor;
use super::db::polls::{PollRecord, VoteRecord};
use super::{AppState, db};
use crate::error::AppError;
use crate::model::poll::{BUILTIN_OPTIONS, BUILTIN_QUESTION, REASON_MAX};
use crate::model::{MeetingId, Poll, PollId, PollInput, Vote, VoteInput, char_len};
use jiff::Timestamp;

/// Adds the built-in "Do we still need to meet?" to a meeting (once).
pub async fn ensure_builtin(state: &AppState, meeting: MeetingId) -> Result<(), AppError> {
    let poll = PollRecord {
        id: PollId::new(),
        meeting_id: meeting,
        question: BUILTIN_QUESTION.to_owned(),
        options: BUILTIN_OPTIONS.iter().map(|o| (*o).to_owned()).collect(),
        anonymous: false,
        hide_results: false,
        closes_at: None,
        builtin: true,
    };
    db::polls::insert(&state.db, &poll, super::now()).await?;
    Ok(())
}

pub async fn create(
    state: &AppState,
    actor: &Actor,
    meeting: MeetingId,
    input: PollInput,
) -> Result<Poll, AppError> {
    let viewer = authorize(&state.db, actor, meeting, Action::Edit).await?;
    let input = input.validate()?;
    let poll = PollRecord {
        id: PollId::new(),
        meeting_id: meeting,
        question: input.question,
        options: input.options,
        anonymous: input.anonymous,
        hide_results: input.hide_results,
        closes_at: input.closes_at,
        builtin: false,
    };
    db::polls::insert(&state.db, &poll, super::now()).await?;
    Ok(view(poll, &[], viewer, super::now()))
}

pub async fn list(
    state: &AppState,
    actor: &Actor,
    meeting: MeetingId,
) -> Result<Vec<Poll>, AppError> {
    let viewer = authorize(&state.db, actor, meeting, Action::Read).await?;
    ensure_builtin(state, meeting).await?;
    let polls = db::polls::list_for_meeting(&state.db, meeting).await?;
    let votes = db::polls::votes_for_meeting(&state.db, meeting).await?;
    let now = super::now();
    Ok(polls
        .into_iter()
        .map(|p| view(p, &votes, viewer, now))
        .collect())
}

/// Records the caller's vote, or changes it, until the poll closes (409 after).
pub async fn vote(
    state: &AppState,
    actor: &Actor,
    poll: PollId,
    input: VoteInput,
) -> Result<Vote, AppError> {
    if actor.is_anonymous() {
        return Err(AppError::Unauthenticated);
    }
    let record = db::polls::get(&state.db, poll)
        .await?
        .ok_or(AppError::NotFound)?;
    let viewer = authorize(&state.db, actor, record.meeting_id, Action::Participate).await?;
    let Viewer::Attendee(attendee) = viewer else {
        return Err(AppError::Forbidden);
    };
    let now = super::now();
    if is_closed(&record, now) {
        return Err(AppError::Conflict(
            "This poll has closed; votes can no longer change.".into(),
        ));
    }
    let reason = input.reason.unwrap_or_default().trim().to_owned();
    let option = u32::try_from(input.option)
        .ok()
        .filter(|o| (*o as usize) < record.options.len())
        .ok_or_else(|| AppError::validation("option", "Choose one of the poll's options"))?;
    if char_len(&reason) > REASON_MAX {
        return Err(AppError::validation(
            "reason",
            format!("A reason must be {REASON_MAX} characters or fewer"),
        ));
    }
    db::polls::upsert_vote(&state.db, poll, attendee, option, &reason, now).await?;
    Ok(Vote {
        poll_id: poll,
        option,
        reason,
        updated_at: now,
    })
}

fn is_closed(poll: &PollRecord, now: Timestamp) -> bool {
    poll.closes_at.is_some_and(|at| at <= now)
}

/// A poll as `viewer` sees it: the tally only once results may show; never who voted what,
/// other than the caller's own vote.
pub fn view(poll: PollRecord, votes: &[VoteRecord], viewer: Viewer, now: Timestamp) -> Poll {
    let closed = is_closed(&poll, now);
    let mine: Vec<&VoteRecord> = votes.iter().filter(|v| v.poll_id == poll.id).collect();
    let tally = (!poll.hide_results || closed).then(|| {
        let mut counts = vec![0u32; poll.options.len()];
        for v in &mine {
            if let Some(c) = counts.get_mut(v.option as usize) {
                *c += 1;
            }
        }
        counts
    });
    let my_vote = viewer
        .attendee()
        .and_then(|me| mine.iter().find(|v| v.attendee_id == me))
        .map(|v| v.option);
    Poll {
        id: poll.id,
        question: poll.question,
        options: poll.options,
        anonymous: poll.anonymous,
        hide_results: poll.hide_results,
        closes_at: poll.closes_at,
        closed,
        tally,
        builtin: poll.builtin,
        my_vote,
    }
}
