//! Recurring meetings (PRODUCT.md, "Recurring meetings: every occurrence earns its place"; API.md,
//! "Series and templates"): a series is a template brief with a schedule; each occurrence is a
//! full meeting made from it. This room holds the series' own operations; its dates are in
//! `model::recurrence`, its occurrences' making and the scheduler's part in [`occurrences`], its
//! advice in [`advice`]; the templates it may start from are `domain::templates`.

pub mod advice;
pub mod occurrences;

use crate::error::{AppError, Checks, FieldError};
use crate::model::meeting::{MeetingFields, MeetingInput};
use crate::model::recurrence::Schedule;
use crate::model::series::{
    self as model, Series, SeriesDetail, SeriesFields, SeriesInput, SeriesPage, SeriesStatus,
    Template,
};
use crate::model::team::{Norms, TeamRole};
use crate::model::{MeetingStatus, SeriesId, TeamId, UserId};
use crate::ssr::auth::Actor;
use crate::ssr::db::{self, series::SeriesRecord};
use crate::ssr::domain::paging;
use crate::ssr::runtime::limits::WriterKey;
use crate::ssr::{AppState, text::tz};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

/// The caller's standing with one series: its organizer edits it; a lead of its team reads it.
#[derive(Debug, Clone)]
pub struct SeriesAccess {
    pub record: SeriesRecord,
    pub user: UserId,
    pub organizer: bool,
}

impl SeriesAccess {
    /// Changing a series is its organizer's alone (a reading lead gets 403).
    pub fn require_organizer(&self) -> Result<(), AppError> {
        if self.organizer {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// Reads the series and the caller's standing: 401 without an account, 404 for anyone who
/// may not see it (its existence is never confirmed).
pub async fn authorize(
    state: &AppState,
    actor: &Actor,
    id: SeriesId,
) -> Result<SeriesAccess, AppError> {
    let user = actor.organizer().map_err(|e| match e {
        AppError::Forbidden => AppError::NotFound,
        other => other,
    })?;
    let record = db::series::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if record.organizer_id == user {
        return Ok(SeriesAccess {
            record,
            user,
            organizer: true,
        });
    }
    let lead = match record.team_id {
        Some(team) => db::teams::get_for_member(&state.db, team, user)
            .await?
            .is_some_and(|(_, role)| role == TeamRole::Lead),
        None => false,
    };
    if !lead {
        return Err(AppError::NotFound);
    }
    Ok(SeriesAccess {
        record,
        user,
        organizer: false,
    })
}

/// The schedule of a series as stored (an ended one stops on its end day).
pub fn schedule_of(record: &SeriesRecord) -> Schedule {
    record.schedule()
}

/// A team's defaults and norms, for a member of it (any other team is as unknown as one that
/// does not exist).
async fn team_norms(
    state: &AppState,
    team: Option<TeamId>,
    user: UserId,
) -> Result<Option<Norms>, AppError> {
    let Some(team) = team else {
        return Ok(None);
    };
    let (team, _) = db::teams::get_for_member(&state.db, team, user)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Some(team.norms))
}

/// The series' fields as a meeting's, so its brief is checked by the rules a meeting's is.
fn as_meeting(f: &SeriesFields) -> MeetingFields {
    MeetingFields {
        title: f.title.clone(),
        purpose_kind: f.purpose_kind,
        outcome: f.outcome.clone(),
        why_live: f.why_live.clone(),
        starts_at: Some(f.first_starts_at),
        duration_minutes: f.duration_minutes,
        time_zone: f.time_zone.clone(),
        response_deadline: None,
        anonymous: f.anonymous,
        hourly_rate_cents: f.hourly_rate_cents,
        reminder_hours: crate::model::meeting::REMINDER_HOURS_DEFAULT,
    }
}

/// The fields `input` asks for: over `base` for a `PATCH`, else from nothing but the
/// template's and the team's defaults. Every problem is reported at once.
fn merge(
    input: SeriesInput,
    base: Option<&SeriesFields>,
    template: Option<&Template>,
    norms: Option<&Norms>,
    now: Timestamp,
) -> Result<SeriesFields, AppError> {
    let mut checks = Checks::default();
    let first_starts_at = match base {
        Some(b) => Some(b.first_starts_at),
        None => {
            checks.check(
                input.first_starts_at.is_some(),
                "first_starts_at",
                "Enter the first start",
            );
            if let Some(first) = input.first_starts_at
                && first < now
            {
                checks.add("first_starts_at", "The first start must be in the future");
            }
            input.first_starts_at
        }
    };
    let meeting = MeetingInput {
        title: input
            .title
            .or_else(|| template.and_then(|t| t.title.clone())),
        purpose_kind: input.purpose_kind.or(template.map(|t| t.purpose_kind)),
        outcome: input
            .outcome
            .or_else(|| template.map(|t| t.outcome.clone())),
        why_live: input
            .why_live
            .or_else(|| template.map(|t| t.why_live.clone())),
        starts_at: Some(first_starts_at),
        duration_minutes: input
            .duration_minutes
            .or(template.map(|t| i64::from(t.duration_minutes))),
        time_zone: input
            .time_zone
            .map(|z| z.trim().to_owned())
            .or_else(|| base.is_none().then(|| norms.map(|n| n.time_zone.clone()))?),
        anonymous: input.anonymous.or_else(|| {
            base.is_none()
                .then(|| norms.map(|n| n.anonymous_by_default))?
        }),
        hourly_rate: input
            .hourly_rate
            .or_else(|| base.is_none().then(|| norms.map(|n| n.hourly_rate))?),
        ..MeetingInput::default()
    };
    if let Some(zone) = &meeting.time_zone {
        tz::check("time_zone", zone)?;
    }
    let brief = match base {
        Some(b) => meeting.apply_to(as_meeting(b)),
        None => meeting.into_new(),
    };
    // the schedule, checked in the series' zone
    let zone_name = brief
        .as_ref()
        .map(|f| f.time_zone.clone())
        .unwrap_or_else(|_| "UTC".to_owned());
    let zone = TimeZone::get(&zone_name).unwrap_or(TimeZone::UTC);
    let first_weekday = first_starts_at
        .map(|f| f.to_zoned(zone.clone()).weekday().to_monday_one_offset() as u8)
        .unwrap_or(1);
    let recurrence = match (input.recurrence, base) {
        (Some(r), _) => r.checked(first_weekday, &mut checks),
        (None, Some(b)) => Some(b.recurrence.clone()),
        (None, None) => {
            checks.add("recurrence", "Choose how the series repeats");
            None
        }
    };
    let ends_on = input.ends_on.or(base.map(|b| b.ends_on));
    checks.check(ends_on.is_some(), "ends_on", "Enter the end date");
    if let (Some(first), Some(ends)) = (first_starts_at, ends_on) {
        let first_day = first.to_zoned(zone.clone()).date();
        let last_day = first_day
            .checked_add(model::SPAN_DAYS_MAX.days())
            .unwrap_or(first_day);
        if ends < first_day {
            checks.add(
                "ends_on",
                "The end date must be on or after the first start",
            );
        } else if ends > last_day {
            checks.add(
                "ends_on",
                format!(
                    "The end date may be at most {} days after the first start",
                    model::SPAN_DAYS_MAX
                ),
            );
        } else if let Some(rule) = &recurrence
            && Schedule::new(zone.clone(), first, rule.clone(), ends)
                .first_date()
                .is_none()
        {
            checks.add(
                "ends_on",
                "No date of the series falls between the first start and the end date",
            );
        }
    }
    let mut problems: Vec<FieldError> = Vec::new();
    let agenda = match (input.agenda, base) {
        (Some(items), _) => model::checked_agenda(items, &mut problems),
        (None, Some(b)) => b.agenda.clone(),
        (None, None) => template.map(|t| t.agenda.clone()).unwrap_or_default(),
    };
    let prereads = match (input.prereads, base) {
        (Some(docs), _) => model::checked_prereads(docs, &mut problems),
        (None, Some(b)) => b.prereads.clone(),
        (None, None) => template.map(|t| t.prereads.clone()).unwrap_or_default(),
    };
    let attendees = match (input.attendees, base) {
        (Some(people), _) => model::checked_people(people, &mut problems),
        (None, Some(b)) => b.attendees.clone(),
        (None, None) => Vec::new(),
    };
    for (i, person) in attendees.iter().enumerate() {
        if let Some(zone) = &person.time_zone {
            tz::check(&format!("attendees[{i}].time_zone"), zone)?;
        }
    }
    for p in problems {
        checks.add(&p.field, p.message);
    }
    let brief = checks.merge(brief)?;
    let (Some(first_starts_at), Some(recurrence), Some(ends_on)) =
        (first_starts_at, recurrence, ends_on)
    else {
        return Err(AppError::Internal);
    };
    Ok(SeriesFields {
        title: brief.title,
        purpose_kind: brief.purpose_kind,
        outcome: brief.outcome,
        why_live: brief.why_live,
        duration_minutes: brief.duration_minutes,
        time_zone: brief.time_zone,
        first_starts_at,
        recurrence,
        ends_on,
        auto_circulate: input
            .auto_circulate
            .unwrap_or(base.is_none_or(|b| b.auto_circulate)),
        anonymous: brief.anonymous,
        hourly_rate_cents: brief.hourly_rate_cents,
        agenda,
        attendees,
        prereads,
    })
}

/// Starts a series, with its first occurrence, in one transaction.
pub async fn create(
    state: &AppState,
    actor: &Actor,
    input: SeriesInput,
) -> Result<SeriesDetail, AppError> {
    let user = actor.organizer()?;
    state.limits.check_write(WriterKey::User(user))?;
    let norms = team_norms(state, input.team_id, user).await?;
    let template = match input.template_id {
        Some(id) => Some(crate::ssr::domain::templates::get(state, actor, id).await?),
        None => None,
    };
    let now = state.now();
    let team_id = input.team_id;
    let fields = merge(input, None, template.as_ref(), norms.as_ref(), now)?;
    let record = SeriesRecord {
        id: SeriesId::new(),
        organizer_id: user,
        team_id,
        fields,
        status: SeriesStatus::Active,
        ended_on: None,
        advice: None,
        check_at: now,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let first = occurrences::next_for(state, &record, None, norms.as_ref(), now).await?;
    // the scheduler looks again once the first occurrence is over
    let record = SeriesRecord {
        check_at: first.as_ref().map_or(now, |o| o.check_at),
        ..record
    };
    db::series::insert(&state.db, &record, first.as_ref()).await?;
    detail(state, &record).await
}

/// Which page of which series a list asks for.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub team_id: Option<TeamId>,
    pub cursor: Option<String>,
    pub limit: Option<u32>,
}

/// One page of the caller's series (a team's, with `team_id`: all of them for its lead).
pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: ListFilter,
) -> Result<SeriesPage, AppError> {
    let user = actor.organizer()?;
    let scope = match filter.team_id {
        Some(team) => {
            let access = crate::ssr::domain::teams::authorize(state, actor, team).await?;
            db::series::ListScope::Team {
                team,
                user,
                lead: access.role == TeamRole::Lead,
            }
        }
        None => db::series::ListScope::Organizer(user),
    };
    let after = filter
        .cursor
        .as_deref()
        .map(paging::Cursor::parse)
        .transpose()?
        .map(|c| (c.at, SeriesId(c.id)));
    let limit = filter
        .limit
        .unwrap_or(paging::PAGE_DEFAULT)
        .clamp(1, paging::PAGE_MAX);
    let (records, next) = db::series::list_page(&state.db, &scope, after, limit).await?;
    // the page's occurrences and skipped dates in two queries, not two per series
    let ids: Vec<SeriesId> = records.iter().map(|r| r.id).collect();
    let occurrences = db::occurrences::occurrences_of(&state.db, &ids).await?;
    let skips = db::series::skips_of(&state.db, &ids).await?;
    let now = state.now();
    let series = records
        .iter()
        .map(|record| {
            let mine: Vec<_> = occurrences
                .iter()
                .filter(|(s, _)| *s == record.id)
                .map(|(_, o)| o.clone())
                .collect();
            let skipped: Vec<Date> = skips
                .iter()
                .filter(|(s, _)| *s == record.id)
                .map(|(_, d)| *d)
                .collect();
            view_with(record, &mine, &skipped, now)
        })
        .collect();
    Ok(SeriesPage {
        series,
        next_cursor: next.map(|(at, id)| paging::Cursor { at, id: id.0 }.to_string()),
    })
}

/// The series as its answers show it: its next occurrence and its skipped dates included.
fn view_with(
    record: &SeriesRecord,
    occurrences: &[db::occurrences::OccurrenceRow],
    skips: &[Date],
    now: Timestamp,
) -> Series {
    let f = &record.fields;
    let next = occurrences
        .first()
        .filter(|o| !occurrences::is_over(o, now))
        .map(|o| model::NextOccurrence {
            meeting_id: o.meeting_id,
            starts_at: o.starts_at.unwrap_or(o.original_start),
            occurrence_date: o.date,
            status: o.status,
        });
    let mut skipped: Vec<Date> = skips.to_vec();
    skipped.extend(
        occurrences
            .iter()
            .filter(|o| o.status == MeetingStatus::Cancelled)
            .map(|o| o.date),
    );
    skipped.sort_unstable();
    skipped.dedup();
    Series {
        id: record.id,
        team_id: record.team_id,
        organizer_id: record.organizer_id,
        title: f.title.clone(),
        purpose_kind: f.purpose_kind,
        outcome: f.outcome.clone(),
        why_live: f.why_live.clone(),
        duration_minutes: f.duration_minutes,
        time_zone: f.time_zone.clone(),
        first_starts_at: f.first_starts_at,
        recurrence: f.recurrence.clone(),
        ends_on: f.ends_on,
        auto_circulate: f.auto_circulate,
        anonymous: f.anonymous,
        hourly_rate: f.hourly_rate_cents.map(|c| c as f64 / 100.0),
        agenda: f.agenda.clone(),
        attendees: f.attendees.iter().map(model::SeriesPerson::from).collect(),
        prereads: f.prereads.clone(),
        status: record.status,
        ended_on: record.ended_on,
        // an ended series has no next occurrence, even one still circulating (API.md)
        next: if record.status == SeriesStatus::Ended {
            None
        } else {
            next
        },
        skipped,
        created_at: record.created_at,
        updated_at: record.updated_at,
    }
}

/// The series with its history (the occurrences that are over or decided, newest first) and
/// what that history advises.
pub async fn detail(state: &AppState, record: &SeriesRecord) -> Result<SeriesDetail, AppError> {
    let rows = db::occurrences::occurrences(&state.db, record.id).await?;
    let skips = db::series::skips(&state.db, record.id).await?;
    let now = state.now();
    let series = view_with(record, &rows, &skips, now);
    let (history, advice) = occurrences::history(state, record, &rows).await?;
    Ok(SeriesDetail {
        series,
        history,
        advice,
    })
}

/// Changes the series: what occurrences not yet made are made from, and the next one while it
/// is a draft.
pub async fn update(
    state: &AppState,
    access: SeriesAccess,
    input: SeriesInput,
) -> Result<SeriesDetail, AppError> {
    access.require_organizer()?;
    state.limits.check_write(WriterKey::User(access.user))?;
    // sent as they are (a whole body sent back), they change nothing; anything else is refused
    if input.team_id.is_some() && input.team_id != access.record.team_id {
        return Err(AppError::validation(
            "team_id",
            "A series stays with the team it was made for",
        ));
    }
    if input
        .first_starts_at
        .is_some_and(|f| f != access.record.fields.first_starts_at)
    {
        return Err(AppError::validation(
            "first_starts_at",
            "The first start cannot change; end this series and start another",
        ));
    }
    if input.template_id.is_some() {
        return Err(AppError::validation(
            "template_id",
            "A template starts a series; it cannot be applied to one",
        ));
    }
    let input = SeriesInput {
        team_id: None,
        first_starts_at: None,
        ..input
    };
    let now = state.now();
    let record = db::series::update(&state.db, access.record.id, now, |current| {
        merge(input.clone(), Some(&current.fields), None, None, now)
    })
    .await?;
    occurrences::refresh_draft(state, &record, &input).await?;
    detail(state, &record).await
}

/// Skips one date of the series: not made when it is still ahead, cancelled (as with a
/// decision) when it was made already. The series goes on.
pub async fn skip(
    state: &AppState,
    actor: &Actor,
    access: SeriesAccess,
    date: Date,
) -> Result<SeriesDetail, AppError> {
    access.require_organizer()?;
    state.limits.check_write(WriterKey::User(access.user))?;
    let schedule = schedule_of(&access.record);
    if !schedule.is_date(date) {
        return Err(AppError::validation(
            "date",
            format!("{date} is not a date of this series"),
        ));
    }
    let now = state.now();
    let rows = db::occurrences::occurrences(&state.db, access.record.id).await?;
    match rows.iter().find(|o| o.date == date) {
        Some(made) => occurrences::cancel(state, actor, made, "Skipped: this date is off.").await?,
        None if schedule.start_of(date) <= now => {
            return Err(AppError::validation(
                "date",
                format!("{date} has passed; only a date ahead can be skipped"),
            ));
        }
        None => {}
    }
    db::series::add_skip(&state.db, access.record.id, date).await?;
    db::series::check_at(&state.db, access.record.id, now).await?;
    occurrences::advance(state, access.record.id).await?;
    let record = db::series::get(&state.db, access.record.id)
        .await?
        .ok_or(AppError::NotFound)?;
    detail(state, &record).await
}

/// Ends the series today (its history is kept): no occurrence is made after this; the next
/// one is cancelled unless it is already circulating. Ending it again changes nothing.
pub async fn end(
    state: &AppState,
    actor: &Actor,
    access: SeriesAccess,
) -> Result<SeriesDetail, AppError> {
    access.require_organizer()?;
    state.limits.check_write(WriterKey::User(access.user))?;
    let now = state.now();
    let schedule = schedule_of(&access.record);
    let today = schedule.date_of(now);
    if db::series::end(&state.db, access.record.id, today, now).await? {
        let rows = db::occurrences::occurrences(&state.db, access.record.id).await?;
        if let Some(next) = rows
            .first()
            .filter(|o| o.status == MeetingStatus::Draft && !occurrences::is_over(o, now))
        {
            occurrences::cancel(state, actor, next, "The series has ended.").await?;
        }
    }
    let record = db::series::get(&state.db, access.record.id)
        .await?
        .ok_or(AppError::NotFound)?;
    detail(state, &record).await
}

/// The series' calendar: one event with its recurrence, skipped dates and moved occurrences.
pub async fn calendar(state: &AppState, access: &SeriesAccess) -> Result<String, AppError> {
    let rows = db::occurrences::occurrences(&state.db, access.record.id).await?;
    let skips = db::series::skips(&state.db, access.record.id).await?;
    Ok(crate::ssr::domain::meetings::calendar::series_ics(
        &crate::ssr::domain::meetings::calendar::SeriesCalendar {
            record: &access.record,
            schedule: &schedule_of(&access.record),
            occurrences: &rows,
            skips: &skips,
        },
        &state.config.public_url,
        crate::ssr::domain::meetings::calendar::Method::Publish,
        None,
    ))
}
