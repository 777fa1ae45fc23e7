//! The discussion: pre-reads, comments and polls.

use super::{ReadForm, local_time};
use crate::error::AppError;
use crate::error::Checks;
use crate::model::forms::{CommentForm, PollForm, PrereadForm};
use crate::model::{CommentInput, PollInput, PrereadInput};

impl ReadForm for PrereadForm {
    type Input = PrereadInput;

    fn into_input(self) -> Result<PrereadInput, AppError> {
        Ok(PrereadInput {
            title: Some(self.title),
            markdown: Some(self.markdown),
            required: Some(self.required.is_some()),
        })
    }
}

impl ReadForm for CommentForm {
    type Input = CommentInput;

    fn into_input(self) -> Result<CommentInput, AppError> {
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

/// The poll; `closes_at` is read in the meeting's time zone.
pub fn poll_input(form: PollForm, zone: &jiff::tz::TimeZone) -> Result<PollInput, AppError> {
    let mut problems = Checks::default();
    let closes_at = local_time(&form.closes_at, Some(zone)).unwrap_or_else(|()| {
        problems.add("closes_at", "Enter the deadline as a date and a time");
        None
    });
    let input = PollInput {
        question: form.question,
        options: form
            .options
            .lines()
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .map(str::to_owned)
            .collect(),
        anonymous: form.anonymous.is_some(),
        hide_results: form.hide_results.is_some(),
        closes_at,
    };
    problems
        .merge(input.clone().validate().map(|_| ()))
        .map(|()| input)
}
