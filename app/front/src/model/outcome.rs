//! The organizer's decision on a meeting and the written outcome record it produces.

use super::Meeting;
use super::names::names;
use crate::error::AppError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Longest note an organizer may add to a decision.
pub const NOTE_MAX: usize = 10_000;

names! {
    Decision("decision", "Decision") {
        Cancel = "cancel" / "Cancelled, going async",
        Shorten = "shorten" / "Shortened",
        Hold = "hold" / "Held as planned",
    }
}

names! {
    VerdictKind("verdict", "Verdict") {
        NotReady = "not_ready" / "Not ready",
        Cancel = "cancel" / "Cancel and go async",
        Shorten = "shorten" / "Shorten",
        Hold = "hold" / "Hold",
    }
}

impl VerdictKind {
    /// How much meeting the verdict asks for: resolving a thread or an item never raises it.
    pub fn liveness(self) -> u8 {
        match self {
            Self::Cancel => 0,
            Self::Shorten => 1,
            Self::Hold => 2,
            Self::NotReady => 3,
        }
    }
}

/// `POST /api/v1/meetings/{id}/decision`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DecisionInput {
    pub decision: Option<Decision>,
    pub note: Option<String>,
    /// Action items written with the decision (API.md, "Action items and feedback").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<crate::model::action::ActionInput>>,
}

impl DecisionInput {
    pub fn validate(&self) -> Result<(Decision, String), AppError> {
        let decision = self
            .decision
            .ok_or_else(|| AppError::validation("decision", "Choose cancel, shorten or hold"))?;
        let note = self.note.clone().unwrap_or_default().trim().to_owned();
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
