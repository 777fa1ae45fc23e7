//! The dates of a series and the start of each (PRODUCT.md, "Recurring meetings"). Pure: a
//! series' rule and zone in, dates and instants out, so the rules below are tested on their own
//! (the zone comes from the server's time-zone database; the browser never calls this).
//!
//! The rules where the contract is silent:
//! - A date is a day in the series' zone; the occurrences are the dates of the rule on or after
//!   the first start's date and on or before `ends_on`.
//! - Weekly: weeks are counted from the Monday of the first start's week (that week is week 0);
//!   a date is an occurrence when its weekday is one of the series' and its week is a multiple
//!   of the interval (RFC 5545's `WKST=MO`).
//! - Monthly: on the first start's day of the month, every `interval` months from its month;
//!   in a month too short for it (the 31st in April, the 30th in February) on the month's last
//!   day, so no month of the rule is ever missed.
//! - Every occurrence starts at the first start's local time of day, in the series' zone,
//!   whatever the offset that day (10:00 stays 10:00 across both DST changes). A time that does
//!   not exist that day (the spring gap) moves forward by the gap's length; a time that happens
//!   twice (the autumn fold) is the first of the two (jiff's `compatible` choice, RFC 5545's).

use crate::model::series::{Frequency, Recurrence};
use jiff::civil::{Date, DateTime, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

/// A series' schedule: its rule placed in its zone from its first start.
#[derive(Debug, Clone)]
pub struct Schedule {
    zone: TimeZone,
    /// The first start, in the series' zone.
    first: DateTime,
    rule: Recurrence,
    ends_on: Date,
}

impl Schedule {
    pub fn new(
        zone: TimeZone,
        first_starts_at: Timestamp,
        rule: Recurrence,
        ends_on: Date,
    ) -> Self {
        let first = first_starts_at.to_zoned(zone.clone()).datetime();
        Self {
            zone,
            first,
            rule,
            ends_on,
        }
    }

    pub fn zone(&self) -> &TimeZone {
        &self.zone
    }

    pub fn ends_on(&self) -> Date {
        self.ends_on
    }

    /// The same schedule, ending on `date` instead (a series ended early).
    pub fn until(mut self, date: Date) -> Self {
        self.ends_on = self.ends_on.min(date);
        self
    }

    /// The first start's date and local time.
    pub fn first_local(&self) -> DateTime {
        self.first
    }

    /// Whether `date` is one of the series' dates.
    pub fn is_date(&self, date: Date) -> bool {
        let first = self.first.date();
        if date < first || date > self.ends_on {
            return false;
        }
        let interval = i64::from(self.rule.interval.max(1));
        match self.rule.frequency {
            Frequency::Weekly => {
                let weekday = date.weekday().to_monday_one_offset() as u8;
                if !self.rule.weekdays.contains(&weekday) {
                    return false;
                }
                let weeks = days_between(monday_of(first), monday_of(date)) / 7;
                weeks % interval == 0
            }
            Frequency::Monthly => {
                let months = month_index(date) - month_index(first);
                months % interval == 0 && date.day() == clamped_day(first.day(), date)
            }
        }
    }

    /// The first date of the series strictly after `after`, if it has one.
    pub fn next_after(&self, after: Date) -> Option<Date> {
        let first = self.first.date();
        let mut day = if after < first {
            first
        } else {
            after.tomorrow().ok()?
        };
        // at most one interval of four months (or four weeks) lies between two dates
        for _ in 0..=(31 * 4 + 1) {
            if day > self.ends_on {
                return None;
            }
            if self.is_date(day) {
                return Some(day);
            }
            day = day.tomorrow().ok()?;
        }
        None
    }

    /// The first date of the series.
    pub fn first_date(&self) -> Option<Date> {
        let first = self.first.date();
        if self.is_date(first) {
            Some(first)
        } else {
            self.next_after(first)
        }
    }

    /// Every date of the series, in order.
    pub fn dates(&self) -> impl Iterator<Item = Date> + '_ {
        std::iter::successors(self.first_date(), move |d| self.next_after(*d))
    }

    /// When the occurrence on `date` starts: the first start's local time that day.
    pub fn start_of(&self, date: Date) -> Timestamp {
        let local = date.to_datetime(self.first.time());
        // `compatible`: forward through a gap, the earlier of a fold
        self.zone
            .to_ambiguous_zoned(local)
            .compatible()
            .map(|z| z.timestamp())
            .unwrap_or_else(|_| Timestamp::MAX)
    }

    /// The date an instant falls on, in the series' zone.
    pub fn date_of(&self, at: Timestamp) -> Date {
        at.to_zoned(self.zone.clone()).date()
    }
}

fn monday_of(date: Date) -> Date {
    let back = i64::from(date.weekday().since(Weekday::Monday));
    date.checked_sub(back.days()).unwrap_or(date)
}

fn days_between(a: Date, b: Date) -> i64 {
    i64::from(a.until(b).map(|s| s.get_days()).unwrap_or(0))
}

fn month_index(date: Date) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month())
}

/// `day` in `date`'s month, or the month's last day when it is shorter.
fn clamped_day(day: i8, date: Date) -> i8 {
    day.min(date.days_in_month())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    fn weekly(zone: &str, first: &str, interval: u8, weekdays: &[u8], ends: Date) -> Schedule {
        let zone = TimeZone::get(zone).unwrap();
        let first: Timestamp = first.parse().unwrap();
        Schedule::new(
            zone,
            first,
            Recurrence {
                frequency: Frequency::Weekly,
                interval,
                weekdays: weekdays.to_vec(),
            },
            ends,
        )
    }

    fn monthly(zone: &str, first: &str, interval: u8, ends: Date) -> Schedule {
        let zone = TimeZone::get(zone).unwrap();
        let first: Timestamp = first.parse().unwrap();
        Schedule::new(
            zone,
            first,
            Recurrence {
                frequency: Frequency::Monthly,
                interval,
                weekdays: vec![],
            },
            ends,
        )
    }

    fn local(s: &Schedule, d: Date) -> String {
        s.start_of(d)
            .to_zoned(s.zone().clone())
            .strftime("%Y-%m-%d %H:%M %:z")
            .to_string()
    }

    #[test]
    fn ten_o_clock_stays_ten_o_clock_across_both_changes_in_paris() {
        // Monday 2026-03-23 10:00 in Paris (UTC+1); summer time from Sunday 2026-03-29
        let s = weekly(
            "Europe/Paris",
            "2026-03-23T09:00:00Z",
            1,
            &[1],
            date(2026, 11, 2),
        );
        let dates: Vec<Date> = s.dates().collect();
        assert_eq!(dates[0], date(2026, 3, 23));
        assert_eq!(dates[1], date(2026, 3, 30));
        assert_eq!(local(&s, dates[0]), "2026-03-23 10:00 +01:00");
        assert_eq!(local(&s, dates[1]), "2026-03-30 10:00 +02:00");
        // winter time again from Sunday 2026-10-25
        assert_eq!(local(&s, date(2026, 10, 19)), "2026-10-19 10:00 +02:00");
        assert_eq!(local(&s, date(2026, 10, 26)), "2026-10-26 10:00 +01:00");
        assert_eq!(dates.last(), Some(&date(2026, 11, 2)));
    }

    #[test]
    fn and_in_new_york_whose_changes_fall_on_other_weeks() {
        // Thursdays 09:30 in New York; DST from 2026-03-08, back on 2026-11-01
        let s = weekly(
            "America/New_York",
            "2026-03-05T14:30:00Z",
            1,
            &[4],
            date(2026, 11, 12),
        );
        assert_eq!(local(&s, date(2026, 3, 5)), "2026-03-05 09:30 -05:00");
        assert_eq!(local(&s, date(2026, 3, 12)), "2026-03-12 09:30 -04:00");
        assert_eq!(local(&s, date(2026, 10, 29)), "2026-10-29 09:30 -04:00");
        assert_eq!(local(&s, date(2026, 11, 5)), "2026-11-05 09:30 -05:00");
        // while Europe has changed and New York not yet, Paris sees it an hour earlier
        assert_eq!(
            s.start_of(date(2026, 3, 26)).to_string(),
            "2026-03-26T13:30:00Z"
        );
    }

    #[test]
    fn a_time_in_the_spring_gap_moves_forward_and_one_in_the_fold_is_the_first() {
        // daily-ish: Sundays at 02:30 in Paris; 2026-03-29 has no 02:30, 2026-10-25 has two
        let s = weekly(
            "Europe/Paris",
            "2026-03-22T01:30:00Z",
            1,
            &[7],
            date(2026, 12, 31),
        );
        assert_eq!(local(&s, date(2026, 3, 29)), "2026-03-29 03:30 +02:00");
        assert_eq!(local(&s, date(2026, 10, 25)), "2026-10-25 02:30 +02:00");
    }

    #[test]
    fn weeks_count_from_the_first_starts_monday() {
        // every other week on Monday and Thursday, first start on a Thursday
        let s = weekly("UTC", "2026-12-03T10:00:00Z", 2, &[1, 4], date(2027, 1, 31));
        let dates: Vec<Date> = s.dates().collect();
        assert_eq!(
            dates,
            vec![
                date(2026, 12, 3),
                date(2026, 12, 14),
                date(2026, 12, 17),
                date(2026, 12, 28),
                date(2026, 12, 31),
                date(2027, 1, 11),
                date(2027, 1, 14),
                date(2027, 1, 25),
                date(2027, 1, 28),
            ]
        );
        // the Monday of the first week lies before the first start: not a date
        assert!(!s.is_date(date(2026, 11, 30)));
        assert!(!s.is_date(date(2026, 12, 7)));
    }

    #[test]
    fn the_31st_falls_on_the_last_day_of_shorter_months() {
        let s = monthly("Europe/Paris", "2027-01-31T08:00:00Z", 1, date(2027, 6, 30));
        let dates: Vec<Date> = s.dates().collect();
        assert_eq!(
            dates,
            vec![
                date(2027, 1, 31),
                date(2027, 2, 28),
                date(2027, 3, 31),
                date(2027, 4, 30),
                date(2027, 5, 31),
                date(2027, 6, 30),
            ]
        );
        // a leap year's February has its 29th
        let leap = monthly("UTC", "2027-12-30T08:00:00Z", 2, date(2028, 6, 30));
        let dates: Vec<Date> = leap.dates().collect();
        assert_eq!(
            dates,
            vec![
                date(2027, 12, 30),
                date(2028, 2, 29),
                date(2028, 4, 30),
                date(2028, 6, 30)
            ]
        );
    }

    #[test]
    fn the_end_date_is_the_last_possible_day() {
        let s = weekly("UTC", "2026-12-07T10:00:00Z", 1, &[1], date(2026, 12, 21));
        assert_eq!(s.dates().count(), 3);
        assert!(s.is_date(date(2026, 12, 21)));
        assert_eq!(s.next_after(date(2026, 12, 21)), None);
        let ended = s.until(date(2026, 12, 15));
        assert_eq!(ended.dates().count(), 2);
    }

    fn zones() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            Just("Europe/Paris"),
            Just("America/New_York"),
            Just("Australia/Sydney"),
            Just("UTC")
        ]
    }

    proptest! {
        #[test]
        fn weekly_dates_follow_the_rule(
            zone in zones(),
            start_day in 0i64..366,
            minute in 0i64..(24 * 60),
            interval in 1u8..=4,
            days in proptest::collection::btree_set(1u8..=7, 1..=7),
            span in 0i64..=366,
        ) {
            let tz = TimeZone::get(zone).unwrap();
            let first_date = date(2026, 1, 1).checked_add(start_day.days()).unwrap();
            let local = first_date.to_datetime(jiff::civil::time(0, 0, 0, 0))
                .checked_add(minute.minutes()).unwrap();
            let first = tz.to_ambiguous_zoned(local).compatible().unwrap().timestamp();
            let ends = first_date.checked_add(span.days()).unwrap();
            let weekdays: Vec<u8> = days.into_iter().collect();
            let s = Schedule::new(tz.clone(), first, Recurrence {
                frequency: Frequency::Weekly, interval, weekdays: weekdays.clone(),
            }, ends);
            let dates: Vec<Date> = s.dates().collect();
            let mut day = s.first_local().date();
            let mut expected = Vec::new();
            while day <= ends {
                if s.is_date(day) { expected.push(day); }
                day = day.tomorrow().unwrap();
            }
            prop_assert_eq!(&dates, &expected);
            for pair in dates.windows(2) {
                prop_assert!(pair[0] < pair[1]);
                prop_assert!(days_between(pair[0], pair[1]) <= 7 * i64::from(interval));
            }
            for d in &dates {
                prop_assert!(weekdays.contains(&(d.weekday().to_monday_one_offset() as u8)));
                let at = s.start_of(*d).to_zoned(tz.clone());
                // the same local time, unless that time does not exist that day
                if tz.to_ambiguous_zoned(d.to_datetime(s.first_local().time())).is_ambiguous() {
                    prop_assert!(at.datetime() >= d.to_datetime(s.first_local().time()));
                } else {
                    prop_assert_eq!(at.time(), s.first_local().time());
                    prop_assert_eq!(at.date(), *d);
                }
            }
            // the first week always holds an occurrence when its weekday is in the rule
            let first_weekday = s.first_local().date().weekday().to_monday_one_offset() as u8;
            if weekdays.contains(&first_weekday) {
                prop_assert_eq!(dates.first(), Some(&s.first_local().date()));
            }
        }

        #[test]
        fn monthly_dates_fall_once_in_each_month_of_the_rule(
            zone in zones(),
            start_day in 0i64..366,
            interval in 1u8..=4,
            span in 0i64..=366,
        ) {
            let tz = TimeZone::get(zone).unwrap();
            let first_date = date(2027, 1, 1).checked_add(start_day.days()).unwrap();
            let first = tz.to_ambiguous_zoned(first_date.to_datetime(jiff::civil::time(9, 0, 0, 0)))
                .compatible().unwrap().timestamp();
            let ends = first_date.checked_add(span.days()).unwrap();
            let s = Schedule::new(tz, first, Recurrence {
                frequency: Frequency::Monthly, interval, weekdays: vec![],
            }, ends);
            let dates: Vec<Date> = s.dates().collect();
            prop_assert_eq!(dates.first(), Some(&first_date));
            for pair in dates.windows(2) {
                prop_assert_eq!(month_index(pair[1]) - month_index(pair[0]), i64::from(interval));
            }
            for d in &dates {
                prop_assert!(*d <= ends);
                prop_assert_eq!(d.day(), first_date.day().min(d.days_in_month()));
            }
        }
    }
}
