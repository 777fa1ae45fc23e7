//! What creates and changes a meeting: the input with every field optional (creating and
//! `PATCH` share it), and the complete, validated fields it yields.

use super::vocabulary::*;
use crate::error::{AppError, Checks};
use crate::model::char_len;
use crate::model::input::{nullable, trimmed};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The fields of a meeting, every one optional so one type serves creating (where
/// [`MeetingInput::into_new`] requires the essentials) and partial updates (`PATCH`), where a
/// `null` clears an optional field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MeetingInput {
    pub title: Option<String>,
    pub purpose_kind: Option<PurposeKind>,
    pub outcome: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub why_live: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub starts_at: Option<Option<Timestamp>>,
    pub duration_minutes: Option<i64>,
    #[schema(example = "Europe/Paris")]
    pub time_zone: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub response_deadline: Option<Option<Timestamp>>,
    pub anonymous: Option<bool>,
    /// Cost of one person-hour, in the team's currency.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<f64>)]
    pub hourly_rate: Option<Option<f64>>,
    /// How long before the response deadline reminders go out: 1 to 168 hours (default 24).
    pub reminder_hours: Option<i64>,
    /// On create only: the team whose norms the meeting is held to (the caller must be a
    /// member); its defaults fill the time zone, anonymity and hourly rate left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<crate::model::TeamId>,
    /// On create only: the template it starts from (its fields, agenda and pre-reads; the
    /// body's fields replace the template's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_id: Option<crate::model::TemplateId>,
}

/// A complete, valid set of meeting fields. Money is kept in cents so sums stay exact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingFields {
    pub title: String,
    pub purpose_kind: PurposeKind,
    pub outcome: String,
    pub why_live: Option<String>,
    pub starts_at: Option<Timestamp>,
    pub duration_minutes: u32,
    pub time_zone: String,
    pub response_deadline: Option<Timestamp>,
    pub anonymous: bool,
    pub hourly_rate_cents: Option<i64>,
    pub reminder_hours: u32,
}

impl MeetingInput {
    /// The fields of a new meeting. Title, purpose kind, outcome, duration and time zone are
    /// required; a missing one is reported like any other broken rule.
    pub fn into_new(self) -> Result<MeetingFields, AppError> {
        let mut missing = Checks::default();
        missing
            .check(self.title.is_some(), "title", "Enter a title")
            .check(
                self.purpose_kind.is_some(),
                "purpose_kind",
                "Choose the purpose",
            )
            .check(
                self.outcome.is_some(),
                "outcome",
                "Enter the desired outcome: by the end we will have ...",
            )
            .check(
                self.duration_minutes.is_some(),
                "duration_minutes",
                "Enter the duration in minutes",
            )
            .check(
                self.time_zone.is_some(),
                "time_zone",
                "Choose the time zone",
            );
        missing.finish()?;
        let base = MeetingFields {
            title: String::new(),
            purpose_kind: PurposeKind::default(),
            outcome: String::new(),
            why_live: None,
            starts_at: None,
            duration_minutes: DEFAULT_DURATION_MINUTES,
            time_zone: DEFAULT_TIME_ZONE.to_owned(),
            response_deadline: None,
            anonymous: false,
            hourly_rate_cents: None,
            reminder_hours: REMINDER_HOURS_DEFAULT,
        };
        self.apply_to(base)
    }

    /// Applies the fields present onto `current` and checks the result as a whole.
    pub fn apply_to(self, current: MeetingFields) -> Result<MeetingFields, AppError> {
        let mut next = current;
        let mut checks = Checks::default();
        if let Some(title) = self.title {
            next.title = title.trim().to_owned();
        }
        if let Some(kind) = self.purpose_kind {
            next.purpose_kind = kind;
        }
        if let Some(outcome) = self.outcome {
            next.outcome = outcome.trim().to_owned();
        }
        if let Some(why) = self.why_live {
            next.why_live = trimmed(why);
        }
        if let Some(starts_at) = self.starts_at {
            next.starts_at = starts_at;
        }
        if let Some(minutes) = self.duration_minutes {
            let in_range = (1..=i64::from(DURATION_MAX)).contains(&minutes);
            checks.check(
                in_range,
                "duration_minutes",
                format!("Duration must be between 1 and {DURATION_MAX} minutes"),
            );
            if in_range {
                next.duration_minutes = minutes as u32;
            }
        }
        if let Some(tz) = self.time_zone {
            next.time_zone = tz.trim().to_owned();
        }
        if let Some(deadline) = self.response_deadline {
            next.response_deadline = deadline;
        }
        if let Some(anonymous) = self.anonymous {
            next.anonymous = anonymous;
        }
        if let Some(rate) = self.hourly_rate {
            let valid = rate.is_none_or(|r| r.is_finite() && (0.0..=HOURLY_RATE_MAX).contains(&r));
            checks.check(
                valid,
                "hourly_rate",
                format!("Hourly rate must be between 0 and {HOURLY_RATE_MAX}"),
            );
            if valid {
                next.hourly_rate_cents = rate.map(|r| (r * 100.0).round() as i64);
            }
        }
        if let Some(hours) = self.reminder_hours {
            let in_range = (1..=i64::from(REMINDER_HOURS_MAX)).contains(&hours);
            checks.check(
                in_range,
                "reminder_hours",
                format!("Reminders go out 1 to {REMINDER_HOURS_MAX} hours before the deadline"),
            );
            if in_range {
                next.reminder_hours = hours as u32;
            }
        }
        next.check_into(&mut checks);
        checks.finish().map(|()| next)
    }
}

impl MeetingFields {
    fn check_into(&self, checks: &mut Checks) {
        checks
            .check(!self.title.is_empty(), "title", "Enter a title")
            .check(
                char_len(&self.title) <= TITLE_MAX,
                "title",
                format!("Title must be {TITLE_MAX} characters or fewer"),
            )
            .check(
                !self.outcome.is_empty(),
                "outcome",
                "Enter the desired outcome: by the end we will have ...",
            )
            .check(
                char_len(&self.outcome) <= OUTCOME_MAX,
                "outcome",
                format!("Desired outcome must be {OUTCOME_MAX} characters or fewer"),
            )
            .check(
                self.why_live
                    .as_deref()
                    .is_none_or(|w| char_len(w) <= OUTCOME_MAX),
                "why_live",
                format!("Why it must be live must be {OUTCOME_MAX} characters or fewer"),
            )
            .check(
                !self.time_zone.is_empty(),
                "time_zone",
                "Choose the time zone",
            )
            .check(
                match (self.response_deadline, self.starts_at) {
                    (Some(deadline), Some(start)) => deadline <= start,
                    _ => true,
                },
                "response_deadline",
                "The response deadline must be before the meeting starts",
            );
    }

    /// The hourly rate in the API's unit.
    pub fn hourly_rate(&self) -> Option<f64> {
        self.hourly_rate_cents.map(|c| c as f64 / 100.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(title: &str, outcome: &str) -> MeetingInput {
        MeetingInput {
            title: Some(title.into()),
            purpose_kind: Some(PurposeKind::Decide),
            outcome: Some(outcome.into()),
            duration_minutes: Some(45),
            time_zone: Some("Europe/Paris".into()),
            ..Default::default()
        }
    }

    #[test]
    fn purpose_kinds_round_trip_through_their_names() {
        for kind in PurposeKind::ALL {
            assert_eq!(kind.as_str().parse::<PurposeKind>().unwrap(), kind);
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.as_str())
            );
        }
        assert_eq!(
            "party".parse::<PurposeKind>().unwrap_err().code(),
            "invalid"
        );
    }

    #[test]
    fn validation_trims_and_accepts_a_good_brief() {
        let ok = input("  Pick a vendor ", " A signed choice ")
            .into_new()
            .unwrap();
        assert_eq!(ok.title, "Pick a vendor");
        assert_eq!(ok.outcome, "A signed choice");
        assert_eq!(ok.duration_minutes, 45);
    }

    #[test]
    fn validation_reports_every_broken_rule() {
        let err = input("   ", "").into_new().unwrap_err();
        let fields: Vec<_> = err
            .field_errors()
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(fields, ["title", "outcome"]);
        assert_eq!(err.code(), "validation");
    }

    #[test]
    fn missing_essentials_are_named() {
        let err = MeetingInput::default().into_new().unwrap_err();
        let fields: Vec<_> = err
            .field_errors()
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(
            fields,
            [
                "title",
                "purpose_kind",
                "outcome",
                "duration_minutes",
                "time_zone"
            ]
        );
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        assert!(input(&"é".repeat(TITLE_MAX), "x").into_new().is_ok());
        let err = input(&"é".repeat(TITLE_MAX + 1), "x")
            .into_new()
            .unwrap_err();
        assert_eq!(err.field(), Some("title"));
        assert!(input("t", &"x".repeat(OUTCOME_MAX + 1)).into_new().is_err());
    }

    #[test]
    fn durations_rates_and_deadlines_have_ranges() {
        for (minutes, ok) in [
            (0, false),
            (1, true),
            (480, true),
            (481, false),
            (-5, false),
        ] {
            let mut i = input("t", "o");
            i.duration_minutes = Some(minutes);
            assert_eq!(i.into_new().is_ok(), ok, "{minutes}");
        }
        let mut i = input("t", "o");
        i.hourly_rate = Some(Some(-1.0));
        assert_eq!(i.into_new().unwrap_err().field(), Some("hourly_rate"));
        let mut i = input("t", "o");
        i.hourly_rate = Some(Some(85.555));
        assert_eq!(i.into_new().unwrap().hourly_rate_cents, Some(8556));

        let mut i = input("t", "o");
        i.starts_at = Some(Some("2026-12-01T10:00:00Z".parse().unwrap()));
        i.response_deadline = Some(Some("2026-12-02T10:00:00Z".parse().unwrap()));
        assert_eq!(i.into_new().unwrap_err().field(), Some("response_deadline"));
    }

    #[test]
    fn patches_change_only_what_they_name_and_null_clears() {
        let mut i = input("t", "o");
        i.why_live = Some(Some("We must argue it out".into()));
        i.hourly_rate = Some(Some(100.0));
        let current = i.into_new().unwrap();
        let patch: MeetingInput =
            serde_json::from_str(r#"{"title": "New", "why_live": null}"#).unwrap();
        let next = patch.apply_to(current.clone()).unwrap();
        assert_eq!(next.title, "New");
        assert_eq!(next.why_live, None);
        assert_eq!(next.hourly_rate_cents, Some(10_000));
        assert_eq!(next.outcome, current.outcome);
    }
}
