//! The verdict engine: pure, deterministic, no I/O. The server runs it for pages and the API;
//! the browser runs the same code for the live preview while the organizer edits the brief.
//! The rules are PRODUCT.md's "The verdict, in words", in that order of precedence.

mod advice;
mod audience;
pub mod facts;
mod page;
mod plan;
mod rules;

pub use advice::shorten_plan;
pub use audience::for_attendees;
pub use facts::{DayHours, Facts, PersonHours, Span};
pub use page::VerdictPage;
pub use plan::{ROOM_SIZE, best_day, breakout_rooms, shared_window};
pub use rules::decide;

use crate::model::names::names;
pub use crate::model::outcome::VerdictKind;
use crate::model::{AgendaItemId, AttendeeId, CommentId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

names! {
    Direction("direction", "Direction") {
        /// The signal argues for doing it without meeting.
        Async = "async",
        /// The signal argues for meeting.
        Live = "live",
        /// It must be settled first.
        Blocking = "blocking",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Reason {
    /// A stable name: `agenda`, `decider`, `time_boxes`, `blockers`, `concerns`,
    /// `decider_split`, `purpose`, `resolved_items`, `not_needed`, `working_hours`, `informed`,
    /// `missing_reasons`, `unread_prereads`, `readiness`, `invite_size`, `meeting_poll`.
    pub signal: String,
    pub direction: Direction,
    /// 1 (a hint) to 3 (decides on its own).
    pub weight: u8,
    pub message: String,
}

names! {
    ActionKind("kind", "Action") {
        AddAgenda = "add_agenda",
        AddDecider = "add_decider",
        TrimAgenda = "trim_agenda",
        Cancel = "cancel",
        Shorten = "shorten",
        DropAttendees = "drop_attendees",
        RemoveItems = "remove_items",
        Hold = "hold",
        Focus = "focus",
        SplitRooms = "split_rooms",
    }
}

/// One thing the organizer can do, naming the people or items concerned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct VerdictAction {
    pub kind: ActionKind,
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendee_ids: Vec<AttendeeId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item_ids: Vec<AgendaItemId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comment_ids: Vec<CommentId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Cost {
    pub planned_minutes: u32,
    pub planned_attendee_hours: f64,
    pub suggested_minutes: u32,
    pub suggested_attendee_hours: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_money: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested_money: Option<f64>,
    /// The async alternative: required reading plus ten minutes of commenting per person.
    pub async_attendee_hours: f64,
}

/// "1 attendee-hour", "1.5 attendee-hours": [`hours_text`] with its unit.
pub fn attendee_hours_text(hours: f64) -> String {
    match hours_text(hours).as_str() {
        "1" => "1 attendee-hour".to_owned(),
        text => format!("{text} attendee-hours"),
    }
}

/// Hours as people read them: at most two decimals, none when whole ("1.25", "1.5", "2").
/// Integer formatting only: Rust's float formatting would add ~15 KB to the browser bundle for
/// the live preview's one sentence.
pub fn hours_text(hours: f64) -> String {
    let hundredths = (hours * 100.0).round() as i64;
    let (whole, part) = (hundredths / 100, (hundredths % 100).abs());
    let sign = if hundredths < 0 && whole == 0 {
        "-"
    } else {
        ""
    };
    match part {
        0 => format!("{sign}{whole}"),
        p if p % 10 == 0 => format!("{sign}{whole}.{}", p / 10),
        p => format!("{sign}{whole}.{p:02}"),
    }
}

/// One entry of the focus list: an open thread or an undecided item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FocusEntry {
    pub label: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment_id: Option<CommentId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub preread_id: Option<crate::model::PrereadId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_id: Option<AgendaItemId>,
}

/// The engine's answer (API.md "Verdict and calendar", plus `focus` and `shared_window`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Verdict {
    pub verdict: VerdictKind,
    pub summary: String,
    pub reasons: Vec<Reason>,
    pub cost: Cost,
    pub actions: Vec<VerdictAction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakout_rooms: Option<Vec<Vec<AttendeeId>>>,
    pub focus: Vec<FocusEntry>,
    /// Minutes from midnight in the meeting's zone that everyone who would meet shares, on the
    /// day shown; `null` when there is none or too little is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared_window: Option<Span>,
}

/// What "Shorten" would do, whatever the verdict: the remaining items' minutes, the people to
/// take off the invitation and the items resolved in writing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ShortenPlan {
    pub minutes: u32,
    pub drop: Vec<AttendeeId>,
    pub remove_items: Vec<AgendaItemId>,
}

impl ShortenPlan {
    /// What shortening does to a meeting of `duration` minutes with `invited` people, as a
    /// button says it: "Shorten to 45 minutes", "Trim the invitation to 3 people", or both.
    pub fn words(&self, duration: u32, invited: usize) -> String {
        let (shorter, trimmed, people) = self.changes(duration, invited);
        match (shorter, trimmed) {
            (true, true) => format!(
                "Shorten to {} minutes and trim the invitation to {people}",
                self.minutes
            ),
            (true, false) => format!("Shorten to {} minutes", self.minutes),
            (false, true) => format!("Trim the invitation to {people}"),
            (false, false) => "Take the items resolved in writing off the agenda".to_owned(),
        }
    }

    /// Whether it takes minutes off, whether it takes people off, and the people left.
    fn changes(&self, duration: u32, invited: usize) -> (bool, bool, String) {
        let left = invited.saturating_sub(self.drop.len());
        (
            self.minutes < duration,
            !self.drop.is_empty(),
            advice::plural(left, "person", "people"),
        )
    }

    /// The same, once done, for the outcome record.
    pub fn done(&self, duration: u32, invited: usize) -> String {
        let (shorter, trimmed, people) = self.changes(duration, invited);
        match (shorter, trimmed) {
            (true, true) => format!(
                "Shortened to {} minutes. The invitation trimmed to {people}.",
                self.minutes
            ),
            (true, false) => format!("Shortened to {} minutes.", self.minutes),
            (false, true) => format!("The invitation trimmed to {people}; {duration} minutes."),
            (false, false) => format!("Items resolved in writing taken off; {duration} minutes."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::hours_text;

    #[test]
    fn hours_read_as_people_write_them() {
        for (h, text) in [
            (0.0, "0"),
            (2.0, "2"),
            (1.5, "1.5"),
            (1.25, "1.25"),
            (0.05, "0.05"),
            (12.349, "12.35"),
            (-0.5, "-0.5"),
            (-1.75, "-1.75"),
        ] {
            assert_eq!(hours_text(h), text, "{h}");
        }
    }
}
