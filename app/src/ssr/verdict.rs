//! Gathers what the verdict engine reads, in a fixed number of queries whatever the meeting's
//! size (and whatever the number of meetings); working hours come from [`super::hours`].

use super::AppState;
use super::access::Authorized;
use super::db::{self, attendees::AttendeeRecord, meetings::MeetingRecord, rows::MeetingRows};
use super::disclosure;
use super::hours::{day_hours, days};
use crate::error::AppError;
use crate::model::{AgendaItem, CommentKind, MeetingId, Role};
use crate::verdict::VerdictPage;
use crate::verdict::facts::{ItemFacts, PersonFacts, PollFacts, ThreadFacts};
use crate::verdict::{self, Facts, Verdict};
use jiff::Timestamp;
use jiff::tz::TimeZone;

/// Characters of a comment kept for the focus list.
const EXCERPT: usize = 140;

/// Everything about one meeting the verdict and the outcome record need.
pub struct Loaded {
    pub record: MeetingRecord,
    pub people: Vec<AttendeeRecord>,
    pub agenda: Vec<AgendaItem>,
    pub facts: Facts,
    /// Each poll with the tally that may leave the server (`None` while hidden).
    pub polls: Vec<(db::polls::PollRecord, Option<Vec<u32>>)>,
}

/// The verdict as the caller may read it (anyone who may read the meeting).
pub async fn verdict<A>(state: &AppState, auth: &Authorized<A>) -> Result<Verdict, AppError> {
    let loaded = load(state, auth).await?;
    let verdict = verdict::decide(&loaded.facts);
    Ok(auth.disclosure().verdict(verdict, &loaded.facts))
}

/// The verdict page: the verdict with the names and the day it refers to (the outcome record,
/// once there is one, is the decision's: its caller adds it).
pub async fn page<A>(state: &AppState, auth: &Authorized<A>) -> Result<VerdictPage, AppError> {
    let id = auth.id();
    let viewer = auth.viewer();
    let loaded = load(state, auth).await?;
    let verdict = auth
        .disclosure()
        .verdict(verdict::decide(&loaded.facts), &loaded.facts);
    let meeting: Vec<_> = loaded
        .facts
        .people
        .iter()
        .filter(|p| p.would_meet())
        .map(|p| p.id)
        .collect();
    let day = verdict::best_day(&loaded.facts.days, &meeting)
        .map(|(d, _)| d.clone())
        .or_else(|| loaded.facts.days.first().cloned());

    Ok(VerdictPage {
        meeting_id: id,
        title: loaded.record.fields.title.clone(),
        status: loaded.record.status,
        time_zone: loaded.record.fields.time_zone.clone(),
        organizer: viewer.is_organizer(),
        meeting_count: meeting.len() as u32,
        names: loaded
            .people
            .iter()
            .map(|p| (p.id, p.fields.name.clone()))
            .collect(),
        verdict,
        day,
        outcome: None,
    })
}

/// The facts of a meeting for the browser's live preview: the organizer's alone, since they
/// carry each person's readiness. Already disclosed: overall tallies only, hidden ones absent.
pub async fn facts<A>(state: &AppState, auth: &Authorized<A>) -> Result<Facts, AppError> {
    if !auth.viewer().is_organizer() {
        return Err(AppError::Forbidden);
    }
    Ok(load(state, auth).await?.facts)
}

/// One meeting's facts, from its rows as the caller's answer must show them
/// ([`Authorized::current`]): no query when the meeting has not changed since it was last read.
pub async fn load<A>(state: &AppState, auth: &Authorized<A>) -> Result<Loaded, AppError> {
    let (record, rows) = auth.current(state).await?;
    Ok(assemble(record, &rows, state.now()))
}

/// The facts of several meetings, in the order asked: one query for the meetings, and eight
/// more for all of those whose rows are not kept at their revision (a dashboard's verdicts cost
/// no more than a single verdict).
pub async fn load_many(state: &AppState, ids: &[MeetingId]) -> Result<Vec<Loaded>, AppError> {
    let mut records = db::meetings::get_many(&state.db, ids).await?;
    records.sort_by_key(|r| ids.iter().position(|id| *id == r.id));
    let rows = db::rows::for_meetings(&state.db, &records).await?;
    let now = state.now();
    Ok(records
        .into_iter()
        .zip(rows)
        .map(|(record, rows)| assemble(record, &rows, now))
        .collect())
}

fn assemble(record: MeetingRecord, rows: &MeetingRows, now: Timestamp) -> Loaded {
    let people: Vec<AttendeeRecord> = rows.invited().cloned().collect();
    let MeetingRows {
        agenda,
        prereads: docs,
        reads,
        comments,
        polls,
        votes,
        ..
    } = rows;
    let required: Vec<_> = docs.iter().filter(|d| d.required).collect();
    let anonymous = record.fields.anonymous;
    // The deciders' split is worked out here and only where it may be shown; the tally by role
    // itself never leaves this function.
    let deciders_split = |poll: &db::polls::PollRecord| -> bool {
        disclosure::role_split_visible(poll, votes, anonymous, now)
            && disclosure::count(poll, votes.iter().filter(|v| v.role == Role::Decider))
                .iter()
                .filter(|n| **n > 0)
                .count()
                > 1
    };
    let zone = TimeZone::get(&record.fields.time_zone).unwrap_or(TimeZone::UTC);
    let facts = Facts {
        purpose: record.fields.purpose_kind,
        duration_minutes: record.fields.duration_minutes,
        hourly_rate: record.fields.hourly_rate_cents.map(|c| c as f64 / 100.0),
        agenda: agenda
            .iter()
            .map(|i| ItemFacts {
                id: i.id,
                title: i.title.clone(),
                kind: i.kind,
                minutes: i.minutes,
                owner: i.owner_id,
                resolved: i.resolved_async,
            })
            .collect(),
        people: people
            .iter()
            .map(|p| PersonFacts {
                id: p.id,
                name: p.fields.name.clone(),
                role: p.fields.role,
                has_reason: !p.fields.reason.trim().is_empty(),
                ready: p.ready,
                not_needed: p.not_needed,
                required_read: required
                    .iter()
                    .filter(|d| reads.contains(&(p.id, d.id)))
                    .count() as u32,
            })
            .collect(),
        required_prereads: required.len() as u32,
        required_reading_minutes: required.iter().map(|d| d.reading_minutes).sum(),
        open_threads: comments
            .iter()
            .filter(|c| c.parent_id.is_none() && !c.resolved && c.kind != CommentKind::Agree)
            .map(|c| ThreadFacts {
                id: c.id,
                preread: c.preread_id,
                kind: c.kind,
                excerpt: excerpt(&c.body),
            })
            .collect(),
        polls: polls
            .iter()
            .map(|p| PollFacts {
                id: p.id,
                question: p.question.clone(),
                options: p.options.clone(),
                builtin: p.builtin,
                tally: disclosure::tally(p, votes, now),
                deciders_split: deciders_split(p),
            })
            .collect(),
        days: days(&zone, record.fields.starts_at, now)
            .into_iter()
            .map(|date| {
                day_hours(
                    &zone,
                    date,
                    &people,
                    record.fields.starts_at,
                    record.fields.duration_minutes,
                )
            })
            .collect(),
    };
    let polls = polls
        .iter()
        .map(|p| (p.clone(), disclosure::tally(p, votes, now)))
        .collect();
    Loaded {
        record,
        people,
        agenda: agenda.clone(),
        facts,
        polls,
    }
}

fn excerpt(body: &str) -> String {
    let mut out: String = body.chars().take(EXCERPT).collect();
    if body.chars().count() > EXCERPT {
        out.push('…');
    }
    out
}
