//! The organizer's decision on a meeting and the written outcome record it produces.

use super::Meeting;
use crate::error::AppError;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use utoipa::ToSchema;

/// Longest note an organizer may add to a decision.
pub const NOTE_MAX: usize = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Cancel,
    Shorten,
    Hold,
}

impl Decision {
    pub const ALL: [Self; 3] = [Self::Cancel, Self::Shorten, Self::Hold];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Cancel => "cancel",
            Self::Shorten => "shorten",
            Self::Hold => "hold",
        }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Decision {
    type Err = AppError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|d| d.as_str() == s)
            .ok_or_else(|| AppError::invalid("decision", "Choose cancel, shorten or hold"))
    }
}

/// `POST /api/v1/meetings/{id}/decision`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DecisionInput {
    pub decision: Option<Decision>,
    pub note: Option<String>,
}

impl DecisionInput {
    pub fn validate(self) -> Result<(Decision, String), AppError> {
        let decision = self
            .decision
            .ok_or_else(|| AppError::validation("decision", "Choose cancel, shorten or hold"))?;
        let note = self.note.unwrap_or_default().trim().to_owned();
        if super::char_len(&note) > NOTE_MAX {
            return Err(AppError::validation(
                "note",
                format!("Keep the note under {NOTE_MAX} characters"),
            ));
        }
        Ok((decision, note))
    }
}

/// The written record of what happened, for everyone invited, `informed` people included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Outcome {
    pub decision: Decision,
    pub note: String,
    /// The record as Markdown, ready to download or paste.
    pub markdown: String,
    /// The same, rendered and sanitised by the server.
    #[schema(value_type = String)]
    pub html: super::preread::SafeHtml,
    #[schema(value_type = String, format = DateTime)]
    pub decided_at: jiff::Timestamp,
}

/// The answer to a decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Decided {
    pub meeting: Meeting,
    pub outcome: Outcome,
}

/// What the verdict page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerdictPage {
    pub meeting_id: super::MeetingId,
    pub title: String,
    pub status: super::MeetingStatus,
    pub time_zone: String,
    pub organizer: bool,
    pub verdict: crate::verdict::Verdict,
    /// Names for the ids the verdict mentions.
    pub names: Vec<(super::AttendeeId, String)>,
    /// How many people would be in the room.
    pub meeting_count: u32,
    /// The day the working-hours chart shows.
    pub day: Option<crate::verdict::DayHours>,
    pub outcome: Option<Outcome>,
}
