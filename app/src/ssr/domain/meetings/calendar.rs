//! The meeting as an iCalendar event: purpose, desired outcome, agenda, links to the brief and
//! the pre-reads; a cancellation once the meeting is cancelled.

use crate::error::AppError;
use crate::model::{AgendaItem, MeetingStatus};
use crate::ssr::db::meetings::MeetingRecord;
use crate::ssr::db::prereads::PrereadRecord;
use crate::ssr::policy::access::Authorized;
use crate::ssr::text::escape::{ics_escaped, ics_param, ics_text, one_line};
use crate::ssr::{AppState, db};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};
use std::fmt::Write;

/// What a calendar file asks of the calendar that reads it (RFC 5546).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A download: add this event.
    Publish,
    /// An invitation by mail.
    Request,
    /// The meeting is off.
    Cancel,
}

/// Who an invitation is from and to (RFC 5546 asks both of a `REQUEST`): `(name, email)`.
/// Only the person it is sent to is listed, so nobody learns the others' addresses.
pub struct Parties<'a> {
    pub organizer: (&'a str, &'a str),
    pub attendee: (&'a str, &'a str),
}

/// The calendar file of a meeting with a start (409 without one).
pub async fn event<A>(state: &AppState, auth: &Authorized<A>) -> Result<String, AppError> {
    let record = auth.meeting();
    if record.fields.starts_at.is_none() {
        return Err(AppError::Conflict(
            "The meeting has no start time yet, so it cannot go in a calendar.".into(),
        ));
    }
    let agenda = db::agenda::list_for_meeting(&state.db, record.id).await?;
    let docs = db::prereads::list_for_meeting(&state.db, record.id).await?;
    let method = if record.status == MeetingStatus::Cancelled {
        Method::Cancel
    } else {
        Method::Publish
    };
    Ok(ics(
        record,
        &agenda,
        &docs,
        &state.config.public_url,
        method,
        None,
    ))
}

/// The calendar file itself. Every person's text goes through `ssr::text::escape` for the property it
/// lands in, so no title or note can add a line, a property or a component of its own.
pub fn ics(
    record: &MeetingRecord,
    agenda: &[AgendaItem],
    docs: &[PrereadRecord],
    base: &str,
    method: Method,
    parties: Option<&Parties>,
) -> String {
    let id = record.id;
    let m = &record.fields;
    let start = m.starts_at.unwrap_or(record.created_at);
    let brief = format!("{base}/meetings/{id}");

    let mut description = format!("{}: {}\n", m.purpose_kind.label(), ics_text(&m.outcome));
    if let Some(why) = m.why_live.as_deref().filter(|w| !w.trim().is_empty()) {
        let _ = writeln!(description, "Why live: {}", ics_text(why));
    }
    let _ = writeln!(description, "\nAgenda:");
    for item in agenda.iter().filter(|i| !i.resolved_async) {
        let title = one_line(&item.title);
        let _ = writeln!(description, "- {title} ({} min)", item.minutes);
    }
    if !docs.is_empty() {
        let _ = writeln!(description, "\nPre-reads:");
        for d in docs {
            let title = one_line(&d.title);
            let _ = writeln!(description, "- {title}: {brief}/prereads/{}", d.id);
        }
    }
    let _ = write!(description, "\nBrief: {brief}");

    let to_chrono = |t: jiff::Timestamp| {
        chrono::DateTime::<chrono::Utc>::from_timestamp(t.as_second(), 0).unwrap_or_default()
    };
    let end = start
        .checked_add(jiff::SignedDuration::from_mins(i64::from(
            m.duration_minutes,
        )))
        .unwrap_or(start);
    let cancelled = method == Method::Cancel;
    // an occurrence is one instance of its series' event: the series' UID and the start its
    // rule gives that date, so a calendar changes or cancels that date alone
    let uid = match &record.occurrence {
        Some(o) => format!("{}@prework", o.series_id),
        None => format!("{id}@prework"),
    };
    let mut event = Event::new();
    if let Some(o) = &record.occurrence {
        event.append_property(local_time("RECURRENCE-ID", o.original_start, &m.time_zone));
    }
    let event = event
        .uid(&uid)
        .summary(&one_line(&m.title))
        .description(&description)
        .starts(to_chrono(start))
        .ends(to_chrono(end))
        .timestamp(to_chrono(record.updated_at))
        .url(&brief)
        // every change to the meeting's row is a new revision for calendar clients
        .add_property("SEQUENCE", record.version.to_string())
        .status(if cancelled {
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        })
        .done();
    let event = match parties {
        Some(parties) => with_parties(event, parties),
        None => event,
    };
    let mut calendar = Calendar::new();
    // The library writes these two verbatim: they get the full TEXT escaping here.
    let name = ics_escaped(&m.title);
    calendar
        .append_property(Property::new("NAME", &name))
        .append_property(Property::new("X-WR-CALNAME", &name))
        .append_property((
            "METHOD",
            match method {
                Method::Publish => "PUBLISH",
                Method::Request => "REQUEST",
                Method::Cancel => "CANCEL",
            },
        ))
        .push(event);
    calendar.done().to_string()
}

/// A date-time property in the zone's local time (`TZID`), or in UTC for UTC itself: the form
/// recurrence needs, since a rule repeats the local time across offset changes.
fn local_time(name: &str, at: jiff::Timestamp, zone: &str) -> Property {
    if zone == "UTC" {
        return Property::new(name, at.strftime("%Y%m%dT%H%M%SZ").to_string());
    }
    let tz = jiff::tz::TimeZone::get(zone).unwrap_or(jiff::tz::TimeZone::UTC);
    let local = at.to_zoned(tz).strftime("%Y%m%dT%H%M%S").to_string();
    let mut p = Property::new(name, local);
    p.add_parameter("TZID", zone);
    p
}

/// What a series' calendar entry is made of.
pub struct SeriesCalendar<'a> {
    pub record: &'a crate::ssr::db::series::SeriesRecord,
    pub schedule: &'a crate::model::recurrence::Schedule,
    /// Its occurrences made so far, any order.
    pub occurrences: &'a [crate::ssr::db::occurrences::OccurrenceRow],
    /// Dates skipped ahead of time.
    pub skips: &'a [jiff::civil::Date],
}

/// The series as one calendar event: its rule (`RRULE` with `UNTIL` at its end date, or the day
/// it was ended), an `EXDATE` for each skipped or cancelled date, and a `RECURRENCE-ID`
/// override for each occurrence whose start or title differs from the series'.
pub fn series_ics(
    cal: &SeriesCalendar,
    base: &str,
    method: Method,
    parties: Option<&Parties>,
) -> String {
    use crate::model::series::Frequency;
    let record = cal.record;
    let f = &record.fields;
    let zone = f.time_zone.as_str();
    let page = format!("{base}/series/{}", record.id);
    let uid = format!("{}@prework", record.id);
    let to_chrono = |t: jiff::Timestamp| {
        chrono::DateTime::<chrono::Utc>::from_timestamp(t.as_second(), 0).unwrap_or_default()
    };
    let minutes = jiff::SignedDuration::from_mins(i64::from(f.duration_minutes));
    let first = cal.schedule.first_date();
    let start = first.map_or(f.first_starts_at, |d| cal.schedule.start_of(d));
    let until = cal
        .schedule
        .ends_on()
        .to_datetime(jiff::civil::time(23, 59, 59, 0))
        .to_zoned(cal.schedule.zone().clone())
        .map(|z| z.timestamp())
        .unwrap_or(start);
    let mut rule = match f.recurrence.frequency {
        Frequency::Weekly => {
            let days: Vec<&str> = f
                .recurrence
                .weekdays
                .iter()
                .map(|d| {
                    ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
                        [usize::from(d.saturating_sub(1)).min(6)]
                })
                .collect();
            format!(
                "FREQ=WEEKLY;INTERVAL={};BYDAY={};WKST=MO",
                f.recurrence.interval,
                days.join(",")
            )
        }
        Frequency::Monthly => {
            let day = cal.schedule.first_local().day();
            // the first start's day, or the month's last day in a shorter month
            let by_day = if day > 28 {
                let days: Vec<String> = (28..=day).map(|d| d.to_string()).collect();
                format!("BYMONTHDAY={};BYSETPOS=-1", days.join(","))
            } else {
                format!("BYMONTHDAY={day}")
            };
            format!("FREQ=MONTHLY;INTERVAL={};{by_day}", f.recurrence.interval)
        }
    };
    rule.push_str(&format!(";UNTIL={}", until.strftime("%Y%m%dT%H%M%SZ")));

    let mut description = format!("{}: {}\n", f.purpose_kind.label(), ics_text(&f.outcome));
    let _ = write!(
        description,
        "\n{}\nSeries: {page}",
        ics_text(&f.recurrence.describe())
    );
    let mut event = Event::new();
    event
        .uid(&uid)
        .summary(&one_line(&f.title))
        .description(&description)
        .timestamp(to_chrono(record.updated_at))
        .url(&page)
        .add_property("SEQUENCE", record.version.to_string())
        .add_property("RRULE", rule)
        .status(EventStatus::Confirmed);
    event.append_property(local_time("DTSTART", start, zone));
    event.append_property(local_time(
        "DTEND",
        start.checked_add(minutes).unwrap_or(start),
        zone,
    ));
    let mut off: Vec<jiff::civil::Date> = cal.skips.to_vec();
    off.extend(
        cal.occurrences
            .iter()
            .filter(|o| o.status == MeetingStatus::Cancelled)
            .map(|o| o.date),
    );
    off.sort_unstable();
    off.dedup();
    for date in off.iter().filter(|d| cal.schedule.is_date(**d)) {
        event.append_multi_property(local_time("EXDATE", cal.schedule.start_of(*date), zone));
    }
    let mut event = event.done();
    if let Some(parties) = parties {
        event = with_parties(event, parties);
    }
    let mut calendar = Calendar::new();
    let name = ics_escaped(&f.title);
    calendar
        .append_property(Property::new("NAME", &name))
        .append_property(Property::new("X-WR-CALNAME", &name))
        .append_property((
            "METHOD",
            match method {
                Method::Publish => "PUBLISH",
                Method::Request => "REQUEST",
                Method::Cancel => "CANCEL",
            },
        ))
        .push(event);
    for o in cal
        .occurrences
        .iter()
        .filter(|o| o.status != MeetingStatus::Cancelled)
    {
        let at = o.starts_at.unwrap_or(o.original_start);
        if at == o.original_start && o.title == f.title {
            continue;
        }
        let mut moved = Event::new();
        moved
            .uid(&uid)
            .summary(&one_line(&o.title))
            .timestamp(to_chrono(record.updated_at))
            .url(&format!("{base}/meetings/{}", o.meeting_id))
            .add_property("SEQUENCE", record.version.to_string());
        moved.append_property(local_time("RECURRENCE-ID", o.original_start, zone));
        moved.append_property(local_time("DTSTART", at, zone));
        moved.append_property(local_time(
            "DTEND",
            at.checked_add(jiff::SignedDuration::from_mins(i64::from(
                o.duration_minutes,
            )))
            .unwrap_or(at),
            zone,
        ));
        calendar.push(moved.done());
    }
    calendar.done().to_string()
}

/// `ORGANIZER` and `ATTENDEE` as calendar addresses. Prework takes no replies (`RSVP=FALSE`):
/// whether someone comes is what the brief asks, not the calendar.
fn with_parties(mut event: Event, parties: &Parties) -> Event {
    let address = |email: &str| {
        let email: String = email
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect();
        format!("mailto:{email}")
    };
    let (name, email) = parties.organizer;
    let mut organizer = Property::new("ORGANIZER", address(email));
    organizer.add_parameter("CN", &ics_param(name));
    let (name, email) = parties.attendee;
    let mut attendee = Property::new("ATTENDEE", address(email));
    attendee
        .add_parameter("CN", &ics_param(name))
        .add_parameter("ROLE", "REQ-PARTICIPANT")
        .add_parameter("PARTSTAT", "NEEDS-ACTION")
        .add_parameter("RSVP", "FALSE");
    event.append_property(organizer);
    event.append_property(attendee);
    event.done()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_cannot_break_out_of_its_parameter() {
        let event = with_parties(
            Event::new().uid("x@prework").done(),
            &Parties {
                organizer: ("Olga \"Boss\"\r\nX-EVIL:1", "olga@example.com"),
                attendee: ("Dana; ROLE=CHAIR", "dana@example.com\r\nX-EVIL:2"),
            },
        );
        let text = Calendar::new().push(event).done().to_string();
        let unfolded = text.replace("\r\n ", "");
        assert!(!unfolded.lines().any(|l| l.starts_with("X-EVIL")));
        assert!(unfolded.contains("ORGANIZER;CN=\"Olga 'Boss' X-EVIL:1\":mailto:olga@example.com"));
        assert!(unfolded.contains("CN=\"Dana; ROLE=CHAIR\""));
        assert!(unfolded.contains(":mailto:dana@example.comX-EVIL:2"));
        assert!(unfolded.contains("RSVP=FALSE"));
    }
}
