//! Recurring meetings and templates (PRODUCT.md, "Recurring meetings: every occurrence earns its
//! place"; API.md, "Series and templates"): what a series is made of, as requests send it and as
//! answers show it, its history and its advice. The arithmetic of its dates needs the time-zone
//! database and lives on the server (`ssr::domain::series::recurrence`).

use crate::error::{AppError, Checks};
use crate::model::attendee::{AttendeeFields, AttendeeInput};
use crate::model::hours::WeekdaysInput;
use crate::model::input::nullable;
use crate::model::meeting::{MeetingStatus, PurposeKind};
use crate::model::names::names;
use crate::model::outcome::VerdictKind;
use crate::model::{AgendaItemInput, ItemKind, MeetingId, PrereadInput, SeriesId, TeamId};
use crate::model::{TemplateId, UserId};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The longest interval: every fourth week, or every fourth month.
pub const INTERVAL_MAX: i64 = 4;
/// How far the end date may lie after the first start (API.md).
pub const SPAN_DAYS_MAX: i64 = 366;
/// How many items a template or a series may list of each kind (the meeting's own limits).
pub const AGENDA_MAX: usize = 100;
pub const PEOPLE_MAX: usize = 200;
pub const PREREADS_MAX: usize = 50;
pub const NAME_MAX: usize = 100;

names! {
    /// How a series repeats.
    Frequency("frequency", "Frequency") {
        Weekly = "weekly" / "Weekly",
        Monthly = "monthly" / "Monthly",
    }
}

names! {
    /// Whether a series still makes occurrences.
    SeriesStatus("status", "Series status") {
        Active = "active" / "Active",
        Ended = "ended" / "Ended",
    }
}

names! {
    /// What a series' history advises (API.md).
    AdviceKind("kind", "Advice") {
        Keep = "keep" / "Keep it",
        LessOften = "less_often" / "Meet less often",
        GoAsync = "go_async" / "Go async",
        Shorten = "shorten" / "Shorten it",
        End = "end" / "End the series",
    }
}

names! {
    /// Where a template comes from.
    TemplateScope("scope", "Template scope") {
        Builtin = "builtin" / "Built in",
        Personal = "personal" / "Yours",
        Team = "team" / "Your team's",
    }
}

names! {
    /// What was carried over from an earlier occurrence.
    CarriedKind("kind", "Carried-over kind") {
        Thread = "thread" / "Thread",
        ActionItem = "action_item" / "Action item",
    }
}

/// A recurrence as a request sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RecurrenceInput {
    pub frequency: Frequency,
    /// Every how many weeks or months: 1 to 4 (default 1).
    pub interval: Option<i64>,
    /// Weekly only: ISO weekdays (1 = Monday); the first start's weekday when left out.
    pub weekdays: Option<WeekdaysInput>,
}

/// A valid recurrence: weekly on `weekdays` every `interval` weeks, or monthly on the first
/// start's day of the month every `interval` months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Recurrence {
    pub frequency: Frequency,
    pub interval: u8,
    /// ISO weekdays, sorted; empty for a monthly series.
    pub weekdays: Vec<u8>,
}

impl RecurrenceInput {
    /// The recurrence this asks for; `first_weekday` is the first start's ISO weekday in the
    /// series' zone. Problems are named `recurrence.<field>`.
    pub fn checked(self, first_weekday: u8, checks: &mut Checks) -> Option<Recurrence> {
        let interval = self.interval.unwrap_or(1);
        let interval_ok = (1..=INTERVAL_MAX).contains(&interval);
        checks.check(
            interval_ok,
            "recurrence.interval",
            format!("The interval must be between 1 and {INTERVAL_MAX}"),
        );
        let weekdays = match (self.frequency, self.weekdays) {
            (Frequency::Monthly, None) => Some(Vec::new()),
            (Frequency::Monthly, Some(_)) => {
                checks.add(
                    "recurrence.weekdays",
                    "Weekdays are for weekly series; a monthly one keeps the first start's day",
                );
                None
            }
            (Frequency::Weekly, None) => Some(vec![first_weekday]),
            (Frequency::Weekly, Some(days)) => days
                .checked(checks, "recurrence.weekdays")
                .map(Vec::<u8>::from),
        };
        Some(Recurrence {
            frequency: self.frequency,
            interval: u8::try_from(interval).ok().filter(|_| interval_ok)?,
            weekdays: weekdays?,
        })
    }
}

impl From<&Recurrence> for RecurrenceInput {
    fn from(r: &Recurrence) -> Self {
        Self {
            frequency: r.frequency,
            interval: Some(i64::from(r.interval)),
            weekdays: (r.frequency == Frequency::Weekly)
                .then(|| WeekdaysInput(r.weekdays.iter().map(|d| i64::from(*d)).collect())),
        }
    }
}

impl Recurrence {
    /// "Every week on Monday", "Every 2 weeks on Monday and Thursday", "Every month".
    pub fn describe(&self) -> String {
        let every = match (self.frequency, self.interval) {
            (Frequency::Weekly, 1) => "Every week".to_owned(),
            (Frequency::Weekly, n) => format!("Every {n} weeks"),
            (Frequency::Monthly, 1) => "Every month".to_owned(),
            (Frequency::Monthly, n) => format!("Every {n} months"),
        };
        if self.frequency == Frequency::Monthly {
            return format!("{every}, on the same day");
        }
        let days: Vec<&str> = self
            .weekdays
            .iter()
            .map(|d| crate::model::team::weekday_name(*d))
            .collect();
        match days.split_last() {
            Some((last, [])) => format!("{every} on {last}"),
            Some((last, rest)) => format!("{every} on {} and {last}", rest.join(", ")),
            None => every,
        }
    }
}

/// An agenda item as a template or a series keeps it (no owner: people differ per occurrence
/// until they are made).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TemplateItem {
    pub title: String,
    pub kind: ItemKind,
    pub minutes: u32,
}

/// A pre-read as a template or a series keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TemplatePreread {
    pub title: String,
    pub markdown: String,
    pub required: bool,
}

/// The fields in `Err` renamed `<list>[<i>].<field>`, so a problem names the entry at fault.
fn within(list: &str, i: usize, error: AppError) -> Vec<crate::error::FieldError> {
    error
        .field_errors()
        .iter()
        .map(|e| crate::error::FieldError::new(format!("{list}[{i}].{}", e.field), &e.message))
        .collect()
}

/// Checks a list of agenda items, each as an agenda item is checked.
pub fn checked_agenda(
    items: Vec<AgendaItemInput>,
    problems: &mut Vec<crate::error::FieldError>,
) -> Vec<TemplateItem> {
    if items.len() > AGENDA_MAX {
        problems.push(crate::error::FieldError::new(
            "agenda",
            format!("At most {AGENDA_MAX} agenda items"),
        ));
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let item = AgendaItemInput {
            owner_id: None,
            position: None,
            resolved_async: None,
            resolution: None,
            ..item
        };
        match item.into_new() {
            Ok(f) => out.push(TemplateItem {
                title: f.title,
                kind: f.kind,
                minutes: f.minutes,
            }),
            Err(e) => problems.extend(within("agenda", i, e)),
        }
    }
    out
}

/// Checks a list of pre-reads, each as a new pre-read is checked.
pub fn checked_prereads(
    docs: Vec<PrereadInput>,
    problems: &mut Vec<crate::error::FieldError>,
) -> Vec<TemplatePreread> {
    if docs.len() > PREREADS_MAX {
        problems.push(crate::error::FieldError::new(
            "prereads",
            format!("At most {PREREADS_MAX} pre-reads"),
        ));
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, doc) in docs.into_iter().enumerate() {
        match doc.validate(true) {
            Ok(()) => out.push(TemplatePreread {
                title: doc.title.unwrap_or_default().trim().to_owned(),
                markdown: doc.markdown.unwrap_or_default(),
                required: doc.required.unwrap_or(true),
            }),
            Err(e) => problems.extend(within("prereads", i, e)),
        }
    }
    out
}

/// Checks a list of people, each as a new attendee is checked; an address twice is a problem.
pub fn checked_people(
    people: Vec<AttendeeInput>,
    problems: &mut Vec<crate::error::FieldError>,
) -> Vec<AttendeeFields> {
    if people.len() > PEOPLE_MAX {
        problems.push(crate::error::FieldError::new(
            "attendees",
            format!("At most {PEOPLE_MAX} people"),
        ));
        return Vec::new();
    }
    let mut out: Vec<AttendeeFields> = Vec::new();
    for (i, person) in people.into_iter().enumerate() {
        match person.into_new() {
            Ok(f) => {
                let key = crate::model::user::email_key(&f.email);
                if out
                    .iter()
                    .any(|o| crate::model::user::email_key(&o.email) == key)
                {
                    problems.push(crate::error::FieldError::new(
                        format!("attendees[{i}].email"),
                        "This address is on the list already",
                    ));
                } else {
                    out.push(f);
                }
            }
            Err(e) => problems.extend(within("attendees", i, e)),
        }
    }
    out
}

/// A series as a request sends it: creating needs the essentials; `PATCH` sends any subset of
/// them but `team_id` and `first_starts_at`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SeriesInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<TeamId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_id: Option<TemplateId>,
    pub title: Option<String>,
    pub purpose_kind: Option<PurposeKind>,
    pub outcome: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub why_live: Option<Option<String>>,
    pub duration_minutes: Option<i64>,
    #[schema(example = "Europe/Paris")]
    pub time_zone: Option<String>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub first_starts_at: Option<Timestamp>,
    pub recurrence: Option<RecurrenceInput>,
    /// The last day an occurrence may fall on, in the series' zone: at most 366 days after the
    /// first start.
    #[schema(value_type = Option<String>, format = Date)]
    pub ends_on: Option<Date>,
    /// Circulate each occurrence at the lead time the team's norms ask for (default true).
    pub auto_circulate: Option<bool>,
    pub anonymous: Option<bool>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<f64>)]
    pub hourly_rate: Option<Option<f64>>,
    pub agenda: Option<Vec<AgendaItemInput>>,
    pub attendees: Option<Vec<AttendeeInput>>,
    pub prereads: Option<Vec<PrereadInput>>,
}

/// A series as stored: the template brief every occurrence is made from, and its schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesFields {
    pub title: String,
    pub purpose_kind: PurposeKind,
    pub outcome: String,
    pub why_live: Option<String>,
    pub duration_minutes: u32,
    pub time_zone: String,
    pub first_starts_at: Timestamp,
    pub recurrence: Recurrence,
    pub ends_on: Date,
    pub auto_circulate: bool,
    pub anonymous: bool,
    pub hourly_rate_cents: Option<i64>,
    pub agenda: Vec<TemplateItem>,
    pub attendees: Vec<AttendeeFields>,
    pub prereads: Vec<TemplatePreread>,
}

/// The occurrence that exists now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NextOccurrence {
    pub meeting_id: MeetingId,
    #[schema(value_type = String, format = DateTime)]
    pub starts_at: Timestamp,
    #[schema(value_type = String, format = Date)]
    pub occurrence_date: Date,
    pub status: MeetingStatus,
}

/// A person on every occurrence, as a series lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SeriesPerson {
    pub name: String,
    pub email: String,
    pub role: crate::model::Role,
    pub reason: String,
    pub time_zone: Option<String>,
    #[schema(value_type = Option<String>)]
    pub work_start: Option<crate::model::TimeOfDay>,
    #[schema(value_type = Option<String>)]
    pub work_end: Option<crate::model::TimeOfDay>,
    pub work_days: Vec<u8>,
}

impl From<&AttendeeFields> for SeriesPerson {
    fn from(f: &AttendeeFields) -> Self {
        Self {
            name: f.name.clone(),
            email: f.email.clone(),
            role: f.role,
            reason: f.reason.clone(),
            time_zone: f.time_zone.clone(),
            work_start: f.work_start,
            work_end: f.work_end,
            work_days: f.work_days.clone().into(),
        }
    }
}

/// A series as the API and its page show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Series {
    pub id: SeriesId,
    pub team_id: Option<TeamId>,
    pub organizer_id: UserId,
    pub title: String,
    pub purpose_kind: PurposeKind,
    pub outcome: String,
    pub why_live: Option<String>,
    pub duration_minutes: u32,
    pub time_zone: String,
    #[schema(value_type = String, format = DateTime)]
    pub first_starts_at: Timestamp,
    pub recurrence: Recurrence,
    #[schema(value_type = String, format = Date)]
    pub ends_on: Date,
    pub auto_circulate: bool,
    pub anonymous: bool,
    pub hourly_rate: Option<f64>,
    pub agenda: Vec<TemplateItem>,
    pub attendees: Vec<SeriesPerson>,
    pub prereads: Vec<TemplatePreread>,
    pub status: SeriesStatus,
    /// The day it was ended, when it was ended early.
    #[schema(value_type = Option<String>, format = Date)]
    pub ended_on: Option<Date>,
    pub next: Option<NextOccurrence>,
    /// Dates skipped ahead of time, and occurrences cancelled, in the series' zone.
    #[schema(value_type = Vec<String>)]
    pub skipped: Vec<Date>,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: Timestamp,
}

/// One occurrence that is over or decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct HistoryEntry {
    pub meeting_id: MeetingId,
    #[schema(value_type = String, format = Date)]
    pub occurrence_date: Date,
    #[schema(value_type = String, format = DateTime)]
    pub starts_at: Timestamp,
    pub status: MeetingStatus,
    pub verdict: VerdictKind,
    /// As held: the people who met times the minutes; 0 for a cancelled one.
    pub attendee_hours: f64,
    /// The average "was it worth it?" score, once at least 3 people answered.
    pub worth_it: Option<f64>,
}

/// What the history says about the series, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Advice {
    pub kind: AdviceKind,
    pub message: String,
}

/// A series with its history and advice (`GET /api/v1/series/{id}` and the series page).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SeriesDetail {
    #[serde(flatten)]
    pub series: Series,
    pub history: Vec<HistoryEntry>,
    pub advice: Advice,
}

/// The line on an occurrence's brief that names its series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesLine {
    pub id: SeriesId,
    pub title: String,
    /// "Every week on Monday"
    pub schedule: String,
    /// Whether the viewer organizes the series (and may change it).
    pub organizer: bool,
}

/// A page of series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SeriesPage {
    pub series: Vec<Series>,
    pub next_cursor: Option<String>,
}

/// `POST /api/v1/series/{id}/skip`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SkipInput {
    #[schema(value_type = String, format = Date)]
    pub date: Date,
}

/// What an occurrence carries from the ones before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CarriedOver {
    pub kind: CarriedKind,
    /// The original thread's or action item's id.
    #[schema(value_type = String, format = Uuid)]
    pub id: uuid::Uuid,
    pub text: String,
    /// The comment kind of a thread (`blocker`, `concern`, `question`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_kind: Option<crate::model::CommentKind>,
    pub from_meeting_id: MeetingId,
    #[schema(value_type = String, format = Date)]
    pub from_date: Date,
    /// Where it can be read (a path of this app: the thread on its pre-read).
    pub link: String,
    /// The agenda item the organizer made of it, if any.
    pub agenda_item_id: Option<crate::model::AgendaItemId>,
}

/// A template as a request sends it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TemplateInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<TeamId>,
    pub name: Option<String>,
    pub title: Option<String>,
    pub purpose_kind: Option<PurposeKind>,
    pub outcome: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub why_live: Option<Option<String>>,
    pub duration_minutes: Option<i64>,
    pub agenda: Option<Vec<AgendaItemInput>>,
    pub prereads: Option<Vec<PrereadInput>>,
}

/// A template: the start of a brief or of a series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Template {
    pub id: TemplateId,
    pub name: String,
    pub scope: TemplateScope,
    pub team_id: Option<TeamId>,
    /// The title a meeting made from it takes, unless the request gives one.
    pub title: Option<String>,
    pub purpose_kind: PurposeKind,
    pub outcome: String,
    pub why_live: Option<String>,
    pub duration_minutes: u32,
    pub agenda: Vec<TemplateItem>,
    pub prereads: Vec<TemplatePreread>,
}

impl TemplateInput {
    /// A complete, valid template (its id and scope are the caller's to give).
    pub fn into_template(self, id: TemplateId, scope: TemplateScope) -> Result<Template, AppError> {
        use crate::model::meeting::{DURATION_MAX, OUTCOME_MAX, TITLE_MAX};
        let mut checks = Checks::default();
        let name = self.name.unwrap_or_default().trim().to_owned();
        checks.check(!name.is_empty(), "name", "Enter the template's name");
        checks.check(
            name.chars().count() <= NAME_MAX,
            "name",
            format!("The name must be at most {NAME_MAX} characters"),
        );
        let title = crate::model::input::trimmed(self.title);
        checks.check(
            title
                .as_ref()
                .is_none_or(|t| t.chars().count() <= TITLE_MAX),
            "title",
            format!("The title must be at most {TITLE_MAX} characters"),
        );
        checks.check(
            self.purpose_kind.is_some(),
            "purpose_kind",
            "Choose the purpose",
        );
        let outcome = self.outcome.unwrap_or_default().trim().to_owned();
        checks.check(
            !outcome.is_empty(),
            "outcome",
            "Enter the desired outcome: by the end we will have ...",
        );
        checks.check(
            outcome.chars().count() <= OUTCOME_MAX,
            "outcome",
            format!("The outcome must be at most {OUTCOME_MAX} characters"),
        );
        let why_live = self.why_live.and_then(crate::model::input::trimmed);
        checks.check(
            why_live
                .as_ref()
                .is_none_or(|w| w.chars().count() <= OUTCOME_MAX),
            "why_live",
            format!("At most {OUTCOME_MAX} characters"),
        );
        let minutes = self.duration_minutes.unwrap_or(30);
        checks.check(
            (1..=i64::from(DURATION_MAX)).contains(&minutes),
            "duration_minutes",
            format!("Duration must be between 1 and {DURATION_MAX} minutes"),
        );
        let mut problems = Vec::new();
        let agenda = checked_agenda(self.agenda.unwrap_or_default(), &mut problems);
        let prereads = checked_prereads(self.prereads.unwrap_or_default(), &mut problems);
        for p in problems {
            checks.add(&p.field, p.message);
        }
        checks.finish()?;
        Ok(Template {
            id,
            name,
            scope,
            team_id: self.team_id,
            title,
            purpose_kind: self.purpose_kind.unwrap_or_default(),
            outcome,
            why_live,
            duration_minutes: minutes as u32,
            agenda,
            prereads,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recurrence_is_checked_field_by_field() {
        let mut checks = Checks::default();
        let weekly = RecurrenceInput {
            frequency: Frequency::Weekly,
            interval: None,
            weekdays: None,
        }
        .checked(3, &mut checks)
        .unwrap();
        assert_eq!(weekly.weekdays, vec![3]);
        assert_eq!(weekly.interval, 1);
        assert!(checks.finish().is_ok());

        let mut checks = Checks::default();
        let bad = RecurrenceInput {
            frequency: Frequency::Weekly,
            interval: Some(5),
            weekdays: Some(WeekdaysInput(vec![8])),
        }
        .checked(1, &mut checks);
        assert!(bad.is_none());
        let e = checks.finish().unwrap_err();
        let fields: Vec<_> = e.field_errors().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["recurrence.interval", "recurrence.weekdays"]);
    }

    #[test]
    fn recurrences_describe_themselves() {
        let r = Recurrence {
            frequency: Frequency::Weekly,
            interval: 2,
            weekdays: vec![1, 4],
        };
        assert_eq!(r.describe(), "Every 2 weeks on Monday and Thursday");
        let m = Recurrence {
            frequency: Frequency::Monthly,
            interval: 1,
            weekdays: vec![],
        };
        assert_eq!(m.describe(), "Every month, on the same day");
    }

    #[test]
    fn a_list_names_the_entry_at_fault() {
        let mut problems = Vec::new();
        let items = checked_agenda(
            vec![
                AgendaItemInput {
                    title: Some("Fine".into()),
                    kind: Some(ItemKind::Discuss),
                    minutes: Some(10),
                    ..Default::default()
                },
                AgendaItemInput {
                    title: Some("Too long".into()),
                    kind: Some(ItemKind::Discuss),
                    minutes: Some(9999),
                    ..Default::default()
                },
            ],
            &mut problems,
        );
        assert_eq!(items.len(), 1);
        assert_eq!(problems[0].field, "agenda[1].minutes");
    }
}
