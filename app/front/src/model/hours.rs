//! People's hours and what they want to receive: a time of day, working days, and the choice
//! of messages. Shared by attendees and organizers.

use super::names::names;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use utoipa::ToSchema;

/// A time of day, `HH:MM`, for working hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TimeOfDay {
    /// Minutes since midnight, 0..1440.
    pub minutes: u16,
}

impl TimeOfDay {
    pub const fn hm(hours: u16, minutes: u16) -> Self {
        Self {
            minutes: hours * 60 + minutes,
        }
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.minutes / 60, self.minutes % 60)
    }
}

impl FromStr for TimeOfDay {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("{s:?} is not a time like 09:00");
        let (h, m) = s.trim().split_once(':').ok_or_else(bad)?;
        if h.len() != 2 || m.len() != 2 {
            return Err(bad());
        }
        let h: u16 = h.parse().map_err(|_| bad())?;
        let m: u16 = m.parse().map_err(|_| bad())?;
        if h > 23 || m > 59 {
            return Err(bad());
        }
        Ok(Self::hm(h, m))
    }
}

impl TryFrom<String> for TimeOfDay {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<TimeOfDay> for String {
    fn from(value: TimeOfDay) -> Self {
        value.to_string()
    }
}

/// The days someone works, as ISO weekdays (1 = Monday ... 7 = Sunday), sorted and without
/// repeats; Monday to Friday unless they say otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(try_from = "Vec<i64>", into = "Vec<u8>")]
#[schema(value_type = Vec<u8>, example = json!([1, 2, 3, 4, 5]))]
pub struct WorkDays(Vec<u8>);

impl Default for WorkDays {
    fn default() -> Self {
        Self(vec![1, 2, 3, 4, 5])
    }
}

impl WorkDays {
    pub fn days(&self) -> &[u8] {
        &self.0
    }

    /// Whether `weekday` (1 = Monday ... 7 = Sunday) is a working day.
    pub fn contains(&self, weekday: i8) -> bool {
        u8::try_from(weekday).is_ok_and(|d| self.0.contains(&d))
    }
}

impl TryFrom<Vec<i64>> for WorkDays {
    type Error = String;
    fn try_from(days: Vec<i64>) -> Result<Self, Self::Error> {
        if days.is_empty() {
            return Err("Choose at least one working day".into());
        }
        let mut out = Vec::with_capacity(days.len());
        for d in days {
            let day = u8::try_from(d)
                .ok()
                .filter(|d| (1..=7).contains(d))
                .ok_or_else(|| format!("{d} is not a weekday: use 1 (Monday) to 7 (Sunday)"))?;
            if !out.contains(&day) {
                out.push(day);
            }
        }
        out.sort_unstable();
        Ok(Self(out))
    }
}

/// A weekday list as a request sends it: any list of whole numbers reads, and which of them are
/// weekdays is a rule checked with the other fields, so `[]`, `[0]` or `[8]` is 422
/// `validation` on the list's field (API.md), not a malformed body; `["monday"]` is still 400.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(transparent)]
#[schema(value_type = Vec<u8>, example = json!([1, 2, 3, 4, 5]))]
pub struct WeekdaysInput(pub Vec<i64>);

impl WeekdaysInput {
    /// The working days these are, or a problem of `field` in `checks`.
    pub fn checked(self, checks: &mut crate::error::Checks, field: &str) -> Option<WorkDays> {
        WorkDays::try_from(self.0)
            .map_err(|problem| checks.add(field, problem))
            .ok()
    }
}

impl From<WorkDays> for WeekdaysInput {
    fn from(days: WorkDays) -> Self {
        Self(days.0.into_iter().map(i64::from).collect())
    }
}

impl From<WorkDays> for Vec<u8> {
    fn from(days: WorkDays) -> Self {
        days.0
    }
}

impl fmt::Display for WorkDays {
    /// As stored: "1,2,3,4,5".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days: Vec<String> = self.0.iter().map(u8::to_string).collect();
        f.write_str(&days.join(","))
    }
}

impl FromStr for WorkDays {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let days: Result<Vec<i64>, _> = s.split(',').map(|d| d.trim().parse::<i64>()).collect();
        Self::try_from(days.map_err(|_| format!("{s:?} is not a list of weekdays"))?)
    }
}

names! {
    /// What a person wants Prework to send them. The invitation and the outcome always go.
    #[derive(Default)]
    Notifications("notifications", "Notifications") {
        /// Invitation, reminder, digest, outcome.
        #[default]
        All = "all",
        /// No reminders: the digest and the outcome.
        Digest = "digest",
        /// Only the outcome.
        OutcomeOnly = "outcome_only",
    }
}
