//! The people invited to a meeting: roles, reasons, time zones and working hours.

pub use super::hours::{Notifications, TimeOfDay, WeekdaysInput, WorkDays};
use super::input::{nullable, trimmed};
use super::names::names;
use super::user::{EMAIL_MAX, NAME_MAX, is_email};
use super::{AttendeeId, char_len};
use crate::error::{AppError, Checks};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub const REASON_MAX: usize = 10_000;
pub const ATTENDEES_MAX: usize = 200;

names! {
    /// Why a person is on the list (PRODUCT.md). `informed` people need the outcome, not the meeting.
    #[derive(Default)]
    Role("role", "Role") {
        Decider = "decider" / "Decider",
        Facilitator = "facilitator" / "Facilitator",
        #[default]
        Contributor = "contributor" / "Contributor",
        Informed = "informed" / "Informed",
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
    pub work_days: Option<WeekdaysInput>,
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
        let mut sent = Checks::default();
        if let Some(days) = self
            .work_days
            .and_then(|d| d.checked(&mut sent, "work_days"))
        {
            next.work_days = days;
        }
        sent.merge(next.validate())
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
