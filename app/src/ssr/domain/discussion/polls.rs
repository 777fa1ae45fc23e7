//! Domain operations on polls and votes. A poll is closed when its deadline has passed,
//! decided when read: no background job. What a poll shows passes through
//! [`crate::ssr::policy::disclosure`].

use crate::error::AppError;
use crate::model::poll::{BUILTIN_OPTIONS, BUILTIN_QUESTION, POLLS_MAX, REASON_MAX};
use crate::model::{MeetingId, Poll, PollId, PollInput, Vote, VoteInput, char_len};
use crate::ssr::auth::Actor;
use crate::ssr::db::polls::PollRecord;
use crate::ssr::db::rows::MeetingRows;
use crate::ssr::policy::access::{
    Authorized, Edit, Participate, Permission, Viewer, authorize_via,
};
use crate::ssr::{AppState, db, policy::disclosure};

/// The built-in "Do we still need to meet?", written with its meeting.
pub fn builtin(meeting: MeetingId) -> PollRecord {
    PollRecord {
        id: PollId::new(),
        meeting_id: meeting,
        question: BUILTIN_QUESTION.to_owned(),
        options: BUILTIN_OPTIONS.iter().map(|o| (*o).to_owned()).collect(),
        anonymous: false,
        hide_results: false,
        closes_at: None,
        builtin: true,
    }
}

pub async fn create(
    state: &AppState,
    auth: &Authorized<Edit>,
    input: PollInput,
) -> Result<Poll, AppError> {
    let input = input.validate()?;
    let poll = PollRecord {
        id: PollId::new(),
        meeting_id: auth.id(),
        question: input.question,
        options: input.options,
        anonymous: input.anonymous,
        hide_results: input.hide_results,
        closes_at: input.closes_at,
        builtin: false,
    };
    let now = state.now();
    if !db::polls::insert_within_limit(&state.db, &poll, now, POLLS_MAX).await? {
        return Err(AppError::validation(
            "polls",
            format!("A meeting can have at most {POLLS_MAX} polls"),
        ));
    }
    Ok(auth.disclosure().poll(poll, &[], now))
}

/// A meeting's polls as the caller may see them. Reading writes nothing.
pub async fn list<A>(state: &AppState, auth: &Authorized<A>) -> Result<Vec<Poll>, AppError> {
    let rows = auth.rows(state).await?;
    Ok(shown(auth, &rows, state.now()))
}

/// The polls in `rows` as the caller may see them.
pub fn shown<A>(auth: &Authorized<A>, rows: &MeetingRows, now: jiff::Timestamp) -> Vec<Poll> {
    let disclosure = auth.disclosure();
    rows.polls
        .iter()
        .map(|p| disclosure.poll(p.clone(), &rows.votes, now))
        .collect()
}

/// Records the caller's vote, or changes it, until the poll closes (409 after). Only people on
/// the invitation vote; the organizer has no vote.
pub async fn vote(
    state: &AppState,
    auth: &Authorized<Participate>,
    record: &PollRecord,
    input: VoteInput,
) -> Result<Vote, AppError> {
    let Viewer::Attendee(attendee) = auth.viewer() else {
        return Err(AppError::Forbidden);
    };
    let now = state.now();
    if disclosure::is_closed(record, now) {
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
    let anonymous = record.anonymous || auth.meeting().fields.anonymous;
    db::polls::upsert_vote(&state.db, record, attendee, option, &reason, anonymous, now).await?;
    Ok(Vote {
        poll_id: record.id,
        option,
        reason,
        updated_at: disclosure::anonymous_time(anonymous, now),
    })
}

/// Closes a poll now, whatever its deadline (the organizer's, for a poll that hides its results
/// and has none): votes stop, its results show, and `poll.closed` goes out like any closing.
/// Closing a closed poll changes nothing.
pub async fn close(
    state: &AppState,
    auth: &Authorized<Edit>,
    mut record: PollRecord,
) -> Result<Poll, AppError> {
    let now = state.now();
    if !disclosure::is_closed(&record, now) {
        db::polls::close(&state.db, auth.id(), record.id, now).await?;
        record.closes_at = Some(now);
        state.outbox.notify_one();
    }
    let votes = db::polls::votes_for_meeting(&state.db, auth.id()).await?;
    Ok(auth.disclosure().poll(record, &votes, now))
}

/// Loads a poll and authorises `A` on its meeting.
pub async fn authorize_for<A: Permission>(
    state: &AppState,
    actor: &Actor,
    id: PollId,
) -> Result<(Authorized<A>, PollRecord), AppError> {
    authorize_via(state, actor, db::polls::get(&state.db, id), |p| {
        p.meeting_id
    })
    .await
}
