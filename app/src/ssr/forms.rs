//! Turns the browser's form answers into the typed inputs the domain takes, collecting every
//! field that does not parse, so a form reports all its problems at once.

use super::tz;
use crate::error::{AppError, FieldError};
use crate::model::delivery::{WebhookEvent, WebhookFormat, WebhookInput};
use crate::model::forms::{DaysForm, ItemForm, PersonForm, ProfileForm, PurposeForm, WebhookForm};
use crate::model::{
    AgendaItemInput, AttendeeInput, MeetingInput, Profile, ProfileInput, TimeOfDay, UserId,
    WorkDays,
};
use jiff::Timestamp;
use jiff::civil::DateTime;

#[derive(Default)]
struct Problems(Vec<FieldError>);

impl Problems {
    fn add(&mut self, field: &str, message: &str) {
        self.0.push(FieldError::new(field, message));
    }

    /// Merges parse problems with the rule checks of the typed input: all reported together.
    fn finish<T>(self, checked: Result<T, AppError>) -> Result<T, AppError> {
        match (self.0.is_empty(), checked) {
            (true, checked) => checked,
            (false, Ok(_)) => Err(AppError::Validation(self.0)),
            (false, Err(e)) => {
                let mut all = self.0;
                for extra in e.field_errors() {
                    if !all.iter().any(|p| p.field == extra.field) {
                        all.push(extra.clone());
                    }
                }
                Err(AppError::Validation(all))
            }
        }
    }
}

/// The working days ticked (`None` when the form had no such boxes); none ticked is a problem of
/// the `work_days` field.
fn days(problems: &mut Problems, form: Option<&DaysForm>) -> Option<WorkDays> {
    match WorkDays::try_from(form?.ticked()) {
        Ok(days) => Some(days),
        Err(_) => {
            problems.add("work_days", "Choose at least one working day");
            None
        }
    }
}

/// An optional `HH:MM`, its parse problem named after `field`.
fn time_of_day(problems: &mut Problems, field: &str, text: &str) -> Option<TimeOfDay> {
    if blank(text) {
        return None;
    }
    match text.trim().parse() {
        Ok(t) => Some(t),
        Err(_) => {
            problems.add(field, "Enter a time like 09:00");
            None
        }
    }
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// A `datetime-local` answer, read in the meeting's time zone.
fn local_time(text: &str, zone: Option<&jiff::tz::TimeZone>) -> Result<Option<Timestamp>, ()> {
    if blank(text) {
        return Ok(None);
    }
    let civil: DateTime = text.trim().parse().map_err(|_| ())?;
    let zone = zone.ok_or(())?;
    civil
        .to_zoned(zone.clone())
        .map(|z| Some(z.timestamp()))
        .map_err(|_| ())
}

impl PurposeForm {
    /// The meeting fields this form sets (all of them: the form shows every one).
    pub fn into_input(self) -> Result<MeetingInput, AppError> {
        let mut problems = Problems::default();
        let purpose_kind = match self.purpose_kind.parse() {
            Ok(kind) => Some(kind),
            Err(_) => {
                problems.add("purpose_kind", "Choose the purpose");
                None
            }
        };
        let zone_name = self.time_zone.trim().to_owned();
        let zone = match tz::check("time_zone", &zone_name) {
            Ok(()) => jiff::tz::TimeZone::get(&zone_name).ok(),
            Err(_) => {
                problems.add("time_zone", "Choose a time zone from the list");
                None
            }
        };
        let starts_at = local_time(&self.starts_at, zone.as_ref()).unwrap_or_else(|()| {
            problems.add("starts_at", "Enter the start as a date and a time");
            None
        });
        let response_deadline =
            local_time(&self.response_deadline, zone.as_ref()).unwrap_or_else(|()| {
                problems.add(
                    "response_deadline",
                    "Enter the deadline as a date and a time",
                );
                None
            });
        let duration_minutes = match self.duration_minutes.trim().parse::<i64>() {
            Ok(m) => Some(m),
            Err(_) => {
                problems.add(
                    "duration_minutes",
                    "Enter the duration as a whole number of minutes",
                );
                None
            }
        };
        let hourly_rate = if blank(&self.hourly_rate) {
            None
        } else {
            match self.hourly_rate.trim().replace(',', ".").parse::<f64>() {
                Ok(rate) => Some(rate),
                Err(_) => {
                    problems.add("hourly_rate", "Enter the hourly rate as a number, like 85");
                    None
                }
            }
        };
        let input = MeetingInput {
            title: Some(self.title),
            purpose_kind,
            outcome: Some(self.outcome),
            why_live: Some(Some(self.why_live)),
            starts_at: Some(starts_at),
            duration_minutes,
            time_zone: Some(zone_name),
            response_deadline: Some(response_deadline),
            anonymous: Some(self.anonymous.is_some()),
            hourly_rate: Some(hourly_rate),
            reminder_hours: None,
        };
        // Check the rules now too, so parse problems and broken rules come back together;
        // an answer that did not parse stands in as a valid one for this check.
        let stand_in = MeetingInput {
            purpose_kind: input.purpose_kind.or(Some(Default::default())),
            duration_minutes: input.duration_minutes.or(Some(30)),
            ..input.clone()
        };
        problems
            .finish(stand_in.into_new().map(|_| ()))
            .map(|()| input)
    }
}

impl PersonForm {
    pub fn into_input(self) -> Result<AttendeeInput, AppError> {
        let mut problems = Problems::default();
        let role = match self.role.parse() {
            Ok(role) => Some(role),
            Err(_) => {
                problems.add("role", "Choose the person's role");
                None
            }
        };
        let zone = self.time_zone.trim().to_owned();
        if !zone.is_empty() && tz::check("time_zone", &zone).is_err() {
            problems.add("time_zone", "Choose a time zone from the list");
        }
        let work_start = time_of_day(&mut problems, "work_start", &self.work_start);
        let work_end = time_of_day(&mut problems, "work_end", &self.work_end);
        let work_days = days(&mut problems, self.days.as_ref());
        let input = AttendeeInput {
            name: Some(self.name),
            email: Some(self.email),
            role,
            reason: Some(self.reason),
            time_zone: Some((!zone.is_empty()).then_some(zone)),
            work_start: Some(work_start),
            work_end: Some(work_end),
            work_days,
        };
        let stand_in = AttendeeInput {
            role: input.role.or(Some(Default::default())),
            ..input.clone()
        };
        problems
            .finish(stand_in.into_new().map(|_| ()))
            .map(|()| input)
    }
}

impl ProfileForm {
    /// Every field of the profile (the form shows them all), checked like `PATCH /api/v1/me`.
    pub fn into_input(self) -> Result<ProfileInput, AppError> {
        let mut problems = Problems::default();
        let zone = self.time_zone.trim().to_owned();
        if !zone.is_empty() && tz::check("time_zone", &zone).is_err() {
            problems.add("time_zone", "Choose a time zone from the list");
        }
        let work_start = time_of_day(&mut problems, "work_start", &self.work_start);
        let work_end = time_of_day(&mut problems, "work_end", &self.work_end);
        let work_days = days(&mut problems, self.days.as_ref());
        let input = ProfileInput {
            name: Some(self.name),
            time_zone: Some((!zone.is_empty()).then_some(zone)),
            work_start: Some(work_start),
            work_end: Some(work_end),
            work_days,
        };
        let stand_in = Profile {
            id: UserId::new(),
            name: String::new(),
            email: String::new(),
            time_zone: None,
            work_start: None,
            work_end: None,
            work_days: WorkDays::default(),
        };
        problems
            .finish(input.clone().apply_to(stand_in).map(|_| ()))
            .map(|()| input)
    }
}

impl WebhookForm {
    pub fn into_input(self) -> Result<WebhookInput, AppError> {
        let mut problems = Problems::default();
        let events: Vec<WebhookEvent> = WebhookEvent::ALL
            .into_iter()
            .filter(|e| self.ticked(*e))
            .collect();
        if events.is_empty() {
            problems.add("events", "Choose at least one event");
        }
        let format = match self.format.trim() {
            "" => None,
            text => match text.parse::<WebhookFormat>() {
                Ok(f) => Some(f),
                Err(_) => {
                    problems.add("format", "Choose a format from the list");
                    None
                }
            },
        };
        problems.finish(Ok(WebhookInput {
            url: self.url,
            events,
            format,
        }))
    }
}

impl ItemForm {
    pub fn into_input(self) -> Result<AgendaItemInput, AppError> {
        let mut problems = Problems::default();
        let kind = match self.kind.parse() {
            Ok(kind) => Some(kind),
            Err(_) => {
                problems.add("kind", "Choose the kind of item");
                None
            }
        };
        let minutes = match self.minutes.trim().parse::<i64>() {
            Ok(m) => Some(m),
            Err(_) => {
                problems.add("minutes", "Enter the minutes as a whole number");
                None
            }
        };
        let owner_id = if blank(&self.owner_id) {
            None
        } else {
            match self.owner_id.trim().parse() {
                Ok(id) => Some(id),
                Err(_) => {
                    problems.add("owner_id", "Choose the owner from the list");
                    None
                }
            }
        };
        let input = AgendaItemInput {
            title: Some(self.title),
            kind,
            minutes,
            owner_id: Some(owner_id),
            position: None,
            resolved_async: Some(self.resolved_async.is_some()),
            resolution: Some(self.resolution),
        };
        let stand_in = AgendaItemInput {
            kind: input.kind.or(Some(Default::default())),
            minutes: input.minutes.or(Some(1)),
            ..input.clone()
        };
        problems
            .finish(stand_in.into_new().map(|_| ()))
            .map(|()| input)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn purpose() -> PurposeForm {
        PurposeForm {
            title: "Pick a vendor".into(),
            purpose_kind: "decide".into(),
            outcome: "A signed choice".into(),
            starts_at: "2026-03-29T10:00".into(),
            duration_minutes: "45".into(),
            time_zone: "Europe/Paris".into(),
            hourly_rate: "85,5".into(),
            anonymous: Some("on".into()),
            ..Default::default()
        }
    }

    #[test]
    fn local_times_are_read_in_the_meetings_zone_across_daylight_saving() {
        let input = purpose().into_input().unwrap();
        // 29 March 2026: Paris has just moved to summer time (UTC+2)
        assert_eq!(
            input.starts_at,
            Some(Some("2026-03-29T08:00:00Z".parse().unwrap()))
        );
        assert_eq!(input.hourly_rate, Some(Some(85.5)));
        assert_eq!(input.anonymous, Some(true));
    }

    #[test]
    fn every_unreadable_answer_and_broken_rule_is_reported_together() {
        let form = PurposeForm {
            title: String::new(),
            purpose_kind: "party".into(),
            starts_at: "tomorrow".into(),
            duration_minutes: "an hour".into(),
            time_zone: "Mars/Olympus".into(),
            hourly_rate: "lots".into(),
            ..purpose()
        };
        let err = form.into_input().unwrap_err();
        let mut fields: Vec<_> = err
            .field_errors()
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        fields.sort();
        assert_eq!(
            fields,
            [
                "duration_minutes",
                "hourly_rate",
                "purpose_kind",
                "starts_at",
                "time_zone",
                "title"
            ]
        );
        assert_eq!(err.code(), "validation");
    }

    #[test]
    fn people_and_items_parse_their_answers() {
        let person = PersonForm {
            name: "Dana".into(),
            email: "dana@example.com".into(),
            role: "decider".into(),
            work_start: "08:30".into(),
            work_end: "16:30".into(),
            time_zone: "America/New_York".into(),
            ..Default::default()
        };
        let input = person.into_input().unwrap();
        assert_eq!(input.work_start.unwrap().unwrap().to_string(), "08:30");
        let bad = PersonForm {
            role: "boss".into(),
            work_start: "8".into(),
            ..Default::default()
        };
        let fields: Vec<_> = bad
            .into_input()
            .unwrap_err()
            .field_errors()
            .iter()
            .map(|e| e.field.clone())
            .collect();
        assert!(fields.contains(&"role".to_owned()) && fields.contains(&"work_start".to_owned()));

        let item = ItemForm {
            title: "Budget".into(),
            kind: "decide".into(),
            minutes: "x".into(),
            ..Default::default()
        };
        assert_eq!(item.into_input().unwrap_err().field(), Some("minutes"));
    }

    #[test]
    fn working_days_are_the_boxes_ticked_and_none_is_an_error() {
        let person = PersonForm {
            name: "Dana".into(),
            email: "dana@example.com".into(),
            role: "contributor".into(),
            days: Some(DaysForm::of(&[7, 2])),
            ..Default::default()
        };
        let days = person.into_input().unwrap().work_days.unwrap();
        assert_eq!(days.days(), [2, 7]);
        let none = PersonForm {
            name: "Dana".into(),
            email: "dana@example.com".into(),
            role: "contributor".into(),
            days: Some(DaysForm::none()),
            ..Default::default()
        };
        assert_eq!(none.into_input().unwrap_err().field(), Some("work_days"));
    }

    #[test]
    fn the_profile_form_reports_every_problem_at_once() {
        let good = ProfileForm {
            name: "Olga".into(),
            time_zone: "Europe/Berlin".into(),
            work_start: "08:00".into(),
            work_end: "16:00".into(),
            days: Some(DaysForm::of(&[1, 2, 3, 4])),
        };
        let input = good.into_input().unwrap();
        assert_eq!(input.time_zone, Some(Some("Europe/Berlin".into())));
        assert_eq!(input.work_days.unwrap().days(), [1, 2, 3, 4]);
        let bad = ProfileForm {
            name: " ".into(),
            time_zone: "Mars/Olympus".into(),
            work_start: "nine".into(),
            work_end: "17:00".into(),
            days: Some(DaysForm::none()),
        };
        let mut fields: Vec<String> = bad
            .into_input()
            .unwrap_err()
            .field_errors()
            .iter()
            .map(|e| e.field.clone())
            .collect();
        fields.sort();
        assert_eq!(fields, ["name", "time_zone", "work_days", "work_start"]);
    }

    #[test]
    fn a_webhook_form_takes_the_events_ticked() {
        let form = WebhookForm {
            url: "https://hooks.example.com/x".into(),
            format: "slack".into(),
            comment_created: Some("on".into()),
            decision_made: Some("on".into()),
            ..Default::default()
        };
        let input = form.into_input().unwrap();
        assert_eq!(
            input.events,
            [WebhookEvent::CommentCreated, WebhookEvent::DecisionMade]
        );
        assert_eq!(input.format, Some(WebhookFormat::Slack));
        let err = WebhookForm {
            format: "xml".into(),
            ..Default::default()
        }
        .into_input()
        .unwrap_err();
        let fields: Vec<&str> = err
            .field_errors()
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(fields, ["events", "format"]);
        assert_eq!(WebhookForm::field(WebhookEvent::PollClosed), "poll_closed");
    }
}

mod discussion_forms {
    use super::Problems;
    use crate::error::AppError;
    use crate::model::forms::{CommentForm, PollForm, PrereadForm};
    use crate::model::{CommentInput, PollInput, PrereadInput};

    impl PrereadForm {
        pub fn into_input(self) -> PrereadInput {
            PrereadInput {
                title: Some(self.title),
                markdown: Some(self.markdown),
                required: Some(self.required.is_some()),
            }
        }
    }

    impl CommentForm {
        pub fn into_input(self) -> Result<CommentInput, AppError> {
            let mut problems = Problems::default();
            let kind = self.kind.parse().unwrap_or_else(|_| {
                problems.add("kind", "Choose what kind of comment this is");
                Default::default()
            });
            let parent_id = if self.parent_id.trim().is_empty() {
                None
            } else {
                self.parent_id.trim().parse().ok()
            };
            let input = CommentInput {
                block_id: Some(self.block_id),
                kind,
                body: self.body,
                parent_id,
            };
            problems
                .finish(input.clone().validate().map(|_| ()))
                .map(|()| input)
        }
    }

    impl PollForm {
        /// The poll; `closes_at` is read in the meeting's time zone.
        pub fn into_input(self, zone: &jiff::tz::TimeZone) -> Result<PollInput, AppError> {
            let mut problems = Problems::default();
            let closes_at = if self.closes_at.trim().is_empty() {
                None
            } else {
                match self
                    .closes_at
                    .trim()
                    .parse::<jiff::civil::DateTime>()
                    .ok()
                    .and_then(|c| c.to_zoned(zone.clone()).ok())
                {
                    Some(z) => Some(z.timestamp()),
                    None => {
                        problems.add("closes_at", "Enter the deadline as a date and a time");
                        None
                    }
                }
            };
            let input = PollInput {
                question: self.question,
                options: self
                    .options
                    .lines()
                    .map(str::trim)
                    .filter(|o| !o.is_empty())
                    .map(str::to_owned)
                    .collect(),
                anonymous: self.anonymous.is_some(),
                hide_results: self.hide_results.is_some(),
                closes_at,
            };
            problems
                .finish(input.clone().validate().map(|_| ()))
                .map(|()| input)
        }
    }
}
