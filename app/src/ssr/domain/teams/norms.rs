//! A team meeting held to its team's norms: the breaches of a brief as it stands, checked on
//! every read (so the brief shows them while it is written) and at circulating, where they
//! refuse the move unless the organizer records why.

use crate::error::AppError;
use crate::model::team::{BriefFacts, NormBreach, Norms, NormsInput, breaches};
use crate::ssr::AppState;
use crate::ssr::db::{self, meetings::MeetingRecord, rows::MeetingRows};
use jiff::Timestamp;
use jiff::tz::TimeZone;

/// `input` merged onto `current`, every rule checked, the zone against the time-zone database.
pub fn checked(input: Option<NormsInput>, current: Norms) -> Result<Norms, AppError> {
    let Some(input) = input else {
        return Ok(current);
    };
    if let Some(zone) = &input.time_zone {
        super::check_zone(zone.trim())?;
    }
    input.apply_to(current)
}

/// The norms the meeting is held to: its team's, or none for a personal meeting.
pub async fn of_meeting(
    state: &AppState,
    record: &MeetingRecord,
) -> Result<Option<Norms>, AppError> {
    let Some(team) = record.team_id else {
        return Ok(None);
    };
    Ok(db::teams::get(&state.db, team).await?.map(|t| t.norms))
}

/// What the norms are checked against, from the meeting's rows; windows run from when it
/// circulated, or from `now` for a draft.
pub fn facts(
    norms: &Norms,
    record: &MeetingRecord,
    rows: &MeetingRows,
    now: Timestamp,
) -> BriefFacts {
    let f = &record.fields;
    BriefFacts {
        invitees: rows.invited().count() as u32,
        duration_minutes: f.duration_minutes,
        purpose_kind: f.purpose_kind,
        prereads: rows.prereads.len() as u32,
        starts_at: f.starts_at,
        response_deadline: f.response_deadline,
        from: record.circulated_at.unwrap_or(now),
        start_weekday: start_weekday(norms, f.starts_at),
    }
}

/// The ISO weekday (1 = Monday) a start falls on in the team's zone, where its no-meeting days
/// are counted.
pub fn start_weekday(norms: &Norms, starts_at: Option<Timestamp>) -> Option<u8> {
    let zone = TimeZone::get(&norms.time_zone).unwrap_or(TimeZone::UTC);
    starts_at.map(|s| s.to_zoned(zone).weekday().to_monday_one_offset() as u8)
}

/// Every norm the meeting breaks as it stands (none outside a team).
pub fn of(
    norms: Option<&Norms>,
    record: &MeetingRecord,
    rows: &MeetingRows,
    now: Timestamp,
) -> Vec<NormBreach> {
    match norms {
        Some(n) => breaches(n, &facts(n, record, rows, now)),
        None => Vec::new(),
    }
}

/// A person's hours as the team assumes them: its zone and core hours where they gave none.
pub fn fill_hours(norms: &Norms, person: &mut crate::model::attendee::AttendeeFields) {
    if person.time_zone.is_none() {
        person.time_zone = Some(norms.time_zone.clone());
    }
    if person.work_start.is_none() || person.work_end.is_none() {
        person.work_start = Some(norms.core_start);
        person.work_end = Some(norms.core_end);
    }
}
