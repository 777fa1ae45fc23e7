//! What the verdict page reads: the engine's answer for one meeting, with the names and the day
//! it speaks of, and the outcome once there is one.

use super::{DayHours, Verdict};
use crate::model::outcome::Outcome;
use crate::model::{AttendeeId, MeetingId, MeetingStatus};
use serde::{Deserialize, Serialize};

/// What the verdict page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerdictPage {
    pub meeting_id: MeetingId,
    pub title: String,
    pub status: MeetingStatus,
    pub time_zone: String,
    pub organizer: bool,
    pub verdict: Verdict,
    /// Names for the ids the verdict mentions.
    pub names: Vec<(AttendeeId, String)>,
    /// How many people would be in the room.
    pub meeting_count: u32,
    /// The day the working-hours chart shows.
    pub day: Option<DayHours>,
    pub outcome: Option<Outcome>,
    /// Whether the meeting has a start, and so a calendar file.
    pub has_start: bool,
}
