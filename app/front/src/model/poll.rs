//! Polls: a question with options, one changeable vote per attendee until the deadline.

use super::meeting::TITLE_MAX;
use super::{PollId, char_len};
use crate::error::{AppError, Checks};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub const OPTIONS_MAX: usize = 20;
/// Polls per meeting, the built-in one included (API.md, "Limits").
pub const POLLS_MAX: usize = 50;
pub const REASON_MAX: usize = 10_000;
pub const BUILTIN_QUESTION: &str = "Do we still need to meet?";
pub const BUILTIN_OPTIONS: [&str; 2] = [
    "Yes, we need to meet",
    "No, we can settle it without meeting",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Poll {
    pub id: PollId,
    pub question: String,
    pub options: Vec<String>,
    pub anonymous: bool,
    pub hide_results: bool,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub closes_at: Option<Timestamp>,
    /// Decided when read: the deadline has passed.
    pub closed: bool,
    /// Votes per option, in option order; `null` while results are hidden.
    pub tally: Option<Vec<u32>>,
    /// The built-in "Do we still need to meet?".
    pub builtin: bool,
    /// The caller's own vote (option index), for attendees.
    pub my_vote: Option<u32>,
    /// The caller's own reason, kept in their form, for attendees.
    pub my_reason: Option<String>,
    /// The reasons people gave, by option and never by whom (a ballot leaves the server only
    /// in the tally): the organizer's, once the results show; empty for others.
    pub reasons: Vec<VoteReason>,
}

/// One reason given with a vote, without its voter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct VoteReason {
    /// The option voted for (its index).
    pub option: u32,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PollInput {
    pub question: String,
    pub options: Vec<String>,
    #[serde(default)]
    pub anonymous: bool,
    #[serde(default)]
    pub hide_results: bool,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub closes_at: Option<Timestamp>,
}

impl PollInput {
    pub fn validate(mut self) -> Result<Self, AppError> {
        self.question = self.question.trim().to_owned();
        self.options = self
            .options
            .into_iter()
            .map(|o| o.trim().to_owned())
            .collect();
        let mut checks = Checks::default();
        checks
            .check(!self.question.is_empty(), "question", "Write the question")
            .check(
                char_len(&self.question) <= TITLE_MAX,
                "question",
                format!("The question must be {TITLE_MAX} characters or fewer"),
            )
            .check(
                self.options.len() >= 2,
                "options",
                "Give at least two options",
            )
            .check(
                self.options.len() <= OPTIONS_MAX,
                "options",
                format!("A poll can have at most {OPTIONS_MAX} options"),
            )
            .check(
                self.options
                    .iter()
                    .all(|o| !o.is_empty() && char_len(o) <= TITLE_MAX),
                "options",
                format!("Each option needs text, at most {TITLE_MAX} characters"),
            );
        checks.finish().map(|()| self)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct VoteInput {
    pub option: i64,
    pub reason: Option<String>,
}

/// A vote as its voter sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Vote {
    pub poll_id: PollId,
    pub option: u32,
    pub reason: String,
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: Timestamp,
}
