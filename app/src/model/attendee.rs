//! The people invited to a meeting: roles, reasons, time zones and working hours.

use super::input::{nullable, trimmed};
use super::user::{EMAIL_MAX, NAME_MAX, is_email};
use super::{AttendeeId, char_len};
use crate::error::{AppError, Checks};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use utoipa::ToSchema;

pub const REASON_MAX: usize = 10_000;
pub const ATTENDEES_MAX: usize = 200;

/// Why a person is on the list (PRODUCT.md). `informed` people need the outcome, not the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Decider,
    Facilitator,
    #[default]
    Contributor,
    Informed,
}

impl Role {
    pub const ALL: [Self; 4] = [
        Self::Decider,
        Self::Facilitator,
        Self::Contributor,
        Self::Informed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Decider => "decider",
            Self::Facilitator => "facilitator",
            Self::Contributor => "contributor",
            Self::Informed => "informed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Decider => "Decider",
            Self::Facilitator => "Facilitator",
            Self::Contributor => "Contributor",
            Self::Informed => "Informed",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = AppError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                AppError::invalid(
                    "role",
                    "Role must be one of decider, facilitator, contributor, informed.",
                )
            })
    }
}

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
            return Err("work_days needs at least one day".into());
        }
        let mut out = Vec::with_capacity(days.len());
        for d in days {
            let day = u8::try_from(d)
                .ok()
                .filter(|d| (1..=7).contains(d))
                .ok_or_else(|| format!("{d} is not an ISO weekday (1 = Monday ... 7 = Sunday)"))?;
            if !out.contains(&day) {
                out.push(day);
            }
        }
        out.sort_unstable();
        Ok(Self(out))
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

/// What a person wants Prework to send them. The invitation and the outcome always go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum Notifications {
    /// Invitation, reminder, digest, outcome.
    #[default]
    All,
    /// No reminders: the digest and the outcome.
    Digest,
    /// Only the outcome.
    OutcomeOnly,
}

impl Notifications {
    pub const ALL: [Self; 3] = [Self::All, Self::Digest, Self::OutcomeOnly];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::All => "all",
            Self::Digest => "digest",
            Self::OutcomeOnly => "outcome_only",
        }
    }
}

impl FromStr for Notifications {
    type Err = AppError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|n| n.as_str() == s)
            .ok_or_else(|| {
                AppError::invalid(
                    "notifications",
                    "Notifications must be one of all, digest, outcome_only.",
                )
            })
    }
}

/// The fields of an attendee, every one optional so one type serves both adding (where
/// `validate_new` requires the essentials) and partial updates.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AttendeeInput {
    pub name: Option<String>,
    pub email: Option<String>,
    pub role: Option<Role>,
    pub reason: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, example = "Europe/Paris")]
    pub time_zone: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, example = "09:00")]
    pub work_start: Option<Option<TimeOfDay>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, example = "17:00")]
    pub work_end: Option<Option<TimeOfDay>>,
    /// ISO weekdays, `[1, 2, 3, 4, 5]` (Monday to Friday) when never given.
    pub work_days: Option<WorkDays>,
}

/// A complete, valid set of attendee fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendeeFields {
    pub name: String,
    pub email: String,
    pub role: Role,
    pub reason: String,
    pub time_zone: Option<String>,
    pub work_start: Option<TimeOfDay>,
    pub work_end: Option<TimeOfDay>,
    pub work_days: WorkDays,
}

impl AttendeeInput {
    /// The fields of a new attendee; name, email and role are required. A missing reason is
    /// allowed (the brief nudges for one, and the verdict counts it).
    pub fn into_new(self) -> Result<AttendeeFields, AppError> {
        let mut missing = Checks::default();
        missing
            .check(self.name.is_some(), "name", "Enter the person's name")
            .check(
                self.email.is_some(),
                "email",
                "Enter the person's email address",
            )
            .check(self.role.is_some(), "role", "Choose the person's role");
        missing.finish()?;
        let base = AttendeeFields {
            name: String::new(),
            email: String::new(),
            role: Role::default(),
            reason: String::new(),
            time_zone: None,
            work_start: None,
            work_end: None,
            work_days: WorkDays::default(),
        };
        self.apply_to(base)
    }

    /// Applies the fields present onto `current` and checks the result as a whole.
    pub fn apply_to(self, current: AttendeeFields) -> Result<AttendeeFields, AppError> {
        let mut next = current;
        if let Some(name) = self.name {
            next.name = name.trim().to_owned();
        }
        if let Some(email) = self.email {
            next.email = email.trim().to_owned();
        }
        if let Some(role) = self.role {
            next.role = role;
        }
        if let Some(reason) = self.reason {
            next.reason = reason.trim().to_owned();
        }
        if let Some(tz) = self.time_zone {
            next.time_zone = trimmed(tz);
        }
        if let Some(start) = self.work_start {
            next.work_start = start;
        }
        if let Some(end) = self.work_end {
            next.work_end = end;
        }
        if let Some(days) = self.work_days {
            next.work_days = days;
        }
        next.validate()
    }
}

impl AttendeeFields {
    fn validate(self) -> Result<Self, AppError> {
        let mut checks = Checks::default();
        checks
            .check(!self.name.is_empty(), "name", "Enter the person's name")
            .check(
                char_len(&self.name) <= NAME_MAX,
                "name",
                format!("Name must be {NAME_MAX} characters or fewer"),
            )
            .check(
                is_email(&self.email) && char_len(&self.email) <= EMAIL_MAX,
                "email",
                "Enter an email address in the correct format, like name@example.com",
            )
            .check(
                char_len(&self.reason) <= REASON_MAX,
                "reason",
                format!("Reason must be {REASON_MAX} characters or fewer"),
            )
            .check(
                self.work_start.is_some() == self.work_end.is_some(),
                if self.work_start.is_some() {
                    "work_end"
                } else {
                    "work_start"
                },
                "Give both the start and the end of the working day",
            )
            .check(
                self.work_start.is_none() || self.work_start != self.work_end,
                "work_end",
                "The working day must end at a different time than it starts",
            );
        checks.finish().map(|()| self)
    }
}

/// An attendee as the organizer sees them (attendees see each other without email).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Attendee {
    pub id: AttendeeId,
    pub name: String,
    /// Shown to the organizer and to the person themself; `null` for other attendees.
    pub email: Option<String>,
    pub role: Role,
    pub reason: String,
    pub time_zone: Option<String>,
    #[schema(value_type = Option<String>, example = "09:00")]
    pub work_start: Option<TimeOfDay>,
    #[schema(value_type = Option<String>, example = "17:00")]
    pub work_end: Option<TimeOfDay>,
    pub work_days: WorkDays,
    /// What the person chose to receive: the organizer's view and their own; `null` for others.
    pub notifications: Option<Notifications>,
    /// The person's own state: shown to the organizer and to the person themself; `null` for
    /// other attendees, who see readiness only as counts.
    pub ready: Option<bool>,
    pub not_needed: Option<bool>,
    /// The row's version, sent as the `ETag` header rather than in the body.
    #[serde(skip)]
    pub version: u64,
}

/// A new attendee, or one whose link was regenerated: the only time the secret is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AttendeeWithLink {
    #[serde(flatten)]
    pub attendee: Attendee,
    pub token: String,
    pub link: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> AttendeeInput {
        AttendeeInput {
            name: Some(" Dana ".into()),
            email: Some("dana@example.com".into()),
            role: Some(Role::Decider),
            reason: Some("Owns the budget".into()),
            ..Default::default()
        }
    }

    #[test]
    fn times_of_day_parse_strictly() {
        assert_eq!("09:30".parse::<TimeOfDay>().unwrap().minutes, 570);
        assert_eq!(TimeOfDay::hm(17, 5).to_string(), "17:05");
        for bad in ["9:30", "24:00", "12:60", "noon", "12-30", ""] {
            assert!(bad.parse::<TimeOfDay>().is_err(), "{bad}");
        }
        let json: TimeOfDay = serde_json::from_str("\"08:00\"").unwrap();
        assert_eq!(json, TimeOfDay::hm(8, 0));
        assert!(serde_json::from_str::<TimeOfDay>("\"8am\"").is_err());
    }

    #[test]
    fn new_attendees_need_name_email_and_role() {
        let ok = input().into_new().unwrap();
        assert_eq!(ok.name, "Dana");
        let err = AttendeeInput::default().into_new().unwrap_err();
        let fields: Vec<_> = err
            .field_errors()
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(fields, ["name", "email", "role"]);
    }

    #[test]
    fn working_hours_come_in_pairs() {
        let mut i = input();
        i.work_start = Some(Some(TimeOfDay::hm(9, 0)));
        assert_eq!(i.clone().into_new().unwrap_err().field(), Some("work_end"));
        i.work_end = Some(Some(TimeOfDay::hm(9, 0)));
        assert_eq!(i.clone().into_new().unwrap_err().field(), Some("work_end"));
        // a night shift crosses midnight
        i.work_start = Some(Some(TimeOfDay::hm(22, 0)));
        i.work_end = Some(Some(TimeOfDay::hm(6, 0)));
        assert!(i.into_new().is_ok());
    }

    #[test]
    fn updates_keep_what_they_do_not_mention() {
        let current = input().into_new().unwrap();
        let patch = AttendeeInput {
            role: Some(Role::Informed),
            ..Default::default()
        };
        let next = patch.apply_to(current.clone()).unwrap();
        assert_eq!(next.role, Role::Informed);
        assert_eq!(next.name, current.name);
        let clear_name = AttendeeInput {
            name: Some("  ".into()),
            ..Default::default()
        };
        assert_eq!(
            clear_name.apply_to(current).unwrap_err().field(),
            Some("name")
        );
    }
}
