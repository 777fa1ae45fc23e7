//! The brief's steps: purpose, people and agenda items.

use super::{ReadForm, blank, hours, local_time};
use crate::error::{AppError, Checks};
use crate::model::forms::{ItemForm, PersonForm, PurposeForm};
use crate::model::{AgendaItemInput, AttendeeInput, MeetingInput};
use crate::ssr::text::tz;

impl ReadForm for PurposeForm {
    type Input = MeetingInput;

    /// The meeting fields this form sets (all of them: the form shows every one).
    fn into_input(self) -> Result<MeetingInput, AppError> {
        let mut problems = Checks::default();
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
        let team_id = match self.team_id.trim() {
            "" => None,
            id => id
                .parse()
                .map_err(|_| problems.add("team_id", "Choose one of your teams"))
                .ok(),
        };
        let template_id = match self.template_id.trim() {
            "" => None,
            id => id
                .parse()
                .map_err(|_| problems.add("template_id", "Choose one of the templates"))
                .ok(),
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
            team_id,
            template_id,
        };
        // Check the rules now too, so parse problems and broken rules come back together;
        // an answer that did not parse stands in as a valid one for this check.
        let stand_in = MeetingInput {
            purpose_kind: input.purpose_kind.or(Some(Default::default())),
            duration_minutes: input.duration_minutes.or(Some(30)),
            ..input.clone()
        };
        problems
            .merge(stand_in.into_new().map(|_| ()))
            .map(|()| input)
    }
}

impl ReadForm for PersonForm {
    type Input = AttendeeInput;

    fn into_input(self) -> Result<AttendeeInput, AppError> {
        let mut problems = Checks::default();
        let role = match self.role.parse() {
            Ok(role) => Some(role),
            Err(_) => {
                problems.add("role", "Choose the person's role");
                None
            }
        };
        let h = hours(
            &mut problems,
            &self.time_zone,
            &self.work_start,
            &self.work_end,
            self.days.as_ref(),
        );
        let input = AttendeeInput {
            name: Some(self.name),
            email: Some(self.email),
            role,
            reason: Some(self.reason),
            time_zone: h.time_zone,
            work_start: h.work_start,
            work_end: h.work_end,
            work_days: h.work_days.map(Into::into),
        };
        let stand_in = AttendeeInput {
            role: input.role.or(Some(Default::default())),
            ..input.clone()
        };
        problems
            .merge(stand_in.into_new().map(|_| ()))
            .map(|()| input)
    }
}

impl ReadForm for ItemForm {
    type Input = AgendaItemInput;

    fn into_input(self) -> Result<AgendaItemInput, AppError> {
        let mut problems = Checks::default();
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
            .merge(stand_in.into_new().map(|_| ()))
            .map(|()| input)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::forms::DaysForm;

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
        assert_eq!(days.0, [2, 7]);
        let none = PersonForm {
            name: "Dana".into(),
            email: "dana@example.com".into(),
            role: "contributor".into(),
            days: Some(DaysForm::none()),
            ..Default::default()
        };
        assert_eq!(none.into_input().unwrap_err().field(), Some("work_days"));
    }
}
