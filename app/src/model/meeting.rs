//! The meeting brief: its purpose kinds, statuses, the input that creates one and its read models.

use super::{MeetingId, char_len};
use crate::error::{AppError, Checks};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

pub const TITLE_MAX: usize = 200;
pub const OUTCOME_MAX: usize = 10_000;
pub const DEFAULT_DURATION_MINUTES: u32 = 30;
pub const DEFAULT_TIME_ZONE: &str = "UTC";

/// Why the meeting exists (PRODUCT.md). The kind steers the verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PurposeKind {
    #[default]
    Decide,
    Solve,
    Brainstorm,
    Plan,
    Inform,
    Connect,
}

impl PurposeKind {
    pub const ALL: [Self; 6] = [
        Self::Decide,
        Self::Solve,
        Self::Brainstorm,
        Self::Plan,
        Self::Inform,
        Self::Connect,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Decide => "decide",
            Self::Solve => "solve",
            Self::Brainstorm => "brainstorm",
            Self::Plan => "plan",
            Self::Inform => "inform",
            Self::Connect => "connect",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Decide => "Decide",
            Self::Solve => "Solve a problem",
            Self::Brainstorm => "Brainstorm",
            Self::Plan => "Plan",
            Self::Inform => "Inform",
            Self::Connect => "Connect",
        }
    }

    /// One line that helps the organizer pick honestly.
    pub fn explanation(self) -> &'static str {
        match self {
            Self::Decide => {
                "Reach a decision. Needs a decider; options and trade-offs can be written up first."
            }
            Self::Solve => {
                "Work through a problem together. Pre-reads and comments often solve much of it first."
            }
            Self::Brainstorm => {
                "Generate ideas together. One of the few kinds that gains from people in one room."
            }
            Self::Plan => {
                "Agree on who does what and when. Much of it can be drafted asynchronously."
            }
            Self::Inform => {
                "Share information. It rarely needs a meeting: a written update usually does it."
            }
            Self::Connect => "Build relationships and trust. Being together is the point.",
        }
    }
}

impl fmt::Display for PurposeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PurposeKind {
    type Err = AppError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                AppError::invalid(
                    "purpose_kind",
                    "Purpose kind must be one of decide, solve, brainstorm, plan, inform, connect.",
                )
            })
    }
}

/// Where a meeting is in its life (PRODUCT.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    #[default]
    Draft,
    Circulating,
    Held,
    Shortened,
    Cancelled,
}

impl MeetingStatus {
    pub const ALL: [Self; 5] = [
        Self::Draft,
        Self::Circulating,
        Self::Held,
        Self::Shortened,
        Self::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Circulating => "circulating",
            Self::Held => "held",
            Self::Shortened => "shortened",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::Circulating => "Circulating",
            Self::Held => "Held",
            Self::Shortened => "Shortened",
            Self::Cancelled => "Cancelled",
        }
    }
}

impl FromStr for MeetingStatus {
    type Err = AppError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| AppError::invalid("status", "Unknown meeting status."))
    }
}

/// The input that creates a meeting, as the first step of the brief asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMeeting {
    pub title: String,
    pub purpose_kind: PurposeKind,
    pub outcome: String,
}

impl NewMeeting {
    /// Trims the free text and checks every rule, reporting all failures at once.
    pub fn validate(mut self) -> Result<Self, AppError> {
        self.title = self.title.trim().to_owned();
        self.outcome = self.outcome.trim().to_owned();
        let mut checks = Checks::default();
        checks
            .check(!self.title.is_empty(), "title", "Enter a title")
            .check(
                char_len(&self.title) <= TITLE_MAX,
                "title",
                format!("Title must be {TITLE_MAX} characters or fewer"),
            )
            .check(
                !self.outcome.is_empty(),
                "outcome",
                "Enter the desired outcome: by the end we will have ...",
            )
            .check(
                char_len(&self.outcome) <= OUTCOME_MAX,
                "outcome",
                format!("Desired outcome must be {OUTCOME_MAX} characters or fewer"),
            );
        checks.finish().map(|()| self)
    }
}

/// A meeting as its brief page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    pub id: MeetingId,
    pub title: String,
    pub purpose_kind: PurposeKind,
    pub outcome: String,
    pub duration_minutes: u32,
    pub time_zone: String,
    pub status: MeetingStatus,
    pub created_at: jiff::Timestamp,
}

/// A meeting as a list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingSummary {
    pub id: MeetingId,
    pub title: String,
    pub purpose_kind: PurposeKind,
    pub status: MeetingStatus,
    pub created_at: jiff::Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(title: &str, outcome: &str) -> NewMeeting {
        NewMeeting {
            title: title.into(),
            purpose_kind: PurposeKind::Decide,
            outcome: outcome.into(),
        }
    }

    #[test]
    fn purpose_kinds_round_trip_through_their_names() {
        for kind in PurposeKind::ALL {
            assert_eq!(kind.as_str().parse::<PurposeKind>().unwrap(), kind);
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.as_str())
            );
        }
        assert_eq!(
            "party".parse::<PurposeKind>().unwrap_err().code(),
            "invalid"
        );
    }

    #[test]
    fn validation_trims_and_accepts_a_good_brief() {
        let ok = input("  Pick a vendor ", " A signed choice ")
            .validate()
            .unwrap();
        assert_eq!(ok.title, "Pick a vendor");
        assert_eq!(ok.outcome, "A signed choice");
    }

    #[test]
    fn validation_reports_every_broken_rule() {
        let err = input("   ", "").validate().unwrap_err();
        let fields: Vec<_> = err
            .field_errors()
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(fields, ["title", "outcome"]);
        assert_eq!(err.code(), "validation");
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        assert!(input(&"é".repeat(TITLE_MAX), "x").validate().is_ok());
        let err = input(&"é".repeat(TITLE_MAX + 1), "x")
            .validate()
            .unwrap_err();
        assert_eq!(err.field(), Some("title"));
        assert!(input("t", &"x".repeat(OUTCOME_MAX + 1)).validate().is_err());
    }
}
