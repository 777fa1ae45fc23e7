//! Action items (API.md, "Action items and feedback"): what a meeting decided someone does, by
//! when. The owner is a person on the meeting; they may only mark it done.

use crate::error::{AppError, Checks};
use crate::model::input::trimmed;
use crate::model::{ActionId, AttendeeId, MeetingId};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub const TITLE_MAX: usize = 200;
pub const NOTE_MAX: usize = 10_000;
/// How many action items one meeting may hold.
pub const ACTIONS_MAX: usize = 200;

/// An action item as a request sends it: creating needs title, owner and due date; `PATCH`
/// sends any subset.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ActionInput {
    pub title: Option<String>,
    #[schema(value_type = Option<String>, format = Uuid)]
    pub owner_id: Option<AttendeeId>,
    #[schema(value_type = Option<String>, format = Date)]
    pub due_on: Option<Date>,
    pub note: Option<String>,
    /// `PATCH` only: the one field the owner may change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<bool>,
}

/// A valid action item's fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionFields {
    pub title: String,
    pub owner_id: AttendeeId,
    pub due_on: Date,
    pub note: String,
}

impl ActionInput {
    /// Whether it asks for anything but `done` (what only the organizer may change).
    pub fn changes_more_than_done(&self) -> bool {
        self.title.is_some()
            || self.owner_id.is_some()
            || self.due_on.is_some()
            || self.note.is_some()
    }

    pub fn into_new(self) -> Result<ActionFields, AppError> {
        let mut missing = Checks::default();
        missing
            .check(self.title.is_some(), "title", "Enter what is to be done")
            .check(self.owner_id.is_some(), "owner_id", "Choose who does it")
            .check(self.due_on.is_some(), "due_on", "Enter the due date");
        missing.finish()?;
        let base = ActionFields {
            title: String::new(),
            owner_id: self.owner_id.unwrap_or_default(),
            due_on: self.due_on.unwrap_or(jiff::civil::date(1970, 1, 1)),
            note: String::new(),
        };
        self.apply_to(base)
    }

    /// The fields present applied onto `current`, checked as a whole.
    pub fn apply_to(self, current: ActionFields) -> Result<ActionFields, AppError> {
        let mut next = current;
        if let Some(title) = self.title {
            next.title = title.trim().to_owned();
        }
        if let Some(owner) = self.owner_id {
            next.owner_id = owner;
        }
        if let Some(due) = self.due_on {
            next.due_on = due;
        }
        if let Some(note) = self.note {
            next.note = trimmed(Some(note)).unwrap_or_default();
        }
        let mut checks = Checks::default();
        checks
            .check(!next.title.is_empty(), "title", "Enter what is to be done")
            .check(
                next.title.chars().count() <= TITLE_MAX,
                "title",
                format!("The title must be at most {TITLE_MAX} characters"),
            )
            .check(
                next.note.chars().count() <= NOTE_MAX,
                "note",
                format!("The note must be at most {NOTE_MAX} characters"),
            );
        checks.finish()?;
        Ok(next)
    }
}

/// Who owns an action item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ActionOwner {
    pub id: AttendeeId,
    pub name: String,
}

/// An action item as the API and the pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ActionItem {
    pub id: ActionId,
    pub meeting_id: MeetingId,
    pub title: String,
    pub owner: ActionOwner,
    #[schema(value_type = String, format = Date)]
    pub due_on: Date,
    pub note: String,
    pub done: bool,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub done_at: Option<Timestamp>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_item_needs_title_owner_and_due_date() {
        let e = ActionInput::default().into_new().unwrap_err();
        let fields: Vec<_> = e.field_errors().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["title", "owner_id", "due_on"]);
        let ok = ActionInput {
            title: Some("  Send the contract  ".into()),
            owner_id: Some(AttendeeId::new()),
            due_on: Some(jiff::civil::date(2026, 12, 18)),
            note: None,
            done: None,
        }
        .into_new()
        .unwrap();
        assert_eq!(ok.title, "Send the contract");
        let long = ActionInput {
            title: Some("x".repeat(TITLE_MAX + 1)),
            ..Default::default()
        };
        assert!(long.apply_to(ok.clone()).is_err());
        assert!(
            ActionInput {
                done: Some(true),
                ..Default::default()
            }
            .apply_to(ok)
            .is_ok()
        );
        assert!(
            !ActionInput {
                done: Some(true),
                ..Default::default()
            }
            .changes_more_than_done()
        );
    }
}
