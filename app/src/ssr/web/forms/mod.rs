//! Turns the browser's form answers into the typed inputs the domain takes, collecting every
//! field that does not parse, so a form reports all its problems at once: the brief's steps,
//! the discussion (pre-reads, comments, polls) and the account (profile, webhooks).

mod account;
mod brief;
mod discussion;
mod series;

pub use discussion::poll_input;

use crate::error::{AppError, Checks};
use crate::model::forms::DaysForm;
use crate::model::{TimeOfDay, WorkDays};
use jiff::Timestamp;
use jiff::civil::DateTime;

/// Reads a form's answers into the typed input the domain takes, reporting every field that
/// does not parse. The forms themselves are the browser's (`model::forms`); reading them is the
/// server's, which checks time zones against its own database.
pub trait ReadForm {
    type Input;
    fn into_input(self) -> Result<Self::Input, AppError>;
}

/// The working-hours answers a person's form and the organizer's profile share, each as the
/// typed input takes it (`Some(None)` clears a field).
struct HoursAnswers {
    time_zone: Option<Option<String>>,
    work_start: Option<Option<TimeOfDay>>,
    work_end: Option<Option<TimeOfDay>>,
    work_days: Option<WorkDays>,
}

fn hours(
    problems: &mut Checks,
    time_zone: &str,
    start: &str,
    end: &str,
    days_form: Option<&DaysForm>,
) -> HoursAnswers {
    let zone = time_zone.trim().to_owned();
    if !zone.is_empty() && crate::ssr::text::tz::check("time_zone", &zone).is_err() {
        problems.add("time_zone", "Choose a time zone from the list");
    }
    HoursAnswers {
        time_zone: Some((!zone.is_empty()).then_some(zone)),
        work_start: Some(time_of_day(problems, "work_start", start)),
        work_end: Some(time_of_day(problems, "work_end", end)),
        work_days: days(problems, days_form),
    }
}

/// The working days ticked (`None` when the form had no such boxes); none ticked is a problem of
/// the `work_days` field.
fn days(problems: &mut Checks, form: Option<&DaysForm>) -> Option<WorkDays> {
    match WorkDays::try_from(form?.ticked()) {
        Ok(days) => Some(days),
        Err(_) => {
            problems.add("work_days", "Choose at least one working day");
            None
        }
    }
}

/// An optional `HH:MM`, its parse problem named after `field`.
fn time_of_day(problems: &mut Checks, field: &str, text: &str) -> Option<TimeOfDay> {
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

/// A `datetime-local` answer, read in the meeting's time zone: the one reader of local times
/// (a meeting's start and deadline, a poll's close). Blank is `None`.
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
