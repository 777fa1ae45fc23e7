//! Gathers what the verdict engine reads, in a fixed number of queries whatever the meeting's
//! size, and places everyone's working hours on the meeting's own clock with the time-zone
//! database (daylight saving included), which the browser does not carry.

use super::AppState;
use super::access::{Action, authorize};
use super::auth::Actor;
use super::db::{self, attendees::AttendeeRecord, meetings::MeetingRecord};
use crate::error::AppError;
use crate::model::outcome::VerdictPage;
use crate::model::{AgendaItem, CommentKind, MeetingId, Role, TimeOfDay};
use crate::verdict::facts::{ItemFacts, PersonFacts, PollFacts, ThreadFacts};
use crate::verdict::{self, DayHours, Facts, PersonHours, Span, Verdict};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

/// Working hours when a person has none of their own (PRODUCT.md).
const DEFAULT_START: TimeOfDay = TimeOfDay::hm(9, 0);
const DEFAULT_END: TimeOfDay = TimeOfDay::hm(17, 0);
/// Characters of a comment kept for the focus list.
const EXCERPT: usize = 140;

/// Everything about one meeting the verdict and the outcome record need.
pub struct Loaded {
    pub record: MeetingRecord,
    pub people: Vec<AttendeeRecord>,
    pub agenda: Vec<AgendaItem>,
    pub facts: Facts,
    pub polls: Vec<(db::polls::PollRecord, Vec<u32>)>,
}

/// The verdict as `actor` may see it (anyone who may read the meeting).
pub async fn verdict(state: &AppState, actor: &Actor, id: MeetingId) -> Result<Verdict, AppError> {
    authorize(&state.db, actor, id, Action::Read).await?;
    let loaded = load(state, id).await?;
    Ok(verdict::decide(&loaded.facts))
}

/// The verdict page: the verdict with the names, the day and the outcome it refers to.
pub async fn page(state: &AppState, actor: &Actor, id: MeetingId) -> Result<VerdictPage, AppError> {
    let viewer = authorize(&state.db, actor, id, Action::Read).await?;
    let loaded = load(state, id).await?;
    let verdict = verdict::decide(&loaded.facts);
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
    let outcome = super::decision::outcome(state, actor, id).await?;
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
        outcome,
    })
}

/// The facts of a meeting for the browser's live preview (the organizer's).
pub async fn facts(state: &AppState, actor: &Actor, id: MeetingId) -> Result<Facts, AppError> {
    authorize(&state.db, actor, id, Action::Edit).await?;
    Ok(load(state, id).await?.facts)
}

/// One meeting's facts: eight queries, whatever its size.
pub async fn load(state: &AppState, id: MeetingId) -> Result<Loaded, AppError> {
    load_many(state, &[id])
        .await?
        .pop()
        .ok_or(AppError::NotFound)
}

/// The facts of several meetings, in the order asked, with the same eight queries as one
/// meeting (a dashboard's verdicts cost no more than a single verdict).
pub async fn load_many(state: &AppState, ids: &[MeetingId]) -> Result<Vec<Loaded>, AppError> {
    let db = &state.db;
    let records = db::meetings::get_many(db, ids).await?;
    let people = db::attendees::list_for_meetings(db, ids).await?;
    let agenda = db::agenda::list_for_meetings(db, ids).await?;
    let docs = db::prereads::list_for_meetings(db, ids).await?;
    let reads = db::prereads::reads_for_meetings(db, ids).await?;
    let comments = db::prereads::comments_for_meetings(db, ids).await?;
    let polls = db::polls::list_for_meetings(db, ids).await?;
    let votes = db::polls::votes_for_meetings(db, ids).await?;
    let now = super::now();
    let loaded = ids
        .iter()
        .filter_map(|id| records.iter().find(|r| r.id == *id))
        .map(|record| {
            let id = record.id;
            let docs: Vec<_> = docs.iter().filter(|d| d.meeting_id == id).collect();
            let polls: Vec<_> = polls
                .iter()
                .filter(|p| p.meeting_id == id)
                .cloned()
                .collect();
            let rows = Rows {
                people: people
                    .iter()
                    .filter(|p| p.meeting_id == id)
                    .cloned()
                    .collect(),
                agenda: agenda
                    .iter()
                    .filter(|(m, _)| *m == id)
                    .map(|(_, i)| i.clone())
                    .collect(),
                reads: reads
                    .iter()
                    .filter(|(_, d)| docs.iter().any(|doc| doc.id == *d))
                    .copied()
                    .collect(),
                comments: comments
                    .iter()
                    .filter(|c| docs.iter().any(|d| d.id == c.preread_id))
                    .collect(),
                votes: votes
                    .iter()
                    .filter(|v| polls.iter().any(|p| p.id == v.poll_id))
                    .collect(),
                docs,
                polls,
            };
            assemble(record.clone(), rows, now)
        })
        .collect();
    Ok(loaded)
}

/// One meeting's rows, picked out of the batched queries.
struct Rows<'a> {
    people: Vec<AttendeeRecord>,
    agenda: Vec<AgendaItem>,
    docs: Vec<&'a db::prereads::PrereadRecord>,
    reads: Vec<(crate::model::AttendeeId, crate::model::PrereadId)>,
    comments: Vec<&'a db::prereads::CommentRecord>,
    polls: Vec<db::polls::PollRecord>,
    votes: Vec<&'a db::polls::VoteRecord>,
}

fn assemble(record: MeetingRecord, rows: Rows<'_>, now: Timestamp) -> Loaded {
    let Rows {
        people,
        agenda,
        docs,
        reads,
        comments,
        polls,
        votes,
    } = rows;
    let required: Vec<_> = docs.iter().filter(|d| d.required).collect();
    let tally = |poll: &db::polls::PollRecord, deciders_only: bool| -> Vec<u32> {
        (0..poll.options.len() as u32)
            .map(|option| {
                votes
                    .iter()
                    .filter(|v| v.poll_id == poll.id && v.option == option)
                    .filter(|v| !deciders_only || v.role == Role::Decider)
                    .count() as u32
            })
            .collect()
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
                tally: tally(p, false),
                decider_tally: tally(p, true),
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
        .into_iter()
        .map(|p| {
            let t = tally(&p, false);
            (p, t)
        })
        .collect();
    Loaded {
        record,
        people,
        agenda,
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

/// The meeting's date, or the working days of the current week when it has none.
pub fn days(zone: &TimeZone, starts_at: Option<Timestamp>, now: Timestamp) -> Vec<Date> {
    match starts_at {
        Some(start) => vec![start.to_zoned(zone.clone()).date()],
        None => {
            let today = now.to_zoned(zone.clone()).date();
            let monday = today - i64::from(today.weekday().to_monday_zero_offset()).days();
            (0..5).map(|d| monday + (d as i64).days()).collect()
        }
    }
}

/// Everyone's working hours on `date`, as minutes from midnight of that date in `zone`.
pub fn day_hours(
    zone: &TimeZone,
    date: Date,
    people: &[AttendeeRecord],
    starts_at: Option<Timestamp>,
    duration: u32,
) -> DayHours {
    let midnight = date
        .to_zoned(zone.clone())
        .map(|z| z.timestamp())
        .unwrap_or_default();
    let minutes_from_midnight = |t: Timestamp| ((t.as_second() - midnight.as_second()) / 60) as i32;
    let people = people
        .iter()
        .filter_map(|p| {
            let own = p
                .fields
                .time_zone
                .as_deref()
                .and_then(|z| TimeZone::get(z).ok());
            let their_zone = own.unwrap_or_else(|| zone.clone());
            let start = p.fields.work_start.unwrap_or(DEFAULT_START);
            let end = p.fields.work_end.unwrap_or(DEFAULT_END);
            // their working day that falls most within our date: the day before, of, or after
            let span = [-1i64, 0, 1]
                .into_iter()
                .filter_map(|offset| {
                    let local = date.checked_add(offset.days()).ok()?;
                    let from = at(local, start, &their_zone)?;
                    let to_day = if end <= start {
                        local.checked_add(1.days()).ok()?
                    } else {
                        local
                    };
                    let to = at(to_day, end, &their_zone)?;
                    Some(Span {
                        start: minutes_from_midnight(from),
                        end: minutes_from_midnight(to),
                    })
                })
                .max_by_key(|s| (s.end.min(1440) - s.start.max(0), -(s.start - 540).abs()))?;
            Some(PersonHours {
                id: p.id,
                name: p.fields.name.clone(),
                zone: p
                    .fields
                    .time_zone
                    .clone()
                    .unwrap_or_else(|| zone.iana_name().unwrap_or("UTC").to_owned()),
                span,
            })
        })
        .collect();
    let slot = starts_at.map(|s| {
        let start = minutes_from_midnight(s);
        Span {
            start,
            end: start + duration as i32,
        }
    });
    DayHours {
        date: date.to_string(),
        people,
        slot,
    }
}

fn at(date: Date, time: TimeOfDay, zone: &TimeZone) -> Option<Timestamp> {
    let (h, m) = ((time.minutes / 60) as i8, (time.minutes % 60) as i8);
    date.at(h, m, 0, 0)
        .to_zoned(zone.clone())
        .ok()
        .map(|z| z.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::attendee::AttendeeFields;

    fn person(
        zone: Option<&str>,
        start: Option<TimeOfDay>,
        end: Option<TimeOfDay>,
    ) -> AttendeeRecord {
        AttendeeRecord {
            id: crate::model::AttendeeId::new(),
            meeting_id: MeetingId::new(),
            fields: AttendeeFields {
                name: "P".into(),
                email: "p@example.com".into(),
                role: Role::Contributor,
                reason: "r".into(),
                time_zone: zone.map(str::to_owned),
                work_start: start,
                work_end: end,
            },
            ready: false,
            not_needed: false,
            created_at: Timestamp::UNIX_EPOCH,
        }
    }

    #[test]
    fn hours_land_on_the_meetings_clock_with_daylight_saving() {
        let paris = TimeZone::get("Europe/Paris").unwrap();
        let people = [
            person(None, None, None),
            person(Some("America/New_York"), None, None),
            person(
                Some("Asia/Tokyo"),
                Some(TimeOfDay::hm(8, 0)),
                Some(TimeOfDay::hm(16, 0)),
            ),
        ];
        // 20 March 2026: New York is already on summer time, Paris not yet: 5 hours apart
        let day = day_hours(&paris, "2026-03-20".parse().unwrap(), &people, None, 30);
        let spans: Vec<Span> = day.people.iter().map(|p| p.span).collect();
        assert_eq!(
            spans[0],
            Span {
                start: 540,
                end: 1020
            }
        );
        assert_eq!(
            spans[1],
            Span {
                start: 840,
                end: 1320
            }
        );
        assert_eq!(
            spans[2],
            Span { start: 0, end: 480 },
            "Tokyo 08:00–16:00 is 00:00–08:00 in Paris"
        );
        // 1 April: both on summer time, 6 hours apart
        let day = day_hours(&paris, "2026-04-01".parse().unwrap(), &people, None, 30);
        assert_eq!(
            day.people[1].span,
            Span {
                start: 900,
                end: 1380
            }
        );
        assert_eq!(
            day.people[2].span,
            Span {
                start: 60,
                end: 540
            },
            "Tokyo is 7 hours ahead in April"
        );
        let who: Vec<_> = people.iter().map(|p| p.id).collect();
        assert_eq!(
            verdict::shared_window(&day, &who[..2]),
            Some(Span {
                start: 900,
                end: 1020
            })
        );
        assert_eq!(verdict::shared_window(&day, &who), None);
    }

    #[test]
    fn a_meeting_without_a_date_looks_at_this_weeks_working_days() {
        let utc = TimeZone::UTC;
        let now: Timestamp = "2026-11-25T10:00:00Z".parse().unwrap(); // a Wednesday
        let week = days(&utc, None, now);
        assert_eq!(week.first().unwrap().to_string(), "2026-11-23");
        assert_eq!(week.len(), 5);
        let start: Timestamp = "2026-12-01T23:30:00Z".parse().unwrap();
        let paris = TimeZone::get("Europe/Paris").unwrap();
        assert_eq!(days(&paris, Some(start), now)[0].to_string(), "2026-12-02");
        let day = day_hours(
            &paris,
            days(&paris, Some(start), now)[0],
            &[],
            Some(start),
            45,
        );
        assert_eq!(day.slot, Some(Span { start: 30, end: 75 }));
    }
}
