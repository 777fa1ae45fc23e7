//! Agenda items: what the meeting will cover, in order, each with an owner and a time box.

use super::input::{nullable, trimmed};
use super::meeting::TITLE_MAX;
use super::names::names;
use super::{AgendaItemId, AttendeeId, char_len};
use crate::error::{AppError, Checks};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub const ITEMS_MAX: usize = 100;
pub const MINUTES_MAX: u32 = 480;
pub const RESOLUTION_MAX: usize = 10_000;

names! {
    #[derive(Default)]
    ItemKind("kind", "Kind") {
        #[default]
        Discuss = "discuss" / "Discuss",
        Decide = "decide" / "Decide",
        Inform = "inform" / "Inform",
    }
}

/// An agenda item as pages and the API show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AgendaItem {
    pub id: AgendaItemId,
    pub title: String,
    pub kind: ItemKind,
    pub minutes: u32,
    pub owner_id: Option<AttendeeId>,
    /// 0-based place in the agenda.
    pub position: u32,
    pub resolved_async: bool,
    pub resolution: String,
    /// The row's version, sent as the `ETag` header rather than in the body.
    #[serde(skip)]
    pub version: u64,
}

/// The fields of an agenda item, all optional: adding requires title, kind and minutes; a
/// `PATCH` changes what it names, including `position` (moving the item) and the async
/// resolution.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AgendaItemInput {
    pub title: Option<String>,
    pub kind: Option<ItemKind>,
    pub minutes: Option<i64>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub owner_id: Option<Option<AttendeeId>>,
    pub position: Option<i64>,
    pub resolved_async: Option<bool>,
    pub resolution: Option<String>,
}

/// A complete, valid item (its position is handled apart: it moves the others).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaFields {
    pub title: String,
    pub kind: ItemKind,
    pub minutes: u32,
    pub owner_id: Option<AttendeeId>,
    pub resolved_async: bool,
    pub resolution: String,
}

impl AgendaItemInput {
    pub fn into_new(self) -> Result<AgendaFields, AppError> {
        let mut missing = Checks::default();
        missing
            .check(self.title.is_some(), "title", "Enter the item's title")
            .check(self.kind.is_some(), "kind", "Choose the kind of item")
            .check(
                self.minutes.is_some(),
                "minutes",
                "Enter the minutes it needs",
            );
        missing.finish()?;
        let base = AgendaFields {
            title: String::new(),
            kind: ItemKind::default(),
            minutes: 1,
            owner_id: None,
            resolved_async: false,
            resolution: String::new(),
        };
        self.apply_to(base)
    }

    pub fn apply_to(self, current: AgendaFields) -> Result<AgendaFields, AppError> {
        let mut next = current;
        let mut checks = Checks::default();
        if let Some(title) = self.title {
            next.title = title.trim().to_owned();
        }
        if let Some(kind) = self.kind {
            next.kind = kind;
        }
        if let Some(minutes) = self.minutes {
            let ok = (1..=i64::from(MINUTES_MAX)).contains(&minutes);
            checks.check(
                ok,
                "minutes",
                format!("Minutes must be between 1 and {MINUTES_MAX}"),
            );
            if ok {
                next.minutes = minutes as u32;
            }
        }
        if let Some(owner) = self.owner_id {
            next.owner_id = owner;
        }
        if let Some(resolved) = self.resolved_async {
            next.resolved_async = resolved;
        }
        if let Some(resolution) = self.resolution {
            next.resolution = trimmed(Some(resolution)).unwrap_or_default();
        }
        if let Some(position) = self.position {
            checks.check(position >= 0, "position", "Position must be 0 or more");
        }
        checks
            .check(!next.title.is_empty(), "title", "Enter the item's title")
            .check(
                char_len(&next.title) <= TITLE_MAX,
                "title",
                format!("Title must be {TITLE_MAX} characters or fewer"),
            )
            .check(
                char_len(&next.resolution) <= RESOLUTION_MAX,
                "resolution",
                format!("Resolution must be {RESOLUTION_MAX} characters or fewer"),
            );
        checks.finish().map(|()| next)
    }
}

/// The agenda's planned minutes against the meeting's duration.
pub fn total_minutes(items: &[AgendaItem]) -> u32 {
    items.iter().map(|i| i.minutes).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> AgendaItemInput {
        AgendaItemInput {
            title: Some(" Choose a vendor ".into()),
            kind: Some(ItemKind::Decide),
            minutes: Some(20),
            ..Default::default()
        }
    }

    #[test]
    fn new_items_need_title_kind_and_minutes() {
        let ok = input().into_new().unwrap();
        assert_eq!((ok.title.as_str(), ok.minutes), ("Choose a vendor", 20));
        let err = AgendaItemInput::default().into_new().unwrap_err();
        let fields: Vec<_> = err
            .field_errors()
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(fields, ["title", "kind", "minutes"]);
    }

    #[test]
    fn minutes_are_between_one_and_eight_hours() {
        for (m, ok) in [(0, false), (1, true), (480, true), (481, false)] {
            let mut i = input();
            i.minutes = Some(m);
            assert_eq!(i.into_new().is_ok(), ok, "{m}");
        }
    }

    #[test]
    fn kinds_parse_by_name() {
        assert_eq!("inform".parse::<ItemKind>().unwrap(), ItemKind::Inform);
        assert_eq!(
            "chat".parse::<ItemKind>().unwrap_err().field(),
            Some("kind")
        );
    }
}
