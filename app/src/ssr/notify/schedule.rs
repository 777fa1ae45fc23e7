//! When a message may go: inside the recipient's working hours, on their working days, in
//! their time zone (DST-correct through jiff). A message due outside them is held until their
//! next working window opens; retries back off exponentially.

use crate::model::{TimeOfDay, WorkDays};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, ToSpan};

/// Working hours when a person gave none: 09:00 to 17:00.
pub const DEFAULT_START: TimeOfDay = TimeOfDay::hm(9, 0);
pub const DEFAULT_END: TimeOfDay = TimeOfDay::hm(17, 0);

/// Someone's working week.
#[derive(Debug, Clone)]
pub struct Hours {
    pub zone: TimeZone,
    pub start: TimeOfDay,
    pub end: TimeOfDay,
    pub days: WorkDays,
}

impl Hours {
    /// The hours of a person: their own zone (else `fallback_zone`), their own hours (else
    /// 09:00 to 17:00) and working days.
    pub fn of(
        zone: Option<&str>,
        fallback_zone: &str,
        start: Option<TimeOfDay>,
        end: Option<TimeOfDay>,
        days: &WorkDays,
    ) -> Self {
        let zone = zone
            .and_then(|z| TimeZone::get(z).ok())
            .or_else(|| TimeZone::get(fallback_zone).ok())
            .unwrap_or(TimeZone::UTC);
        let (start, end) = match (start, end) {
            (Some(s), Some(e)) if s != e => (s, e),
            _ => (DEFAULT_START, DEFAULT_END),
        };
        Self {
            zone,
            start,
            end,
            days: days.clone(),
        }
    }

    /// An attendee's hours; their meeting's zone when they gave none.
    pub fn of_attendee(
        person: &crate::model::attendee::AttendeeFields,
        meeting_zone: &str,
    ) -> Self {
        Self::of(
            person.time_zone.as_deref(),
            meeting_zone,
            person.work_start,
            person.work_end,
            &person.work_days,
        )
    }

    /// An organizer's hours; the meeting's zone when they gave none.
    pub fn of_organizer(profile: &crate::model::Profile, meeting_zone: &str) -> Self {
        Self::of(
            profile.time_zone.as_deref(),
            meeting_zone,
            profile.work_start,
            profile.work_end,
            &profile.work_days,
        )
    }

    /// The first instant at or after `at` inside a working window. A window that ends past
    /// midnight (22:00 to 06:00) belongs to the day it starts on.
    pub fn next_open(&self, at: Timestamp) -> Timestamp {
        let today = at.to_zoned(self.zone.clone()).date();
        // yesterday's window may still be open (overnight), and a week ahead always has a day
        for offset in -1..=8i64 {
            let Ok(day) = today.checked_add(offset.days()) else {
                continue;
            };
            if !self.days.contains(day.weekday().to_monday_one_offset()) {
                continue;
            }
            let open = self.instant(day, self.start);
            let close_day = if self.end > self.start {
                Some(day)
            } else {
                day.tomorrow().ok()
            };
            let (Some(open), Some(close)) =
                (open, close_day.and_then(|d| self.instant(d, self.end)))
            else {
                continue;
            };
            if at < close {
                return at.max(open);
            }
        }
        at
    }

    /// The instant a local time of day happens on `day` (a time a clock change skips is read
    /// with the offset before the change, so 02:30 on a spring-forward night is 03:30).
    fn instant(&self, day: jiff::civil::Date, time: TimeOfDay) -> Option<Timestamp> {
        let hour = i8::try_from(time.minutes / 60).ok()?;
        let minute = i8::try_from(time.minutes % 60).ok()?;
        day.at(hour, minute, 0, 0)
            .to_zoned(self.zone.clone())
            .ok()
            .map(|z| z.timestamp())
    }
}

/// How many times a message is tried before it is given up.
pub const ATTEMPTS: u32 = 5;

/// The wait after failed attempt `attempt` (1-based): 2 minutes, 20 minutes, 3 hours, then 20
/// hours, so the five attempts span about a day; `None` once they are spent.
pub fn backoff(attempt: u32) -> Option<SignedDuration> {
    let minutes = match attempt {
        1 => 2,
        2 => 20,
        3 => 180,
        4 => 1_200,
        _ => return None,
    };
    Some(SignedDuration::from_mins(minutes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn hours(zone: &str, start: (u16, u16), end: (u16, u16), days: &[i64]) -> Hours {
        Hours::of(
            Some(zone),
            "UTC",
            Some(TimeOfDay::hm(start.0, start.1)),
            Some(TimeOfDay::hm(end.0, end.1)),
            &WorkDays::try_from(days.to_vec()).unwrap(),
        )
    }

    #[test]
    fn inside_the_window_is_now_and_outside_waits_for_the_next_working_morning() {
        let ny = hours("America/New_York", (9, 0), (17, 0), &[1, 2, 3, 4, 5]);
        // Tuesday 2026-12-01 15:00 UTC is 10:00 in New York
        assert_eq!(
            ny.next_open(t("2026-12-01T15:00:00Z")),
            t("2026-12-01T15:00:00Z")
        );
        // 23:00 UTC is 18:00 there: wait for Wednesday 09:00 (14:00 UTC)
        assert_eq!(
            ny.next_open(t("2026-12-01T23:00:00Z")),
            t("2026-12-02T14:00:00Z")
        );
        // Friday evening waits for Monday
        assert_eq!(
            ny.next_open(t("2026-12-04T23:30:00Z")),
            t("2026-12-07T14:00:00Z")
        );
    }

    #[test]
    fn holds_land_on_the_right_instant_across_daylight_saving_changes() {
        // Berlin springs forward on Sunday 2026-03-29: Friday evening waits for Monday 09:00,
        // which is 07:00 UTC after the change (08:00 UTC before it)
        let berlin = hours("Europe/Berlin", (9, 0), (17, 0), &[1, 2, 3, 4, 5]);
        assert_eq!(
            berlin.next_open(t("2026-03-27T17:30:00Z")),
            t("2026-03-30T07:00:00Z")
        );
        // New York falls back on Sunday 2026-11-01: Monday 09:00 is 14:00 UTC, not 13:00
        let ny = hours("America/New_York", (9, 0), (17, 0), &[1, 2, 3, 4, 5]);
        assert_eq!(
            ny.next_open(t("2026-10-30T22:00:00Z")),
            t("2026-11-02T14:00:00Z")
        );
        // a window starting inside the skipped hour (02:30) opens as clocks read 03:30
        let early = hours("Europe/Berlin", (2, 30), (6, 0), &[7]);
        assert_eq!(
            early.next_open(t("2026-03-28T12:00:00Z")),
            t("2026-03-29T01:30:00Z")
        );
    }

    #[test]
    fn overnight_windows_and_weekend_workers() {
        let night = hours("UTC", (22, 0), (6, 0), &[1, 2, 3, 4, 5]);
        // Tuesday 03:00 is still Monday's shift
        assert_eq!(
            night.next_open(t("2026-12-01T03:00:00Z")),
            t("2026-12-01T03:00:00Z")
        );
        // Tuesday noon waits for Tuesday 22:00
        assert_eq!(
            night.next_open(t("2026-12-01T12:00:00Z")),
            t("2026-12-01T22:00:00Z")
        );
        let weekend = hours("Asia/Tokyo", (10, 0), (18, 0), &[6, 7]);
        // Monday 2026-11-30 waits for Saturday 10:00 in Tokyo (01:00 UTC)
        assert_eq!(
            weekend.next_open(t("2026-11-30T03:00:00Z")),
            t("2026-12-05T01:00:00Z")
        );
    }

    #[test]
    fn five_attempts_over_about_a_day() {
        let total: i64 = (1..ATTEMPTS).filter_map(backoff).map(|d| d.as_mins()).sum();
        assert!((20 * 60..=26 * 60).contains(&total), "{total} minutes");
        assert_eq!(backoff(ATTEMPTS), None);
    }
}
