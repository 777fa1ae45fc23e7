//! What the engine reads: a snapshot of one meeting, gathered by the server in a fixed number
//! of queries and shipped to the browser as is, so the live preview decides exactly as the
//! server does.

use crate::model::{
    AgendaItemId, AttendeeId, CommentId, CommentKind, ItemKind, PollId, PrereadId, PurposeKind,
    Role,
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Facts {
    pub purpose: PurposeKind,
    pub duration_minutes: u32,
    pub hourly_rate: Option<f64>,
    pub agenda: Vec<ItemFacts>,
    pub people: Vec<PersonFacts>,
    /// How many required pre-reads there are, and their reading time in all.
    pub required_prereads: u32,
    pub required_reading_minutes: u32,
    /// Unresolved top-level comments of every kind.
    pub open_threads: Vec<ThreadFacts>,
    pub polls: Vec<PollFacts>,
    /// Working hours on the meeting's day (or the days of this week), already placed on one
    /// axis by the server, which holds the time-zone database.
    pub days: Vec<DayHours>,
    /// The team norms the meeting circulated in breach of, by exception (their field names).
    #[serde(default)]
    pub norm_exceptions: Vec<String>,
    /// The weekday it starts on, when that is one of its team's no-meeting days.
    #[serde(default)]
    pub no_meeting_day: Option<String>,
    /// What its series' history advised when this occurrence was made, when that was to meet
    /// less, or not at all (never `keep`).
    #[serde(default)]
    pub series_advice: Option<String>,
    /// What the people of its series' last occurrences answered to "was it worth it?", when at
    /// least 3 answered.
    #[serde(default)]
    pub series_scores: Option<SeriesScores>,
}

/// The answers of a series' last occurrences, in aggregate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesScores {
    /// How many occurrences they come from (at most 3).
    pub occurrences: u32,
    pub responses: u32,
    /// The average score in hundredths (230 is 2.3 of 5).
    pub average_hundredths: u32,
    /// How many said it could have been async.
    pub could_have_been_async: u32,
}

impl SeriesScores {
    pub fn average(&self) -> f64 {
        f64::from(self.average_hundredths) / 100.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemFacts {
    pub id: AgendaItemId,
    pub title: String,
    pub kind: ItemKind,
    pub minutes: u32,
    pub owner: Option<AttendeeId>,
    pub resolved: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonFacts {
    pub id: AttendeeId,
    pub name: String,
    pub role: Role,
    pub has_reason: bool,
    pub ready: bool,
    pub not_needed: bool,
    /// Required pre-reads this person has marked read.
    pub required_read: u32,
}

impl PersonFacts {
    /// Would this person be in the room? Informed people and those who said they are not
    /// needed would not.
    pub fn would_meet(&self) -> bool {
        self.role != Role::Informed && !self.not_needed
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadFacts {
    pub id: CommentId,
    pub preread: PrereadId,
    pub kind: CommentKind,
    /// The start of the comment, for the focus list.
    pub excerpt: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollFacts {
    pub id: PollId,
    pub question: String,
    pub options: Vec<String>,
    pub builtin: bool,
    /// Votes per option, in option order; `None` while the poll hides its results. Only the
    /// overall tally is ever gathered: these facts reach the organizer's browser.
    pub tally: Option<Vec<u32>>,
    /// The deciders' votes fall on more than one option. Worked out on the server, and only
    /// where a split by role could be shown anyway (results visible, nothing anonymous), so
    /// no ballot can be read back from it.
    pub deciders_split: bool,
}

/// One day's working hours, as minutes from midnight of that day in the meeting's zone (a
/// person far away may start before 0 or end after 1440).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayHours {
    /// `YYYY-MM-DD` in the meeting's zone.
    pub date: String,
    pub people: Vec<PersonHours>,
    /// The meeting's own slot, when it has a start on this day.
    pub slot: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonHours {
    pub id: AttendeeId,
    pub name: String,
    pub zone: String,
    pub span: Span,
    /// Minutes to add to the meeting's clock to read this person's own clock on that day
    /// (New York against Berlin: -360).
    #[serde(default)]
    pub offset: i32,
}

impl PersonHours {
    /// A minute of the meeting's day on this person's clock, `HH:MM`.
    pub fn their_clock(&self, minute: i32) -> String {
        clock(minute + self.offset)
    }
}

/// Minutes from midnight as `HH:MM`, wrapping around the day.
pub fn clock(minute: i32) -> String {
    let m = minute.rem_euclid(1440);
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// A stretch of minutes, `start` inclusive, `end` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Span {
    pub start: i32,
    pub end: i32,
}

impl Span {
    pub fn minutes(self) -> i32 {
        (self.end - self.start).max(0)
    }
}
