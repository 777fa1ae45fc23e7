//! What the browser's forms post: every answer as the text the person typed, so nothing is lost
//! to a parse error and each failure names its field. The server turns these into the typed
//! inputs (`ssr::forms`), the same ones the JSON API takes.

use serde::{Deserialize, Serialize};

/// The query parameter that carries a failed form's answers back to it (no-WASM posts).
pub const KEPT_PARAM: &str = "__form";

/// The brief's first step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurposeForm {
    pub title: String,
    pub purpose_kind: String,
    pub outcome: String,
    #[serde(default)]
    pub why_live: String,
    /// `YYYY-MM-DDTHH:MM` in the meeting's time zone, or empty.
    #[serde(default)]
    pub starts_at: String,
    pub duration_minutes: String,
    pub time_zone: String,
    #[serde(default)]
    pub response_deadline: String,
    #[serde(default)]
    pub hourly_rate: String,
    /// A checkbox: present ("on") when ticked.
    #[serde(default)]
    pub anonymous: Option<String>,
}

/// One person on the invitation list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonForm {
    pub name: String,
    pub email: String,
    pub role: String,
    #[serde(default)]
    pub reason: String,
    /// Empty: the meeting's time zone.
    #[serde(default)]
    pub time_zone: String,
    #[serde(default)]
    pub work_start: String,
    #[serde(default)]
    pub work_end: String,
}

/// One agenda item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemForm {
    pub title: String,
    pub kind: String,
    pub minutes: String,
    /// Empty: nobody yet.
    #[serde(default)]
    pub owner_id: String,
    /// A checkbox: present when the item was settled without meeting.
    #[serde(default)]
    pub resolved_async: Option<String>,
    #[serde(default)]
    pub resolution: String,
}

/// A pre-read, as its editor posts it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrereadForm {
    pub title: String,
    pub markdown: String,
    /// A checkbox: present when reading it is required.
    #[serde(default)]
    pub required: Option<String>,
}

/// A comment or reply.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    pub block_id: String,
    pub kind: String,
    pub body: String,
    #[serde(default)]
    pub parent_id: String,
}

/// A new poll; options one per line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollForm {
    pub question: String,
    pub options: String,
    #[serde(default)]
    pub hide_results: Option<String>,
    #[serde(default)]
    pub anonymous: Option<String>,
    /// `YYYY-MM-DDTHH:MM` in the meeting's time zone, or empty.
    #[serde(default)]
    pub closes_at: String,
}
