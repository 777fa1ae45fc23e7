//! What the pre-read page and the brief's readiness and poll sections render.

use super::comment::CommentKind;
use super::{
    AttendeeId, Comment, CommentId, MeetingId, MeetingViewer, Poll, Preread, PrereadId, Role,
};
use serde::{Deserialize, Serialize};

/// Where comments cluster on one block: counts by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockFocus {
    pub block_id: String,
    pub counts: Vec<(CommentKind, u32)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrereadPage {
    pub meeting_id: MeetingId,
    pub meeting_title: String,
    pub anonymous: bool,
    pub viewer: MeetingViewer,
    pub preread: Preread,
    pub comments: Vec<Comment>,
    /// For an attendee: whether they marked it read.
    pub read: bool,
    /// The threads the viewer started: theirs to resolve (the organizer may resolve any).
    pub own_threads: Vec<CommentId>,
    /// For the organizer: comment counts per block.
    pub focus: Vec<BlockFocus>,
}

/// Who has read what, and who is ready: the organizer's view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Readiness {
    pub prereads: Vec<PrereadProgress>,
    pub people: Vec<PersonProgress>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrereadProgress {
    pub id: PrereadId,
    pub title: String,
    pub required: bool,
    pub read: u32,
    pub of: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonProgress {
    pub id: AttendeeId,
    pub name: String,
    pub role: Role,
    pub required_read: u32,
    pub required_total: u32,
    pub ready: bool,
    pub not_needed: bool,
}

/// The brief's discussion sections, for whoever is looking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discussion {
    pub polls: Vec<Poll>,
    /// The organizer's readiness view; `None` for attendees.
    pub readiness: Option<Readiness>,
    /// The attendee's own pre-reads read, ready and not-needed state.
    pub mine: Option<(Vec<PrereadId>, bool, bool)>,
    /// What the attendee chose to receive.
    pub my_notifications: Option<super::Notifications>,
    /// The attendee is informed: they need the outcome, not the meeting, and are asked nothing.
    pub informed: bool,
    /// Open questions, concerns and blockers across the pre-reads, with their pre-read.
    pub open: Vec<(PrereadId, String, Comment)>,
}
