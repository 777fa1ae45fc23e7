//! The discussion: pre-reads, comments and polls.

use super::local_time;
use crate::error::AppError;
use crate::error::Checks;
use crate::model::forms::{CommentForm, PollForm, PrereadForm};
use crate::model::{CommentInput, PollInput, PrereadInput};

impl PrereadForm {
    pub fn into_input(self) -> PrereadInput {
        PrereadInput {
            title: Some(self.title),
            markdown: Some(self.markdown),
            required: Some(self.required.is_some()),
        }
    }
}

impl CommentForm {
    pub fn into_input(self) -> Result<CommentInput, AppError> {
        let mut problems = Checks::default();
        let kind = self.kind.parse().unwrap_or_else(|_| {
            problems.add("kind", "Choose what kind of comment this is");
            Default::default()
        });
        let parent_id = if self.parent_id.trim().is_empty() {
            None
        } else {
            self.parent_id.trim().parse().ok()
        };
        let input = CommentInput {
            block_id: Some(self.block_id),
            kind,
            body: self.body,
            parent_id,
        };
        problems
            .merge(input.clone().validate().map(|_| ()))
            .map(|()| input)
    }
}

impl PollForm {
    /// The poll; `closes_at` is read in the meeting's time zone.
    pub fn into_input(self, zone: &jiff::tz::TimeZone) -> Result<PollInput, AppError> {
        let mut problems = Checks::default();
        let closes_at = local_time(&self.closes_at, Some(zone)).unwrap_or_else(|()| {
            problems.add("closes_at", "Enter the deadline as a date and a time");
            None
        });
        let input = PollInput {
            question: self.question,
            options: self
                .options
                .lines()
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .map(str::to_owned)
                .collect(),
            anonymous: self.anonymous.is_some(),
            hide_results: self.hide_results.is_some(),
            closes_at,
        };
        problems
            .merge(input.clone().validate().map(|_| ()))
            .map(|()| input)
    }
}
