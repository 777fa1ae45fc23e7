//! Gathers what the verdict engine reads, in a fixed number of queries whatever the meeting's
//! size (and whatever the number of meetings); working hours come from [`crate::ssr::domain::people::hours`].

use crate::error::AppError;
use crate::model::team::Norms;
use crate::model::{AgendaItem, CommentKind, MeetingId, Role};
use crate::ssr::AppState;
use crate::ssr::db::{self, attendees::AttendeeRecord, meetings::MeetingRecord, rows::MeetingRows};
use crate::ssr::domain::people::hours::{day_hours, days};
use crate::ssr::policy::access::Authorized;
use crate::ssr::policy::disclosure;
use crate::verdict::VerdictPage;
use crate::verdict::facts::{ItemFacts, PersonFacts, PollFacts, SeriesScores, ThreadFacts};
use crate::verdict::{self, Facts, Verdict};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use std::sync::Arc;

/// Characters of a comment kept for the focus list.
const EXCERPT: usize = 140;

/// Everything about one meeting the verdict and the outcome record need.
pub struct Loaded {
    pub record: MeetingRecord,
    pub people: Vec<AttendeeRecord>,
    pub agenda: Vec<AgendaItem>,
    pub facts: Facts,
    /// The engine's verdict on `facts`, before the disclosure policy (each caller discloses it
    /// to its viewer).
    pub verdict: Verdict,
    /// Each poll with the tally that may leave the server (`None` while hidden).
    pub polls: Vec<(db::polls::PollRecord, Option<Vec<u32>>)>,
}

/// A [`Loaded`] kept with the copy of the rows it was assembled from
/// ([`MeetingRows::derived`]), so the same rows. It serves while the meeting's own row is the
/// same and "now" is within the span in which nothing it holds depends on the time: until the
/// next poll closes (its tally shows, its split may count) and, for a meeting with no date,
/// until the next midnight on the meeting's clock (its days are the current week's).
struct Kept {
    loaded: Arc<Loaded>,
    /// The team's norms they were worked out with (they change apart from the meeting).
    norms: Option<Norms>,
    /// Its series' last answers (they arrive apart from the meeting too).
    scores: Option<SeriesScores>,
    from: Timestamp,
    until: Timestamp,
}

/// The verdict as the caller may read it (anyone who may read the meeting).
pub async fn verdict<A>(state: &AppState, auth: &Authorized<A>) -> Result<Verdict, AppError> {
    let loaded = load(state, auth).await?;
    Ok(auth
        .disclosure()
        .verdict(loaded.verdict.clone(), &loaded.facts))
}

/// The verdict page: the verdict with the names and the day it refers to (the outcome record,
/// once there is one, is the decision's: its caller adds it).
pub async fn page<A>(state: &AppState, auth: &Authorized<A>) -> Result<VerdictPage, AppError> {
    let id = auth.id();
    let viewer = auth.viewer();
    let loaded = load(state, auth).await?;
    let verdict = auth
        .disclosure()
        .verdict(loaded.verdict.clone(), &loaded.facts);
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
        has_start: loaded.record.fields.starts_at.is_some(),
    })
}

/// The facts of a meeting for the browser's live preview: the organizer's alone, since they
/// carry each person's readiness. Already disclosed: overall tallies only, hidden ones absent.
pub async fn facts<A>(state: &AppState, auth: &Authorized<A>) -> Result<Facts, AppError> {
    if !auth.viewer().is_organizer() {
        return Err(AppError::Forbidden);
    }
    Ok(load(state, auth).await?.facts.clone())
}

/// One meeting's facts, from its rows as the caller's answer must show them
/// ([`Authorized::current`]): no query when the meeting has not changed since it was last read.
pub async fn load<A>(state: &AppState, auth: &Authorized<A>) -> Result<Arc<Loaded>, AppError> {
    let (record, rows) = auth.current(state).await?;
    let norms = crate::ssr::domain::teams::norms::of_meeting(state, &record).await?;
    let tallies = series_tallies(state, std::slice::from_ref(&record)).await?;
    let scores = scores_before(&tallies, &record);
    Ok(loaded(record, &rows, norms, scores, state.now()))
}

/// The answered occurrences of the series these meetings belong to (one query, none when no
/// meeting is an occurrence).
async fn series_tallies(
    state: &AppState,
    records: &[MeetingRecord],
) -> Result<Vec<db::feedback::OccurrenceTally>, AppError> {
    let mut series: Vec<_> = records
        .iter()
        .filter_map(|r| r.occurrence.as_ref().map(|o| o.series_id))
        .collect();
    series.sort_unstable();
    series.dedup();
    Ok(db::feedback::for_series(&state.db, &series).await?)
}

/// What the people of the last 3 answered occurrences before this one said, in aggregate;
/// `None` below 3 answers (a smaller group's average tells who said what).
fn scores_before(
    tallies: &[db::feedback::OccurrenceTally],
    record: &MeetingRecord,
) -> Option<SeriesScores> {
    let o = record.occurrence.as_ref()?;
    let last: Vec<_> = tallies
        .iter()
        .filter(|t| t.series_id == o.series_id && t.date < o.date && t.responses > 0)
        .take(3)
        .collect();
    let responses: u32 = last.iter().map(|t| t.responses).sum();
    if responses < crate::model::feedback::SHOWN_FROM {
        return None;
    }
    let total: u32 = last.iter().map(|t| t.score_total).sum();
    Some(SeriesScores {
        occurrences: last.len() as u32,
        responses,
        average_hundredths: ((f64::from(total) / f64::from(responses)) * 100.0).round() as u32,
        could_have_been_async: last.iter().map(|t| t.said_async).sum(),
    })
}

/// The facts of several meetings, in the order asked: one query for the meetings, and eight
/// more for all of those whose rows are not kept at their revision (a dashboard's verdicts cost
/// no more than a single verdict).
pub async fn load_many(state: &AppState, ids: &[MeetingId]) -> Result<Vec<Arc<Loaded>>, AppError> {
    let mut records = db::meetings::get_many(&state.db, ids).await?;
    records.sort_by_key(|r| ids.iter().position(|id| *id == r.id));
    let rows = db::rows::for_meetings(&state.db, &records).await?;
    let mut teams: Vec<crate::model::TeamId> = records.iter().filter_map(|r| r.team_id).collect();
    teams.sort_unstable();
    teams.dedup();
    let mut norms = std::collections::HashMap::new();
    // one query per team on the page (a dashboard's meetings belong to a handful)
    for team in teams {
        if let Some(t) = db::teams::get(&state.db, team).await? {
            norms.insert(team, t.norms);
        }
    }
    let tallies = series_tallies(state, &records).await?;
    let now = state.now();
    Ok(records
        .into_iter()
        .zip(rows)
        .map(|(record, rows)| {
            let n = record.team_id.and_then(|t| norms.get(&t).cloned());
            let scores = scores_before(&tallies, &record);
            loaded(record, &rows, n, scores, now)
        })
        .collect())
}

/// The facts of `record`'s meeting at `now`: the ones kept with `rows` when they still hold,
/// else assembled (and kept).
fn loaded(
    record: MeetingRecord,
    rows: &MeetingRows,
    norms: Option<Norms>,
    scores: Option<SeriesScores>,
    now: Timestamp,
) -> Arc<Loaded> {
    if let Some(kept) = rows.derived.get::<Kept>()
        && kept.loaded.record == record
        && kept.norms == norms
        && kept.scores == scores
        && kept.from <= now
        && now < kept.until
    {
        return kept.loaded.clone();
    }
    let until = changes_after(&record, rows, now);
    let loaded = Arc::new(assemble(record, rows, norms.as_ref(), scores.clone(), now));
    rows.derived.set(Arc::new(Kept {
        loaded: loaded.clone(),
        norms,
        scores,
        from: now,
        until,
    }));
    loaded
}

/// The first moment after `now` at which the same rows would give other facts: a poll closing,
/// or the meeting's next midnight when it has no date. `now` itself when that cannot be told.
fn changes_after(record: &MeetingRecord, rows: &MeetingRows, now: Timestamp) -> Timestamp {
    let closing = rows
        .polls
        .iter()
        .filter_map(|p| p.closes_at)
        .filter(|at| *at > now)
        .min()
        .unwrap_or(Timestamp::MAX);
    if record.fields.starts_at.is_some() {
        return closing;
    }
    let zone = TimeZone::get(&record.fields.time_zone).unwrap_or(TimeZone::UTC);
    let midnight = now
        .to_zoned(zone.clone())
        .date()
        .tomorrow()
        .ok()
        .and_then(|d| d.to_zoned(zone).ok())
        .map(|z| z.timestamp());
    midnight.map_or(now, |m| m.min(closing))
}

fn assemble(
    record: MeetingRecord,
    rows: &MeetingRows,
    norms: Option<&Norms>,
    series_scores: Option<SeriesScores>,
    now: Timestamp,
) -> Loaded {
    let mut people: Vec<AttendeeRecord> = rows.invited().cloned().collect();
    if let Some(n) = norms {
        // people who gave no hours work the team's core hours, in its zone
        for p in &mut people {
            crate::ssr::domain::teams::norms::fill_hours(n, &mut p.fields);
        }
    }
    let no_meeting_day = norms.and_then(|n| {
        let day = crate::ssr::domain::teams::norms::start_weekday(n, record.fields.starts_at)?;
        n.no_meeting_days
            .contains(&day)
            .then(|| crate::model::team::weekday_name(day).to_owned())
    });
    let norm_exceptions = rows
        .exceptions
        .iter()
        .map(|e| e.norm.as_str().to_owned())
        .collect();
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
        norm_exceptions,
        no_meeting_day,
        series_advice: record
            .occurrence
            .as_ref()
            .and_then(|o| o.advice.as_ref())
            .filter(|a| a.kind != crate::model::series::AdviceKind::Keep)
            .map(|a| a.message.clone()),
        series_scores,
    };
    let polls = polls
        .iter()
        .map(|p| (p.clone(), disclosure::tally(p, votes, now)))
        .collect();
    Loaded {
        record,
        people,
        agenda: agenda.clone(),
        verdict: verdict::decide(&facts),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::meeting::MeetingInput;
    use crate::model::{MeetingStatus, PollId, PurposeKind};
    use db::polls::{PollRecord, VoteRecord};

    fn record(starts_at: Option<Timestamp>) -> MeetingRecord {
        MeetingRecord {
            team_id: None,
            circulated_at: None,
            id: MeetingId::new(),
            organizer_id: None,
            fields: MeetingInput {
                title: Some("Budget".into()),
                purpose_kind: Some(PurposeKind::Decide),
                outcome: Some("A budget".into()),
                starts_at: Some(starts_at),
                duration_minutes: Some(30),
                time_zone: Some("Europe/Paris".into()),
                ..Default::default()
            }
            .into_new()
            .unwrap(),
            status: MeetingStatus::Circulating,
            created_at: Timestamp::UNIX_EPOCH,
            updated_at: Timestamp::UNIX_EPOCH,
            version: 1,
            revision: 7,
            occurrence: None,
        }
    }

    /// A poll that hides its results until `closes_at`, with one vote.
    fn rows(meeting: MeetingId, closes_at: Timestamp) -> MeetingRows {
        let poll = PollRecord {
            id: PollId::new(),
            meeting_id: meeting,
            question: "Which?".into(),
            options: vec!["a".into(), "b".into()],
            anonymous: false,
            hide_results: true,
            closes_at: Some(closes_at),
            builtin: false,
        };
        let vote = VoteRecord {
            poll_id: poll.id,
            attendee_id: crate::model::AttendeeId::new(),
            role: Role::Decider,
            option: 1,
            reason: String::new(),
            anonymous: false,
            updated_at: Timestamp::UNIX_EPOCH,
        };
        MeetingRows {
            revision: 7,
            polls: vec![poll],
            votes: vec![vote],
            ..Default::default()
        }
    }

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn the_facts_are_kept_until_a_poll_closes() {
        let meeting = record(Some(at("2026-12-01T09:00:00Z")));
        let rows = rows(meeting.id, at("2026-11-30T12:00:00Z"));
        let first = loaded(
            meeting.clone(),
            &rows,
            None,
            None,
            at("2026-11-30T10:00:00Z"),
        );
        assert_eq!(first.facts.polls[0].tally, None, "hidden until it closes");
        let again = loaded(
            meeting.clone(),
            &rows,
            None,
            None,
            at("2026-11-30T11:59:59Z"),
        );
        assert!(
            Arc::ptr_eq(&first, &again),
            "nothing changed: the kept facts serve"
        );
        let closed = loaded(
            meeting.clone(),
            &rows,
            None,
            None,
            at("2026-11-30T12:00:00Z"),
        );
        assert!(!Arc::ptr_eq(&first, &closed));
        assert_eq!(
            closed.facts.polls[0].tally,
            Some(vec![0, 1]),
            "shown once closed"
        );
        // the clock can go back (a test's clock, or a corrected one): never the later facts
        let earlier = loaded(meeting, &rows, None, None, at("2026-11-30T11:00:00Z"));
        assert_eq!(earlier.facts.polls[0].tally, None);
    }

    #[test]
    fn the_facts_follow_the_meetings_own_row_and_its_week() {
        let undated = record(None);
        let rows = rows(undated.id, at("2027-01-01T00:00:00Z"));
        // Sunday evening in Paris: the days are this week's, Monday 23 to Friday 27
        let sunday = loaded(
            undated.clone(),
            &rows,
            None,
            None,
            at("2026-11-29T22:00:00Z"),
        );
        assert_eq!(sunday.facts.days[0].date, "2026-11-23");
        // past midnight in Paris (23:00 UTC), a new week, with no write in between
        let monday = loaded(
            undated.clone(),
            &rows,
            None,
            None,
            at("2026-11-29T23:00:00Z"),
        );
        assert_eq!(monday.facts.days[0].date, "2026-11-30");
        // a change to the meeting's own row (no revision: nothing under it changed)
        let mut longer = undated;
        longer.fields.duration_minutes = 90;
        longer.version += 1;
        let changed = loaded(longer, &rows, None, None, at("2026-11-29T23:00:01Z"));
        assert!(!Arc::ptr_eq(&monday, &changed));
        assert_eq!(changed.facts.duration_minutes, 90);
    }
}
