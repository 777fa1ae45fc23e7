//! A lead's insights (API.md, "Insights (a team's lead)"): each decided meeting's share, worked
//! out once when it is decided, and the figures of the weeks asked for, read from the sums
//! those shares keep (so a view costs the same at 100 meetings as at 100,000).

use crate::error::AppError;
use crate::model::feedback::{SHOWN_FROM, round2};
use crate::model::insights::{
    ExceptionCount, Insights, PersonFigures, SeriesFigures, WEEKS_DEFAULT, WEEKS_MAX, WeekFigures,
    week_name,
};
use crate::model::series::AdviceKind;
use crate::model::user::email_key;
use crate::model::{MeetingStatus, Role, TeamId};
use crate::ssr::auth::Actor;
use crate::ssr::db::attendees::AttendeeRecord;
use crate::ssr::db::insights::{PersonShare, Share};
use crate::ssr::db::meetings::MeetingRecord;
use crate::ssr::domain::feedback::was_asked;
use crate::ssr::domain::teams;
use crate::ssr::{AppState, db};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

/// A decided meeting's share of its team's figures. `before` is everyone on the list before
/// the decision; `after` as it leaves them (a shortened meeting takes people off); `minutes`
/// its length as held. `None` for a meeting of no team, or a status that is no decision.
pub fn share(
    record: &MeetingRecord,
    zone: &str,
    before: &[AttendeeRecord],
    after: &[AttendeeRecord],
    status: MeetingStatus,
    minutes: u32,
    decided_at: Timestamp,
) -> Option<Share> {
    let team = record.team_id?;
    let status = match status {
        MeetingStatus::Held | MeetingStatus::Shortened | MeetingStatus::Cancelled => status,
        _ => return None,
    };
    let tz = TimeZone::get(zone).unwrap_or(TimeZone::UTC);
    let start = record.fields.starts_at.unwrap_or(decided_at);
    let week = week_name(start.to_zoned(tz).date());
    // planned: everyone the invitation asked to come, as it went out (someone who later said
    // they are not needed was planned, and is saved)
    let planned = before
        .iter()
        .filter(|p| p.invited && p.fields.role != Role::Informed)
        .count() as i64
        * i64::from(record.fields.duration_minutes);
    let people: Vec<PersonShare> = if status == MeetingStatus::Cancelled {
        Vec::new()
    } else {
        after
            .iter()
            .filter(|p| was_asked(p))
            .map(|p| PersonShare {
                email: email_key(&p.fields.email),
                name: p.fields.name.clone(),
                minutes: i64::from(minutes),
            })
            .collect()
    };
    Some(Share {
        meeting_id: record.id,
        team_id: team,
        week,
        series_id: record.occurrence.as_ref().map(|o| o.series_id),
        status: status.as_str().to_owned(),
        minutes_planned: planned,
        minutes_held: people.iter().map(|p| p.minutes).sum(),
        people,
    })
}

/// The Monday of the ISO week `n` weeks before `day`'s.
fn monday(day: Date, weeks_back: i64) -> Date {
    let offset = i64::from(day.weekday().to_monday_zero_offset());
    day.checked_sub((offset + 7 * weeks_back).days())
        .unwrap_or(day)
}

fn hours(minutes: i64) -> f64 {
    round2(minutes as f64 / 60.0)
}

/// The figures of the last `weeks` ISO weeks (the current one last) in the team's zone; only
/// the team's leads may read them, anyone else is told nothing (404).
pub async fn read(
    state: &AppState,
    actor: &Actor,
    team: TeamId,
    weeks: Option<i64>,
) -> Result<Insights, AppError> {
    let access = teams::authorize(state, actor, team).await?;
    access.require_lead().map_err(|_| AppError::NotFound)?;
    let weeks = match weeks {
        None => WEEKS_DEFAULT,
        Some(n) if (1..=i64::from(WEEKS_MAX)).contains(&n) => n as u32,
        Some(_) => {
            return Err(AppError::invalid(
                "weeks",
                format!("weeks must be a whole number from 1 to {WEEKS_MAX}"),
            ));
        }
    };
    let norms = &access.team.norms;
    let tz = TimeZone::get(&norms.time_zone).unwrap_or(TimeZone::UTC);
    let today = state.now().to_zoned(tz.clone()).date();
    let mondays: Vec<Date> = (0..i64::from(weeks))
        .rev()
        .map(|back| monday(today, back))
        .collect();
    let names: Vec<String> = mondays.iter().map(|d| week_name(*d)).collect();
    let (first, last) = (names[0].clone(), names[names.len() - 1].clone());
    let sums = db::insights::weeks(&state.db, team, &first, &last).await?;
    let rate = norms.hourly_rate;
    let cost = |minutes: i64| rate.map(|r| round2(minutes as f64 / 60.0 * r));
    let week_rows = names
        .iter()
        .map(|name| {
            let s = sums
                .iter()
                .find(|(w, _)| w == name)
                .map(|(_, s)| s.clone())
                .unwrap_or_default();
            let saved = s.minutes_planned - s.minutes_held;
            WeekFigures {
                week: name.clone(),
                held: s.held as u32,
                shortened: s.shortened as u32,
                cancelled: s.cancelled as u32,
                attendee_hours_planned: hours(s.minutes_planned),
                attendee_hours_held: hours(s.minutes_held),
                attendee_hours_saved: hours(saved),
                cost_planned: cost(s.minutes_planned),
                cost_saved: cost(saved),
            }
        })
        .collect();
    let people = people(state, team, &first, &last, weeks).await?;
    let series = series(state, team, &first, &last, weeks, rate).await?;
    let from = mondays[0]
        .to_zoned(tz.clone())
        .map(|z| z.timestamp())
        .unwrap_or_default();
    let to = monday(today, -1)
        .to_zoned(tz)
        .map(|z| z.timestamp())
        .unwrap_or_default();
    let exceptions = db::insights::exceptions(&state.db, team, from, to)
        .await?
        .into_iter()
        .map(|(norm, count)| ExceptionCount {
            norm,
            count: count as u32,
        })
        .collect();
    Ok(Insights {
        weeks: week_rows,
        people,
        series,
        exceptions,
    })
}

/// Each active member's hours a week in meetings (only hours; members with none too), most
/// first.
async fn people(
    state: &AppState,
    team: TeamId,
    first: &str,
    last: &str,
    weeks: u32,
) -> Result<Vec<PersonFigures>, AppError> {
    let minutes = db::insights::people(&state.db, team, first, last).await?;
    let members = db::teams::members(&state.db, team).await?;
    let mut out: Vec<PersonFigures> = members
        .iter()
        .filter(|m| m.status == crate::model::team::MemberStatus::Active)
        .map(|m| {
            let key = email_key(&m.email);
            let total = minutes
                .iter()
                .find(|(email, _, _)| *email == key)
                .map_or(0, |(_, _, n)| *n);
            PersonFigures {
                name: m.name.clone(),
                email: m.email.clone(),
                hours_per_week: round2(total as f64 / 60.0 / f64::from(weeks)),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.hours_per_week
            .total_cmp(&a.hours_per_week)
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(out)
}

/// The team's series, the costliest first: attendee-hours a month over the weeks asked for,
/// their cost, the average score of their answers and what their history advises.
async fn series(
    state: &AppState,
    team: TeamId,
    first: &str,
    last: &str,
    weeks: u32,
    rate: Option<f64>,
) -> Result<Vec<SeriesFigures>, AppError> {
    let records = db::series::for_team(&state.db, team).await?;
    if records.is_empty() {
        return Ok(Vec::new());
    }
    let minutes = db::insights::series(&state.db, team, first, last).await?;
    let ids: Vec<_> = records.iter().map(|r| r.id).collect();
    let scores = db::feedback::series_scores(&state.db, &ids).await?;
    // a month is 365.25 / 12 days: the weeks asked for scaled to one
    let months = f64::from(weeks) * 7.0 / (365.25 / 12.0);
    let mut out: Vec<SeriesFigures> = records
        .iter()
        .map(|r| {
            let held = minutes
                .iter()
                .find(|(s, _)| *s == r.id)
                .map_or(0, |(_, m)| *m);
            let per_month = held as f64 / 60.0 / months;
            let worth_it = scores
                .iter()
                .find(|(s, _, _)| *s == r.id)
                .filter(|(_, n, _)| *n >= SHOWN_FROM)
                .map(|(_, n, total)| round2(f64::from(*total) / f64::from(*n)));
            SeriesFigures {
                series_id: r.id,
                title: r.fields.title.clone(),
                attendee_hours_per_month: round2(per_month),
                cost_per_month: rate.map(|rate| round2(per_month * rate)),
                worth_it,
                advice: r.advice.as_ref().map_or(AdviceKind::Keep, |a| a.kind),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.attendee_hours_per_month
            .total_cmp(&a.attendee_hours_per_month)
            .then_with(|| a.title.cmp(&b.title))
    });
    Ok(out)
}
