//! What the brief's pages render: the meeting plus what only the server can work out for this
//! viewer (times in their time zone, the purpose form with local times).

use super::forms::PurposeForm;
use super::{AttendeeId, Meeting, Role};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Brief {
    pub meeting: Meeting,
    /// The zone times are shown in: the attendee's own, else the meeting's.
    pub time_zone: String,
    /// "Tue 1 Dec 2026, 15:00", in `time_zone`.
    pub starts_at: Option<String>,
    pub response_deadline: Option<String>,
    /// The purpose step's answers as stored (organizer only; empty for attendees).
    pub purpose_form: PurposeForm,
    /// What the organizer should know before circulating (organizer only).
    pub warnings: Vec<String>,
    /// Why the verdict calls a draft not ready (organizer only): circulating it then asks for
    /// an explicit "anyway".
    pub not_ready: Vec<String>,
    /// The series it is an occurrence of, for the line that says so.
    pub series: Option<crate::model::series::SeriesLine>,
}

/// A personal link, shown once, right after it was issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedLink {
    pub attendee_id: AttendeeId,
    pub name: String,
    pub role: Role,
    pub link: String,
}

/// A link as the links page offers it: with a `mailto:` that opens the person's invitation,
/// their link in it, in the organizer's own mail program, for those who send by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkToSend {
    pub issued: IssuedLink,
    /// `None` when the person is no longer on the meeting.
    pub mailto: Option<String>,
}
