//! Types shared by the server and the browser: ids, the typed inputs of each command with their
//! validation, and the read models pages render.

mod ids;
pub mod meeting;

pub use ids::MeetingId;
pub use meeting::{Meeting, MeetingStatus, MeetingSummary, NewMeeting, PurposeKind};

/// Length of a string as a person counts it (Unicode scalar values), for the API's limits.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}
