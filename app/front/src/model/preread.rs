//! Pre-reads: Markdown documents circulated before the meeting, rendered once on the server into
//! blocks with stable ids that comments anchor to.

use super::meeting::TITLE_MAX;
use super::{PrereadId, char_len};
use crate::error::{AppError, Checks};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub const MARKDOWN_MAX: usize = 200_000;
pub const PREREADS_MAX: usize = 50;
/// Versions kept per pre-read (API.md, "Limits").
pub const VERSIONS_MAX: u32 = 200;

/// HTML that went through the server's one sanitiser (`app::ssr::text::markdown`). The only thing
/// pages may put into `inner_html`. Its constructor exists only in the server's build (the
/// sanitiser and the rows it stored call it); the browser receives it already made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, Default)]
#[serde(transparent)]
pub struct SafeHtml(String);

impl SafeHtml {
    #[cfg(feature = "ssr")]
    pub fn from_sanitized(html: String) -> Self {
        Self(html)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// One top-level block of a pre-read (a paragraph, heading, list item, table, quote, code
/// block...). Its id derives from its content, so it survives new versions unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Block {
    pub id: String,
    pub kind: String,
    /// The block's plain text: what a comment quotes.
    pub text: String,
    /// The block's sanitised HTML; its element carries `id`.
    #[serde(skip_serializing_if = "is_empty_html", default)]
    #[schema(value_type = String)]
    pub html: SafeHtml,
}

fn is_empty_html(h: &SafeHtml) -> bool {
    h.0.is_empty()
}

/// A pre-read as pages and the API show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Preread {
    pub id: PrereadId,
    pub title: String,
    pub required: bool,
    pub version: u32,
    pub reading_minutes: u32,
    /// The whole document, sanitised; each block element's `id` is its `blocks[].id`.
    #[schema(value_type = String)]
    pub html: SafeHtml,
    pub blocks: Vec<Block>,
    /// The Markdown of this version (the organizer edits it).
    pub markdown: String,
}

/// Creating or replacing a pre-read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PrereadInput {
    pub title: Option<String>,
    pub markdown: Option<String>,
    pub required: Option<bool>,
}

impl PrereadInput {
    /// Checks the fields given; `creating` requires title and markdown.
    pub fn validate(&self, creating: bool) -> Result<(), AppError> {
        let mut checks = Checks::default();
        if creating {
            checks.check(self.title.is_some(), "title", "Enter the pre-read's title");
        }
        checks.check(self.markdown.is_some(), "markdown", "Write the pre-read");
        if let Some(title) = &self.title {
            checks
                .check(
                    !title.trim().is_empty(),
                    "title",
                    "Enter the pre-read's title",
                )
                .check(
                    char_len(title) <= TITLE_MAX,
                    "title",
                    format!("Title must be {TITLE_MAX} characters or fewer"),
                );
        }
        if let Some(md) = &self.markdown {
            checks
                .check(!md.trim().is_empty(), "markdown", "Write the pre-read")
                .check(
                    char_len(md) <= MARKDOWN_MAX,
                    "markdown",
                    format!("A pre-read must be {MARKDOWN_MAX} characters or fewer"),
                );
        }
        checks.finish()
    }
}
