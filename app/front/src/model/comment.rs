//! Comments on pre-reads: anchored to a block, with a kind, replies and a resolved flag.

use super::attendee::REASON_MAX;
use super::names::names;
use super::{CommentId, Role, char_len};
use crate::error::{AppError, Checks};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub const BODY_MAX: usize = REASON_MAX;
/// Comments one person may write on one pre-read (API.md, "Limits").
pub const COMMENTS_PER_AUTHOR_MAX: usize = 500;

names! {
    #[derive(Default)]
    CommentKind("kind", "Kind") {
        #[default]
        Question = "question" / "Question",
        Concern = "concern" / "Concern",
        Suggestion = "suggestion" / "Suggestion",
        Agree = "agree" / "Agree",
        Blocker = "blocker" / "Blocker",
    }
}

impl CommentKind {
    /// "1 concern", "2 concerns", "3 agreements": a count of threads of this kind.
    pub fn count_text(self, n: usize) -> String {
        let (one, many) = match self {
            Self::Question => ("question", "questions"),
            Self::Concern => ("concern", "concerns"),
            Self::Suggestion => ("suggestion", "suggestions"),
            Self::Agree => ("agreement", "agreements"),
            Self::Blocker => ("blocker", "blockers"),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }

    /// Kinds the meeting must deal with while they are open.
    pub fn needs_attention(self) -> bool {
        matches!(self, Self::Question | Self::Concern | Self::Blocker)
    }
}

/// Who wrote a comment; absent in anonymous meetings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CommentAuthor {
    pub name: String,
    /// The author's role; `null` for the organizer.
    pub role: Option<Role>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Comment {
    pub id: CommentId,
    pub block_id: Option<String>,
    /// The block's text when the comment was made.
    pub quote: String,
    pub kind: CommentKind,
    pub body: String,
    pub parent_id: Option<CommentId>,
    pub author: Option<CommentAuthor>,
    pub resolved: bool,
    /// True when the current version no longer has the block unchanged.
    pub outdated: bool,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: jiff::Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CommentInput {
    pub block_id: Option<String>,
    pub kind: CommentKind,
    pub body: String,
    pub parent_id: Option<CommentId>,
}

impl CommentInput {
    pub fn validate(mut self) -> Result<Self, AppError> {
        self.body = self.body.trim().to_owned();
        self.block_id = self.block_id.filter(|b| !b.trim().is_empty());
        let mut checks = Checks::default();
        checks
            .check(!self.body.is_empty(), "body", "Write your comment")
            .check(
                char_len(&self.body) <= BODY_MAX,
                "body",
                format!("A comment must be {BODY_MAX} characters or fewer"),
            );
        checks.finish().map(|()| self)
    }
}
