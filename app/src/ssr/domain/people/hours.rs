//! Everyone's working hours placed on the meeting's own clock, with the time-zone database
//! (daylight saving included), which the browser bundle does not carry; the verdict engine then
//! only intersects spans.

use crate::model::TimeOfDay;
use crate::ssr::db::attendees::AttendeeRecord;
use crate::verdict::{DayHours, PersonHours, Span};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

/// Working hours when a person has none of their own (PRODUCT.md).
const DEFAULT_START: TimeOfDay = TimeOfDay::hm(9, 0);
const DEFAULT_END: TimeOfDay = TimeOfDay::hm(17, 0);

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
                offset: i32::from(start.minutes) - span.start,
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
    use crate::model::{MeetingId, Role};
    use crate::verdict;

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
                work_days: Default::default(),
            },
            notifications: Default::default(),
            ready: false,
            not_needed: false,
            created_at: Timestamp::UNIX_EPOCH,
            invited: true,
            version: 1,
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
