//! The account: an organizer's profile (working hours) and webhooks.

use super::{ReadForm, hours};
use crate::error::{AppError, Checks};
use crate::model::delivery::{WebhookEvent, WebhookFormat, WebhookInput};
use crate::model::forms::{ProfileForm, WebhookForm};
use crate::model::{Profile, ProfileInput, TimeOfDay, UserId, WorkDays};

impl ReadForm for ProfileForm {
    type Input = ProfileInput;

    /// Every field of the profile (the form shows them all), checked like `PATCH /api/v1/me`.
    fn into_input(self) -> Result<ProfileInput, AppError> {
        let mut problems = Checks::default();
        let h = hours(
            &mut problems,
            &self.time_zone,
            &self.work_start,
            &self.work_end,
            self.days.as_ref(),
        );
        let input = ProfileInput {
            name: Some(self.name),
            time_zone: h.time_zone,
            work_start: h.work_start,
            work_end: h.work_end,
            work_days: h.work_days.map(Into::into),
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
            .merge(input.clone().apply_to(stand_in).map(|_| ()))
            .map(|()| input)
    }
}

impl ReadForm for WebhookForm {
    type Input = WebhookInput;

    fn into_input(self) -> Result<WebhookInput, AppError> {
        let mut problems = Checks::default();
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
        problems.merge(Ok(WebhookInput {
            url: self.url,
            events,
            format,
        }))
    }
}

impl ReadForm for crate::model::forms::NormsForm {
    type Input = crate::model::team::NormsInput;

    /// Every norm (the form shows them all), checked like `PATCH /api/v1/teams/{id}`; the
    /// fields are named `norms.<name>` there and `<name>` here, as the form controls are.
    fn into_input(self) -> Result<Self::Input, AppError> {
        use crate::model::PurposeKind;
        let mut problems = Checks::default();
        let mut number = |field: &str, text: &str| -> Option<i64> {
            match text.trim().parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    problems.add(field, "Enter a whole number");
                    None
                }
            }
        };
        let min_response_hours = number("min_response_hours", &self.min_response_hours);
        let min_lead_hours = number("min_lead_hours", &self.min_lead_hours);
        let max_invitees = number("max_invitees", &self.max_invitees);
        let max_minutes = number("max_minutes", &self.max_minutes);
        let mut time = |field: &str, text: &str| match text.trim().parse::<TimeOfDay>() {
            Ok(t) => Some(t),
            Err(_) => {
                problems.add(field, "Enter a time like 09:00");
                None
            }
        };
        let core_start = time("core_start", &self.core_start);
        let core_end = time("core_end", &self.core_end);
        let hourly_rate = match self.hourly_rate.trim() {
            "" => Some(None),
            text => match text.replace(',', ".").parse::<f64>() {
                Ok(r) => Some(Some(r)),
                Err(_) => {
                    problems.add("hourly_rate", "Enter the hourly rate as a number, like 85");
                    None
                }
            },
        };
        let input = crate::model::team::NormsInput {
            min_response_hours,
            min_lead_hours,
            max_invitees,
            no_meeting_days: Some(self.days.map(|d| d.ticked()).unwrap_or_default()),
            core_start,
            core_end,
            time_zone: Some(self.time_zone.trim().to_owned()),
            max_minutes,
            require_preread_for: Some(
                PurposeKind::ALL
                    .into_iter()
                    .filter(|k| self.preread.contains_key(k.as_str()))
                    .collect(),
            ),
            anonymous_by_default: Some(self.anonymous_by_default.is_some()),
            hourly_rate,
        };
        let checked = input
            .clone()
            .apply_to(crate::model::team::Norms::default())
            .map_err(|e| match e {
                AppError::Validation(errors) => AppError::Validation(
                    errors
                        .into_iter()
                        .map(|mut f| {
                            f.field = f.field.trim_start_matches("norms.").to_owned();
                            f
                        })
                        .collect(),
                ),
                other => other,
            });
        problems.merge(checked.map(|_| ())).map(|()| input)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::forms::DaysForm;

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
        assert_eq!(input.work_days.unwrap().0, [1, 2, 3, 4]);
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
