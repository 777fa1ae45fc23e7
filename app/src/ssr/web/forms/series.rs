//! The new-series form: a template's values stand for the fields left empty, and the people
//! come one per line (`Name <email>, role, reason`).

use super::{ReadForm, blank, local_time};
use crate::error::{AppError, Checks};
use crate::model::forms::SeriesForm;
use crate::model::series::{Frequency, RecurrenceInput, SeriesInput};
use crate::model::{AttendeeInput, Role, WeekdaysInput};
use crate::ssr::text::tz;

/// One line of the people box: `Name <email>, role, reason` (a bare address names the person
/// after it; the role defaults to contributor).
fn person(line: &str) -> Result<AttendeeInput, String> {
    let mut parts = line.splitn(3, ',');
    let who = parts.next().unwrap_or("").trim();
    let (name, email) = match (who.find('<'), who.rfind('>')) {
        (Some(open), Some(close)) if open < close => (
            who[..open].trim().to_owned(),
            who[open + 1..close].trim().to_owned(),
        ),
        _ => (
            who.split('@').next().unwrap_or(who).to_owned(),
            who.to_owned(),
        ),
    };
    let role = match parts.next().map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => r
            .to_lowercase()
            .parse::<Role>()
            .map_err(|e| e.to_string())?,
        None => Role::Contributor,
    };
    Ok(AttendeeInput {
        name: Some(if name.is_empty() { email.clone() } else { name }),
        email: Some(email),
        role: Some(role),
        reason: parts.next().map(|r| r.trim().to_owned()),
        ..Default::default()
    })
}

fn optional_id<T: std::str::FromStr>(
    problems: &mut Checks,
    field: &str,
    text: &str,
    message: &str,
) -> Option<T> {
    match text.trim() {
        "" => None,
        id => id.parse().map_err(|_| problems.add(field, message)).ok(),
    }
}

impl ReadForm for SeriesForm {
    type Input = SeriesInput;

    fn into_input(self) -> Result<SeriesInput, AppError> {
        let mut problems = Checks::default();
        let template_id = optional_id(
            &mut problems,
            "template_id",
            &self.template_id,
            "Choose one of the templates",
        );
        let team_id = optional_id(
            &mut problems,
            "team_id",
            &self.team_id,
            "Choose one of your teams",
        );
        let text = |s: &str| (!blank(s)).then(|| s.trim().to_owned());
        let purpose_kind = match self.purpose_kind.trim() {
            "" => None,
            kind => kind
                .parse()
                .map_err(|_| problems.add("purpose_kind", "Choose the purpose"))
                .ok(),
        };
        let duration_minutes = match self.duration_minutes.trim() {
            "" => None,
            m => m
                .parse::<i64>()
                .map_err(|_| {
                    problems.add(
                        "duration_minutes",
                        "Enter the duration as a whole number of minutes",
                    )
                })
                .ok(),
        };
        let zone_name = self.time_zone.trim().to_owned();
        let zone = match tz::check("time_zone", &zone_name) {
            Ok(()) => jiff::tz::TimeZone::get(&zone_name).ok(),
            Err(_) => {
                problems.add("time_zone", "Choose a time zone from the list");
                None
            }
        };
        let first_starts_at = match local_time(&self.first_start, zone.as_ref()) {
            Ok(Some(at)) => Some(at),
            Ok(None) => {
                problems.add("first_starts_at", "Enter the first start");
                None
            }
            Err(()) => {
                problems.add(
                    "first_starts_at",
                    "Enter the first start as a date and a time",
                );
                None
            }
        };
        let frequency = match self.frequency.parse::<Frequency>() {
            Ok(f) => Some(f),
            Err(_) => {
                problems.add("recurrence.frequency", "Choose weekly or monthly");
                None
            }
        };
        let interval = match self.interval.trim() {
            "" => None,
            n => n
                .parse::<i64>()
                .map_err(|_| problems.add("recurrence.interval", "Choose how often"))
                .ok(),
        };
        let ticked = self.days.as_ref().map(|d| d.ticked()).unwrap_or_default();
        let weekdays = (frequency == Some(Frequency::Weekly) && !ticked.is_empty())
            .then_some(WeekdaysInput(ticked));
        let ends_on = match self.ends_on.trim().parse() {
            Ok(d) => Some(d),
            Err(_) => {
                problems.add("ends_on", "Enter the end date");
                None
            }
        };
        let mut attendees = Vec::new();
        for (i, line) in self.people.lines().enumerate() {
            if blank(line) {
                continue;
            }
            match person(line) {
                Ok(p) => attendees.push(p),
                Err(why) => problems.add("attendees", format!("Line {}: {why}", i + 1)),
            }
        }
        problems.finish()?;
        Ok(SeriesInput {
            team_id,
            template_id,
            title: text(&self.title),
            purpose_kind,
            outcome: text(&self.outcome),
            why_live: None,
            duration_minutes,
            time_zone: Some(zone_name),
            first_starts_at,
            recurrence: frequency.map(|frequency| RecurrenceInput {
                frequency,
                interval,
                weekdays,
            }),
            ends_on,
            auto_circulate: Some(self.auto_circulate.is_some()),
            anonymous: None,
            hourly_rate: None,
            agenda: None,
            attendees: Some(attendees),
            prereads: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_line_reads_name_address_role_and_reason() {
        let p = person("Ana Lima <ana@example.com>, decider, Owns the roadmap, and more").unwrap();
        assert_eq!(p.name.as_deref(), Some("Ana Lima"));
        assert_eq!(p.email.as_deref(), Some("ana@example.com"));
        assert_eq!(p.role, Some(Role::Decider));
        assert_eq!(p.reason.as_deref(), Some("Owns the roadmap, and more"));
        let bare = person("ben@example.com").unwrap();
        assert_eq!(bare.name.as_deref(), Some("ben"));
        assert_eq!(bare.role, Some(Role::Contributor));
        assert!(person("cy@example.com, boss").is_err());
    }
}
